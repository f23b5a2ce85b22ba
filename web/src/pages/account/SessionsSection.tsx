/** Your open sessions: this one marked, any other signed out one by one or all at once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { TSessionInfo } from '../../../../src/modules/platform/schemas.ts'
import { platformApi, queryKeys } from '../../api/platform.ts'
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Status.tsx'
import { t, tCount } from '../../i18n/i18n.ts'
import { currentFirst } from '../../lib/account.ts'
import { formatDateTime } from '../../lib/format.ts'

export function SessionsSection() {
  const queryClient = useQueryClient()
  const sessions = useQuery({ queryKey: queryKeys.sessions, queryFn: platformApi.sessions })
  const [notice, setNotice] = useState<string | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions })

  const endOthers = useMutation({
    mutationFn: platformApi.endOtherSessions,
    onMutate: () => setNotice(null),
    onSuccess: async ({ ended }) => {
      await refresh()
      setNotice(tCount('account.othersEnded', ended))
    },
  })

  const listed = currentFirst(sessions.data?.sessions ?? [])
  const hasOthers = listed.some((session) => !session.isCurrent)

  return (
    <section className="card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('account.sessionsHeading')}</h2>
      <p className="muted">{t('account.sessionsIntro')}</p>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <ErrorNotice error={sessions.error} /> : null}
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {listed.length > 0 ? (
        <div className="table-scroll">
          <table className="sessions-table">
            <thead>
              <tr>
                <th scope="col">{t('account.sessionStarted')}</th>
                <th scope="col">{t('account.sessionLastSeen')}</th>
                <th scope="col">{t('account.sessionExpires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  onEnded={async () => {
                    await refresh()
                    setNotice(t('account.sessionEnded', { date: formatDateTime(session.createdAt) }))
                  }}
                  onStart={() => setNotice(null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {sessions.data ? (
        <div className="table-footer">
          {hasOthers ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={endOthers.isPending}
              onClick={() => endOthers.mutate()}
            >
              {endOthers.isPending ? t('account.endingOthers') : t('account.endOthers')}
            </button>
          ) : (
            <p className="muted">{t('account.onlySession')}</p>
          )}
        </div>
      ) : null}
      {endOthers.isError ? <ErrorNotice error={endOthers.error} /> : null}
    </section>
  )
}

function SessionRow({
  session,
  onEnded,
  onStart,
}: {
  session: TSessionInfo
  onEnded: () => Promise<void>
  onStart: () => void
}) {
  const end = useMutation({
    mutationFn: () => platformApi.endSession(session.id),
    onMutate: onStart,
    onSuccess: onEnded,
  })
  const started = formatDateTime(session.createdAt)
  return (
    <tr className={session.isCurrent ? 'is-current' : undefined}>
      {/* data-label names each value where a narrow screen stacks the cells without the header row. */}
      <th scope="row" data-label={t('account.sessionStarted')}>
        <time dateTime={session.createdAt}>{started}</time>
      </th>
      <td data-label={t('account.sessionLastSeen')}>
        <time dateTime={session.lastSeenAt}>{formatDateTime(session.lastSeenAt)}</time>
      </td>
      <td data-label={t('account.sessionExpires')}>
        <time dateTime={session.expiresAt}>{formatDateTime(session.expiresAt)}</time>
      </td>
      <td className="session-action">
        {session.isCurrent ? (
          <span className="badge badge-current">{t('account.thisSession')}</span>
        ) : (
          <button
            type="button"
            className="button button-danger-quiet"
            aria-label={t('account.endSessionFor', { date: started })}
            disabled={end.isPending}
            onClick={() => end.mutate()}
          >
            {t('account.endSession')}
          </button>
        )}
        {end.isError ? <ErrorNotice error={end.error} /> : null}
      </td>
    </tr>
  )
}
