/**
 * Typed calls of the read-only library API (frameworks, technologies, questionnaires, search, any
 * object by URN, plus sources, rights and the object index). Types come from the server's zod
 * schemas; nothing here restates them. Every call takes the text locale, and every answer says in
 * `textLanguages` which languages its texts are in (English where a translation is missing).
 */
import type { z } from 'zod'
import type {
  TIndexEntry,
  TRightView,
  TSourceView,
  ZCrosswalkLinkView,
  ZFrameworkDetail,
  ZFrameworkSummary,
  ZGroupView,
  ZObjectView,
  ZProvisionView,
  ZQuestionnaireSummary,
  ZQuestionnaireView,
  ZQuestionView,
  ZReferenceView,
  ZRequirementView,
  ZRiskTemplateView,
  ZSearchResult,
  ZTechnologyView,
  ZTopicView,
} from '../../../src/modules/library/schemas.ts'
import { requestText } from './client.ts'

export type { TIndexEntry, TRightView, TSourceView }
export type TFrameworkSummary = z.infer<typeof ZFrameworkSummary>
export type TFrameworkDetail = z.infer<typeof ZFrameworkDetail>
export type TRequirementView = z.infer<typeof ZRequirementView>
export type TProvisionView = z.infer<typeof ZProvisionView>
export type TCrosswalkLinkView = z.infer<typeof ZCrosswalkLinkView>
export type TReferenceView = z.infer<typeof ZReferenceView>
export type TTechnologyView = z.infer<typeof ZTechnologyView>
export type TRiskTemplateView = z.infer<typeof ZRiskTemplateView>
export type TQuestionnaireSummary = z.infer<typeof ZQuestionnaireSummary>
export type TQuestionnaireView = z.infer<typeof ZQuestionnaireView>
export type TQuestionView = z.infer<typeof ZQuestionView>
export type TTopicView = z.infer<typeof ZTopicView>
export type TGroupView = z.infer<typeof ZGroupView>
export type TSearchResult = z.infer<typeof ZSearchResult>
export type TSearchHit = TSearchResult['hits'][number]
export type TObjectView = z.infer<typeof ZObjectView>
export type TLibraryKind = TObjectView['kind']

/** Locales the library API serves text in (English is the fallback for missing translations). */
export const LIBRARY_LOCALES = ['en', 'fr', 'es', 'ar'] as const
export type TLibraryLocale = (typeof LIBRARY_LOCALES)[number]

export const isLibraryLocale = (value: string | null | undefined): value is TLibraryLocale =>
  value !== null && value !== undefined && (LIBRARY_LOCALES as readonly string[]).includes(value)

const segment = (value: string) => encodeURIComponent(value)
const withLocale = (path: string, locale: TLibraryLocale, extra: Record<string, string> = {}) =>
  `${path}?${new URLSearchParams({ locale, ...extra })}`
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

type TItems<T> = { items: T[] }

export const libraryApi = {
  frameworks: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TFrameworkSummary>>(withLocale('/api/library/frameworks', locale), opts(signal)),
  framework: (id: string, locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TFrameworkDetail>(withLocale(`/api/library/frameworks/${segment(id)}`, locale), opts(signal)),
  technologies: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TTechnologyView>>(withLocale('/api/library/technologies', locale), opts(signal)),
  technology: (id: string, locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TTechnologyView>(
      withLocale(`/api/library/technologies/${segment(id)}`, locale),
      opts(signal),
    ),
  questionnaires: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TQuestionnaireSummary>>(
      withLocale('/api/library/questionnaires', locale),
      opts(signal),
    ),
  questionnaire: (id: string, locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TQuestionnaireView>(
      withLocale(`/api/library/questionnaires/${segment(id)}`, locale),
      opts(signal),
    ),
  topics: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TTopicView>>(withLocale('/api/library/topics', locale), opts(signal)),
  groups: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TGroupView>>(withLocale('/api/library/groups', locale), opts(signal)),
  search: (q: string, locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TSearchResult>(withLocale('/api/library/search', locale, { q }), opts(signal)),
  object: (urn: string, locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TObjectView>(withLocale(`/api/library/objects/${segment(urn)}`, locale), opts(signal)),
  sources: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TSourceView>>(withLocale('/api/library/sources', locale), opts(signal)),
  rights: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TRightView>>(withLocale('/api/library/rights', locale), opts(signal)),
  index: (locale: TLibraryLocale, signal?: AbortSignal) =>
    requestText<TItems<TIndexEntry>>(withLocale('/api/library/index', locale), opts(signal)),
}

/** Query keys: the library is the same for every organisation, so nothing sits under `org`. */
export const libraryKeys = {
  all: ['library'] as const,
  frameworks: (locale: TLibraryLocale) => ['library', locale, 'frameworks'] as const,
  framework: (id: string, locale: TLibraryLocale) => ['library', locale, 'framework', id] as const,
  technologies: (locale: TLibraryLocale) => ['library', locale, 'technologies'] as const,
  technology: (id: string, locale: TLibraryLocale) => ['library', locale, 'technology', id] as const,
  questionnaires: (locale: TLibraryLocale) => ['library', locale, 'questionnaires'] as const,
  questionnaire: (id: string, locale: TLibraryLocale) => ['library', locale, 'questionnaire', id] as const,
  topics: (locale: TLibraryLocale) => ['library', locale, 'topics'] as const,
  groups: (locale: TLibraryLocale) => ['library', locale, 'groups'] as const,
  search: (q: string, locale: TLibraryLocale) => ['library', locale, 'search', q] as const,
  object: (urn: string, locale: TLibraryLocale) => ['library', locale, 'object', urn] as const,
  sources: (locale: TLibraryLocale) => ['library', locale, 'sources'] as const,
  rights: (locale: TLibraryLocale) => ['library', locale, 'rights'] as const,
  index: (locale: TLibraryLocale) => ['library', locale, 'index'] as const,
}
