/**
 * Self-contained HTML report of a bias audit: no external assets, an inline SVG interval plot we
 * draw ourselves, the tables, and plain explanations of each measure.
 */
import { fmtCi, fmtCount, fmtRate } from './format-numbers.ts'
import type { TInterval } from './intervals.ts'
import {
  MEASURE_NAMES,
  type TAdverseImpact,
  type TMeasureName,
  type TRateName,
  type TSummary,
} from './metrics.ts'
import type { TBiasReport, TGroupResult } from './report.ts'
import {
  comparisonNote,
  flagWords,
  fourFifthsSentence,
  MEASURE_LABELS,
  measureGroups,
  measureInterval,
} from './wording.ts'

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return Math.min(1, m * p)
  return 1
}

const RATE_LABEL: Record<TRateName, string> = {
  selectionRate: 'Selection rate',
  baseRate: 'Base rate',
  tpr: 'True positive rate',
  fpr: 'False positive rate',
  tnr: 'True negative rate',
  fnr: 'False negative rate',
  ppv: 'Positive predictive value',
  npv: 'Negative predictive value',
  fdr: 'False discovery rate',
  for: 'False omission rate',
}

/** One panel: each group's rate as a dot with its 95 % interval, the overall rate as a dashed line. */
export function intervalPlot(
  groups: TGroupResult[],
  rate: TRateName,
  overall: number | null,
  title: string,
): string {
  const labelW = 280
  const plotW = 420
  const rowH = 22
  const top = 34
  const height = top + groups.length * rowH + 30
  let maxHi = overall ?? 0
  for (const g of groups) maxHi = Math.max(maxHi, g.ci[rate]?.[1] ?? g[rate] ?? 0)
  const xMax = niceCeil(maxHi)
  const x = (v: number): number => labelW + (Math.min(v, xMax) / xMax) * plotW
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${labelW + plotW + 30}" height="${height}" viewBox="0 0 ${labelW + plotW + 30} ${height}" font-family="sans-serif" font-size="12">`,
  )
  parts.push(`<title>${esc(title)}: each group's rate with its 95 % interval</title>`)
  parts.push(`<text x="0" y="16" font-weight="bold" font-size="14">${esc(title)}</text>`)
  for (let t = 0; t <= 5; t++) {
    const v = (xMax * t) / 5
    const xv = x(v)
    parts.push(`<line x1="${xv}" y1="${top - 6}" x2="${xv}" y2="${height - 26}" stroke="#ddd"/>`)
    parts.push(
      `<text x="${xv}" y="${height - 10}" text-anchor="middle" fill="#333">${Number(v.toPrecision(3))}</text>`,
    )
  }
  if (overall !== null) {
    const xo = x(overall)
    parts.push(
      `<line x1="${xo}" y1="${top - 6}" x2="${xo}" y2="${height - 26}" stroke="#555" stroke-dasharray="4 3"/>`,
    )
    parts.push(`<text x="${xo + 4}" y="${top - 10}" fill="#555">overall ${fmtRate(overall)}</text>`)
  }
  groups.forEach((g, i) => {
    const y = top + i * rowH + rowH / 2
    const v = g[rate]
    const ci = g.ci[rate]
    const label = g.key.length > 44 ? `${g.key.slice(0, 43)}…` : g.key
    parts.push(
      `<g><title>${esc(g.key)}: ${fmtRate(v)} ${fmtCi(ci)}, ${fmtCount(g.rows)} rows${g.insufficient ? ', not compared' : ''}</title>`,
    )
    parts.push(
      `<text x="${labelW - 8}" y="${y + 4}" text-anchor="end">${esc(label)}${g.insufficient ? ' (not compared)' : ''}</text>`,
    )
    if (ci)
      parts.push(
        `<line x1="${x(ci[0])}" y1="${y}" x2="${x(ci[1])}" y2="${y}" stroke="#1f4e79" stroke-width="2"/>`,
      )
    if (v !== null) {
      // Small groups are drawn hollow, and say so in words beside the label.
      parts.push(
        `<circle cx="${x(v)}" cy="${y}" r="4.5" fill="${g.insufficient ? 'white' : '#1f4e79'}" stroke="#1f4e79" stroke-width="1.5"/>`,
      )
    } else {
      parts.push(`<text x="${labelW + 4}" y="${y + 4}" fill="#777">undefined (no cases)</text>`)
    }
    parts.push('</g>')
  })
  parts.push('</svg>')
  return parts.join('')
}

