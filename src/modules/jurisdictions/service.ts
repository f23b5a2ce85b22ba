/**
 * The jurisdictions service: loads the dataset once per process (read-only at run time, like the
 * library) and answers the CLI, the API and the UI — gap analyses, the jurisdiction list, one
 * jurisdiction's facts, and the data sources with their attribution.
 */
import countries from 'i18n-iso-countries'
import {
  checkLibrary,
  getLibrary,
  localise,
  type TLibrary,
  type TLocale,
  type TProblem,
} from '../../content/index.ts'
import { AppError } from '../../core/errors.ts'
import {
  analyseGap,
  coverageBasisOf,
  factOf,
  gapLevelOf,
  sourceView,
  summaryLevel,
  type TCellSource,
  type TCoverageBasis,
  type TGapLevel,
  type TGapResult,
} from './gap.ts'
import {
  countryIssue,
  resolveCountry,
  resolveGapRequest,
  resolveTechnology,
  type TInputIssue,
  technologyIssue,
} from './input.ts'
import { loadJurisdictions } from './loader.ts'
import {
  analysePortfolio,
  buildGapIndex,
  type TGapIndex,
  type TPortfolioDeployment,
  type TPortfolioResult,
} from './portfolio.ts'
import {
  MEMBERSHIP_IDS,
  type TDataset,
  type TEnforcement,
  type TFactStatus,
  type TGovernance,
  type TInstrument,
  type TMembershipId,
  TOPIC_IDS,
} from './schemas.ts'
import { enforcementOf } from './wgi.ts'

export type TJurisdictionContext = { library: TLibrary; dataset: TDataset }

let cached: { dir: string; context: TJurisdictionContext } | null = null

/** The library and the jurisdiction dataset, loaded once per content directory. */
export const getJurisdictionContext = (options: { contentDir?: string } = {}): TJurisdictionContext => {
  const library = getLibrary(options.contentDir ? { contentDir: options.contentDir } : {})
  if (cached?.dir !== library.contentDir || cached.context.library !== library) {
    const { dataset } = loadJurisdictions({ contentDir: library.contentDir, library })
    cached = { dir: library.contentDir, context: { library, dataset } }
  }
  return cached.context
}

/** Every problem of the jurisdiction files and the WGI file (the library's own checks run separately). */
export const checkJurisdictions = (
  options: { contentDir?: string } = {},
): { dataset: TDataset; problems: TProblem[] } => {
  const { library, problems: libraryProblems } = checkLibrary(options)
  const { dataset, problems } = loadJurisdictions({ contentDir: library.contentDir, library })
  // Source and technology references need a library that loaded; say so rather than hide it.
  const blocking = library.sources.size === 0 ? libraryProblems : []
  return { dataset, problems: [...blocking, ...problems] }
}

/** A gap analysis from raw input (ids and codes as typed): resolves, validates, analyses. */
export const analyseGapRequest = (
  raw: {
    technologies: string | readonly string[] | undefined
    countries: string | readonly string[] | undefined
  },
  options: { locale?: TLocale; context?: TJurisdictionContext } = {},
): TGapResult => {
  const { library, dataset } = options.context ?? getJurisdictionContext()
  const locale = options.locale ?? 'en'
  const request = resolveGapRequest(raw, {
    technologyIds: [...library.technologies.keys()],
    dataset,
    technologyTitle: technologyTitleIn(library, locale),
  })
  return analyseGap({
    technologies: request.technologies,
    jurisdictions: request.countries,
    dataset,
    library,
    locale,
  })
}

/** A technology's title in `locale`, for the suggestions of an unknown id. */
const technologyTitleIn =
  (library: TLibrary, locale: TLocale) =>
  (id: string): string => {
    const technology = library.technologies.get(id)
    return technology ? localise(technology.title, locale) : id
  }

export type TMapEntry = {
  code: string
  isoNumeric: string | null
  name: string
  level: TGapLevel
  coverage: number
}

/**
 * One technology across every jurisdiction, for the world map: each country's summary level over
 * the topics its coverage counts (the essential ones when there are any) and its coverage score.
 */
