/**
 * One audit's result as the page shows it after an upload and when a past audit is reopened: the
 * rows read, what was left out, the named measures, the interval plots and the group table. The
 * numbers are the server's (the same JSON as `custos bias-audit`); this only lays them out.
 */
import { formatCount } from '../../lib/format.ts'
import { MEASURE_NAMES, type TMeasure, type TMeasureName, type TReport, type TSummary } from './api.ts'
import { IntervalPlot } from './IntervalPlot.tsx'
import { type TBiasMessageKey, tb } from './messages.ts'

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(4))
const fmtCi = (ci: [number, number] | null): string => (ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : '—')

const MEASURE_LABEL: Record<TMeasureName, TBiasMessageKey> = {
  demographicParityDifference: 'bias.dpd',
  demographicParityRatio: 'bias.dpr',
  equalizedOddsDifference: 'bias.eod',
  equalizedOddsRatio: 'bias.eor',
  equalOpportunityDifference: 'bias.eopd',
  equalOpportunityRatio: 'bias.eopr',
  averageOddsDifference: 'bias.aod',
}

const RATE_LABEL: Record<string, TBiasMessageKey> = {
  selectionRate: 'bias.rate.selectionRate',
  tpr: 'bias.rate.tpr',
  fpr: 'bias.rate.fpr',
}

/** The groups behind a measure, as the CLI table and the HTML report name them. */
function behind(m: TMeasure, reference: string | null): string {
  if (m.max && m.min && m.rate) {
    const rate = RATE_LABEL[m.rate]
    return tb('bias.rateVs', {
      rate: rate ? tb(rate) : m.rate,
      max: m.max.key,
      maxValue: fmt(m.max.value),
      min: m.min.key,
      minValue: fmt(m.min.value),
    })
  }
  if (m.max && reference) return tb('bias.vsReference', { group: m.max.key, reference })
  return ''
}

/** What the summary leaves out, or null when it compares every group. */
function comparisonNote(s: TSummary, min: number): string | null {
  if (s.tooFewGroups) return tb('bias.tooFew', { min })
  if (s.excludedGroups.length === 0) return null
  const list = s.excludedGroups
    .map((g) => tb('bias.excludedGroup', { group: g.key, rows: formatCount(g.rows) }))
    .join(', ')
  return tb('bias.excluded', { min, list })
}

function Measures({ summary }: { summary: TSummary }) {
  const isPartial = summary.tooFewGroups || summary.excludedGroups.length > 0
  return (
    <div className="table-scroll">
      <table className="data-table bias-measures" aria-label={tb('bias.measuresTable')}>
        <thead>
          <tr>
            <th scope="col">{tb('bias.measure')}</th>
            <th scope="col">{tb('bias.value')}</th>
            <th scope="col">{tb('bias.interval')}</th>
            <th scope="col">{tb('bias.behind')}</th>
            {isPartial ? <th scope="col">{tb('bias.allGroups')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {MEASURE_NAMES.map((name) => {
            const m = summary.measures[name]
            return (
              <tr key={name}>
                <th scope="row">{tb(MEASURE_LABEL[name])}</th>
                <td>{fmt(m.value)}</td>
                <td className="bias-interval">
                  {fmtCi(m.ci)}
                  {m.ci && m.method ? ` ${tb(`bias.method.${m.method}`)}` : ''}
                </td>
                <td>{behind(m, summary.reference)}</td>
                {isPartial ? <td>{fmt(summary.allGroups.measures[name].value)}</td> : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function Result({ report }: { report: TReport }) {
  const air = new Map(report.summary.adverseImpact.map((a) => [a.key, a]))
  const note = comparisonNote(report.summary, report.minGroupSize)
  const plot = (rate: 'selectionRate' | 'tpr' | 'fpr', title: string) => (
    <IntervalPlot
      title={title}
      overall={report.overall[rate]}
      points={report.groups.map((g) => ({
        key: g.key,
        value: g[rate],
        ci: g.ci[rate],
        isSmall: g.insufficient,
      }))}
    />
  )
  return (
    <section className="card" aria-labelledby="bias-result">
      <h2 id="bias-result">{tb('bias.resultHeading')}</h2>
      <p>{tb('bias.rows', { rows: formatCount(report.rows), skipped: formatCount(report.skipped) })}</p>
      {report.skippedReasons.length > 0 ? (
        <ul>
          {report.skippedReasons.map((r) => (
            <li key={r.reason}>
              {tb('bias.skipReason', { reason: r.reason, count: r.count, first: r.firstRows.join(', ') })}
            </li>
          ))}
        </ul>
      ) : null}
      {note ? (
        <div className="notice notice-info" role="note">
          <span className="notice-icon" aria-hidden="true">
            i
          </span>
          <p>{note}</p>
        </div>
      ) : null}
      {report.summary.reference ? <p>{tb('bias.reference', { group: report.summary.reference })}</p> : null}
      <Measures summary={report.summary} />
      {plot('selectionRate', tb('bias.plotSelection'))}
      {plot('tpr', tb('bias.plotTpr'))}
      {plot('fpr', tb('bias.plotFpr'))}
      <div className="table-scroll">
        <table className="data-table" aria-label={tb('bias.groupsTable')}>
          <thead>
            <tr>
              <th scope="col">{tb('bias.group')}</th>
              <th scope="col">{tb('bias.n')}</th>
              <th scope="col">{tb('bias.sr')}</th>
              <th scope="col">{tb('bias.tpr')}</th>
              <th scope="col">{tb('bias.fpr')}</th>
              <th scope="col">{tb('bias.air')}</th>
              <th scope="col">{tb('bias.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {report.groups.map((g) => {
              const a = air.get(g.key)
              const notes = [
                g.insufficient
                  ? tb('bias.small', { rows: formatCount(g.rows), min: formatCount(report.minGroupSize) })
                  : '',
                a?.flag === 'below' ? tb('bias.flag.below') : '',
                a?.flag === 'inconclusive' ? tb('bias.flag.inconclusive') : '',
              ].filter(Boolean)
              return (
                <tr key={g.key} className={a?.flagged ? 'bias-flagged' : undefined}>
                  <th scope="row">{g.key}</th>
                  <td>{formatCount(g.n)}</td>
                  <td>{fmt(g.selectionRate)}</td>
                  <td>{fmt(g.tpr)}</td>
                  <td>{fmt(g.fpr)}</td>
                  <td>
                    {fmt(a?.ratio)}
                    {a?.ci ? <small className="bias-interval"> {fmtCi(a.ci)}</small> : null}
                  </td>
                  <td>{notes.join('; ')}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{tb('bias.fourFifths')}</p>
    </section>
  )
}