function groupTable(groups: TGroupResult[], report: TBiasReport, adverse: TAdverseImpact[]): string {
  const air = new Map(adverse.map((a) => [a.key, a]))
  const rows = groups
    .map((g) => {
      const a = air.get(g.key)
      const notes = [
        g.insufficient ? `not compared (${fmtCount(g.rows)} rows &lt; ${report.minGroupSize})` : '',
        esc(flagWords(a?.flag ?? null, 'AIR', '0.8')),
      ]
        .filter(Boolean)
        .join('; ')
      return `<tr${a?.flagged ? ' class="flag"' : ''}><th scope="row">${esc(g.key)}</th><td>${fmtCount(g.n)}</td><td>${fmtCount(g.tp)}</td><td>${fmtCount(g.fp)}</td><td>${fmtCount(g.tn)}</td><td>${fmtCount(g.fn)}</td><td>${fmtRate(g.selectionRate)}<br><small>${fmtCi(g.ci.selectionRate)}</small></td><td>${fmtRate(g.tpr)}<br><small>${fmtCi(g.ci.tpr)}</small></td><td>${fmtRate(g.fpr)}<br><small>${fmtCi(g.ci.fpr)}</small></td><td>${fmtRate(g.ppv)}</td><td>${a ? fmtRate(a.ratio) : ''}</td><td class="text">${notes}</td></tr>`
    })
    .join('\n')
  return `<table><thead><tr><th scope="col">Group</th><th scope="col">n</th><th scope="col">TP</th><th scope="col">FP</th><th scope="col">TN</th><th scope="col">FN</th><th scope="col">Selection rate</th><th scope="col">TPR</th><th scope="col">FPR</th><th scope="col">PPV</th><th scope="col">AIR</th><th scope="col">Notes</th></tr></thead><tbody>${rows}</tbody></table>`
}

const HOW: Record<TMeasureName, string> = {
  demographicParityDifference: 'highest minus lowest selection rate',
  demographicParityRatio: 'lowest over highest selection rate',
  equalizedOddsDifference: 'larger of the TPR gap and the FPR gap',
  equalizedOddsRatio: 'smaller of the TPR and FPR lowest-over-highest ratios',
  equalOpportunityDifference: 'highest minus lowest true positive rate',
  equalOpportunityRatio: 'lowest over highest true positive rate',
  averageOddsDifference:
    'largest of ½[(FPR − FPR<sub>ref</sub>) + (TPR − TPR<sub>ref</sub>)] across groups; no interval',
}

type TBootstrapIntervals = Partial<Record<TMeasureName, TInterval | null>>

/**
 * One summary: what it leaves out, the measures with their intervals and the groups behind them (the
 * figure over all groups beside them when some were left out), and the four-fifths reading.
 */
