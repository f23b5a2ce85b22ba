/**
 * Group-fairness metrics from confusion counts (docs/bias-audit.md). Pure functions over plain data:
 * the streaming counter produces the counts, these functions turn them into rates, intervals,
 * cross-group summaries and the named measures.
 */
import { katzRatio, newcombeDifference, proportionInterval, type TInterval } from './intervals.ts'

/** Confusion counts of one group (weighted sums when a weight column is used). */
export type TCounts = { tp: number; fp: number; tn: number; fn: number }

/** Counts plus what the intervals need: rows behind them and, when weighted, sums of squared weights. */
export type TCellCounts = TCounts & { rows: number; squares: TCounts | null }

export const RATE_NAMES = [
  'selectionRate',
  'baseRate',
  'tpr',
  'fpr',
  'tnr',
  'fnr',
  'ppv',
  'npv',
  'fdr',
  'for',
] as const
export type TRateName = (typeof RATE_NAMES)[number]
export type TRates = Record<TRateName, number | null>

type TOutcome = keyof TCounts
/** Numerator and denominator outcomes of each rate, exactly as docs/bias-audit.md defines them. */
export const RATE_PARTS: Record<TRateName, { num: TOutcome[]; den: TOutcome[] }> = {
  selectionRate: { num: ['tp', 'fp'], den: ['tp', 'fp', 'tn', 'fn'] },
  baseRate: { num: ['tp', 'fn'], den: ['tp', 'fp', 'tn', 'fn'] },
  tpr: { num: ['tp'], den: ['tp', 'fn'] },
  fnr: { num: ['fn'], den: ['tp', 'fn'] },
  fpr: { num: ['fp'], den: ['fp', 'tn'] },
  tnr: { num: ['tn'], den: ['fp', 'tn'] },
  ppv: { num: ['tp'], den: ['tp', 'fp'] },
  fdr: { num: ['fp'], den: ['tp', 'fp'] },
  npv: { num: ['tn'], den: ['tn', 'fn'] },
  for: { num: ['fn'], den: ['tn', 'fn'] },
}

const sum = (c: TCounts, keys: TOutcome[]): number => {
  let s = 0
  for (const k of keys) s += c[k]
  return s
}

export const totalOf = (c: TCounts): number => c.tp + c.fp + c.tn + c.fn

/** One rate; a zero denominator gives null (undefined), never 0. */
export function rate(c: TCounts, name: TRateName): number | null {
  const parts = RATE_PARTS[name]
  const den = sum(c, parts.den)
  return den === 0 ? null : sum(c, parts.num) / den
}

/** All ten rates of docs/bias-audit.md. */
export function rates(c: TCounts): TRates {
  const out = {} as TRates
  for (const name of RATE_NAMES) out[name] = rate(c, name)
  return out
}

/**
 * Successes and trials to feed an interval. Unweighted: the counts themselves. Weighted: Kish's
 * effective sample size (Σw)²/Σw² of the denominator, with the same proportion, so that large
 * survey weights do not masquerade as huge samples.
 */
export function effectiveCounts(c: TCellCounts, name: TRateName): { x: number; n: number } | null {
  const parts = RATE_PARTS[name]
  const den = sum(c, parts.den)
  if (den <= 0) return null
  const num = sum(c, parts.num)
  if (!c.squares) return { x: num, n: den }
  const denSq = sum(c.squares, parts.den)
  if (denSq <= 0) return null
  const n = (den * den) / denSq
  return { x: (num / den) * n, n }
}

