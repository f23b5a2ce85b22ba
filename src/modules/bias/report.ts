/**
 * Builds the bias-audit result (the JSON contract of docs/contracts.md) from counted cells: groups for
 * each intersection of the --group columns, marginals for each single column, summaries, named
 * measures, face-match figures and the optional bootstrap.
 */
import { AppError } from '../../core/errors.ts'
import { bootstrap, type TBootstrapResult } from './bootstrap.ts'
import type { TCountResult, TSkipReason } from './counting/index.ts'
import { EXACT_INTERVAL_BELOW_N, type TInterval } from './intervals.ts'
import {
  chooseReference,
  faceMatchRate,
  rateIntervals,
  rates,
  summarise,
  type TCellCounts,
  type TFaceMatchRate,
  type TGroupCounts,
  type TRateName,
  type TSummary,
} from './metrics.ts'
import { CLI_NAMING, type TOptionNaming } from './option-names.ts'

export const DEFAULT_MIN_GROUP_SIZE = 30

export type TReportOptions = {
  reference?: string | undefined
  minGroupSize?: number | undefined
  bootstrap?: { replicates: number; seed: number } | undefined
  isFaceMatch?: boolean | undefined
  /** How messages name the options (the command line's flags by default). */
  naming?: TOptionNaming | undefined
  /** Echoed into the result so a report says what was run. */
  columns: Record<string, string | number | string[] | undefined>
}

export type TGroupResult = {
  key: string
  attributes: Record<string, string>
  n: number
  tp: number
  fp: number
  tn: number
  fn: number
  rows: number
  ci: Record<TRateName, TInterval | null>
  insufficient: boolean
  bootstrapCi?: Record<TRateName, TInterval | null>
} & Record<TRateName, number | null>

export type TBiasReport = {
  rows: number
  skipped: number
  skippedReasons: TSkipReason[]
  columns: TReportOptions['columns']
  minGroupSize: number
  intervals: { level: number; method: string }
  overall: { n: number; tp: number; fp: number; tn: number; fn: number; rows: number } & Record<
    TRateName,
    number | null
  > & {
      ci: Record<TRateName, TInterval | null>
    }
  groups: TGroupResult[]
  marginals: Record<string, TGroupResult[]>
  summary: TSummary & {
    insufficientGroups: string[]
    marginals: Record<string, TSummary>
    faceMatch?: { fmr: TFaceMatchRate; fnmr: TFaceMatchRate }
    bootstrap?: TBootstrapResult['summary'] & { replicates: number; seed: number; method: string }
  }
}

const INTERVAL_METHOD =
  `Wilson score interval; Clopper–Pearson (exact) when the count is 0, equals the denominator, or the denominator is below ${EXACT_INTERVAL_BELOW_N}. ` +
  'Differences: Newcombe hybrid score. Ratios: Katz log (null when a count is 0). Weighted data: Kish effective sample size.'

const compareValues = (a: string[], b: string[]): number => {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1
    if (a[i]! > b[i]!) return 1
  }
  return 0
}

function addInto(target: TCellCounts, c: TCellCounts): void {
  target.tp += c.tp
  target.fp += c.fp
  target.tn += c.tn
  target.fn += c.fn
  target.rows += c.rows
  if (target.squares && c.squares) {
    target.squares.tp += c.squares.tp
    target.squares.fp += c.squares.fp
    target.squares.tn += c.squares.tn
    target.squares.fn += c.squares.fn
  }
}

const emptyCounts = (isWeighted: boolean): TCellCounts => ({
  tp: 0,
  fp: 0,
  tn: 0,
  fn: 0,
  rows: 0,
  squares: isWeighted ? { tp: 0, fp: 0, tn: 0, fn: 0 } : null,
})

function groupResult(
  key: string,
  attributes: Record<string, string>,
  c: TCellCounts,
  minGroupSize: number,
): TGroupResult {
  return {
    key,
    attributes,
    n: c.tp + c.fp + c.tn + c.fn,
    tp: c.tp,
    fp: c.fp,
    tn: c.tn,
    fn: c.fn,
    rows: c.rows,
    ...rates(c),
    ci: rateIntervals(c),
    // Size is the number of rows behind the group, weighted or not.
    insufficient: c.rows < minGroupSize,
  }
}

/** How many keys the message for an unknown --reference lists before "… and N more". */
export const MAX_LISTED_KEYS = 50

/** The message for a --reference that names no group: the valid keys, intersections first. */
function unknownReferenceMessage(
  requested: string,
  groups: TGroupCounts[],
  marginals: Record<string, TGroupCounts[]>,
  naming: TOptionNaming,
): string {
  const keys = groups.map((g) => g.key)
  const columns = Object.keys(marginals)
  // With one --group column the single-column keys are the group keys already.
  if (columns.length > 1) for (const col of columns) for (const g of marginals[col]!) keys.push(g.key)
  const listed = keys.slice(0, MAX_LISTED_KEYS).join(', ')
  const more = keys.length > MAX_LISTED_KEYS ? ` … and ${keys.length - MAX_LISTED_KEYS} more` : ''
  return `${naming.names.reference} "${requested}" is not a group key. Keys (${keys.length}): ${listed}${more}`
}

