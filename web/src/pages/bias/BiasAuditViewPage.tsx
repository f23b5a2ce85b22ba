/** A past bias audit reopened from the history (/bias-audit/:id): read back from the server. */
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { ErrorNotice, Loading } from '../../components/Status.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { AuditDetails } from './AuditDetails.tsx'
import { biasApi, biasKeys } from './api.ts'
import { tb } from './messages.ts'
import './bias.css'

export function BiasAuditViewPage() {
  const { id = '' } = useParams()
  const audit = useQuery({ queryKey: biasKeys.one(id), queryFn: ({ signal }) => biasApi.get(id, signal) })
  useDocumentTitle(audit.data ? tb('bias.viewTitle', { file: audit.data.fileName }) : tb('bias.title'))
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <Link to="/bias-audit">{tb('bias.back')}</Link>
        </p>
        <h1>{audit.data ? tb('bias.viewTitle', { file: audit.data.fileName }) : tb('bias.title')}</h1>
      </header>
      {audit.isPending ? <Loading /> : null}
      {audit.isError ? <ErrorNotice error={audit.error} /> : null}
      {audit.data ? <AuditDetails audit={audit.data} /> : null}
    </div>
  )
}
