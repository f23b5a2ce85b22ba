/**
 * The jurisdiction gap engine (docs/gap-analysis.md): a pure function of (technologies, jurisdictions,
 * dataset, library) → matrix, gaps, inconsistencies, restrictions and the baseline that applies to
 * the whole deployment because the highest standard governs where law is absent, weak or
 * inconsistent. No I/O; the caller resolves and validates the input (see input.ts).
 *
 * Decisions the design leaves open, made here once:
 * - `yes` where the enforcement context is `unknown` (no WGI rule-of-law value, e.g. the Holy See)
 *   is `covered`: the method asks for "enforcement not weak", and an unknown context has not been shown
 *   weak. The cell keeps `enforcement: 'unknown'` and the explanation says so, so nobody mistakes it
 *   for a strong context. `unknown` STATUS is never covered, whatever the enforcement.
 * - Coverage when no essential topic is triggered: the share of all triggered topics that are
 *   covered; with no triggered topic at all it is 1 (nothing is required, so nothing is missing).
 *   `coverageBasis` in the result says which rule applied.
 * - Restrictions: the same rule found in several jurisdictions (the EU AI Act in every member state)
 *   is listed once with all of them. The strictest restriction per chosen technology is proposed
 *   for the whole deployment (`isProposed`), so a stricter rule for a technology always wins over a
 *   milder one for the same technology.
 */
import type { TSource } from '../../content/index.ts'
import { localise, type TLocale, type TText } from '../../content/index.ts'
import {
  type TDataset,
  type TEnforcement,
  type TFactStatus,
  type TInstrument,
  type TJurisdiction,
  TOPIC_IDS,
  type TTopicFact,
} from './schemas.ts'
import { enforcementOf, WEAK_RULE_OF_LAW } from './wgi.ts'

export const GAP_LEVELS = ['covered', 'partial', 'absent', 'unknown'] as const
export type TGapLevel = (typeof GAP_LEVELS)[number]

export const IMPORTANCES = ['essential', 'relevant'] as const
export type TImportance = (typeof IMPORTANCES)[number]

/** The slice of the library the engine reads; the loaded TLibrary fits it as it is. */
export type TGapLibrary = {
  technologies: ReadonlyMap<
    string,
    { id: string; title: TText; topics: readonly { topic: string; importance: TImportance }[] }
  >
  topics: ReadonlyMap<string, { id: string; title: TText; baseline: readonly string[] }>
  objects: ReadonlyMap<string, { title: TText }>
  sources: ReadonlyMap<string, TSource>
}

// ---------------------------------------------------------------------------------------------
// The rules, one function each (shared with the portfolio function)

/** Gap level of one (jurisdiction, topic): docs/gap-analysis.md. */
export const gapLevelOf = (status: TFactStatus, enforcement: TEnforcement): TGapLevel => {
  switch (status) {
    case 'no':
      return 'absent'
    case 'partial':
      return 'partial'
    case 'yes':
      // Law on paper where the rule of law is weak is only partial protection.
      return enforcement === 'weak' ? 'partial' : 'covered'
    case 'unknown':
      return 'unknown'
  }
}

/** The stronger of two importances: essential beats relevant. */
export const strongerImportance = (a: TImportance, b: TImportance): TImportance =>
  a === 'essential' || b === 'essential' ? 'essential' : 'relevant'

export type TTriggeredTopic = { topic: string; importance: TImportance; technologies: string[] }

const topicRank = (topic: string): number => {
  const index = (TOPIC_IDS as readonly string[]).indexOf(topic)
  return index < 0 ? TOPIC_IDS.length : index
}

