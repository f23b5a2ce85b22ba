/** The organisation's audit trail, newest first, with the head of its hash chain (docs/methods/audit-trail.md). */
import { useInfiniteQuery } from '@tanstack/react-query'
import type { TAuditEvent } from '../../../src/modules/platform/schemas.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { QueryView } from '../components/QueryView.tsx'
import { ErrorNotice } from '../components/Status.tsx'
import { t, tCount } from '../i18n/i18n.ts'
import { actionLabel, summaryItems } from '../lib/audit.ts'
import { formatDateTime } from '../lib/format.ts'
import { canReadAudit } from '../lib/roles.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'
import { NotAllowed } from './NotAllowed.tsx'
import './AuditLogPage.css'

export function AuditLogPage() {
  useDocumentTitle(t('audit.title'))
  const me = useSession()
  if (!canReadAudit(me.role)) return <NotAllowed title={t('audit.title')} />
  return <AuditLog />
}

function AuditLog() {
  const audit = useInfiniteQuery({
    queryKey: queryKeys.audit,
    queryFn: ({ pageParam, signal }) => platformApi.auditPage(pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  })
  const events = audit.data?.pages.flatMap((page) => page.events) ?? []
  const headHash = audit.data?.pages[0]?.headHash ?? null

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('audit.title')}</h1>
        <p className="muted">{t('audit.intro')}</p>
      </header>

      <QueryView query={audit} />

      {audit.data ? (
        <section className="card" aria-labelledby="audit-head">
          <h2 id="audit-head">{t('audit.headHeading')}</h2>
          {headHash ? (
            <p>
              <code className="hash" data-testid="head-hash">
                {headHash}
              </code>
            </p>
          ) : (
            <p>{t('audit.headNone')}</p>
          )}
          <p className="muted small">{t('audit.headExplain')}</p>
        </section>
      ) : null}

      {audit.data && events.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {events.length > 0 ? (
        <section aria-labelledby="audit-events">
          <h2 id="audit-events" className="visually-hidden">
            {t('audit.title')}
          </h2>
          <div className="table-scroll">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.entity')}</th>
                  <th scope="col">{t('audit.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <AuditRow key={event.id} event={event} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-footer">
            <p className="muted" role="status">
              {tCount('audit.shown', events.length)}
            </p>
            {audit.hasNextPage ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={audit.isFetchingNextPage}
                onClick={() => void audit.fetchNextPage()}
              >
                {audit.isFetchingNextPage ? t('audit.loadingMore') : t('audit.loadMore')}
              </button>
            ) : (
              <p className="muted">{t('audit.end')}</p>
            )}
          </div>
          {audit.isFetchNextPageError ? <ErrorNotice error={audit.error} /> : null}
        </section>
      ) : null}
    </div>
  )
}

function AuditRow({ event }: { event: TAuditEvent }) {
  const items = summaryItems(event.summary)
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </td>
      <td>{event.actor ? event.actor.email : <span className="muted">{t('audit.system')}</span>}</td>
      <td>
        <span className="action" title={event.action}>
          {actionLabel(event.action)}
        </span>
      </td>
      <td>
        {event.entityType}
        {event.entityId ? <code className="entity-id">{event.entityId}</code> : null}
      </td>
      <td>
        {items.length > 0 ? (
          <dl className="summary">
            {items.map((item) => (
              <div key={item.label}>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  )
}
