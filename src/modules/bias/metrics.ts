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
export const RATIO_BAND: [number, number] = [0.8, 1.25]
/** Four-fifths rule threshold for the adverse impact ratio (29 CFR 1607.4(D)). */
export const ADVERSE_IMPACT_THRESHOLD = 0.8

type TKeyed = { key: string; value: number }

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
  toReference: { key: string; ratio: number | null; flagged: boolean }[]
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
  const toReference: TRateSummary['toReference'] = []
  const undefinedGroups: string[] = []
  let defined = 0
  const byKey = new Map<string, TCellCounts>()
  for (const g of groups) {
    byKey.set(g.key, g.counts)
    const value = rate(g.counts, name)
    const ratio = reference && referenceValue !== null ? rateRatio(g.counts, reference.counts, name) : null
    toReference.push({
      key: g.key,
      ratio,
      flagged: ratio !== null && (ratio < RATIO_BAND[0] || ratio > RATIO_BAND[1]),
    })
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
  flagged: boolean
  rows: number
  selectionRate: number | null
  /** Katz interval for SR_g / SR_highest. */
  ci: TInterval | null
}

/**
 * Adverse impact ratio per group: SR_g / highest SR, flagged below 0.8. The four-fifths rule is an
 * indicator of possible adverse impact, not a verdict, hence the sizes and intervals beside it.
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
  const topCounts = top ? effectiveCounts(top.counts, 'selectionRate') : null
  return groups.map((g) => {
    const sr = rate(g.counts, 'selectionRate')
    const ratio = top && sr !== null ? rateRatio(g.counts, top.counts, 'selectionRate') : null
    const mine = effectiveCounts(g.counts, 'selectionRate')
    return {
      key: g.key,
      ratio,
      flagged: ratio !== null && ratio < ADVERSE_IMPACT_THRESHOLD,
      rows: g.counts.rows,
      selectionRate: sr,
      ci: mine && topCounts && g !== top ? katzRatio(mine.x, mine.n, topCounts.x, topCounts.n) : null,
    }
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

export type TSummary = {
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
}

const maxOrNull = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.max(a, b)
const minOrNull = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.min(a, b)

/** All cross-group summaries and named measures for one set of groups. */
export function summarise(groups: TGroupCounts[], overall: TCounts, referenceKey: string | null): TSummary {
  const ref = referenceKey ?? ''
  const perRate = {} as Record<TRateName, TRateSummary>
  for (const name of RATE_NAMES) perRate[name] = summariseRate(groups, overall, ref, name)
  const odds = averageOdds(groups, ref)
  // The largest in magnitude over the groups other than the reference (the reference against
  // itself is 0 by construction): null when no other group is comparable, never a reassuring 0.
  let worst: number | null = null
  for (const o of odds)
    if (
      o.key !== referenceKey &&
      o.difference !== null &&
      (worst === null || Math.abs(o.difference) > Math.abs(worst))
    )
      worst = o.difference
  return {
    reference: referenceKey,
    demographicParityDifference: perRate.selectionRate.difference,
    demographicParityRatio: perRate.selectionRate.ratio,
    equalizedOddsDifference: maxOrNull(perRate.tpr.difference, perRate.fpr.difference),
    equalizedOddsRatio: minOrNull(perRate.tpr.ratio, perRate.fpr.ratio),
    equalOpportunityDifference: perRate.tpr.difference,
    equalOpportunityRatio: perRate.tpr.ratio,
    averageOddsDifference: worst,
    averageOdds: odds,
    adverseImpact: adverseImpact(groups),
    rates: perRate,
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

/** FMR or FNMR across groups: log10, ratio to the lowest group, max and geometric mean. */
export function faceMatchRate(groups: TGroupCounts[], name: 'fpr' | 'fnr'): TFaceMatchRate {
  let max: TKeyed | null = null
  let lowest: TKeyed | null = null
  let logSum = 0
  let defined = 0
  let hasZero = false
  for (const g of groups) {
    const v = rate(g.counts, name)
    if (v === null) continue
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