export const technologyMap = (
  rawTechnology: string,
  options: { locale?: TLocale; context?: TJurisdictionContext } = {},
): { technology: string; basis: TCoverageBasis; items: TMapEntry[] } => {
  const context = options.context ?? getJurisdictionContext()
  const { library, dataset } = context
  const technology = resolveTechnology(
    rawTechnology,
    [...library.technologies.keys()],
    technologyTitleIn(library, options.locale ?? 'en'),
  )
  const items = [...dataset.jurisdictions.keys()].map((code) => {
    const result = analyseGap({
      technologies: [technology],
      jurisdictions: [code],
      dataset,
      library,
      locale: options.locale ?? 'en',
    })
    const counted =
      result.coverageBasis === 'essential'
        ? result.matrix.filter((row) => row.importance === 'essential')
        : result.matrix
    return {
      code,
      isoNumeric: countries.alpha2ToNumeric(code) ?? null,
      name: result.jurisdictions[0]?.name ?? code,
      level: summaryLevel(counted.map((row) => row.cells[code]?.level ?? 'unknown')),
      coverage: result.coverage[code] ?? 0,
    }
  })
  const topics = library.technologies.get(technology)?.topics ?? []
  return { technology, basis: coverageBasisOf(topics), items }
}

const indexes = new WeakMap<TDataset, TGapIndex>()

/**
 * Gap summaries of many deployments at once (dashboards, exposure): ids and codes are read
 * case-insensitively; an unknown one is refused with the deployment it belongs to.
 */
export const analysePortfolioRequest = (
  deployments: readonly TPortfolioDeployment[],
  options: { context?: TJurisdictionContext } = {},
): TPortfolioResult => {
  const { library, dataset } = options.context ?? getJurisdictionContext()
  let index = indexes.get(dataset)
  if (!index) {
    index = buildGapIndex(dataset, library)
    indexes.set(dataset, index)
  }
  const normalised = deployments.map((deployment) => ({
    id: deployment.id,
    technologies: [...new Set(deployment.technologies.map((id) => id.trim().toLowerCase()))],
    countries: [...new Set(deployment.countries.map((code) => code.trim().toUpperCase()))],
  }))
  try {
    return analysePortfolio(normalised, index)
  } catch (error) {
    // The fast path only says what is unknown; on this rare path, say what was meant, as /api/gap does.
    if (error instanceof AppError && error.code === 'unknown_value')
      throw unknownInPortfolio(normalised, { library, dataset }) ?? error
    throw error
  }
}

/** Every unknown technology and country of a portfolio, each with its deployment and suggestions. */
const unknownInPortfolio = (
  deployments: readonly TPortfolioDeployment[],
  { library, dataset }: TJurisdictionContext,
): AppError | null => {
  const valid = [...library.technologies.keys()]
  const issues: (TInputIssue & { deployment: string })[] = []
  for (const deployment of deployments) {
    if (issues.length >= 10) break
    const add = (issue: TInputIssue) =>
      issues.push({
        ...issue,
        deployment: deployment.id,
        message: `Deployment ${deployment.id}: ${issue.message}`,
      })
    for (const id of deployment.technologies)
      if (!library.technologies.has(id)) add(technologyIssue(id, valid, technologyTitleIn(library, 'en')))
    for (const code of deployment.countries)
      if (!dataset.jurisdictions.has(code)) add(countryIssue(code, dataset))
  }
  if (issues.length === 0) return null
  return new AppError('unknown_value', issues.map((issue) => issue.message).join('\n'), {
    details: { issues },
  })
}

// ---------------------------------------------------------------------------------------------
// Jurisdiction list and detail

export type TStatusCounts = Record<TFactStatus, number>

export type TJurisdictionSummary = {
  code: string
  iso3: string
  /** ISO 3166-1 numeric code (the id of world-atlas shapes), null for user-assigned codes. */
  isoNumeric: string | null
  name: string
  unMember: boolean
  isEuMember: boolean
  governance: { ruleOfLaw: number | null; voiceAccountability: number | null; enforcement: TEnforcement }
  /** Facts of the nine topics by status, and how many are covered given the enforcement context. */
  topics: TStatusCounts & { covered: number; total: number }
  restrictions: number
}

const statusCounts = (): TStatusCounts => ({ yes: 0, partial: 0, no: 0, unknown: 0 })

/** Every jurisdiction with governance and a summary of its facts, in code order. */
export const listJurisdictions = (
  options: { locale?: TLocale; context?: TJurisdictionContext } = {},
): TJurisdictionSummary[] => {
  const { dataset } = options.context ?? getJurisdictionContext()
  return [...dataset.jurisdictions.values()].map((j) => {
    const enforcement = enforcementOf(j.governance.ruleOfLaw)
    const counts = { ...statusCounts(), covered: 0, total: TOPIC_IDS.length }
    for (const topic of TOPIC_IDS) {
      const fact = factOf(j, topic)
      counts[fact.status]++
      if (gapLevelOf(fact.status, enforcement) === 'covered') counts.covered++
    }
    return {
      code: j.code,
      iso3: j.iso3,
      isoNumeric: countries.alpha2ToNumeric(j.code) ?? null,
      name: localise(j.name, options.locale ?? 'en'),
      unMember: j.unMember,
      isEuMember: j.memberships.eu.value === true,
      governance: {
        ruleOfLaw: j.governance.ruleOfLaw,
        voiceAccountability: j.governance.voiceAccountability,
        enforcement,
      },
      topics: counts,
      restrictions: j.restrictions.length,
    }
  })
}