/** Topics the technologies trigger, each with its strongest importance, in the fixed topic order. */
export const triggeredTopics = (
  technologyIds: readonly string[],
  library: Pick<TGapLibrary, 'technologies'>,
): TTriggeredTopic[] => {
  const byTopic = new Map<string, TTriggeredTopic>()
  for (const id of technologyIds) {
    const technology = library.technologies.get(id)
    if (!technology) throw new Error(`gap engine: unresolved technology ${id}`)
    for (const { topic, importance } of technology.topics) {
      const seen = byTopic.get(topic)
      if (seen) {
        seen.importance = strongerImportance(seen.importance, importance)
        if (!seen.technologies.includes(id)) seen.technologies.push(id)
      } else byTopic.set(topic, { topic, importance, technologies: [id] })
    }
  }
  return [...byTopic.values()].sort(
    (a, b) => topicRank(a.topic) - topicRank(b.topic) || a.topic.localeCompare(b.topic),
  )
}

/** A topic is inconsistent when its gap level differs between the deployment's jurisdictions. */
export const isInconsistent = (levels: readonly TGapLevel[]): boolean =>
  levels.some((level) => level !== levels[0])

export type TCoverageBasis = 'essential' | 'triggered' | 'none'

/** Which topics the coverage score counts: the essential ones, else all triggered ones, else none. */
export const coverageBasisOf = (topics: readonly { importance: TImportance }[]): TCoverageBasis => {
  if (topics.some((topic) => topic.importance === 'essential')) return 'essential'
  return topics.length > 0 ? 'triggered' : 'none'
}

/** Share of the counted topics that are covered in one jurisdiction (docs/gap-analysis.md coverage score). */
export const coverageOf = (
  topics: readonly { topic: string; importance: TImportance }[],
  levelOf: (topic: string) => TGapLevel,
): number => {
  const basis = coverageBasisOf(topics)
  if (basis === 'none') return 1
  const counted = basis === 'essential' ? topics.filter((topic) => topic.importance === 'essential') : topics
  const covered = counted.filter((topic) => levelOf(topic.topic) === 'covered').length
  return covered / counted.length
}

/** Severity order for a one-colour summary: a known gap outranks an unresearched topic. */
const SUMMARY_ORDER: readonly TGapLevel[] = ['absent', 'partial', 'unknown', 'covered']

/**
 * One level for a jurisdiction on a map: `absent` if any counted topic is absent, else `partial`,
 * else `unknown` (research needed), else `covered`. Never `covered` while anything is unknown.
 */
export const summaryLevel = (levels: readonly TGapLevel[]): TGapLevel =>
  SUMMARY_ORDER.find((level) => levels.includes(level)) ?? 'covered'

/** The fact of a topic, or an honest `unknown` when the file has none (never read as covered). */
export const factOf = (jurisdiction: TJurisdiction, topic: string): TTopicFact =>
  (jurisdiction.topics as Record<string, TTopicFact | undefined>)[topic] ?? {
    status: 'unknown',
    source: 'custos-research',
    asOf: '',
    note: 'No fact recorded for this topic.',
  }

// ---------------------------------------------------------------------------------------------
// The result (docs/contracts.md contract; fields beyond it are additions, never renames)

export type TCellSource = {
  id: string
  title: string | null
  publisher: string | null
  url: string | null
  licence: string | null
  locator: string | null
  asOf: string | null
}

export type TGapCell = {
  level: TGapLevel
  status: TFactStatus
  instrument: TInstrument | null
  sources: TCellSource[]
  enforcement: TEnforcement
  note: string | null
  asOf: string | null
}

export type TMatrixRow = {
  topic: string
  title: string
  importance: TImportance
  inconsistent: boolean
  technologies: string[]
  cells: Record<string, TGapCell>
}

export type TGapJurisdiction = {
  code: string
  name: string
  governance: {
    ruleOfLaw: number | null
    voiceAccountability: number | null
    enforcement: TEnforcement
    governmentEffectiveness: number | null
    politicalStability: number | null
    controlOfCorruption: number | null
    regulatoryQuality: number | null
    year: number | null
    source: string
  }
}

export type TGap = {
  jurisdiction: string
  topic: string
  level: Exclude<TGapLevel, 'covered'>
  importance: TImportance
  explanation: string
}

