/**
 * The members table: role changes, removal and password reset links for managers, read-only for
 * everyone else.
 */
import { type UseMutationResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { TRole } from '../../../../src/modules/platform/limits.ts'
import type { TIssuedPasswordReset, TMember } from '../../../../src/modules/platform/schemas.ts'
import { platformApi, queryKeys } from '../../api/platform.ts'
import { CopyField } from '../../components/CopyField.tsx'
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Status.tsx'
import { t, tCount } from '../../i18n/i18n.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import { absoluteLink } from '../../lib/invitations.ts'
import { roleLabel } from '../../lib/labels.ts'
import { canRemove, canResetPassword, rolesFor } from '../../lib/roles.ts'
import { useSession } from '../../lib/session.tsx'

export function MembersSection({ isManager }: { isManager: boolean }) {
  const queryClient = useQueryClient()
  const members = useQuery({ queryKey: queryKeys.members, queryFn: platformApi.members })
  const [notice, setNotice] = useState<string | null>(null)
  // One reset at a time, shown above the table: the link is long and shown only once.
  const reset = useMutation({
    mutationFn: (member: TMember) => platformApi.issuePasswordReset(member.user.id),
    onMutate: () => setNotice(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.audit }),
  })

  return (
    <section className="card" aria-labelledby="org-members">
      <div className="section-heading">
        <h2 id="org-members">{t('members.heading')}</h2>
        {members.data ? (
          <p className="muted">{tCount('members.count', members.data.members.length)}</p>
        ) : null}
      </div>
      {members.isPending ? <Loading /> : null}
      {members.isError ? <ErrorNotice error={members.error} /> : null}
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {reset.isIdle ? null : <ResetPanel reset={reset} onDismiss={() => reset.reset()} />}
      {members.data && members.data.members.length === 0 ? <p>{t('members.empty')}</p> : null}
      {members.data && members.data.members.length > 0 ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.joined')}</th>
                {isManager ? <th scope="col">{t('members.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.data.members.map((member) => (
                <MemberRow
                  key={member.user.id}
                  member={member}
                  isManager={isManager}
                  onDone={setNotice}
                  onReset={reset.isPending ? null : () => reset.mutate(member)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

type TResetMutation = UseMutationResult<TIssuedPasswordReset, Error, TMember>

/** The reset link, once, with what it does; or why there is none. */
function ResetPanel({ reset, onDismiss }: { reset: TResetMutation; onDismiss: () => void }) {
  const name = reset.variables?.user.name ?? ''
  if (reset.isPending) return <Loading label={t('members.resetPending', { name })} />
  return (
    <section className="created-invitation" aria-labelledby="reset-heading">
      {reset.data ? (
        <>
          <h3 id="reset-heading">{t('members.resetHeading', { name })}</h3>
          <p>{t('members.resetHint', { name, expires: formatDateTime(reset.data.expiresAt) })}</p>
          <CopyField
            label={t('members.resetLink')}
            value={absoluteLink(reset.data.resetUrl, window.location.origin)}
            isFocusedOnMount
          />
        </>
      ) : (
        <>
          <h3 id="reset-heading">{t('members.resetFailedHeading', { name })}</h3>
          {reset.isError ? <ErrorNotice error={reset.error} /> : null}
        </>
      )}
      <button type="button" className="button button-secondary" onClick={onDismiss}>
        {t('members.resetDismiss')}
      </button>
    </section>
  )
}

function MemberRow({
  member,
  isManager,
  onDone,
  onReset,
}: {
  member: TMember
  isManager: boolean
  onDone: (notice: string | null) => void
  /** Issues a reset link for this member; null while another is being issued. */
  onReset: (() => void) | null
}) {
  const me = useSession()
  const queryClient = useQueryClient()
  const [isConfirming, setConfirming] = useState(false)
  const isSelf = member.user.id === me.user.id
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.members }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit }),
    ])

  const changeRole = useMutation({
    mutationFn: (role: TRole) => platformApi.changeRole(member.user.id, role),
    onMutate: () => onDone(null),
    onSuccess: async (_result, role) => {
      // Refresh first, so the notice describes what the table already shows.
      await refresh()
      onDone(t('members.roleSaved', { name: member.user.name, role: roleLabel(role) }))
    },
  })
  const remove = useMutation({
    mutationFn: () => platformApi.removeMember(member.user.id),
    onMutate: () => onDone(null),
    onSuccess: async () => {
      await refresh()
      onDone(t('members.removed', { name: member.user.name }))
    },
  })

  // Your own row is read-only: demoting or removing yourself by a slip would lock you out.
  const options = isSelf ? [] : rolesFor(me.role, member.role)
  const canEdit = options.length > 0
  const isRemovable = !isSelf && canRemove(me.role, member.role)
  // Your own password is changed under Your account, with the current one.
  const isResettable = !isSelf && canResetPassword(me.role, member.role)

  return (
    <tr>
      <th scope="row">
        {member.user.name} {isSelf ? <span className="muted">{t('members.you')}</span> : null}
      </th>
      <td>{member.user.email}</td>
      <td>
        {canEdit ? (
          <select
            aria-label={t('members.roleFor', { name: member.user.name })}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(event) => changeRole.mutate(event.target.value as TRole)}
          >
            {options.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        ) : (
          <span className="badge">{roleLabel(member.role)}</span>
        )}
        {changeRole.isError ? <ErrorNotice error={changeRole.error} /> : null}
      </td>
      <td>
        <time dateTime={member.joinedAt}>{formatDate(member.joinedAt)}</time>
      </td>
      {isManager ? (
        <td>
          {(isResettable || isRemovable) && !isConfirming ? (
            <div className="row-actions">
              {isResettable ? (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('members.resetPasswordFor', { name: member.user.name })}
                  disabled={onReset === null}
                  onClick={() => onReset?.()}
                >
                  {t('members.resetPassword')}
                </button>
              ) : null}
              {isRemovable ? (
                <button
                  type="button"
                  className="button button-danger-quiet"
                  onClick={() => setConfirming(true)}
                >
                  {t('members.remove')}
                </button>
              ) : null}
            </div>
          ) : null}
          {isRemovable && isConfirming ? (
            <fieldset className="confirm">
              <legend>{t('members.removeConfirm', { name: member.user.name })}</legend>
              <button
                type="button"
                className="button button-danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('members.removeYes')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('members.removeNo')}
              </button>
            </fieldset>
          ) : null}
          {remove.isError ? <ErrorNotice error={remove.error} /> : null}
        </td>
      ) : null}
    </tr>
  )
}
