/**
 * Gap analysis of a whole portfolio (all deployments of an organisation at once) for dashboards and
 * exposure maps: per deployment the coverage per country, cells by gap level, inconsistent topics
 * and absent essential topics (a red flag of DESIGN §5.4), and aggregates by country and by topic.
 *
 * Fast enough for every page view (DESIGN §7: 10,000 deployments < 200 ms): the gap level of each
 * (country, topic) and the triggered topics of each technology set are computed once, and the same
 * rule functions as the single-deployment engine (gap.ts) decide every value.
 */
import { AppError } from '../../core/errors.ts'
import {
  coverageOf,
  factOf,
  GAP_LEVELS,
  gapLevelOf,
  isInconsistent,
  type TGapLevel,
  type TGapLibrary,
  type TTriggeredTopic,
  triggeredTopics,
} from './gap.ts'
import { type TDataset, TOPIC_IDS } from './schemas.ts'
import { enforcementOf } from './wgi.ts'

/** Precomputed gap levels per (country, topic), built once per dataset. */
export type TGapIndex = {
  library: Pick<TGapLibrary, 'technologies'>
  levels: Map<string, Map<string, TGapLevel>>
  /** Triggered topics per technology set (sorted ids joined by ','), filled as sets are met. */
  topicSets: Map<string, TTriggeredTopic[]>
}

/** The gap level of every (jurisdiction, topic) of the dataset. */
export const buildGapIndex = (dataset: TDataset, library: Pick<TGapLibrary, 'technologies'>): TGapIndex => {
  const levels = new Map<string, Map<string, TGapLevel>>()
  for (const jurisdiction of dataset.jurisdictions.values()) {
    const enforcement = enforcementOf(jurisdiction.governance.ruleOfLaw)
    const byTopic = new Map<string, TGapLevel>()
    for (const topic of TOPIC_IDS) byTopic.set(topic, gapLevelOf(factOf(jurisdiction, topic).status, enforcement))
    levels.set(jurisdiction.code, byTopic)
  }
  return { library, levels, topicSets: new Map() }
}

export type TLevelCounts = Record<TGapLevel, number>

const emptyCounts = (): TLevelCounts => ({ covered: 0, partial: 0, absent: 0, unknown: 0 })

export type TPortfolioDeployment = { id: string; technologies: readonly string[]; countries: readonly string[] }

export type TDeploymentGap = {
  id: string
  technologies: string[]
  countries: string[]
  coverage: Record<string, number>
  /** The lowest coverage among its countries (1 when it has none). */
  worstCoverage: number
  cells: TLevelCounts
  inconsistentTopics: string[]
  absentEssential: { jurisdiction: string; topic: string }[]
}

export type TPortfolioResult = {
  deployments: TDeploymentGap[]
  byCountry: Record<string, { deployments: number; cells: TLevelCounts; meanCoverage: number; absentEssential: number }>
  byTopic: Record<string, { deployments: number; cells: TLevelCounts; inconsistent: number }>
  totals: { deployments: number; cells: TLevelCounts; meanCoverage: number }
}

const topicsOf = (index: TGapIndex, technologies: readonly string[]): TTriggeredTopic[] => {
  const key = [...technologies].sort().join(',')
  let topics = index.topicSets.get(key)
  if (!topics) {
    topics = triggeredTopics(technologies, index.library)
    index.topicSets.set(key, topics)
  }
  return topics
}

/** Analyses every deployment and aggregates by country and topic; unknown ids are refused, not skipped. */
export const analysePortfolio = (deployments: readonly TPortfolioDeployment[], index: TGapIndex): TPortfolioResult => {
  const byCountry: TPortfolioResult['byCountry'] = {}
  const byTopic: TPortfolioResult['byTopic'] = {}
  const coverageSums: Record<string, number> = {}
  const totals = { deployments: deployments.length, cells: emptyCounts(), meanCoverage: 0 }
  let coverageSum = 0
  let coverageCount = 0

  const results = deployments.map((deployment): TDeploymentGap => {
    for (const technology of deployment.technologies) {
      if (!index.library.technologies.has(technology)) {
        throw new AppError('unknown_value', `deployment ${deployment.id}: unknown technology '${technology}'`)
      }
    }
    const topics = topicsOf(index, deployment.technologies)
    const countryLevels = deployment.countries.map((code) => {
      const levels = index.levels.get(code)
      if (!levels) throw new AppError('unknown_value', `deployment ${deployment.id}: unknown country '${code}'`)
      return levels
    })
    const cells = emptyCounts()
    const coverage: Record<string, number> = {}
    const inconsistentTopics: string[] = []
    const absentEssential: TDeploymentGap['absentEssential'] = []

    for (const { topic, importance } of topics) {
      const levels = countryLevels.map((levelsOf) => levelsOf.get(topic) ?? 'unknown')
      const topicEntry = (byTopic[topic] ??= { deployments: 0, cells: emptyCounts(), inconsistent: 0 })
      topicEntry.deployments++
      levels.forEach((level, i) => {
        cells[level]++
        topicEntry.cells[level]++
        if (level === 'absent' && importance === 'essential') {
          absentEssential.push({ jurisdiction: deployment.countries[i] as string, topic })
        }
      })
      if (isInconsistent(levels)) {
        inconsistentTopics.push(topic)
        topicEntry.inconsistent++
      }
    }

    let worstCoverage = 1
    deployment.countries.forEach((code, i) => {
      const levelsOf = countryLevels[i] as Map<string, TGapLevel>
      const value = coverageOf(topics, (topic) => levelsOf.get(topic) ?? 'unknown')
      coverage[code] = value
      worstCoverage = Math.min(worstCoverage, value)
      const countryEntry = (byCountry[code] ??= { deployments: 0, cells: emptyCounts(), meanCoverage: 0, absentEssential: 0 })
      countryEntry.deployments++
      coverageSums[code] = (coverageSums[code] ?? 0) + value
      for (const { topic } of topics) countryEntry.cells[levelsOf.get(topic) ?? 'unknown']++
      coverageSum += value
      coverageCount++
    })
    for (const { jurisdiction } of absentEssential) (byCountry[jurisdiction] as { absentEssential: number }).absentEssential++
    for (const level of GAP_LEVELS) totals.cells[level] += cells[level]

    return {
      id: deployment.id,
      technologies: [...deployment.technologies],
      countries: [...deployment.countries],
      coverage,
      worstCoverage,
      cells,
      inconsistentTopics,
      absentEssential,
    }
  })

  for (const [code, entry] of Object.entries(byCountry)) entry.meanCoverage = (coverageSums[code] ?? 0) / entry.deployments
  totals.meanCoverage = coverageCount === 0 ? 1 : coverageSum / coverageCount
  return { deployments: results, byCountry, byTopic, totals }
}
