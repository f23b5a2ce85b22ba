/**
 * Builds the bias-audit result (the JSON contract of docs/contracts.md) from counted cells: groups for
 * each intersection of the --group columns, marginals for each single column, summaries, named
 * measures, face-match figures and the optional bootstrap.
 */
import { AppError } from '../../core/errors.ts'
import { bootstrap, type TBootstrapSummary } from './bootstrap.ts'
import type { TCountResult, TSkipReason } from './counting/index.ts'
import { EXACT_INTERVAL_BELOW_N, type TInterval } from './intervals.ts'
import {
  chooseReference,
  faceMatchRate,
  isCompared,
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
/**
 * Replicates of the count bootstrap that gives the equalized-odds intervals (a maximum over two
 * rates has no closed form) when no bootstrap was asked for; its seed is the bootstrap's default.
 */
export const ODDS_REPLICATES = 1000
export const DEFAULT_SEED = 1
/**
 * Above this many groups × replicates the automatic run draws fewer replicates (never under
 * MIN_ODDS_REPLICATES), so a report of hundreds of groups stays a fraction of a second on the
 * server's event loop (bench/bias.ts); an asked-for bootstrap keeps its own count.
 */
export const ODDS_DRAWS = 200_000
export const MIN_ODDS_REPLICATES = 200

/** Replicates of the automatic equalized-odds bootstrap over `groups` groups. */
export const oddsReplicates = (groups: number): number =>
  Math.max(MIN_ODDS_REPLICATES, Math.min(ODDS_REPLICATES, Math.floor(ODDS_DRAWS / Math.max(1, groups))))

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
    /** Over the compared groups; the same over every group under allGroups. */
    bootstrap?: TBootstrapSummary & {
      replicates: number
      seed: number
      method: string
      allGroups: TBootstrapSummary
    }
  }
}

const INTERVAL_METHOD =
  `Wilson score interval; Clopper–Pearson (exact) when the count is 0, equals the denominator, or the denominator is below ${EXACT_INTERVAL_BELOW_N}. ` +
  'Differences: Newcombe hybrid score; equalized odds: percentile bootstrap from the count table. ' +
  'Ratios: Katz log (a zero count: lower bound 0, upper bound with ½ added to each cell). Weighted data: Kish effective sample size.'

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

/**
 * A reference must be a compared group: a handful of rows cannot be what every other group is
 * measured against (docs/bias-audit.md).
 */
function refuseSmallReference(group: TGroupCounts, minGroupSize: number, naming: TOptionNaming): void {
  if (isCompared(group, minGroupSize)) return
  const rows = group.counts.rows
  throw new AppError(
    'validation_failed',
    `${naming.names.reference} "${group.key}" has ${rows} ${rows === 1 ? 'row' : 'rows'}, fewer than the minimum group size of ${minGroupSize}: small groups are shown but not compared, so one cannot be the reference. Choose a group with at least ${minGroupSize} rows, or lower ${naming.names.minGroupSize}.`,
  )
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
  const naming = options.naming ?? CLI_NAMING
  const reference = chooseReference(groupCounts, requested)
  const isMarginalReference =
    requested !== undefined && Object.values(marginalCounts).some((gs) => gs.some((g) => g.key === requested))
  if (requested !== undefined && reference === null && !isMarginalReference) {
    throw new AppError(
      'validation_failed',
      unknownReferenceMessage(requested, groupCounts, marginalCounts, naming),
    )
  }
  const asked = options.bootstrap && options.bootstrap.replicates > 0 ? options.bootstrap : undefined
  const summaryOf = (gs: TGroupCounts[], ref: string | undefined) => {
    if (ref !== undefined) refuseSmallReference(gs.find((g) => g.key === ref)!, minGroupSize, naming)
    const odds = {
      replicates: asked?.replicates ?? oddsReplicates(gs.length),
      seed: asked?.seed ?? options.bootstrap?.seed ?? DEFAULT_SEED,
    }
    const run = bootstrap(gs, {
      ...odds,
      compared: gs.map((g) => isCompared(g, minGroupSize)),
      isPerGroup: false,
    })
    const oddsOf = (b: TBootstrapSummary) => ({
      difference: b.equalizedOddsDifference,
      ratio: b.equalizedOddsRatio,
    })
    return summarise(gs, overallCounts, {
      reference: ref,
      minGroupSize,
      oddsIntervals: { compared: oddsOf(run.summary), all: oddsOf(run.allGroups), ...odds },
    })
  }
  const summary = summaryOf(
    groupCounts,
    reference !== null && requested !== undefined ? requested : undefined,
  )
  const marginalSummaries: Record<string, TSummary> = {}
  for (const col of columns) {
    // With one group column its values are the groups: the same summary, not drawn twice.
    if (columns.length === 1) {
      marginalSummaries[col] = summary
      continue
    }
    const gs = marginalCounts[col]!
    marginalSummaries[col] = summaryOf(
      gs,
      requested !== undefined && gs.some((g) => g.key === requested) ? requested : undefined,
    )
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
    const isIncluded = (g: TGroupCounts): boolean => !summary.tooFewGroups && isCompared(g, minGroupSize)
    report.summary.faceMatch = {
      fmr: faceMatchRate(groupCounts, 'fpr', isIncluded),
      fnmr: faceMatchRate(groupCounts, 'fnr', isIncluded),
    }
  }
  if (options.bootstrap && options.bootstrap.replicates > 0) {
    // The same replicates as the equalized-odds intervals above (same groups, options and seed).
    const b = bootstrap(groupCounts, {
      ...options.bootstrap,
      compared: groupCounts.map((g) => isCompared(g, minGroupSize)),
    })
    b.groups.forEach((bg, i) => {
      groups[i]!.bootstrapCi = bg.ci
    })
    report.summary.bootstrap = {
      ...b.summary,
      replicates: b.replicates,
      seed: b.seed,
      method: b.method,
      allGroups: b.allGroups,
    }
  }
  return report
}
