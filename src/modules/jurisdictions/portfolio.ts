/**
 * Gap analysis of a whole portfolio (all deployments of an organisation at once) for dashboards and
 * exposure maps: per deployment the coverage per country, cells by gap level, inconsistent topics
 * and absent essential topics (a red flag for provider due diligence), and aggregates by country and by topic.
 *
 * Fast enough for every page view (docs/quality.md: 10,000 deployments < 200 ms): the gap level of each
 * (country, topic) and the triggered topics of each technology set are computed once, and the same
 * rule functions as the single-deployment engine (gap.ts) decide every value.
 */
import { AppError } from '../../core/errors.ts'
import {
  coverageBasisOf,
  factOf,
  GAP_LEVELS,
  gapLevelOf,
  type TGapLevel,
  type TGapLibrary,
  type TTriggeredTopic,
  triggeredTopics,
} from './gap.ts'
import { type TDataset, TOPIC_IDS } from './schemas.ts'
import { enforcementOf } from './wgi.ts'

/** A technology set compiled for the hot loop: topic positions, essential flags, coverage basis. */
type TCompiledTopics = {
  topics: TTriggeredTopic[]
  positions: Int32Array
  isEssential: Uint8Array
  /** 1 where the topic counts for the coverage score (coverageBasisOf decides which). */
  isCounted: Uint8Array
  counted: number
}

/** Precomputed gap levels per (country, topic), built once per dataset. */
export type TGapIndex = {
  library: Pick<TGapLibrary, 'technologies'>
  /** Per country, the level of each topic of TOPIC_IDS as its position in GAP_LEVELS. */
  levels: Map<string, Uint8Array>
  /** Compiled topic sets per technology set (sorted ids joined by ','), filled as sets are met. */
  topicSets: Map<string, TCompiledTopics>
}

const LEVEL_CODE = Object.fromEntries(GAP_LEVELS.map((level, i) => [level, i])) as Record<TGapLevel, number>
const COVERED = LEVEL_CODE.covered
const ABSENT = LEVEL_CODE.absent

/** The gap level of every (jurisdiction, topic) of the dataset. */
export const buildGapIndex = (dataset: TDataset, library: Pick<TGapLibrary, 'technologies'>): TGapIndex => {
  const levels = new Map<string, Uint8Array>()
  for (const jurisdiction of dataset.jurisdictions.values()) {
    const enforcement = enforcementOf(jurisdiction.governance.ruleOfLaw)
    const codes = new Uint8Array(TOPIC_IDS.length)
    TOPIC_IDS.forEach((topic, i) => {
      codes[i] = LEVEL_CODE[gapLevelOf(factOf(jurisdiction, topic).status, enforcement)]
    })
    levels.set(jurisdiction.code, codes)
  }
  return { library, levels, topicSets: new Map() }
}

export type TLevelCounts = Record<TGapLevel, number>

const countsOf = (codes: ArrayLike<number>): TLevelCounts => ({
  covered: codes[LEVEL_CODE.covered] ?? 0,
  partial: codes[LEVEL_CODE.partial] ?? 0,
  absent: codes[LEVEL_CODE.absent] ?? 0,
  unknown: codes[LEVEL_CODE.unknown] ?? 0,
})

export type TPortfolioDeployment = {
  id: string
  technologies: readonly string[]
  countries: readonly string[]
}

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
  byCountry: Record<
    string,
    { deployments: number; cells: TLevelCounts; meanCoverage: number; absentEssential: number }
  >
  byTopic: Record<string, { deployments: number; cells: TLevelCounts; inconsistent: number }>
  totals: { deployments: number; cells: TLevelCounts; meanCoverage: number }
}

const ALL_TOPICS = TOPIC_IDS as readonly string[]

const compiledTopicsOf = (
  index: TGapIndex,
  deploymentId: string,
  technologies: readonly string[],
): TCompiledTopics => {
  // Keyed as given (no sort): a cache hit costs one join; a set met in another order compiles once more.
  const key = technologies.join(',')
  let compiled = index.topicSets.get(key)
  if (!compiled) {
    for (const technology of technologies) {
      if (!index.library.technologies.has(technology)) {
        throw new AppError('unknown_value', `deployment ${deploymentId}: unknown technology '${technology}'`)
      }
    }
    // Only the nine fixed topics have levels; a topic outside them would be `unknown` everywhere.
    const topics = triggeredTopics(technologies, index.library).filter((t) => ALL_TOPICS.includes(t.topic))
    const basis = coverageBasisOf(topics)
    compiled = {
      topics,
      positions: Int32Array.from(topics, (t) => ALL_TOPICS.indexOf(t.topic)),
      isEssential: Uint8Array.from(topics, (t) => (t.importance === 'essential' ? 1 : 0)),
      isCounted: Uint8Array.from(topics, (t) =>
        basis === 'triggered' || t.importance === 'essential' ? 1 : 0,
      ),
      counted:
        basis === 'essential' ? topics.filter((t) => t.importance === 'essential').length : topics.length,
    }
    index.topicSets.set(key, compiled)
  }
  return compiled
}

