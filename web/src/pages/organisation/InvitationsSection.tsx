/** Invitations: create one (its link is shown once), list them a page at a time, revoke the open ones. */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { LIMITS, type TRole } from '../../../../src/modules/platform/limits.ts'
import type { TCreatedInvitation, TInvitation } from '../../../../src/modules/platform/schemas.ts'
import { fieldIssue } from '../../api/errors.ts'
import { platformApi, queryKeys } from '../../api/platform.ts'
import { CopyField } from '../../components/CopyField.tsx'
import { Field } from '../../components/Field.tsx'
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Status.tsx'
import { t, tCount } from '../../i18n/i18n.ts'
import { formatDate } from '../../lib/format.ts'
import { absoluteLink, invitationStatus } from '../../lib/invitations.ts'
import { roleLabel } from '../../lib/labels.ts'
import { assignableRoles } from '../../lib/roles.ts'
import { useSession } from '../../lib/session.tsx'

const DEFAULT_ROLE: TRole = 'viewer'

export function InvitationsSection() {
  const me = useSession()
  const queryClient = useQueryClient()
  const invitations = useInfiniteQuery({
    queryKey: queryKeys.invitations,
    queryFn: ({ pageParam, signal }) => platformApi.invitationsPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  })
  const listed = invitations.data?.pages.flatMap((page) => page.invitations) ?? []
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<TRole>(DEFAULT_ROLE)
  const [created, setCreated] = useState<TCreatedInvitation | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit }),
    ])

  const create = useMutation({
    mutationFn: platformApi.createInvitation,
    onMutate: () => setNotice(null),
    onSuccess: async (invitation) => {
      setCreated(invitation)
      setEmail('')
      setRole(DEFAULT_ROLE)
      await refresh()
    },
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!create.isPending) create.mutate({ email: email.trim(), role })
  }

  return (
    <section className="card" aria-labelledby="org-invitations">
      <h2 id="org-invitations">{t('invitations.heading')}</h2>
      <p className="muted">{t('invitations.intro')}</p>

      <form className="inline-form" onSubmit={onSubmit}>
        <Field label={t('invitations.email')} error={fieldIssue(create.error, 'email')}>
          <input
            type="email"
            name="inviteEmail"
            autoComplete="off"
            required
            maxLength={LIMITS.emailMax}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <Field label={t('invitations.role')} error={fieldIssue(create.error, 'role')}>
          <select name="inviteRole" value={role} onChange={(event) => setRole(event.target.value as TRole)}>
            {assignableRoles(me.role).map((option) => (
              <option key={option} value={option}>
                {roleLabel(option)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('invitations.creating') : t('invitations.create')}
        </button>
      </form>
      {create.isError ? (
        <ErrorNotice
          error={create.error}
          fieldLabels={{ email: t('invitations.email'), role: t('invitations.role') }}
        />
      ) : null}

      {created ? (
        <section className="created-invitation" aria-labelledby="created-invitation-heading">
          <h3 id="created-invitation-heading">{t('invitations.createdHeading', { email: created.email })}</h3>
          <p>{t('invitations.createdHint')}</p>
          <CopyField
            label={t('invitations.link')}
            value={absoluteLink(created.acceptUrl, window.location.origin)}
            isFocusedOnMount
          />
          <button type="button" className="button button-secondary" onClick={() => setCreated(null)}>
            {t('invitations.dismiss')}
          </button>
        </section>
      ) : null}

      <h3>{t('invitations.listHeading')}</h3>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError && !invitations.isFetchNextPageError ? (
        <ErrorNotice error={invitations.error} />
      ) : null}
      {invitations.data && listed.length === 0 ? <p>{t('invitations.empty')}</p> : null}
      {listed.length > 0 ? (
        <>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.email')}</th>
                  <th scope="col">{t('invitations.role')}</th>
                  <th scope="col">{t('invitations.created')}</th>
                  <th scope="col">{t('invitations.expires')}</th>
                  <th scope="col">{t('invitations.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('members.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listed.map((invitation) => (
                  <InvitationRow
                    key={invitation.id}
                    invitation={invitation}
                    onRevoked={async () => {
                      if (created?.id === invitation.id) setCreated(null)
                      await refresh()
                      setNotice(t('invitations.revoked', { email: invitation.email }))
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-footer">
            <p className="muted" role="status">
              {tCount('invitations.shown', listed.length)}
            </p>
            {invitations.hasNextPage ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={invitations.isFetchingNextPage}
                onClick={() => void invitations.fetchNextPage()}
              >
                {invitations.isFetchingNextPage ? t('invitations.loadingMore') : t('invitations.showMore')}
              </button>
            ) : null}
          </div>
          {invitations.isFetchNextPageError ? <ErrorNotice error={invitations.error} /> : null}
        </>
      ) : null}
    </section>
  )
}

const STATUS_LABEL = {
  open: 'invitations.statusOpen',
  accepted: 'invitations.statusAccepted',
  expired: 'invitations.statusExpired',
} as const

function InvitationRow({
  invitation,
  onRevoked,
}: {
  invitation: TInvitation
  onRevoked: () => Promise<void>
}) {
  const status = invitationStatus(invitation, new Date())
  const revoke = useMutation({
    mutationFn: () => platformApi.revokeInvitation(invitation.id),
    onSuccess: onRevoked,
  })
  return (
    <tr>
      <th scope="row">{invitation.email}</th>
      <td>{roleLabel(invitation.role)}</td>
      <td>
        <time dateTime={invitation.createdAt}>{formatDate(invitation.createdAt)}</time>
      </td>
      <td>
        <time dateTime={invitation.expiresAt}>{formatDate(invitation.expiresAt)}</time>
      </td>
      <td>
        <span className={`badge badge-${status}`}>{t(STATUS_LABEL[status])}</span>
      </td>
      <td>
        {status === 'open' ? (
          <button
            type="button"
            className="button button-danger-quiet"
            aria-label={t('invitations.revokeFor', { email: invitation.email })}
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            {t('invitations.revoke')}
          </button>
        ) : null}
        {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
      </td>
    </tr>
  )
}
