/**
 * Bias audit page (issue 5): upload a decision log, pick the columns from its header, run, and read
 * the results — the interval plot, the group table and the named measures. The numbers are the
 * server's (the same JSON as `custos bias-audit`); this page only lays them out.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { isAllowed } from '../../../../src/modules/platform/policy.ts'
import { ErrorNotice, Loading } from '../../components/Status.tsx'
import { formatCount, formatDateTime } from '../../lib/format.ts'
import { useSession } from '../../lib/session.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import {
  biasApi,
  biasKeys,
  MEASURE_NAMES,
  type TBiasAudit,
  type TMeasure,
  type TMeasureName,
  type TReport,
  type TSummary,
} from './api.ts'
import { readHeader } from './header.ts'
import { IntervalPlot } from './IntervalPlot.tsx'
import { type TBiasMessageKey, tb } from './messages.ts'
import './bias.css'

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

export function BiasAuditPage() {
  useDocumentTitle(tb('bias.title'))
  const me = useSession()
  const canUpload = isAllowed(me.role, 'create', 'biasAudit')
  const [audit, setAudit] = useState<TBiasAudit | null>(null)
  return (
    <div className="page">
      <header className="page-header">
        <h1>{tb('bias.title')}</h1>
        <p className="muted">{tb('bias.intro')}</p>
      </header>
      {canUpload ? <UploadForm onDone={setAudit} /> : null}
      {audit?.result ? <Result report={audit.result as unknown as TReport} /> : null}
      <History />
    </div>
  )
}

function UploadForm({ onDone }: { onDone: (audit: TBiasAudit) => void }) {
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [columns, setColumns] = useState<string[] | null>(null)
  const [groups, setGroups] = useState<string[]>([])
  const [label, setLabel] = useState('')
  const [mode, setMode] = useState<'pred' | 'score'>('pred')
  const [decision, setDecision] = useState('')
  const [threshold, setThreshold] = useState('0.5')
  const [positive, setPositive] = useState('')
  const [weight, setWeight] = useState('')
  const [minGroupSize, setMinGroupSize] = useState('30')
  const [bootstrap, setBootstrap] = useState('0')
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)

  const pick = async (picked: File | null) => {
    setFile(picked)
    setColumns(null)
    setGroups([])
    setLabel('')
    setDecision('')
    setError(null)
    if (picked) setColumns(await readHeader(picked))
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file || groups.length === 0 || !label || !decision) {
      setError(new Error(tb('bias.needColumns')))
      return
    }
    const options: Record<string, string> = { group: groups.join(','), label, minGroupSize }
    if (mode === 'pred') options.pred = decision
    else Object.assign(options, { score: decision, threshold })
    if (positive.trim()) options.positive = positive.trim()
    if (weight) options.weight = weight
    if (Number(bootstrap) > 0) Object.assign(options, { bootstrap, seed: '1' })
    setError(null)
    setProgress(0)
    try {
      onDone(await biasApi.upload(file, options, setProgress))
    } catch (err) {
      setError(err)
    } finally {
      setProgress(null)
      await queryClient.invalidateQueries({ queryKey: biasKeys.list })
    }
  }

  const select = (id: string, text: string, value: string, set: (v: string) => void, isOptional = false) => (
    <label className="bias-field" htmlFor={id}>
      <span>{text}</span>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{isOptional ? tb('bias.none') : '…'}</option>
        {(columns ?? []).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <form className="card bias-form" onSubmit={submit}>
      <label className="bias-field" htmlFor="bias-file">
        <span>{tb('bias.file')}</span>
        <input
          id="bias-file"
          type="file"
          accept=".csv,.gz,.tsv,text/csv"
          onChange={(e) => void pick(e.target.files?.[0] ?? null)}
        />
      </label>
      {columns && columns.length === 0 ? <p role="alert">{tb('bias.noHeader')}</p> : null}
      {columns && columns.length > 0 ? (
        <>
          <fieldset>
            <legend>{tb('bias.groups')}</legend>
            {columns.map((c) => (
              <label key={c} className="bias-check">
                <input
                  type="checkbox"
                  checked={groups.includes(c)}
                  onChange={(e) =>
                    setGroups(e.target.checked ? [...groups, c] : groups.filter((g) => g !== c))
                  }
                />{' '}
                {c}
              </label>
            ))}
          </fieldset>
          {select('bias-label', tb('bias.label'), label, setLabel)}
          <fieldset>
            <legend>{tb('bias.mode')}</legend>
            <label className="bias-check">
              <input type="radio" name="mode" checked={mode === 'pred'} onChange={() => setMode('pred')} />{' '}
              {tb('bias.modePred')}
            </label>
            <label className="bias-check">
              <input type="radio" name="mode" checked={mode === 'score'} onChange={() => setMode('score')} />{' '}
              {tb('bias.modeScore')}
            </label>
          </fieldset>
          {select(
            'bias-decision',
            mode === 'pred' ? tb('bias.pred') : tb('bias.score'),
            decision,
            setDecision,
          )}
          {mode === 'score' ? (
            <label className="bias-field" htmlFor="bias-threshold">
              <span>{tb('bias.threshold')}</span>
              <input
                id="bias-threshold"
                inputMode="decimal"
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
              />
            </label>
          ) : null}
          <label className="bias-field" htmlFor="bias-positive">
            <span>{tb('bias.positive')}</span>
            <input id="bias-positive" value={positive} onChange={(e) => setPositive(e.target.value)} />
          </label>
          {select('bias-weight', tb('bias.weight'), weight, setWeight, true)}
          <label className="bias-field" htmlFor="bias-min">
            <span>{tb('bias.minGroup')}</span>
            <input
              id="bias-min"
              inputMode="numeric"
              value={minGroupSize}
              onChange={(e) => setMinGroupSize(e.target.value)}
            />
          </label>
          <label className="bias-field" htmlFor="bias-boot">
            <span>{tb('bias.bootstrap')}</span>
            <input
              id="bias-boot"
              inputMode="numeric"
              value={bootstrap}
              onChange={(e) => setBootstrap(e.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary" disabled={progress !== null}>
            {tb('bias.run')}
          </button>
        </>
      ) : null}
      {progress !== null ? (
        <p role="status">
          <progress max={1} value={progress} />{' '}
          {tb('bias.uploading', { percent: Math.round(progress * 100) })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  )
}

function Result({ report }: { report: TReport }) {
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

function History() {
  const list = useQuery({ queryKey: biasKeys.list, queryFn: ({ signal }) => biasApi.list(signal) })
  return (
    <section className="card" aria-labelledby="bias-history">
      <h2 id="bias-history">{tb('bias.history')}</h2>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorNotice error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{tb('bias.noHistory')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{tb('bias.file.col')}</th>
                <th scope="col">{tb('bias.status')}</th>
                <th scope="col">{tb('bias.when')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.fileName}</th>
                  <td>{tb(`bias.status.${a.status}`)}</td>
                  <td>{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
