/**
 * Plain-text rendering of a bias audit for the terminal: aligned columns, words for every flag
 * (colour, when on, only repeats what the words say).
 */
import type { TInterval } from './intervals.ts'
import type { TAdverseImpact } from './metrics.ts'
import type { TBiasReport, TGroupResult } from './report.ts'

export type TTableOptions = { isColor: boolean }

export const fmtRate = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v.toFixed(4)
export const fmtCi = (ci: TInterval | null | undefined): string =>
  ci ? `[${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]` : '—'
export const fmtCount = (v: number): string =>
  Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toLocaleString('en-GB', { maximumFractionDigits: 2 })

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
    if (g.insufficient) notes.push(`small group (< ${report.minGroupSize} rows)`)
    if (a?.flagged) notes.push('AIR below 0.8')
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
  const b = s.bootstrap
  const boot = (ci: TInterval | null | undefined): string => (b ? `  bootstrap ${fmtCi(ci)}` : '')
  out.push('')
  out.push(paint('Summary across groups', 1))
  const summaryRows = [
    ['reference group', s.reference ?? '—', ''],
    [
      'demographic parity difference',
      fmtRate(s.demographicParityDifference),
      `Newcombe ${fmtCi(s.rates.selectionRate.differenceCi)}${boot(b?.demographicParityDifference)}`,
    ],
    [
      'demographic parity ratio',
      fmtRate(s.demographicParityRatio),
      `Katz ${fmtCi(s.rates.selectionRate.ratioCi)}${boot(b?.demographicParityRatio)}`,
    ],
    [
      'equalized odds difference',
      fmtRate(s.equalizedOddsDifference),
      boot(b?.equalizedOddsDifference).trim(),
    ],
    ['equalized odds ratio', fmtRate(s.equalizedOddsRatio), boot(b?.equalizedOddsRatio).trim()],
    [
      'equal opportunity difference (TPR)',
      fmtRate(s.equalOpportunityDifference),
      boot(b?.equalOpportunityDifference).trim(),
    ],
    ['average odds difference (largest vs reference)', fmtRate(s.averageOddsDifference), ''],
  ]
  out.push(...align(summaryRows, new Set([1])))
  const flagged = s.adverseImpact.filter((a) => a.flagged)
  out.push('')
  out.push(
    flagged.length === 0
      ? 'Four-fifths rule: no group has a selection rate below 0.8 of the highest.'
      : `Four-fifths rule: ${flagged.length} group(s) below 0.8 of the highest selection rate: ${flagged.map((a) => `${a.key} (${fmtRate(a.ratio)}, CI ${fmtCi(a.ci)})`).join('; ')}.`,
  )
  out.push(
    '  This is an indicator to investigate, not a verdict: read it with the group sizes and intervals.',
  )
  if (s.insufficientGroups.length > 0) {
    out.push(
      `Small groups (< ${report.minGroupSize} rows, read with care): ${s.insufficientGroups.join(', ')}`,
    )
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
