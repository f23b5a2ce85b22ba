/**
 * Where a library URN is shown in the web app, and how the text locale travels in links
 * (`?locale=fr`, left out when it is the interface language, the default). Pure functions, tested
 * in links.test.ts.
 */
import { isLibraryLocale, type TLibraryLocale } from '../../api/library.ts'
import { currentLocale } from '../../i18n/i18n.ts'

export const LIBRARY_PATH = '/library'

const URN = /^urn:custos:([a-z0-9-]+):([a-z0-9-]+):([A-Za-z0-9._-]+)$/

export type TUrnParts = { library: string; kind: string; id: string }

export function urnParts(urn: string): TUrnParts | null {
  const match = URN.exec(urn)
  if (!match) return null
  return { library: match[1] as string, kind: match[2] as string, id: match[3] as string }
}

/** The part of a URN after its kind: `T2.01` for a requirement, `p30` for an ICoC paragraph. */
export function urnId(urn: string): string {
  return urnParts(urn)?.id ?? urn
}

/** Element id of a requirement, area or provision on its framework page. */
export function anchorOf(urn: string): string {
  return urnId(urn)
}

/** Element id of a risk template on its technology page. */
export function riskAnchor(riskId: string): string {
  return `risk-${riskId}`
}

/** Element id of a question on its questionnaire page. */
export function questionAnchor(questionId: string): string {
  return `q-${questionId}`
}

/** Splits `owner.rest` at the first dot (risk and question URNs carry their owner's id first). */
function splitOwner(id: string): [string, string] | null {
  const dot = id.indexOf('.')
  if (dot <= 0 || dot === id.length - 1) return null
  return [id.slice(0, dot), id.slice(dot + 1)]
}

export const libraryPaths = {
  home: LIBRARY_PATH,
  framework: (id: string) => `${LIBRARY_PATH}/frameworks/${encodeURIComponent(id)}`,
  technology: (id: string) => `${LIBRARY_PATH}/technologies/${encodeURIComponent(id)}`,
  questionnaire: (id: string) => `${LIBRARY_PATH}/questionnaires/${encodeURIComponent(id)}`,
  // The URN goes in the query: a path ending in `.01` would be taken for a file by the server.
  object: (urn: string) => `${LIBRARY_PATH}/object?${new URLSearchParams({ urn })}`,
}

/**
 * The page that shows a URN: technologies, questionnaires and frameworks have their own pages,
 * risk templates and questions are anchors on their owner's page, everything else (requirements,
 * provisions, areas, topics, groups, …) has an object page with its crosswalk links.
 */
export function pathOfUrn(urn: string): string {
  const parts = urnParts(urn)
  if (!parts) return libraryPaths.object(urn)
  const { kind, id } = parts
  if (kind === 'technology') return libraryPaths.technology(id)
  if (kind === 'questionnaire') return libraryPaths.questionnaire(id)
  if (kind === 'framework') return libraryPaths.framework(id)
  if (kind === 'risk' || kind === 'question') {
    const owner = splitOwner(id)
    if (owner) {
      const [ownerId, rest] = owner
      const base = kind === 'risk' ? libraryPaths.technology(ownerId) : libraryPaths.questionnaire(ownerId)
      return `${base}#${kind === 'risk' ? riskAnchor(rest) : questionAnchor(rest)}`
    }
  }
  return libraryPaths.object(urn)
}

/** A requirement, area or provision on its framework page (the framework is the object's parent). */
export function pathInFramework(urn: string, frameworkUrn: string): string {
  return `${libraryPaths.framework(urnId(frameworkUrn))}#${anchorOf(urn)}`
}

/** The locale in `?locale=`, or the interface language when it is absent or not one the library serves. */
export function localeFromSearch(search: string, fallback: TLibraryLocale = currentLocale()): TLibraryLocale {
  const value = new URLSearchParams(search).get('locale')
  return isLibraryLocale(value) ? value : fallback
}

/** `path` with `?locale=` added before any `#fragment` (nothing added for the interface language). */
export function withLocale(
  path: string,
  locale: TLibraryLocale,
  fallback: TLibraryLocale = currentLocale(),
): string {
  if (locale === fallback) return path
  const hashAt = path.indexOf('#')
  const base = hashAt >= 0 ? path.slice(0, hashAt) : path
  const hash = hashAt >= 0 ? path.slice(hashAt) : ''
  return `${base}${base.includes('?') ? '&' : '?'}locale=${locale}${hash}`
}

/**
 * How much of an answer fell back to English, from the languages it holds (Content-Language,
 * docs/contracts.md): `none` when it is all in the chosen language (or English was chosen), `all`
 * when it holds English only, `some` when it holds both.
 */
export function englishFallback(
  locale: TLibraryLocale,
  textLanguages: readonly string[],
): 'none' | 'some' | 'all' {
  if (locale === 'en' || !textLanguages.includes('en')) return 'none'
  return textLanguages.includes(locale) ? 'some' : 'all'
}
