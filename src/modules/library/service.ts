/**
 * Read-only views of the library for the CLI and the API: lists, single objects with their crosswalk
 * links in both directions, frameworks with their areas and requirements, and text search.
 * Pure functions over the loaded library; the edges localise and present them.
 */

import type {
  TArea,
  TCrosswalkLink,
  TLibrary,
  TLibraryObject,
  TProvision,
  TRequirement,
} from '../../content/index.ts'
import {
  crosswalkOf,
  LOCALES,
  OBJECT_KIND_IDS,
  type TLocale,
  type TObjectKind,
  type TText,
} from '../../content/index.ts'
import { closest } from '../../core/suggest.ts'

export type TListEntry = { urn: string; kind: TObjectKind; version: number; title: TText; file: string }

export const isObjectKind = (value: string): value is TObjectKind =>
  (OBJECT_KIND_IDS as string[]).includes(value)

/** Every object, or those of one kind, in content order. */
export const listEntries = (library: TLibrary, kind?: TObjectKind): TListEntry[] =>
  [...library.objects.values()]
    .filter((object) => kind === undefined || object.kind === kind)
    .map(({ urn, kind: k, version, title, file }) => ({ urn, kind: k, version, title, file }))

/** A crosswalk link with the title and kind of the object at the far end. */
export type TCrosswalkView = TCrosswalkLink & { otherTitle: TText | null; otherKind: TObjectKind | null }

export const crosswalkView = (library: TLibrary, urn: string): TCrosswalkView[] =>
  crosswalkOf(library, urn).map((link) => {
    const other = library.objects.get(link.other)
    return { ...link, otherTitle: other?.title ?? null, otherKind: other?.kind ?? null }
  })

export type TObjectView = Omit<TLibraryObject, 'value'> & { value: unknown; crosswalk: TCrosswalkView[] }

/** One object by URN with its crosswalk links, or null. */
export const describeObject = (library: TLibrary, urn: string): TObjectView | null => {
  const object = library.objects.get(urn)
  if (!object) return null
  return { ...object, crosswalk: crosswalkView(library, urn) }
}

/** `content/<path>` for a file of the library, whatever the working directory it was loaded from. */
export const publicFilePath = (library: TLibrary, file: string): string =>
  file.startsWith(`${library.displayDir}/`) ? `content/${file.slice(library.displayDir.length + 1)}` : file

/** The `count` URNs closest to `urn` by edit distance. */
export const nearestUrns = (library: TLibrary, urn: string, count = 3): string[] =>
  closest(urn, library.objects.keys(), count)

// ---------------------------------------------------------------------------------------------
// Frameworks

export type TFrameworkSummary = {
  id: string
  urn: string
  version: number
  title: TText
  short: TText | null
  description: TText | null
  areas: number
  requirements: number
  provisions: number
}

export const frameworkSummaries = (library: TLibrary): TFrameworkSummary[] =>
  [...library.frameworks.values()].map((entry) => ({
    id: entry.id,
    urn: entry.framework.urn,
    version: entry.framework.version,
    title: entry.framework.title,
    short: entry.framework.short ?? null,
    description: entry.framework.description ?? null,
    areas: entry.areas.length,
    requirements: entry.requirements.length,
    provisions: entry.provisions.length,
  }))

export type TFrameworkDetail = Omit<TFrameworkSummary, 'areas' | 'requirements' | 'provisions'> & {
  counts: { areas: number; requirements: number; provisions: number }
  sources: string[]
  areas: (TArea & { requirements: (TRequirement & { crosswalk: TCrosswalkView[] })[] })[]
  provisions: (TProvision & { crosswalk: TCrosswalkView[] })[]
}

