/**
 * Plain-text rendering of a bias audit for the terminal: aligned columns, words for every flag
 * (colour, when on, only repeats what the words say).
 */
import { fmtCi, fmtCount, fmtRate } from './format-numbers.ts'
import type { TInterval } from './intervals.ts'
import { MEASURE_NAMES, type TAdverseImpact, type TMeasureName, type TSummary } from './metrics.ts'
import type { TBiasReport, TGroupResult } from './report.ts'
import {
  comparisonNote,
  flagWords,
  fourFifthsSentence,
  MEASURE_LABELS,
  measureGroups,
  measureInterval,
} from './wording.ts'

export type TTableOptions = { isColor: boolean }

function align(rows: string[][], rightAligned: Set<number>): string[] {
  const widths: number[] = []
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] ?? 0, [...r[i]!].length)
  }
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length)
        return rightAligned.has(i) ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd(),
  )
}

function groupTable(
  groups: TGroupResult[],
  report: TBiasReport,
  adverse: TAdverseImpact[],
  paint: (s: string, code: number) => string,
): string[] {
  const air = new Map(adverse.map((a) => [a.key, a]))
  const header = ['group', 'n', 'selection', '95% CI', 'base', 'TPR', 'FPR', 'FNR', 'PPV', 'AIR', 'notes']
  const rows = groups.map((g) => {
    const a = air.get(g.key)
    const notes: string[] = []
    if (g.insufficient) notes.push(`not compared (${fmtCount(g.rows)} rows < ${report.minGroupSize})`)
    const words = flagWords(a?.flag ?? null, 'AIR', '0.8')
    if (words) notes.push(words)
    return [
      g.key,
      fmtCount(g.n),
      fmtRate(g.selectionRate),
      fmtCi(g.ci.selectionRate),
      fmtRate(g.baseRate),
      fmtRate(g.tpr),
      fmtRate(g.fpr),
      fmtRate(g.fnr),
      fmtRate(g.ppv),
      a ? fmtRate(a.ratio) : '',
      notes.join('; '),
    ]
  })
  const lines = align([header, ...rows], new Set([1, 2, 4, 5, 6, 7, 8, 9]))
  return lines.map((l, i) => {
    if (i === 0) return paint(l, 1)
    const g = groups[i - 1]!
    if (air.get(g.key)?.flagged) return paint(l, 31)
    if (g.insufficient) return paint(l, 2)
    return l
  })
}

type TBootstrapIntervals = Partial<Record<TMeasureName, TInterval | null>>

/**
 * One summary as lines: what it leaves out, each measure with its interval and the groups behind it
 * (the figure over all groups beside it when some were left out), then the four-fifths reading.
 */
function summaryLines(s: TSummary, minGroupSize: number, boot: TBootstrapIntervals | undefined): string[] {
  const out: string[] = []
  const note = comparisonNote(s, minGroupSize)
  if (note) out.push(note)
  const isPartial = s.tooFewGroups || s.excludedGroups.length > 0
  const header = ['measure', 'value', '95% interval', 'groups']
  if (isPartial) header.push('all groups')
  if (boot) header.push('bootstrap')
  const rows = [header, ['reference group', s.reference ?? '—', '', '']]
  if (isPartial) rows[1]!.push(s.allGroups.reference ?? '—')
  for (const name of MEASURE_NAMES) {
    const m = s.measures[name]
    const row = [MEASURE_LABELS[name], fmtRate(m.value), measureInterval(m), measureGroups(m, s.reference)]
    if (isPartial) row.push(fmtRate(s.allGroups.measures[name].value))
    if (boot) row.push(fmtCi(boot[name]))
    rows.push(row)
  }
  out.push(...align(rows, new Set([1])))
  out.push('')
  out.push(fourFifthsSentence(s))
  out.push(
    '  This is an indicator to investigate, not a verdict: read it with the group sizes and intervals.',
  )
  return out
}

/** The whole report as aligned text. */
export function formatTable(report: TBiasReport, options: TTableOptions): string {
  const paint = (s: string, code: number): string => (options.isColor ? `\x1b[${code}m${s}\x1b[0m` : s)
  const out: string[] = []
  const cols = Object.keys(report.marginals)
  out.push(paint(`Bias audit — ${fmtCount(report.rows)} rows read, ${fmtCount(report.skipped)} skipped`, 1))
  for (const r of report.skippedReasons) {
    out.push(`  skipped: ${r.reason}: ${fmtCount(r.count)} (first data rows ${r.firstRows.join(', ')})`)
  }
  const o = report.overall
  out.push('')
  out.push(
    `Overall  n=${fmtCount(o.n)}  TP=${fmtCount(o.tp)} FP=${fmtCount(o.fp)} TN=${fmtCount(o.tn)} FN=${fmtCount(o.fn)}`,
  )
  out.push(
    `         selection ${fmtRate(o.selectionRate)}  base ${fmtRate(o.baseRate)}  TPR ${fmtRate(o.tpr)}  FPR ${fmtRate(o.fpr)}  PPV ${fmtRate(o.ppv)}`,
  )
  out.push('')
  out.push(paint(`Groups (${cols.join(' × ')}): ${report.groups.length}`, 1))
  out.push(...groupTable(report.groups, report, report.summary.adverseImpact, paint))
  if (cols.length > 1) {
    for (const col of cols) {
      out.push('')
      out.push(paint(`By ${col}`, 1))
      out.push(
        ...groupTable(report.marginals[col]!, report, report.summary.marginals[col]!.adverseImpact, paint),
      )
    }
  }
  const s = report.summary
  out.push('')
  out.push(paint('Summary across groups', 1))
  out.push(...summaryLines(s, report.minGroupSize, s.bootstrap))
  if (cols.length > 1) {
    for (const col of cols) {
      out.push('')
      out.push(paint(`Summary by ${col}`, 1))
      out.push(...summaryLines(s.marginals[col]!, report.minGroupSize, undefined))
    }
  }
  if (s.faceMatch) {
    for (const [label, fm] of [
      ['FMR (false match rate)', s.faceMatch.fmr],
      ['FNMR (false non-match rate)', s.faceMatch.fnmr],
    ] as const) {
      out.push('')
      out.push(paint(label, 1))
      out.push(
        ...align(
          [
            ['group', 'rate', 'log10', 'ratio to lowest'],
            ...fm.groups.map((g) => [
              g.key,
              fmtRate(g.value),
              g.log10 === null ? '—' : g.log10.toFixed(2),
              g.ratioToLowest === null ? '—' : g.ratioToLowest.toFixed(2),
            ]),
          ],
          new Set([1, 2, 3]),
        ),
      )
      out.push(
        `max ${fmtRate(fm.max?.value)} (${fm.max?.key ?? '—'}), geometric mean ${fmtRate(fm.geometricMean)}, max/geometric mean ${fm.maxOverGeometricMean === null ? '—' : fm.maxOverGeometricMean.toFixed(2)}`,
      )
    }
  }
  out.push('')
  out.push(`Intervals: 95 %. ${report.intervals.method}`)
  return `${out.join('\n')}\n`
}
