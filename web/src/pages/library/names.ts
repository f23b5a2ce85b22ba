/**
 * How a library object is named where a page mentions it: its title (from the object index), the
 * reference people cite it by (T7.04 in the toolkit, "ICoC ¶35", "GDPR Art. 9": a provision's own
 * `ref` with its framework, never its URN id), and the page that shows it. Never the URN.
 * Pure, tested in names.test.ts.
 */
import { pathOfUrn, urnParts } from './links.ts'

/** Kinds known by a number as well as a title. */
const NUMBERED_KINDS = new Set(['requirement', 'area', 'provision', 'principle', 'element'])

export type TUrnName = {
  /** The number or framework it is cited with ("T7.04", "ICoC ¶35"), when it has one. */
  ref?: string
  /** Whether `ref` is a toolkit number (set like one) rather than a citation in words. */
  isNumber?: boolean
  /** Its title, or null while titles are loading or when the library has no such object. */
  title: string | null
  path: string
}

export type TNameSources = {
  titleOf: (urn: string) => string | undefined
  /** The framework an object belongs to, as its URN (from the index's `parent`). */
  parentOf: (urn: string) => string | undefined
  /** The short name of a framework (ICoC, VPs), by its URN. */
  shortOf: (frameworkUrn: string) => string | undefined
  /** A provision's own reference and part ("¶30-32"; "GDPR Art. 9" in part "GDPR"), once loaded. */
  provisionRefOf: (urn: string) => { ref: string; part?: string } | undefined
}

/**
 * "ICoC ¶30-32": a provision's reference after its framework's short name. A provision with a `part`
 * (the laws gathered as law anchors) already names its law in its reference ("AI Act Art. 14").
 */
export function citation(own: { ref: string; part?: string }, short: string | undefined): string {
  if (own.part || !short || own.ref.startsWith(short)) return own.ref
  return `${short} ${own.ref}`
}

/** The name and page of `urn`; `title` overrides the index's title (the API sometimes sends it along). */
export function nameOfUrn(urn: string, sources: TNameSources, title?: string | null): TUrnName {
  const parts = urnParts(urn)
  const name = { title: title ?? sources.titleOf(urn) ?? null, path: pathOfUrn(urn) }
  if (!parts || !NUMBERED_KINDS.has(parts.kind)) return name
  if (parts.library === 'toolkit') return { ...name, ref: parts.id, isNumber: true }
  const parent = sources.parentOf(urn)
  const short = parent ? sources.shortOf(parent) : undefined
  const own = sources.provisionRefOf(urn)
  if (own) return { ...name, ref: citation(own, short) }
  return short ? { ...name, ref: short } : name
}