/** A framework with its areas (and their requirements) or provisions, each with crosswalk links. */
export const frameworkDetail = (library: TLibrary, id: string): TFrameworkDetail | null => {
  const entry = library.frameworks.get(id)
  const summary = frameworkSummaries(library).find((s) => s.id === id)
  if (!entry || !summary) return null
  const { areas, requirements, provisions, ...rest } = summary
  return {
    ...rest,
    counts: { areas, requirements, provisions },
    sources: entry.framework.sources ?? [],
    areas: entry.areas.map((area) => ({
      ...area,
      requirements: entry.requirements
        .filter((requirement) => requirement.area === area.code)
        .map((requirement) => ({ ...requirement, crosswalk: crosswalkView(library, requirement.urn) })),
    })),
    provisions: entry.provisions.map((provision) => ({
      ...provision,
      crosswalk: crosswalkView(library, provision.urn),
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Search

export const SEARCH_KINDS = [
  'requirement',
  'provision',
  'question',
  'technology',
] as const satisfies TObjectKind[]
export const SEARCH_LIMIT = 50

export type TSearchHit = { urn: string; kind: TObjectKind; title: TText; excerpt: string; score: number }

const textsOf = (value: unknown, locale: TLocale): string[] => {
  if (typeof value !== 'object' || value === null) return []
  const record = value as Record<string, unknown>
  const fields = ['statement', 'summary', 'description', 'help', 'guidance', 'ref']
  const out: string[] = []
  for (const field of fields) {
    const text = record[field]
    if (typeof text === 'string') out.push(text)
    else if (typeof text === 'object' && text !== null) {
      const map = text as Record<string, string | undefined>
      if (map[locale]) out.push(map[locale] as string)
      if (locale !== 'en' && map.en) out.push(map.en)
    }
  }
  return out
}

const excerptAround = (text: string, index: number, length: number): string => {
  const start = Math.max(0, index - 60)
  const end = Math.min(text.length, index + length + 60)
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}

/**
 * Case-insensitive search over titles and texts of requirements, provisions, questions and
 * technologies. Every word of the query must appear; a match in the title ranks first.
 */
export const searchLibrary = (
  library: TLibrary,
  query: string,
  locale: TLocale = 'en',
  limit = SEARCH_LIMIT,
): TSearchHit[] => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const hits: TSearchHit[] = []
  for (const object of library.objects.values()) {
    if (!(SEARCH_KINDS as readonly string[]).includes(object.kind)) continue
    const title = [object.title[locale], locale === 'en' ? undefined : object.title.en]
      .filter(Boolean)
      .join(' ')
    const bodies = [object.urn, ...textsOf(object.value, locale)]
    const haystack = `${title}\n${bodies.join('\n')}`.toLowerCase()
    if (!words.every((word) => haystack.includes(word))) continue
    const inTitle = words.filter((word) => title.toLowerCase().includes(word)).length
    const first = words[0] as string
    const body = bodies.find((text) => text.toLowerCase().includes(first)) ?? ''
    const index = body.toLowerCase().indexOf(first)
    hits.push({
      urn: object.urn,
      kind: object.kind,
      title: object.title,
      excerpt: index >= 0 ? excerptAround(body, index, first.length) : '',
      score: inTitle * 10 + words.length,
    })
  }
  return hits.sort((a, b) => b.score - a.score || a.urn.localeCompare(b.urn)).slice(0, limit)
}

export { LOCALES }

// ---------------------------------------------------------------------------------------------
// Statistics: the counts issue 3 asks for, and what no question reaches yet

export type TLibraryStats = {
  objects: Record<string, number>
  requirementsByArea: Record<string, number>
  crosswalkLinks: { total: number; byRelationship: Record<string, number> }
  questionnaires: {
    id: string
    kind: string
    questions: number
    bySection: Record<string, number>
    withEffects: number
  }[]
  /** Requirements that no question satisfies or fails. */
  requirementsWithoutQuestion: string[]
  /** Risk templates that no question mitigates or raises. */
  risksWithoutQuestion: string[]
}

/** Counts per kind, per area and per section, crosswalk links, and what no question reaches. */
export const libraryStats = (library: TLibrary): TLibraryStats => {
  const objects: Record<string, number> = {}
  for (const object of library.objects.values()) objects[object.kind] = (objects[object.kind] ?? 0) + 1
  const requirementsByArea: Record<string, number> = {}
  for (const requirement of library.requirements.values()) {
    requirementsByArea[requirement.area] = (requirementsByArea[requirement.area] ?? 0) + 1
  }
  const byRelationship: Record<string, number> = {}
  let total = 0
  for (const requirement of library.requirements.values()) {
    for (const link of requirement.links) {
      byRelationship[link.relationship] = (byRelationship[link.relationship] ?? 0) + 1
      total++
    }
  }
  const reached = new Set<string>()
  const questionnaires = [...library.questionnaires.values()].map((questionnaire) => {
    const bySection: Record<string, number> = {}
    let withEffects = 0
    for (const question of questionnaire.questions) {
      bySection[question.section] = (bySection[question.section] ?? 0) + 1
      const effects = Object.values(question.effects ?? {}).flat()
      if (effects.length > 0) withEffects++
      for (const effect of effects) {
        for (const target of [effect.satisfies, effect.fails, effect.mitigates, effect.raises]) {
          if (target) reached.add(target)
        }
      }
    }
    return {
      id: questionnaire.id,
      kind: questionnaire.kind,
      questions: questionnaire.questions.length,
      bySection,
      withEffects,
    }
  })
  return {
    objects,
    requirementsByArea,
    crosswalkLinks: { total, byRelationship },
    questionnaires,
    requirementsWithoutQuestion: [...library.requirements.keys()].filter((urn) => !reached.has(urn)),
    risksWithoutQuestion: [...library.risks.keys()].filter((urn) => !reached.has(urn)),
  }
}