function summarySection(s: TSummary, minGroupSize: number, boot: TBootstrapIntervals | undefined): string {
  const note = comparisonNote(s, minGroupSize)
  const isPartial = s.tooFewGroups || s.excludedGroups.length > 0
  const th = (t: string): string => `<th scope="col">${t}</th>`
  const head = [
    th('Measure'),
    th('Value'),
    th('95 % interval'),
    th('Groups'),
    isPartial ? th('All groups') : '',
    boot ? th('Bootstrap') : '',
    th('How it is computed'),
  ].join('')
  const rows = MEASURE_NAMES.map((name) => {
    const m = s.measures[name]
    const cells = [
      `<th scope="row">${MEASURE_LABELS[name]}</th>`,
      `<td>${fmtRate(m.value)}</td>`,
      `<td class="nowrap">${esc(measureInterval(m))}</td>`,
      `<td class="text">${esc(measureGroups(m, s.reference))}</td>`,
      isPartial ? `<td>${fmtRate(s.allGroups.measures[name].value)}</td>` : '',
      boot ? `<td class="nowrap">${fmtCi(boot[name])}</td>` : '',
      `<td class="text">${HOW[name]}</td>`,
    ]
    return `<tr>${cells.join('')}</tr>`
  }).join('\n')
  return `${note ? `<p class="excluded">${esc(note)}</p>` : ''}
<p>Reference group: ${esc(s.reference ?? '—')}${isPartial ? `; over all groups: ${esc(s.allGroups.reference ?? '—')}` : ''}.</p>
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<p>${esc(fourFifthsSentence(s))} This is an indicator to investigate, not a verdict.</p>`
}

/** The full report as one HTML document. */
/** The uploaded file a report was made from, when known (the API's stored audits). */
export type TReportSource = { fileName: string; sha256: string | null }

export function renderHtml(
  report: TBiasReport,
  generatedAt = new Date().toISOString(),
  source?: TReportSource,
): string {
  const s = report.summary
  const b = s.bootstrap
  const cols = Object.keys(report.marginals)
  const isFace = s.faceMatch !== undefined
  const plots = (['selectionRate', 'tpr', 'fpr'] as const)
    .map((r) => {
      const title = isFace && r === 'fpr' ? 'False match rate (FMR)' : RATE_LABEL[r]
      return intervalPlot(report.groups, r, report.overall[r], title)
    })
    .join('\n')
  const marginalSections =
    cols.length > 1
      ? cols
          .map(
            (c) =>
              `<h3>By ${esc(c)}</h3>${groupTable(report.marginals[c]!, report, s.marginals[c]!.adverseImpact)}
<h4>Summary by ${esc(c)}</h4>
${summarySection(s.marginals[c]!, report.minGroupSize, undefined)}`,
          )
          .join('\n')
      : ''
  const faceSection = s.faceMatch
    ? `<h2>Face matching: FMR and FNMR</h2>
<p>In face matching, a false match (an impostor accepted) is a false positive and a false non-match (a genuine person rejected) is a false negative. The false match rate is the FPR over impostor comparisons; the false non-match rate is the FNR over genuine ones. Rates are also shown as log10 (each step of 1 is ten times more errors) and as a multiple of the lowest non-zero group rate.</p>
<table><thead><tr><th scope="col">Group</th><th scope="col">FMR</th><th scope="col">log10 FMR</th><th scope="col">× lowest</th><th scope="col">FNMR</th><th scope="col">log10 FNMR</th><th scope="col">× lowest</th></tr></thead><tbody>
${s.faceMatch.fmr.groups
  .map((g, i) => {
    const f = s.faceMatch!.fnmr.groups[i]!
    const r = (v: number | null): string => (v === null ? '—' : v.toFixed(2))
    return `<tr><th scope="row">${esc(g.key)}</th><td>${fmtRate(g.value)}</td><td>${r(g.log10)}</td><td>${r(g.ratioToLowest)}</td><td>${fmtRate(f.value)}</td><td>${r(f.log10)}</td><td>${r(f.ratioToLowest)}</td></tr>`
  })
  .join('\n')}</tbody></table>
<p>Max / geometric mean across groups: FMR ${s.faceMatch.fmr.maxOverGeometricMean?.toFixed(2) ?? '— (a group has no false matches)'}, FNMR ${s.faceMatch.fnmr.maxOverGeometricMean?.toFixed(2) ?? '— (a group has no false non-matches)'}.</p>`
    : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Custos bias audit</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111;max-width:1100px}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right;vertical-align:top}