export type TRestrictionFinding = {
  id: string
  kind: string
  strictness: number
  summary: string
  technologies: string[]
  jurisdictions: string[]
  instrument: TInstrument
  source: string
  locator: string | null
  asOf: string
  isProposed: boolean
  reason: string
}

export type TBaselineReason = {
  topic: string
  /** The topic's title, for people (the id is for programs). */
  title: string
  jurisdictions: { code: string; level: TGapLevel }[]
  inconsistent: boolean
}

export type TBaselineItem = {
  urn: string
  title: string
  reason: string
  topics: string[]
  reasons: TBaselineReason[]
}

export type TGapResult = {
  technologies: string[]
  jurisdictions: TGapJurisdiction[]
  matrix: TMatrixRow[]
  gaps: TGap[]
  restrictions: TRestrictionFinding[]
  baseline: TBaselineItem[]
  coverage: Record<string, number>
  coverageBasis: TCoverageBasis
  attribution: string
}

export type TGapInput = {
  technologies: readonly string[]
  jurisdictions: readonly string[]
  dataset: TDataset
  library: TGapLibrary
  locale?: TLocale
}

const lowerFirst = (text: string): string => (text.length > 0 ? text[0]?.toLowerCase() + text.slice(1) : text)

const formatRuleOfLaw = (value: number | null): string => (value === null ? 'no value' : value.toFixed(2))

/** One sentence a reader can act on: what the law says there and why that is a gap. */
export const explainGap = (options: {
  level: TGapLevel
  fact: TTopicFact
  topicTitle: string
  jurisdictionName: string
  ruleOfLaw: number | null
  enforcement: TEnforcement
}): string => {
  const { level, fact, topicTitle, jurisdictionName, ruleOfLaw } = options
  const instrument = fact.instrument ? ` (${fact.instrument.title})` : ''
  const where = `In ${jurisdictionName}, ${lowerFirst(topicTitle)}:`
  switch (level) {
    case 'absent':
      return `${where} none (status no); absent, so the baseline applies there.`
    case 'partial':
      if (fact.status === 'yes') {
        return `${where} in place${instrument} but the rule of law is weak (WGI ${formatRuleOfLaw(ruleOfLaw)} < ${WEAK_RULE_OF_LAW}); law on paper, counted as partial.`
      }
      return `${where} only partial${instrument}.`
    case 'unknown':
      return `${where} not yet researched (status unknown); research needed, never counted as covered.`
    case 'covered':
      return options.enforcement === 'unknown'
        ? `${where} in place${instrument}; enforcement context unknown (no WGI rule-of-law value).`
        : `${where} in place${instrument}.`
  }
}

/** The citation of a fact: its source entry (title, publisher, address, licence), locator and date. */
export const sourceView = (
  fact: { source: string; locator?: string; asOf?: string },
  sources: TGapLibrary['sources'],
): TCellSource => {
  const source = sources.get(fact.source)
  return {
    id: fact.source,
    title: source?.title ?? null,
    publisher: source?.publisher ?? null,
    url: source?.url ?? null,
    licence: source?.licence ?? null,
    locator: fact.locator ?? null,
    asOf: fact.asOf || null,
  }
}

const cellSources = (
  fact: { source: string; locator?: string; asOf?: string },
  sources: TGapLibrary['sources'],
): TCellSource[] => [sourceView(fact, sources)]

const governanceView = (jurisdiction: TJurisdiction): TGapJurisdiction['governance'] => {
  const g = jurisdiction.governance
  return {
    ruleOfLaw: g.ruleOfLaw,
    voiceAccountability: g.voiceAccountability,
    enforcement: enforcementOf(g.ruleOfLaw),
    governmentEffectiveness: g.governmentEffectiveness,
    politicalStability: g.politicalStability,
    controlOfCorruption: g.controlOfCorruption,
    regulatoryQuality: g.regulatoryQuality,
    year: g.year,
    source: g.source,
  }
}

