/**
 * Factories for tests and benchmarks of the gap engine: a small library slice and jurisdictions
 * built from a few statuses, so each case states only what it is about.
 */
import type { TGapLibrary, TImportance } from './gap.ts'
import {
  MEMBERSHIP_IDS,
  type TDataset,
  type TFactStatus,
  type TJurisdiction,
  TOPIC_IDS,
  type TRestriction,
  type TTopicFact,
  type TTopicId,
} from './schemas.ts'

export type TTechnologySpec = Record<string, Partial<Record<string, TImportance>>>

/** A library slice: technologies with their topics, every topic with two baseline safeguards. */
export const buildGapLibrary = (
  technologies: TTechnologySpec,
  baseline: Partial<Record<string, string[]>> = {},
): TGapLibrary => {
  const topics = new Map(
    TOPIC_IDS.map((id) => [
      id,
      {
        id,
        title: { en: `Topic ${id}` },
        baseline: baseline[id] ?? [
          `urn:custos:toolkit:requirement:${id}-a`,
          `urn:custos:toolkit:requirement:${id}-b`,
        ],
      },
    ]),
  )
  const objects = new Map<string, { title: { en: string } }>()
  for (const topic of topics.values())
    for (const urn of topic.baseline)
      objects.set(urn, { title: { en: `Safeguard ${urn.split(':').at(-1)}` } })
  return {
    technologies: new Map(
      Object.entries(technologies).map(([id, spec]) => [
        id,
        {
          id,
          title: { en: `Technology ${id}` },
          topics: Object.entries(spec).map(([topic, importance]) => ({
            topic,
            importance: importance as TImportance,
          })),
        },
      ]),
    ),
    topics,
    objects,
    sources: new Map([['src-law', { id: 'src-law', publisher: 'Gazette', title: 'Official gazette' }]]),
  }
}

const fact = (status: TFactStatus): TTopicFact => ({
  status,
  ...(status === 'yes' || status === 'partial'
    ? { instrument: { title: `Act on ${status}`, adopted: 2020 } }
    : {}),
  source: status === 'unknown' ? 'custos-research' : 'src-law',
  asOf: '2026-11-29',
  ...(status === 'unknown' ? { note: 'not yet researched' } : {}),
})

/** A jurisdiction whose topics are `unknown` except those given; rule of law null = no WGI value. */
export const buildJurisdiction = (
  code: string,
  options: {
    ruleOfLaw?: number | null
    topics?: Partial<Record<TTopicId, TFactStatus>>
    restrictions?: Partial<TRestriction>[]
  } = {},
): TJurisdiction => ({
  code,
  iso3: `${code}X`,
  name: { en: `Country ${code}` },
  unMember: true,
  memberships: Object.fromEntries(
    MEMBERSHIP_IDS.map((id) => [id, { value: false, source: 'src-law', asOf: '2026-11-29' }]),
  ) as TJurisdiction['memberships'],
  topics: Object.fromEntries(
    TOPIC_IDS.map((id) => [id, fact(options.topics?.[id] ?? 'unknown')]),
  ) as TJurisdiction['topics'],
  restrictions: (options.restrictions ?? []).map((partial, index) => ({
    id: `restriction-${code.toLowerCase()}-${index}`,
    technologies: [],
    kind: 'conditional',
    strictness: 1,
    summary: { en: `Restriction ${index} of ${code}` },
    instrument: { title: `Restriction act of ${code}`, adopted: 2021 },
    source: 'src-law',
    asOf: '2026-11-29',
    ...partial,
  })),
  governance: {
    ruleOfLaw: options.ruleOfLaw === undefined ? 1 : options.ruleOfLaw,
    voiceAccountability: null,
    governmentEffectiveness: null,
    politicalStability: null,
    controlOfCorruption: null,
    regulatoryQuality: null,
    year: 2023,
    source: 'wb-wgi-2024',
  },
})

export const buildDataset = (jurisdictions: TJurisdiction[]): TDataset => ({
  jurisdictions: new Map(jurisdictions.map((j) => [j.code, j])),
  governance: { source: 'wb-wgi-2024', attribution: 'Source: test attribution', year: 2023 },
})