export type TFactView = {
  topic: string
  title: string
  status: TFactStatus
  level: TGapLevel
  instrument: TInstrument | null
  source: TCellSource
  note: string | null
}

export type TMembershipView = {
  id: TMembershipId
  value: boolean | 'unknown'
  source: TCellSource
  note: string | null
}

export type TJurisdictionDetail = Omit<
  TJurisdictionSummary,
  'governance' | 'topics' | 'restrictions' | 'isoNumeric'
> & {
  names: Record<string, string>
  governance: TGovernance & { enforcement: TEnforcement }
  attribution: string
  memberships: TMembershipView[]
  facts: TFactView[]
  restrictions: {
    id: string
    technologies: string[]
    kind: string
    strictness: number
    summary: string
    instrument: TInstrument
    source: TCellSource
  }[]
}

/** One jurisdiction: every fact with its source and date, memberships, governance, restrictions. */
export const jurisdictionDetail = (
  rawCode: string,
  options: { locale?: TLocale; context?: TJurisdictionContext } = {},
): TJurisdictionDetail => {
  const { library, dataset } = options.context ?? getJurisdictionContext()
  const locale = options.locale ?? 'en'
  const code = resolveCountry(rawCode, dataset)
  const j = dataset.jurisdictions.get(code)
  if (!j) throw new Error(`resolved jurisdiction ${code} is missing`)
  const enforcement = enforcementOf(j.governance.ruleOfLaw)
  return {
    code: j.code,
    iso3: j.iso3,
    name: localise(j.name, locale),
    names: { ...j.name },
    unMember: j.unMember,
    isEuMember: j.memberships.eu.value === true,
    governance: { ...j.governance, enforcement },
    attribution: dataset.governance.attribution,
    memberships: MEMBERSHIP_IDS.map((id) => {
      const fact = j.memberships[id]
      return { id, value: fact.value, source: sourceView(fact, library.sources), note: fact.note ?? null }
    }),
    facts: TOPIC_IDS.map((topic) => {
      const fact = factOf(j, topic)
      const entry = library.topics.get(topic)
      return {
        topic,
        title: entry ? localise(entry.title, locale) : topic,
        status: fact.status,
        level: gapLevelOf(fact.status, enforcement),
        instrument: fact.instrument ?? null,
        source: sourceView(fact, library.sources),
        note: fact.note ?? null,
      }
    }),
    restrictions: j.restrictions.map((r) => ({
      id: r.id,
      technologies: r.technologies,
      kind: r.kind,
      strictness: r.strictness,
      summary: localise(r.summary, locale),
      instrument: r.instrument,
      source: sourceView(r, library.sources),
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// Data sources

export type TDataSource = {
  id: string
  publisher: string
  title: string
  edition: string | null
  date: string | null
  url: string | null
  licence: string | null
  kind: string | null
  /** How many jurisdiction facts cite it. */
  facts: number
}

/** The sources the jurisdiction dataset cites (with how often), and the WGI attribution. */
export const dataSources = (
  options: { context?: TJurisdictionContext } = {},
): {
  governance: TDataset['governance'] & { licence: string | null; url: string | null }
  sources: TDataSource[]
} => {
  const { library, dataset } = options.context ?? getJurisdictionContext()
  const counts = new Map<string, number>()
  const cite = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1)
  for (const j of dataset.jurisdictions.values()) {
    for (const fact of Object.values(j.memberships)) cite(fact.source)
    for (const fact of Object.values(j.topics)) cite(fact.source)
    for (const restriction of j.restrictions) cite(restriction.source)
  }
  const wgi = library.sources.get(dataset.governance.source)
  if (wgi) counts.set(wgi.id, counts.get(wgi.id) ?? 0)
  const text = (value: string | number | null | undefined) =>
    value === null || value === undefined ? null : String(value)
  const sources = [...counts.entries()]
    .map(([id, facts]) => {
      const source = library.sources.get(id)
      return {
        id,
        publisher: source?.publisher ?? 'unknown',
        title: source?.title ?? id,
        edition: text(source?.edition),
        date: text(source?.date),
        url: source?.url ?? null,
        licence: source?.licence ?? null,
        kind: source?.kind ?? null,
        facts,
      }
    })
    .sort((a, b) => b.facts - a.facts || a.id.localeCompare(b.id))
  return {
    governance: { ...dataset.governance, licence: wgi?.licence ?? null, url: wgi?.url ?? null },
    sources,
  }
}