/** Turn counted cells into the bias-audit result. Throws AppError when nothing usable remains. */
export function buildReport(count: TCountResult, options: TReportOptions): TBiasReport {
  if (count.rows === 0) throw new AppError('validation_failed', 'The file has a header but no data rows.')
  if (count.cells.length === 0) {
    const top = count.skippedReasons
      .slice(0, 3)
      .map((r) => `${r.reason} (${r.count})`)
      .join('; ')
    throw new AppError(
      'validation_failed',
      `No row could be counted: all ${count.rows} rows were skipped — ${top}.`,
    )
  }
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE
  const columns = count.groupColumns
  const cells = [...count.cells].sort((a, b) => compareValues(a.values, b.values))
  const overallCounts = emptyCounts(count.isWeighted)
  for (const c of cells) addInto(overallCounts, c.counts)

  const keyOf = (values: string[], cols: string[]): string =>
    cols.map((c, i) => `${c}=${values[i]}`).join('|')
  const groupCounts: TGroupCounts[] = cells.map((c) => ({ key: keyOf(c.values, columns), counts: c.counts }))
  const groups = cells.map((c, i) =>
    groupResult(
      groupCounts[i]!.key,
      Object.fromEntries(columns.map((col, j) => [col, c.values[j]!])),
      c.counts,
      minGroupSize,
    ),
  )

  // Marginals: counts are additive, so each single column's groups are sums of cells.
  const marginalCounts: Record<string, TGroupCounts[]> = {}
  const marginals: Record<string, TGroupResult[]> = {}
  columns.forEach((col, j) => {
    const byValue = new Map<string, TCellCounts>()
    for (const c of cells) {
      const v = c.values[j]!
      let acc = byValue.get(v)
      if (!acc) {
        acc = emptyCounts(count.isWeighted)
        byValue.set(v, acc)
      }
      addInto(acc, c.counts)
    }
    const values = [...byValue.keys()].sort()
    marginalCounts[col] = values.map((v) => ({ key: `${col}=${v}`, counts: byValue.get(v)! }))
    marginals[col] = values.map((v) =>
      groupResult(`${col}=${v}`, { [col]: v }, byValue.get(v)!, minGroupSize),
    )
  })

  const requested = options.reference
  const reference = chooseReference(groupCounts, requested)
  const isMarginalReference =
    requested !== undefined && Object.values(marginalCounts).some((gs) => gs.some((g) => g.key === requested))
  if (requested !== undefined && reference === null && !isMarginalReference) {
    throw new AppError(
      'validation_failed',
      unknownReferenceMessage(requested, groupCounts, marginalCounts, options.naming ?? CLI_NAMING),
    )
  }
  const summary = summarise(groupCounts, overallCounts, reference ?? chooseReference(groupCounts, undefined))
  const marginalSummaries: Record<string, TSummary> = {}
  for (const col of columns) {
    const gs = marginalCounts[col]!
    const ref =
      requested !== undefined && gs.some((g) => g.key === requested)
        ? requested
        : chooseReference(gs, undefined)
    marginalSummaries[col] = summarise(gs, overallCounts, ref)
  }

  const report: TBiasReport = {
    rows: count.rows,
    skipped: count.skipped,
    skippedReasons: count.skippedReasons,
    columns: options.columns,
    minGroupSize,
    intervals: { level: 0.95, method: INTERVAL_METHOD },
    overall: {
      n: overallCounts.tp + overallCounts.fp + overallCounts.tn + overallCounts.fn,
      tp: overallCounts.tp,
      fp: overallCounts.fp,
      tn: overallCounts.tn,
      fn: overallCounts.fn,
      rows: overallCounts.rows,
      ...rates(overallCounts),
      ci: rateIntervals(overallCounts),
    },
    groups,
    marginals,
    summary: {
      ...summary,
      insufficientGroups: groups.filter((g) => g.insufficient).map((g) => g.key),
      marginals: marginalSummaries,
    },
  }
  if (options.isFaceMatch) {
    report.summary.faceMatch = {
      fmr: faceMatchRate(groupCounts, 'fpr'),
      fnmr: faceMatchRate(groupCounts, 'fnr'),
    }
  }
  if (options.bootstrap && options.bootstrap.replicates > 0) {
    const b = bootstrap(groupCounts, options.bootstrap)
    b.groups.forEach((bg, i) => {
      groups[i]!.bootstrapCi = bg.ci
    })
    report.summary.bootstrap = { ...b.summary, replicates: b.replicates, seed: b.seed, method: b.method }
  }
  return report
}
