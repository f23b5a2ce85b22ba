/**
 * One stored audit: what it was run with (file, parameters, SHA-256 of the upload), the report
 * downloads, and its result — the same view after an upload and when a past audit is reopened.
 */
import { useState } from 'react'
import type { TReportFormat } from '../../../../src/modules/bias/schemas.ts'
import { ErrorNotice } from '../../components/Status.tsx'
import { formatCount, formatDateTime } from '../../lib/format.ts'
import { downloadReport, type TBiasAudit, type TBiasAuditParameters, type TReport } from './api.ts'
import { tb } from './messages.ts'
import { Result } from './Result.tsx'

/** The parameters as short sentences, the main ones (columns, decision, smallest group) first. */
export function describeParameters(p: TBiasAuditParameters): { main: string[]; more: string[] } {
  const main = [
    tb('bias.param.groups', { columns: p.group.join(', ') }),
    tb('bias.param.label', { column: p.label }),
    p.score !== null
      ? tb('bias.param.score', { column: p.score, threshold: String(p.threshold ?? '') })
      : tb('bias.param.pred', { column: p.pred ?? '' }),
    tb('bias.param.minGroup', { min: formatCount(p.minGroupSize) }),
  ]
  const more = [
    p.positive !== null ? tb('bias.param.positive', { value: p.positive }) : '',
    p.weight !== null ? tb('bias.param.weight', { column: p.weight }) : '',
    p.reference !== null ? tb('bias.param.reference', { group: p.reference }) : '',
    p.bootstrap !== null
      ? tb('bias.param.bootstrap', {
          replicates: formatCount(p.bootstrap.replicates),
          seed: String(p.bootstrap.seed),
        })
      : '',
    p.faceMatch ? tb('bias.param.faceMatch') : '',
  ].filter((line) => line !== '')
  return { main, more }
}

/** The first 12 hex digits, enough to tell two uploads apart at a glance. */
export const shortHash = (sha256: string): string => sha256.slice(0, 12)

/**
 * The report downloads. Fetched rather than followed, so a refusal (no Chromium on the server, too
 * many PDFs at once) shows the server's message here instead of a broken download.
 */
function Downloads({ id }: { id: string }) {
  const [busy, setBusy] = useState<TReportFormat | null>(null)
  const [error, setError] = useState<unknown>(null)
  const download = async (format: TReportFormat) => {
    setBusy(format)
    setError(null)
    try {
      await downloadReport(id, format)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="bias-downloads">
      <p>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void download('html')}
        >
          {tb('bias.downloadHtml')}
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void download('pdf')}
        >
          {tb('bias.downloadPdf')}
        </button>
      </p>
      {busy ? <p role="status">{tb('bias.preparing')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  )
}

export function AuditDetails({ audit }: { audit: TBiasAudit }) {
  const params = audit.parameters ? describeParameters(audit.parameters) : null
  return (
    <>
      <section className="card" aria-labelledby="bias-audit-inputs">
        <h2 id="bias-audit-inputs">{tb('bias.inputs')}</h2>
        <dl className="bias-inputs">
          <dt>{tb('bias.file.col')}</dt>
          <dd>{audit.fileName}</dd>
          <dt>{tb('bias.when')}</dt>
          <dd>
            <time dateTime={audit.createdAt}>{formatDateTime(audit.createdAt)}</time>
          </dd>
          <dt>{tb('bias.status')}</dt>
          <dd>{tb(`bias.status.${audit.status}`)}</dd>
          <dt>{tb('bias.parameters')}</dt>
          <dd>
            {params ? (
              <ul className="bias-params">
                {[...params.main, ...params.more].map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              tb('bias.notKept')
            )}
          </dd>
          <dt>{tb('bias.sha256')}</dt>
          <dd>{audit.sha256 ? <code className="bias-hash">{audit.sha256}</code> : tb('bias.notKept')}</dd>
        </dl>
        {audit.result ? <Downloads id={audit.id} /> : null}
      </section>
      {audit.result ? (
        <Result report={audit.result as unknown as TReport} />
      ) : (
        <p className="muted">{tb(audit.status === 'running' ? 'bias.stillRunning' : 'bias.noResult')}</p>
      )}
    </>
  )
}
