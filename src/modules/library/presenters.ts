/** Library objects → API shapes in one language, picking fields explicitly. */
import type { TLibrary, TQuestionnaire, TTopic } from '../../content/index.ts'
import { localise, localised, type TLocale } from '../../content/index.ts'
import type { TIndexEntry, TQuestionnaireSummary, TTopicView } from './schemas.ts'
import type { TListEntry } from './service.ts'

export const presentQuestionnaireSummary = (q: TQuestionnaire, locale: TLocale): TQuestionnaireSummary => ({
  id: q.id,
  urn: q.urn,
  version: q.version,
  kind: q.kind,
  title: localise(q.title, locale),
  ...(q.description ? { description: localise(q.description, locale) } : {}),
  sections: q.sections.length,
  questions: q.questions.length,
})

/** A topic with the titles of its baseline safeguards (null for a URN the library does not hold). */
export const presentTopic = (library: TLibrary, topic: TTopic, locale: TLocale): TTopicView => ({
  ...localised(topic, locale),
  baseline: topic.baseline.map((urn) => {
    const title = library.objects.get(urn)?.title
    return { urn, title: title ? localise(title, locale) : null }
  }),
})

export const presentIndexEntry = (library: TLibrary, entry: TListEntry, locale: TLocale): TIndexEntry => {
  const parent = library.objects.get(entry.urn)?.parent
  return {
    urn: entry.urn,
    kind: entry.kind,
    version: entry.version,
    title: localise(entry.title, locale),
    ...(parent ? { parent } : {}),
  }
}
