/**
 * The organisation's audit trail, newest first, with the head of its hash chain
 * (docs/methods/audit-trail.md): filtered by action and by member on the server, the filter kept in
 * the address, and the filtered entries downloadable as CSV.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useSearchParams } from 'react-router'
import type { TAuditEvent } from '../../../src/modules/platform/schemas.ts'
import { auditExportUrl, platformApi, queryKeys, type TAuditFilter } from '../api/platform.ts'
import { QueryView } from '../components/QueryView.tsx'
import { ErrorNotice } from '../components/Status.tsx'
import { t, tCount } from '../i18n/i18n.ts'
import { AUDIT_ACTIONS, actionLabel, eventSentence, summaryItems } from '../lib/audit.ts'
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

/** The filter from the address: `?action=…&actor=…&hideSignIns=1`. */
function useAuditFilter(): [TAuditFilter, (next: TAuditFilter) => void] {
  const [params, setParams] = useSearchParams()
  const filter: TAuditFilter = {
    ...(params.get('action') ? { action: params.get('action') as string } : {}),
    ...(params.get('actor') ? { actor: params.get('actor') as string } : {}),
    hideSignIns: params.get('hideSignIns') === '1',
  }
  const setFilter = (next: TAuditFilter) => {
    const query = new URLSearchParams()
    if (next.action) query.set('action', next.action)
    if (next.actor) query.set('actor', next.actor)
    if (next.hideSignIns) query.set('hideSignIns', '1')
    setParams(query, { replace: true })
  }
  return [filter, setFilter]
}

function AuditLog() {
  const [filter, setFilter] = useAuditFilter()
  const audit = useInfiniteQuery({
    queryKey: queryKeys.auditFiltered(filter),
    queryFn: ({ pageParam, signal }) => platformApi.auditPage(filter, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  })
  const events = audit.data?.pages.flatMap((page) => page.events) ?? []
  const headHash = audit.data?.pages[0]?.headHash ?? null
  const isFiltered = Boolean(filter.action || filter.actor || filter.hideSignIns)

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('audit.title')}</h1>
        <p className="muted">{t('audit.intro')}</p>
      </header>

      <AuditFilters filter={filter} onChange={setFilter} />

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
          <p className="muted small">{t('audit.verifyCommand')}</p>
          <p>
            <code>custos audit verify</code>
          </p>
        </section>
      ) : null}

      {audit.data && events.length === 0 ? (
        <p>{isFiltered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
      ) : null}
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
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.what')}</th>
                  <th scope="col">{t('audit.details')}</th>
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

function AuditFilters({
  filter,
  onChange,
}: {
  filter: TAuditFilter
  onChange: (next: TAuditFilter) => void
}) {
  const actionId = useId()
  const actorId = useId()
  const hideId = useId()
  const hideHintId = useId()
  const members = useQuery({
    queryKey: queryKeys.members,
    queryFn: () => platformApi.members(),
  })
  const actions = Object.keys(AUDIT_ACTIONS)
    .map((action) => ({ action, label: actionLabel(action) }))
    .sort((a, b) => a.label.localeCompare(b.label))
  const people = [...(members.data?.members ?? [])].sort((a, b) =>
    (a.user.name || a.user.email).localeCompare(b.user.name || b.user.email),
  )
  return (
    <section className="card audit-filters" aria-labelledby="audit-filters">
      <h2 id="audit-filters">{t('audit.filtersHeading')}</h2>
      <div className="audit-filter-fields">
        <div className="field">
          <label htmlFor={actionId}>{t('audit.filterAction')}</label>
          <select
            id={actionId}
            value={filter.action ?? ''}
            onChange={(event) => onChange({ ...filter, action: event.target.value || undefined })}
          >
            <option value="">{t('audit.filterAllActions')}</option>
            {actions.map(({ action, label }) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={actorId}>{t('audit.filterActor')}</label>
          <select
            id={actorId}
            value={filter.actor ?? ''}
            onChange={(event) => onChange({ ...filter, actor: event.target.value || undefined })}
          >
            <option value="">{t('audit.filterAllActors')}</option>
            {people.map((member) => (
              <option key={member.user.id} value={member.user.id}>
                {member.user.name ? `${member.user.name} (${member.user.email})` : member.user.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field audit-checkbox">
          <input
            id={hideId}
            type="checkbox"
            checked={filter.hideSignIns === true}
            aria-describedby={hideHintId}
            onChange={(event) => onChange({ ...filter, hideSignIns: event.target.checked })}
          />
          <label htmlFor={hideId}>{t('audit.hideSignIns')}</label>
          <p className="field-hint" id={hideHintId}>
            {t('audit.hideSignInsHint')}
          </p>
        </div>
      </div>
      <p className="audit-export">
        <a className="button button-secondary" href={auditExportUrl(filter)} download>
          {t('audit.export')}
        </a>
        <span className="muted small">{t('audit.exportHint')}</span>
      </p>
    </section>
  )
}

function AuditRow({ event }: { event: TAuditEvent }) {
  const items = summaryItems(event.summary)
  return (
    <tr>
      <td className="nowrap" data-label={t('audit.time')}>
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </td>
      <td data-label={t('audit.who')}>
        {event.actor ? (
          <span title={event.actor.email}>{event.actor.name || event.actor.email}</span>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        )}
      </td>
      <td data-label={t('audit.what')}>
        <span className="action" data-action={event.action}>
          {eventSentence(event)}
        </span>
      </td>
      <td data-label={t('audit.details')}>
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
