/** Library objects → API shapes in one language, picking fields explicitly. */
import type { TLibrary, TQuestionnaire, TTopic } from '../../content/index.ts'
import { localise, localised, type TLocale } from '../../content/index.ts'
import type { TIndexEntry, TQuestionnaireSummary, TTopicView } from './schemas.ts'
import type { TListEntry } from './service.ts'

export const presentQuestionnaireSummary = (
  q: TQuestionnaire,
  locale: TLocale,
  used?: Set<TLocale>,
): TQuestionnaireSummary => ({
  id: q.id,
  urn: q.urn,
  version: q.version,
  kind: q.kind,
  title: localise(q.title, locale, used),
  ...(q.description ? { description: localise(q.description, locale, used) } : {}),
  sections: q.sections.length,
  questions: q.questions.length,
})

/** A topic with the titles of its baseline safeguards (null for a URN the library does not hold). */
export const presentTopic = (
  library: TLibrary,
  topic: TTopic,
  locale: TLocale,
  used?: Set<TLocale>,
): TTopicView => ({
  ...localised(topic, locale, used),
  baseline: topic.baseline.map((urn) => {
    const title = library.objects.get(urn)?.title
    return { urn, title: title ? localise(title, locale, used) : null }
  }),
})

export const presentIndexEntry = (
  library: TLibrary,
  entry: TListEntry,
  locale: TLocale,
  used?: Set<TLocale>,
): TIndexEntry => {
  const parent = library.objects.get(entry.urn)?.parent
  return {
    urn: entry.urn,
    kind: entry.kind,
    version: entry.version,
    title: localise(entry.title, locale, used),
    ...(parent ? { parent } : {}),
  }
}
