/**
 * Bias audit page (issue 5): upload a decision log, pick the columns from its header, run, and read
 * the results — the interval plot, the group table and the named measures. The numbers are the
 * server's (the same JSON as `custos bias-audit`); this page only lays them out.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { isAllowed } from '../../../../src/modules/platform/policy.ts'
import { inputError } from '../../api/errors.ts'
import { ErrorNotice, Loading } from '../../components/Status.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { useSession } from '../../lib/session.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { AuditDetails, describeParameters, shortHash } from './AuditDetails.tsx'
import { biasApi, biasKeys, type TBiasAudit } from './api.ts'
import { readHeader } from './header.ts'
import { type TBiasMessageKey, tb } from './messages.ts'
import './bias.css'

/** The form's labels of the upload's query fields, for the fields a server error names. */
const FIELD_LABELS: Record<string, TBiasMessageKey> = {
  group: 'bias.groups',
  label: 'bias.label',
  pred: 'bias.pred',
  score: 'bias.score',
  threshold: 'bias.threshold',
  positive: 'bias.positive',
  weight: 'bias.weight',
  minGroupSize: 'bias.minGroup',
  bootstrap: 'bias.bootstrap',
  seed: 'bias.seed',
  maxGroups: 'bias.maxGroups',
  fileName: 'bias.file',
}

const fieldLabels = (): Record<string, string> =>
  Object.fromEntries(Object.entries(FIELD_LABELS).map(([path, key]) => [path, tb(key)]))

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
      {audit ? <AuditDetails audit={audit} /> : null}
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
    if (!picked) return
    const header = await readHeader(picked)
    if (header.kind === 'columns') setColumns(header.columns)
    else setError(inputError(tb(header.kind === 'binary' ? 'bias.binary' : 'bias.unreadable')))
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file || groups.length === 0 || !label || !decision) {
      setError(inputError(tb('bias.needColumns')))
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
      {error ? <ErrorNotice error={error} fieldLabels={fieldLabels()} /> : null}
    </form>
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
          <table className="data-table bias-history" aria-label={tb('bias.history')}>
            <thead>
              <tr>
                <th scope="col">{tb('bias.file.col')}</th>
                <th scope="col">{tb('bias.when')}</th>
                <th scope="col">{tb('bias.status')}</th>
                <th scope="col">{tb('bias.parameters')}</th>
                <th scope="col">{tb('bias.sha256')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/bias-audit/${encodeURIComponent(a.id)}`}>{a.fileName}</Link>
                  </th>
                  <td data-label={tb('bias.when')}>
                    <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  </td>
                  <td data-label={tb('bias.status')}>{tb(`bias.status.${a.status}`)}</td>
                  <td data-label={tb('bias.parameters')}>
                    {a.parameters ? describeParameters(a.parameters).main.join('; ') : tb('bias.notKept')}
                  </td>
                  <td data-label={tb('bias.sha256')}>
                    {a.sha256 ? (
                      <code className="bias-hash" title={a.sha256}>
                        {shortHash(a.sha256)}
                      </code>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