/** Restrictions touching the chosen technologies, merged by id; the strictest per technology is proposed. */
export const findRestrictions = (
  technologies: readonly string[],
  jurisdictions: readonly TJurisdiction[],
  locale: TLocale = 'en',
): TRestrictionFinding[] => {
  const chosen = new Set(technologies)
  const byId = new Map<string, TRestrictionFinding>()
  for (const jurisdiction of jurisdictions) {
    for (const restriction of jurisdiction.restrictions) {
      const touched = restriction.technologies.filter((id) => chosen.has(id))
      if (touched.length === 0) continue
      const seen = byId.get(restriction.id)
      if (seen) {
        if (!seen.jurisdictions.includes(jurisdiction.code)) seen.jurisdictions.push(jurisdiction.code)
        continue
      }
      byId.set(restriction.id, {
        id: restriction.id,
        kind: restriction.kind,
        strictness: restriction.strictness,
        summary: localise(restriction.summary, locale),
        technologies: touched,
        jurisdictions: [jurisdiction.code],
        instrument: restriction.instrument,
        source: restriction.source,
        locator: restriction.locator ?? null,
        asOf: restriction.asOf,
        isProposed: false,
        reason: '',
      })
    }
  }
  const findings = [...byId.values()]
  const strictestFor = new Map<string, number>()
  for (const finding of findings) {
    for (const technology of finding.technologies) {
      strictestFor.set(technology, Math.max(strictestFor.get(technology) ?? 0, finding.strictness))
    }
  }
  const all = jurisdictions.map((j) => j.code)
  for (const finding of findings) {
    const winsFor = finding.technologies.filter(
      (technology) => strictestFor.get(technology) === finding.strictness,
    )
    finding.isProposed = winsFor.length > 0
    const where = `${finding.kind} in ${finding.jurisdictions.join(', ')}`
    const elsewhere = all.filter((code) => !finding.jurisdictions.includes(code))
    finding.reason = finding.isProposed
      ? `Strictest rule found for ${winsFor.join(', ')} (${where})${elsewhere.length > 0 ? `; proposed for the whole deployment, including ${elsewhere.join(', ')}` : '; applies throughout the deployment'}.`
      : `A stricter rule applies to ${finding.technologies.join(', ')} in this deployment (${where}).`
  }
  return findings.sort((a, b) => b.strictness - a.strictness || a.id.localeCompare(b.id))
}