th[scope=row]{text-align:left;font-weight:normal}thead th{background:#f2f2f2}
tr.flag{background:#fde8e8}small{color:#555;white-space:nowrap}.nowrap{white-space:nowrap}td.text,thead th{text-align:left}
.excluded{border-left:4px solid #8a5a00;padding:.5rem 1rem;background:#fff7e6}
.note{background:#f6f6f6;padding:.75rem 1rem;border-left:4px solid #1f4e79}
svg{display:block;margin:1rem 0}code.hash{overflow-wrap:anywhere}
@media print{body{margin:1cm}h2{break-after:avoid}svg,table{break-inside:avoid}}
</style></head><body>
<h1>Bias audit</h1>
<p>${fmtCount(report.rows)} rows read, ${fmtCount(report.skipped)} skipped. Groups: every combination of ${cols.map(esc).join(' × ')} (${report.groups.length} groups). Reference group: ${esc(s.reference ?? '—')}. Generated ${esc(generatedAt)} by Custos.</p>
${source ? `<p>Decision log: ${esc(source.fileName)}${source.sha256 ? `, SHA-256 <code class="hash">${esc(source.sha256)}</code>` : ''}.</p>` : ''}
${report.skippedReasons.length > 0 ? `<ul>${report.skippedReasons.map((r) => `<li>Skipped: ${esc(r.reason)} — ${fmtCount(r.count)} rows (first data rows ${r.firstRows.join(', ')})</li>`).join('')}</ul>` : ''}
<h2>Rates by group with 95 % intervals</h2>
${plots}
<h2>Summary</h2>
${summarySection(s, report.minGroupSize, b)}
${b ? `<p>Bootstrap: ${b.replicates} replicates, seed ${b.seed}; ${esc(b.method)}.</p>` : ''}
<h2>Groups</h2>
${groupTable(report.groups, report, s.adverseImpact)}
${marginalSections}
${faceSection}
<h2>What the measures mean</h2>
<div class="note">
<p><b>Selection rate</b> is the share of people the system flags or selects. <b>Base rate</b> is the share that truly belong to the positive class. <b>True positive rate</b> (TPR) is the share of true positives the system catches; <b>false negative rate</b> is the share it misses. <b>False positive rate</b> (FPR) is the share of true negatives it wrongly flags. <b>Positive predictive value</b> is how often a flag is right.</p>
<p><b>Demographic parity</b> compares selection rates: a large difference means some groups are selected far more often, whatever the truth. <b>Equalized odds</b> compares both error directions (TPR and FPR): a system can have equal selection rates and still make many more mistakes for one group. <b>Equal opportunity</b> compares only the TPR. The <b>average odds difference</b> averages the FPR and TPR gaps of a group against the reference group.</p>
<p>The <b>adverse impact ratio</b> divides each group's selection rate by the highest group's. Below 0.8 is the "four-fifths rule" used in US employment practice as a first signal of possible adverse impact. It is an <b>indicator, not a verdict</b>: with small groups a low ratio can be chance (look at the interval), a ratio above 0.8 can still hide a meaningful gap when groups are large, and it says nothing about whether errors fall evenly. Decide with the sizes, intervals and the context of the decision.</p>
<p>Every rate has a 95 % interval: ${esc(report.intervals.method)} Groups with fewer than ${report.minGroupSize} rows are shown but not compared: their rates move a lot by chance, so they are left out of every cross-group figure and of the four-fifths reference, and the figures over all groups stand beside. A ratio is flagged only when its whole interval lies outside its bounds (0.8 for the four-fifths rule, 0.8 to 1.25 against the reference); when the interval holds a bound the reading is inconclusive. An undefined rate (no cases in its denominator) is shown as —, never as 0.</p>
</div>
</body></html>
`
}