type TCountryTally = { deployments: number; cells: Float64Array; coverage: number; absentEssential: number }

/**
 * Analyses every deployment and aggregates by country and topic; unknown ids are refused, not
 * skipped. Levels, importance and coverage follow the rule functions of gap.ts (gapLevelOf at index
 * time, coverageBasisOf per technology set; a property test checks agreement with analyseGap).
 */
export const analysePortfolio = (
  deployments: readonly TPortfolioDeployment[],
  index: TGapIndex,
): TPortfolioResult => {
  const topicCount = TOPIC_IDS.length
  const topicDeployments = new Float64Array(topicCount)
  const topicCells = new Float64Array(topicCount * 4)
  const topicInconsistent = new Float64Array(topicCount)
  const countries = new Map<string, TCountryTally>()
  const totalCells = new Float64Array(4)
  let coverageSum = 0
  let coverageCount = 0

  const results = deployments.map((deployment): TDeploymentGap => {
    const compiled = compiledTopicsOf(index, deployment.id, deployment.technologies)
    const { positions, isEssential, isCounted, counted } = compiled
    const rows = deployment.countries.map((code) => {
      const levels = index.levels.get(code)
      if (!levels)
        throw new AppError('unknown_value', `deployment ${deployment.id}: unknown country '${code}'`)
      return levels
    })
    const cells = [0, 0, 0, 0]
    const coverage: Record<string, number> = {}
    const absentEssential: TDeploymentGap['absentEssential'] = []
    let worstCoverage = 1

    rows.forEach((levels, c) => {
      const code = deployment.countries[c] as string
      let tally = countries.get(code)
      if (!tally) {
        tally = { deployments: 0, cells: new Float64Array(4), coverage: 0, absentEssential: 0 }
        countries.set(code, tally)
      }
      let covered = 0
      for (let t = 0; t < positions.length; t++) {
        const position = positions[t] as number
        const level = levels[position] as number
        cells[level] = (cells[level] ?? 0) + 1
        tally.cells[level] = (tally.cells[level] as number) + 1
        topicCells[position * 4 + level] = (topicCells[position * 4 + level] as number) + 1
        if (level === COVERED && isCounted[t] === 1) covered++
        if (level === ABSENT && isEssential[t] === 1) {
          absentEssential.push({ jurisdiction: code, topic: ALL_TOPICS[position] as string })
          tally.absentEssential++
        }
      }
      const value = counted === 0 ? 1 : covered / counted
      coverage[code] = value
      if (value < worstCoverage) worstCoverage = value
      tally.deployments++
      tally.coverage += value
      coverageSum += value
      coverageCount++
    })

    const inconsistentTopics: string[] = []
    const first = rows[0]
    for (let t = 0; t < positions.length; t++) {
      const position = positions[t] as number
      topicDeployments[position] = (topicDeployments[position] as number) + 1
      if (!first) continue
      const level = first[position]
      let isMixed = false
      for (let c = 1; c < rows.length && !isMixed; c++) isMixed = (rows[c] as Uint8Array)[position] !== level
      if (isMixed) {
        inconsistentTopics.push(ALL_TOPICS[position] as string)
        topicInconsistent[position] = (topicInconsistent[position] as number) + 1
      }
    }
    for (let l = 0; l < 4; l++) totalCells[l] = (totalCells[l] as number) + (cells[l] ?? 0)

    return {
      id: deployment.id,
      technologies: deployment.technologies.slice(),
      countries: deployment.countries.slice(),
      coverage,
      worstCoverage,
      cells: countsOf(cells),
      inconsistentTopics,
      absentEssential,
    }
  })

  const byCountry: TPortfolioResult['byCountry'] = {}
  for (const [code, tally] of countries) {
    byCountry[code] = {
      deployments: tally.deployments,
      cells: countsOf(tally.cells),
      meanCoverage: tally.coverage / tally.deployments,
      absentEssential: tally.absentEssential,
    }
  }
  const byTopic: TPortfolioResult['byTopic'] = {}
  TOPIC_IDS.forEach((topic, position) => {
    if (topicDeployments[position] === 0) return
    byTopic[topic] = {
      deployments: topicDeployments[position] as number,
      cells: countsOf(topicCells.subarray(position * 4, position * 4 + 4)),
      inconsistent: topicInconsistent[position] as number,
    }
  })
  return {
    deployments: results,
    byCountry,
    byTopic,
    totals: {
      deployments: deployments.length,
      cells: countsOf(totalCells),
      meanCoverage: coverageCount === 0 ? 1 : coverageSum / coverageCount,
    },
  }
}