/** The gap analysis of one deployment: docs/gap-analysis.md, in the JSON shape of docs/contracts.md. */
export const analyseGap = (input: TGapInput): TGapResult => {
  const { dataset, library } = input
  const locale = input.locale ?? 'en'
  const jurisdictions = input.jurisdictions.map((code) => {
    const jurisdiction = dataset.jurisdictions.get(code)
    if (!jurisdiction) throw new Error(`gap engine: unresolved jurisdiction ${code}`)
    return jurisdiction
  })
  const topics = triggeredTopics(input.technologies, library)
  const enforcement = new Map(jurisdictions.map((j) => [j.code, enforcementOf(j.governance.ruleOfLaw)]))
  const topicTitle = (topic: string) => {
    const entry = library.topics.get(topic)
    return entry ? localise(entry.title, locale) : topic
  }

  const gaps: TGap[] = []
  const levelOf = new Map<string, TGapLevel>()
  const key = (code: string, topic: string) => `${code}|${topic}`

  const matrix: TMatrixRow[] = topics.map(({ topic, importance, technologies }) => {
    const cells: Record<string, TGapCell> = {}
    for (const jurisdiction of jurisdictions) {
      const fact = factOf(jurisdiction, topic)
      const context = enforcement.get(jurisdiction.code) ?? 'unknown'
      const level = gapLevelOf(fact.status, context)
      levelOf.set(key(jurisdiction.code, topic), level)
      cells[jurisdiction.code] = {
        level,
        status: fact.status,
        instrument: fact.instrument ?? null,
        sources: cellSources(fact, library.sources),
        enforcement: context,
        note: fact.note ?? null,
        asOf: fact.asOf || null,
      }
    }
    const levels = jurisdictions.map((j) => levelOf.get(key(j.code, topic)) as TGapLevel)
    return {
      topic,
      title: topicTitle(topic),
      importance,
      inconsistent: isInconsistent(levels),
      technologies,
      cells,
    }
  })

  for (const jurisdiction of jurisdictions) {
    for (const row of matrix) {
      const cell = row.cells[jurisdiction.code] as TGapCell
      if (cell.level === 'covered') continue
      gaps.push({
        jurisdiction: jurisdiction.code,
        topic: row.topic,
        level: cell.level,
        importance: row.importance,
        explanation: explainGap({
          level: cell.level,
          fact: factOf(jurisdiction, row.topic),
          topicTitle: row.title,
          jurisdictionName: localise(jurisdiction.name, locale),
          ruleOfLaw: jurisdiction.governance.ruleOfLaw,
          enforcement: cell.enforcement,
        }),
      })
    }
  }

  const coverage: Record<string, number> = {}
  for (const jurisdiction of jurisdictions) {
    coverage[jurisdiction.code] = coverageOf(
      topics,
      (topic) => levelOf.get(key(jurisdiction.code, topic)) ?? 'unknown',
    )
  }

  return {
    technologies: [...input.technologies],
    jurisdictions: jurisdictions.map((j) => ({
      code: j.code,
      name: localise(j.name, locale),
      governance: governanceView(j),
    })),
    matrix,
    gaps,
    restrictions: findRestrictions(input.technologies, jurisdictions, locale),
    baseline: buildBaseline(matrix, library, locale),
    coverage,
    coverageBasis: coverageBasisOf(topics),
    attribution: dataset.governance.attribution,
  }
}

/**
 * The baseline: for every topic not covered in every jurisdiction, the topic's safeguards apply to
 * the whole deployment. A safeguard named by several topics appears once with all its reasons.
 */
export const buildBaseline = (
  matrix: readonly TMatrixRow[],
  library: Pick<TGapLibrary, 'topics' | 'objects'>,
  locale: TLocale = 'en',
): TBaselineItem[] => {
  const byUrn = new Map<string, TBaselineItem>()
  for (const row of matrix) {
    const notCovered = Object.entries(row.cells)
      .filter(([, cell]) => cell.level !== 'covered')
      .map(([code, cell]) => ({ code, level: cell.level }))
    if (notCovered.length === 0) continue
    const topic = library.topics.get(row.topic)
    if (!topic) continue
    const reason: TBaselineReason = {
      topic: row.topic,
      title: row.title,
      jurisdictions: notCovered,
      inconsistent: row.inconsistent,
    }
    for (const urn of topic.baseline) {
      const seen = byUrn.get(urn)
      if (seen) {
        if (!seen.topics.includes(row.topic)) {
          seen.topics.push(row.topic)
          seen.reasons.push(reason)
        }
        continue
      }
      const object = library.objects.get(urn)
      byUrn.set(urn, {
        urn,
        title: object ? localise(object.title, locale) : urn,
        reason: '',
        topics: [row.topic],
        reasons: [reason],
      })
    }
  }
  const items = [...byUrn.values()]
  for (const item of items) item.reason = item.reasons.map(describeReason).join('; ')
  return items
}

/** `General data protection law not covered: absent in NG, unknown in BR (inconsistent across the deployment)`. */
export const describeReason = (reason: TBaselineReason): string => {
  const where = reason.jurisdictions.map(({ code, level }) => `${level} in ${code}`).join(', ')
  return `${reason.title} not covered: ${where}${reason.inconsistent ? ' (inconsistent across the deployment)' : ''}`
}
