/**
 * The sentences the terminal table and the HTML report share about what a summary compares and how
 * a ratio's interval reads against its bound (docs/bias-audit.md), so both say the same thing.
 */
import { fmtCi, fmtCount, fmtRate } from './format-numbers.ts'
import type { TFlag, TMeasure, TMeasureName, TRateName, TSummary } from './metrics.ts'

export const MEASURE_LABELS: Record<TMeasureName, string> = {
  demographicParityDifference: 'Demographic parity difference',
  demographicParityRatio: 'Demographic parity ratio',
  equalizedOddsDifference: 'Equalized odds difference',
  equalizedOddsRatio: 'Equalized odds ratio',
  equalOpportunityDifference: 'Equal opportunity difference',
  equalOpportunityRatio: 'Equal opportunity ratio',
  averageOddsDifference: 'Average odds difference',
}

const RATE_SHORT: Record<TRateName, string> = {
  selectionRate: 'selection rate',
  baseRate: 'base rate',
  tpr: 'TPR',
  fpr: 'FPR',
  tnr: 'TNR',
  fnr: 'FNR',
  ppv: 'PPV',
  npv: 'NPV',
  fdr: 'FDR',
  for: 'FOR',
}

const METHOD_LABEL = { newcombe: 'Newcombe', katz: 'Katz', bootstrap: 'bootstrap' } as const

/** "[0.0604, 0.4071] Newcombe", or — when the measure has no interval. */
export const measureInterval = (m: TMeasure): string =>
  m.ci && m.method ? `${fmtCi(m.ci)} ${METHOD_LABEL[m.method]}` : '—'

/** The groups behind a measure: "FPR: g=D 0.3243 vs g=E 0.0667", or the group against the reference. */
export function measureGroups(m: TMeasure, reference: string | null): string {
  if (m.max && m.min && m.rate) {
    return `${RATE_SHORT[m.rate]}: ${m.max.key} ${fmtRate(m.max.value)} vs ${m.min.key} ${fmtRate(m.min.value)}`
  }
  if (m.max && reference) return `${m.max.key} vs ${reference}`
  return ''
}

/** A ratio's flag in words, with the bound it is read against. */
export function flagWords(flag: TFlag | null, what: string, bounds: string): string {
  switch (flag) {
    case 'below':
      return `${what} below ${bounds}`
    case 'above':
      return `${what} above ${bounds}`
    case 'inconclusive':
      return `${what} inconclusive (interval holds ${bounds})`
    default:
      return ''
  }
}

/**
 * What the summary compares: the groups left out for their size, or that too few groups remain. Null
 * when every group is compared.
 */
export function comparisonNote(s: TSummary, minGroupSize: number): string | null {
  if (s.tooFewGroups) {
    return `Fewer than two groups have at least ${fmtCount(minGroupSize)} rows, so no cross-group figure is computed. The figures over all groups are given beside, to read with great care; a lower minimum group size compares smaller groups.`
  }
  if (s.excludedGroups.length === 0) return null
  const listed = s.excludedGroups.map(
    (g) => `${g.key} (${fmtCount(g.rows)} ${g.rows === 1 ? 'row' : 'rows'})`,
  )
  return `Not compared — fewer than ${fmtCount(minGroupSize)} rows: ${listed.join(', ')}. Their rates are shown, but they are left out of every cross-group figure and of the four-fifths reference; the figures over all groups are given beside.`
}

/** The four-fifths reading of the compared groups in one or two sentences. */
export function fourFifthsSentence(s: TSummary): string {
  if (s.tooFewGroups) return 'Four-fifths rule: not computed (fewer than two groups are compared).'
  const top = s.adverseImpact.find((a) => a.ratio === 1 && a.ci === null)
  const of = top ? ` (${top.key})` : ''
  const list = (flag: TFlag): string =>
    s.adverseImpact
      .filter((a) => a.flag === flag)
      .map((a) => `${a.key} (${fmtRate(a.ratio)}, interval ${fmtCi(a.ci)}, ${fmtCount(a.rows)} rows)`)
      .join('; ')
  const below = list('below')
  const unsure = list('inconclusive')
  const first = below
    ? `Four-fifths rule: below 0.8 of the highest selection rate${of}, the whole interval under 0.8: ${below}.`
    : `Four-fifths rule: no compared group is below 0.8 of the highest selection rate${of} with its whole interval.`
  return unsure ? `${first} Inconclusive, the interval holds 0.8: ${unsure}.` : first
}