/** 95 % interval for each rate (method per intervals.ts); null where the rate is undefined. */
export function rateIntervals(c: TCellCounts): Record<TRateName, TInterval | null> {
  const out = {} as Record<TRateName, TInterval | null>
  for (const name of RATE_NAMES) {
    const e = effectiveCounts(c, name)
    out[name] = e ? proportionInterval(e.x, e.n) : null
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Cross-group summaries and named measures.

export type TGroupCounts = { key: string; counts: TCellCounts }

/** The band outside which a ratio to the reference group is flagged (Aequitas' τ = 0.8). */
export const RATIO_BAND: readonly [number, number] = [0.8, 1.25]
/** Four-fifths rule threshold for the adverse impact ratio (29 CFR 1607.4(D)). */
export const ADVERSE_IMPACT_THRESHOLD = 0.8
const ADVERSE_IMPACT_BAND: readonly [number, number] = [ADVERSE_IMPACT_THRESHOLD, Number.POSITIVE_INFINITY]

export type TKeyed = { key: string; value: number }

/**
 * Where a ratio stands against a band, read through its 95 % interval (docs/bias-audit.md): `below`
 * or `above` when the whole interval lies outside the band, `within` when it lies inside (the
 * bounds themselves are inside), `inconclusive` when it contains a bound, so the data cannot tell.
 */
export type TFlag = 'below' | 'above' | 'within' | 'inconclusive'

/** The flag of a ratio with interval `ci`; null when the ratio is undefined. */
export function flagOf(
  ratio: number | null,
  ci: TInterval | null,
  band: readonly [number, number],
): TFlag | null {
  if (ratio === null) return null
  if (ci === null) return 'inconclusive'
  if (ci[1] < band[0]) return 'below'
  if (ci[0] > band[1]) return 'above'
  if (ci[0] >= band[0] && ci[1] <= band[1]) return 'within'
  return 'inconclusive'
}

/** A flag that calls for attention: the interval lies wholly outside the band. */
export const isFlagged = (flag: TFlag | null): boolean => flag === 'below' || flag === 'above'

export type TToReference = {
  key: string
  ratio: number | null
  /** Katz interval for rate_g / rate_reference; null for the reference itself. */
  ci: TInterval | null
  flag: TFlag | null
  /** flag is `below` or `above`. */
  flagged: boolean
}

export type TRateSummary = {
  max: TKeyed | null
  min: TKeyed | null
  /** Groups whose rate is undefined (zero denominator): left out of every figure below. */
  undefinedGroups: string[]
  /** max − min across groups with a defined rate; null unless at least two groups have one. */
  difference: number | null
  /** Newcombe interval for the difference between the max and min groups. */
  differenceCi: TInterval | null
  /** min / max; null when the max is 0 or fewer than two groups have a defined rate. */
  ratio: number | null
  /** Katz interval for min / max. */
  ratioCi: TInterval | null
  /** Largest |rate − overall rate|, with the group where it occurs. */
  maxAbsDifferenceToOverall: TKeyed | null
  toReference: TToReference[]
}

/**
 * Ratio of one group's rate to another's as (num₁·den₂)/(num₂·den₁): with integer counts the
 * products are exact, so the ratio is the correctly rounded fraction (40/100 over 50/100 is exactly
 * 0.8, not 0.7999…), which matters at the four-fifths boundary. Null when either rate is undefined
 * or the divisor rate is 0.
 */
export function rateRatio(a: TCounts, b: TCounts, name: TRateName): number | null {
  const parts = RATE_PARTS[name]
  const denA = sum(a, parts.den)
  const denB = sum(b, parts.den)
  const numB = sum(b, parts.num)
  if (denA === 0 || denB === 0 || numB === 0) return null
  return (sum(a, parts.num) * denB) / (numB * denA)
}

/** Katz interval for rate_a / rate_b from the (effective) counts. */
function ratioInterval(a: TCellCounts, b: TCellCounts, name: TRateName): TInterval | null {
  const ea = effectiveCounts(a, name)
  const eb = effectiveCounts(b, name)
  return ea && eb ? katzRatio(ea.x, ea.n, eb.x, eb.n) : null
}

/**
 * Cross-group summary of one rate (docs/bias-audit.md). Groups with an undefined rate are left out (and
 * listed). A comparison needs two groups: with fewer than two defined rates the difference, the
 * ratio and their intervals are null, never a reassuring 0 or 1. On ties, max and min are distinct
 * groups (first in key order for min, last for max), so their intervals compare two groups.
 */
export function summariseRate(
  groups: TGroupCounts[],
  overall: TCounts,
  referenceKey: string,
  name: TRateName,
): TRateSummary {
  let max: TKeyed | null = null
  let min: TKeyed | null = null
  let maxAbs: TKeyed | null = null
  const overallValue = rate(overall, name)
  const reference = groups.find((g) => g.key === referenceKey)
  const referenceValue = reference ? rate(reference.counts, name) : null
  const toReference: TToReference[] = []
  const undefinedGroups: string[] = []
  let defined = 0
  const byKey = new Map<string, TCellCounts>()
  for (const g of groups) {
    byKey.set(g.key, g.counts)
    const value = rate(g.counts, name)
    const ratio = reference && referenceValue !== null ? rateRatio(g.counts, reference.counts, name) : null
    // The reference against itself is 1 with no uncertainty to read.
    const isReference = g === reference
    const ci =
      reference && ratio !== null && !isReference ? ratioInterval(g.counts, reference.counts, name) : null
    const flag = isReference && ratio !== null ? 'within' : flagOf(ratio, ci, RATIO_BAND)
    toReference.push({ key: g.key, ratio, ci, flag, flagged: isFlagged(flag) })
    if (value === null) {
      undefinedGroups.push(g.key)
      continue
    }
    defined++
    if (!max || value >= max.value) max = { key: g.key, value }
    if (!min || value < min.value) min = { key: g.key, value }
    if (overallValue !== null) {
      const d = Math.abs(value - overallValue)
      if (!maxAbs || d > maxAbs.value) maxAbs = { key: g.key, value: d }
    }
  }
  let differenceCi: TInterval | null = null
  let ratioCi: TInterval | null = null
  const isComparable = max !== null && min !== null && defined >= 2
  if (max && min && isComparable) {
    const hi = effectiveCounts(byKey.get(max.key)!, name)
    const lo = effectiveCounts(byKey.get(min.key)!, name)
    if (hi && lo) {
      differenceCi = newcombeDifference(hi.x, hi.n, lo.x, lo.n)
      ratioCi = katzRatio(lo.x, lo.n, hi.x, hi.n)
    }
  }
  return {
    max,
    min,
    undefinedGroups,
    difference: max && min && isComparable ? max.value - min.value : null,
    differenceCi,
    ratio: max && min && isComparable ? rateRatio(byKey.get(min.key)!, byKey.get(max.key)!, name) : null,
    ratioCi,
    maxAbsDifferenceToOverall: maxAbs,
    toReference,
  }
}

export type TAdverseImpact = {
  key: string
  ratio: number | null
  /** Against 0.8 through the interval: `below`, `within` or `inconclusive`. */
  flag: TFlag | null
  /** flag is `below`. */
  flagged: boolean
  rows: number
  selectionRate: number | null
  /** Katz interval for SR_g / SR_highest; null for the highest group itself. */
  ci: TInterval | null
}

/**
 * Adverse impact ratio per group: SR_g / highest SR, `below` when its interval lies under 0.8. The
 * four-fifths rule is an indicator of possible adverse impact, not a verdict, hence the sizes and
 * intervals beside it.
 */
export function adverseImpact(groups: TGroupCounts[]): TAdverseImpact[] {
  let top: TGroupCounts | null = null
  let topRate = -1
  for (const g of groups) {
    const sr = rate(g.counts, 'selectionRate')
    if (sr !== null && sr > topRate) {
      topRate = sr
      top = g
    }
  }
  return groups.map((g) => {
    const sr = rate(g.counts, 'selectionRate')
    const ratio = top && sr !== null ? rateRatio(g.counts, top.counts, 'selectionRate') : null
    const isTop = g === top
    const ci = top && ratio !== null && !isTop ? ratioInterval(g.counts, top.counts, 'selectionRate') : null
    const flag = isTop && ratio !== null ? 'within' : flagOf(ratio, ci, ADVERSE_IMPACT_BAND)
    return { key: g.key, ratio, flag, flagged: isFlagged(flag), rows: g.counts.rows, selectionRate: sr, ci }
  })
}

/** Average odds difference of each group against the reference: ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)]. */
export function averageOdds(
  groups: TGroupCounts[],
  referenceKey: string,
): { key: string; difference: number | null }[] {
  const ref = groups.find((g) => g.key === referenceKey)
  const refTpr = ref ? rate(ref.counts, 'tpr') : null
  const refFpr = ref ? rate(ref.counts, 'fpr') : null
  return groups.map((g) => {
    const tpr = rate(g.counts, 'tpr')
    const fpr = rate(g.counts, 'fpr')
    const isDefined = tpr !== null && fpr !== null && refTpr !== null && refFpr !== null
    return { key: g.key, difference: isDefined ? (fpr - refFpr + (tpr - refTpr)) / 2 : null }
  })
}

/** The reference group: the one named, else the largest by rows (ties: first in order). */
export function chooseReference(groups: TGroupCounts[], requested: string | undefined): string | null {
  if (requested !== undefined) return groups.some((g) => g.key === requested) ? requested : null
  let best: TGroupCounts | null = null
  for (const g of groups) if (!best || g.counts.rows > best.counts.rows) best = g
  return best ? best.key : null
}

/** The groups a summary compares: those with at least `minGroupSize` rows (docs/bias-audit.md). */
export function isCompared(g: TGroupCounts, minGroupSize: number): boolean {
  return g.counts.rows >= minGroupSize
}

export type TIntervalMethod = 'newcombe' | 'katz' | 'bootstrap'

/** One named measure with what produced it: its interval, the rate and the groups at max and min. */
export type TMeasure = {
  value: number | null
  ci: TInterval | null
  /** How `ci` was computed; null when there is none. */
  method: TIntervalMethod | null
  /** The rate whose groups give the value (for equalized odds, the one of TPR and FPR that does). */
  rate: TRateName | null
  /** The groups behind the value: highest and lowest rate (for average odds, the group compared with the reference, and null). */
  max: TKeyed | null
  min: TKeyed | null
}

export const MEASURE_NAMES = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalizedOddsDifference',
  'equalizedOddsRatio',
  'equalOpportunityDifference',
  'equalOpportunityRatio',
  'averageOddsDifference',
] as const
export type TMeasureName = (typeof MEASURE_NAMES)[number]

/** The summary figures of one set of groups. */
export type TSummaryFigures = {
  reference: string | null
  demographicParityDifference: number | null
  demographicParityRatio: number | null
  equalizedOddsDifference: number | null
  equalizedOddsRatio: number | null
  equalOpportunityDifference: number | null
  equalOpportunityRatio: number | null
  /** The averageOdds difference largest in magnitude among non-reference groups (sign kept). */
  averageOddsDifference: number | null
  averageOdds: { key: string; difference: number | null }[]
  adverseImpact: TAdverseImpact[]
  rates: Record<TRateName, TRateSummary>
  measures: Record<TMeasureName, TMeasure>
}

/**
 * The summary of docs/bias-audit.md: figures over the groups with at least minGroupSize rows, what was
 * left out, and the same figures over all groups under `allGroups`.
 */
export type TSummary = TSummaryFigures & {
  /** Keys of the groups the figures compare. */
  comparedGroups: string[]
  /** Groups under minGroupSize rows: their rates are shown, not compared. */
  excludedGroups: { key: string; rows: number }[]
  /** Fewer than two groups reach minGroupSize: no cross-group figure is computed. */
  tooFewGroups: boolean
  allGroups: TSummaryFigures
  /** The count bootstrap behind the equalized-odds intervals; null when none was run. */
  equalizedOddsBootstrap: { replicates: number; seed: number } | null
}

/** Intervals of the equalized-odds measures, which have no closed form (the bootstrap gives them). */
export type TOddsIntervals = { difference: TInterval | null; ratio: TInterval | null }

export type TSummariseOptions = {
  /** The reference key when one was asked for; it must be a compared group. Else the largest. */
  reference?: string | undefined
  minGroupSize: number
  /** Equalized-odds intervals over the compared groups and over all of them, when computed. */
  oddsIntervals?:
    | { compared: TOddsIntervals; all: TOddsIntervals; replicates: number; seed: number }
    | undefined
}

const measureOf = (s: TRateSummary, rateName: TRateName, kind: 'difference' | 'ratio'): TMeasure => {
  const ci = kind === 'difference' ? s.differenceCi : s.ratioCi
  return {
    value: s[kind],
    ci,
    method: ci ? (kind === 'difference' ? 'newcombe' : 'katz') : null,
    rate: rateName,
    max: s.max,
    min: s.min,
  }
}

/** Equalized odds: the TPR or FPR part that gives the value (the larger difference, the smaller ratio; TPR on a tie). */
function oddsMeasure(
  perRate: Record<TRateName, TRateSummary>,
  kind: 'difference' | 'ratio',
  ci: TInterval | null,
): TMeasure {
  const tpr = perRate.tpr[kind]
  const fpr = perRate.fpr[kind]
  if (tpr === null || fpr === null)
    return { value: null, ci: null, method: null, rate: null, max: null, min: null }
  const isFpr = kind === 'difference' ? fpr > tpr : fpr < tpr
  const part = isFpr ? perRate.fpr : perRate.tpr
  return {
    value: kind === 'difference' ? Math.max(tpr, fpr) : Math.min(tpr, fpr),
    ci,
    method: ci ? 'bootstrap' : null,
    rate: isFpr ? 'fpr' : 'tpr',
    max: part.max,
    min: part.min,
  }
}

/** All cross-group figures for one set of groups, every group compared. */
export function summariseFigures(
  groups: TGroupCounts[],
  overall: TCounts,
  referenceKey: string | null,
  oddsIntervals?: TOddsIntervals,
): TSummaryFigures {
  const ref = referenceKey ?? ''
  const perRate = {} as Record<TRateName, TRateSummary>
  for (const name of RATE_NAMES) perRate[name] = summariseRate(groups, overall, ref, name)
  const odds = averageOdds(groups, ref)
  // The largest in magnitude over the groups other than the reference (the reference against
  // itself is 0 by construction): null when no other group is comparable, never a reassuring 0.
  let worst: { key: string; difference: number } | null = null
  for (const o of odds)
    if (
      o.key !== referenceKey &&
      o.difference !== null &&
      (worst === null || Math.abs(o.difference) > Math.abs(worst.difference))
    )
      worst = { key: o.key, difference: o.difference }
  const oddsCi = oddsIntervals ?? { difference: null, ratio: null }
  const equalizedOddsDifference = oddsMeasure(perRate, 'difference', oddsCi.difference)
  const equalizedOddsRatio = oddsMeasure(perRate, 'ratio', oddsCi.ratio)
  return {
    reference: referenceKey,
    demographicParityDifference: perRate.selectionRate.difference,
    demographicParityRatio: perRate.selectionRate.ratio,
    equalizedOddsDifference: equalizedOddsDifference.value,
    equalizedOddsRatio: equalizedOddsRatio.value,
    equalOpportunityDifference: perRate.tpr.difference,
    equalOpportunityRatio: perRate.tpr.ratio,
    averageOddsDifference: worst ? worst.difference : null,
    averageOdds: odds,
    adverseImpact: adverseImpact(groups),
    rates: perRate,
    measures: {
      demographicParityDifference: measureOf(perRate.selectionRate, 'selectionRate', 'difference'),
      demographicParityRatio: measureOf(perRate.selectionRate, 'selectionRate', 'ratio'),
      equalizedOddsDifference,
      equalizedOddsRatio,
      equalOpportunityDifference: measureOf(perRate.tpr, 'tpr', 'difference'),
      equalOpportunityRatio: measureOf(perRate.tpr, 'tpr', 'ratio'),
      averageOddsDifference: {
        value: worst ? worst.difference : null,
        ci: null,
        method: null,
        rate: null,
        max: worst ? { key: worst.key, value: worst.difference } : null,
        min: null,
      },
    },
  }
}

/**
 * The summary of one set of groups (docs/bias-audit.md): the figures compare only the groups with at
 * least minGroupSize rows, so a handful of rows cannot set the headline; with fewer than two such
 * groups every cross-group figure is null and `tooFewGroups` says why. The figures over every group
 * stay under `allGroups`.
 */
export function summarise(groups: TGroupCounts[], overall: TCounts, options: TSummariseOptions): TSummary {
  const compared = groups.filter((g) => isCompared(g, options.minGroupSize))
  const excluded = groups.filter((g) => !isCompared(g, options.minGroupSize))
  const tooFewGroups = compared.length < 2
  const figures = summariseFigures(
    tooFewGroups ? [] : compared,
    overall,
    tooFewGroups ? null : chooseReference(compared, options.reference),
    tooFewGroups ? undefined : options.oddsIntervals?.compared,
  )
  const allGroups =
    excluded.length === 0 && !tooFewGroups
      ? figures
      : summariseFigures(
          groups,
          overall,
          chooseReference(groups, options.reference),
          options.oddsIntervals?.all,
        )
  return {
    ...figures,
    comparedGroups: compared.map((g) => g.key),
    excludedGroups: excluded.map((g) => ({ key: g.key, rows: g.counts.rows })),
    tooFewGroups,
    allGroups,
    equalizedOddsBootstrap: options.oddsIntervals
      ? { replicates: options.oddsIntervals.replicates, seed: options.oddsIntervals.seed }
      : null,
  }
}

// ---------------------------------------------------------------------------------------------
// Face-match wording (NIST FRVT): FMR = FPR over impostor comparisons, FNMR = FNR over genuine ones.

export type TFaceMatchRate = {
  max: TKeyed | null
  /** Lowest non-zero rate: a ratio to a zero rate would be infinite. */
  lowest: TKeyed | null
  geometricMean: number | null
  /** NIST's Max/GeoMean; null when a group's rate is 0 (the geometric mean is then 0). */
  maxOverGeometricMean: number | null
  groups: { key: string; value: number | null; log10: number | null; ratioToLowest: number | null }[]
}

/**
 * FMR or FNMR across groups: log10, ratio to the lowest group, max and geometric mean. Max, lowest
 * and the mean are taken over the groups `isIncluded` accepts (the compared ones); every group is listed.
 */
export function faceMatchRate(
  groups: TGroupCounts[],
  name: 'fpr' | 'fnr',
  isIncluded: (g: TGroupCounts) => boolean = () => true,
): TFaceMatchRate {
  let max: TKeyed | null = null
  let lowest: TKeyed | null = null
  let logSum = 0
  let defined = 0
  let hasZero = false
  for (const g of groups) {
    const v = rate(g.counts, name)
    if (v === null || !isIncluded(g)) continue
    defined++
    if (v === 0) hasZero = true
    else logSum += Math.log(v)
    if (!max || v > max.value) max = { key: g.key, value: v }
    if (v > 0 && (!lowest || v < lowest.value)) lowest = { key: g.key, value: v }
  }
  const geometricMean = defined === 0 ? null : hasZero ? 0 : Math.exp(logSum / defined)
  return {
    max,
    lowest,
    geometricMean,
    maxOverGeometricMean: max && geometricMean ? max.value / geometricMean : null,
    groups: groups.map((g) => {
      const v = rate(g.counts, name)
      return {
        key: g.key,
        value: v,
        log10: v !== null && v > 0 ? Math.log10(v) : null,
        ratioToLowest: v !== null && lowest ? v / lowest.value : null,
      }
    }),
  }
}
