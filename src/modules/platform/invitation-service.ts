/** Inviting people into an organisation: create (token shown once), list, revoke, accept. */
import { AppError, errors } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import { DAY_MS } from '../../core/time.ts'
import { addUserToOrganisation } from './accounts.ts'
import { recordEvent, recordMemberEvent } from './audit.ts'
import { switchOrganisation, type TServiceDeps } from './auth-service.ts'
import type { TAuth } from './identity.ts'
import type { TRole } from './limits.ts'
import { hashPassword } from './passwords.ts'
import { canManageRole } from './policy.ts'
import { presentInvitation } from './presenters.ts'
import {
  deleteInvitation,
  findInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
} from './repositories/invitations.ts'
import { findMember } from './repositories/memberships.ts'
import { findUserByEmail } from './repositories/users.ts'
import type { TAcceptedInvitation, TCreatedInvitation, TInvitationList, TMe } from './schemas.ts'
import { newToken, sha256Hex } from './tokens.ts'

export const INVITATION_TTL_MS = 7 * DAY_MS

/** The link the web app opens; the token sits in the fragment so it never reaches logs or Referer. */
export const acceptUrlFor = (publicUrl: string, token: string): string =>
  `${publicUrl}/invitations/accept#token=${token}`

export const createInvitation = async (
  deps: TServiceDeps,
  auth: TAuth,
  input: { email: string; role: TRole; publicUrl: string },
): Promise<TCreatedInvitation> => {
  if (!canManageRole(auth.role, null, input.role))
    throw errors.forbidden('Only an owner can invite another owner.')
  const user = await findUserByEmail(deps.db, input.email)
  if (user && (await findMember(deps.db, auth.orgId, user.id))) {
    throw errors.conflict('This person is already a member of the organisation.')
  }
  const token = newToken()
  const now = deps.clock.now()
  const row = {
    id: newId(),
    org_id: auth.orgId,
    email: input.email,
    role: input.role,
    token_hash: sha256Hex(token),
    invited_by: auth.userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    accepted_at: null,
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, row)
    await recordEvent(trx, deps.secrets, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: row.id,
      summary: { email: input.email, role: input.role },
      at: row.created_at,
    })
  })
  return { ...presentInvitation(row), token, acceptUrl: acceptUrlFor(input.publicUrl, token) }
}

/** One page of the organisation's invitations, newest first; `cursor` continues below an id. */
export const getInvitations = async (
  deps: TServiceDeps,
  auth: TAuth,
  page: { cursor: string | null; limit: number },
): Promise<TInvitationList> => {
  const rows = await listInvitations(deps.db, auth.orgId, page.cursor, page.limit + 1)
  const shown = rows.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    invitations: shown.map(presentInvitation),
    nextCursor: rows.length > page.limit && last ? last.id : null,
  }
}

export const revokeInvitation = async (
  deps: TServiceDeps,
  auth: TAuth,
  { invitationId }: { invitationId: string },
): Promise<void> =>
  deps.db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, auth.orgId, invitationId)
    if (!invitation) throw errors.notFound('Invitation')
    await deleteInvitation(trx, auth.orgId, invitationId)
    await recordMemberEvent(trx, deps, auth, {
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: invitationId,
      summary: { email: invitation.email, role: invitation.role },
    })
  })

const invalidInvitation = () =>
  new AppError('not_found', 'This invitation is not valid, was already used or has expired.')

const isOpen = (invitation: { accepted_at: string | null; expires_at: string }, now: Date): boolean =>
  invitation.accepted_at === null && new Date(invitation.expires_at).getTime() > now.getTime()

/**
 * Accepts an invitation without a session (docs/security.md, "Invitations"). A new address gets an
 * account with the chosen name and password and joins at once. For an address that already has an
 * account nothing happens here and the password is not looked at: that person signs in as usual
 * (the sign-in's limits, lock-out and audit events) and then joins with `joinInvitation`. Both
 * answers are the same, so the link does not tell its holder whether the address has an account.
 */
export const acceptInvitation = async (
  deps: TServiceDeps,
  input: { token: string; name: string; password: string },
): Promise<TAcceptedInvitation> => {
  const invitation = await findInvitationByTokenHash(deps.db, sha256Hex(input.token))
  const now = deps.clock.now()
  if (!invitation || !isOpen(invitation, now)) throw invalidInvitation()
  const existing = await findUserByEmail(deps.db, invitation.email)
  if (existing) {
    // The same work as a new account (one password hash), so timing does not tell either.
    await hashPassword(input.password)
    return { email: invitation.email }
  }
  const at = now.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await markInvitationAccepted(trx, invitation.id, at))) throw invalidInvitation()
    await addUserToOrganisation(trx, deps.secrets, {
      orgId: invitation.org_id,
      email: invitation.email,
      name: input.name,
      role: invitation.role as TRole,
      password: input.password,
      at,
      actorId: null,
    })
  })
  return { email: invitation.email }
}

/**
 * The signed-in user takes up an invitation addressed to them: joins the organisation (or, when they
 * already joined through it, simply goes there) and the session moves to it. An invitation for
 * another address is refused like an invalid one and recorded in the inviting organisation.
 */
export const joinInvitation = async (
  deps: TServiceDeps,
  auth: TAuth,
  { token }: { token: string },
): Promise<TMe> => {
  const invitation = await findInvitationByTokenHash(deps.db, sha256Hex(token))
  const now = deps.clock.now()
  if (!invitation) throw invalidInvitation()
  const at = now.toISOString()
  if (invitation.email !== auth.email.toLowerCase()) {
    if (isOpen(invitation, now)) {
      await deps.db.transaction().execute((trx) =>
        recordEvent(trx, deps.secrets, {
          orgId: invitation.org_id,
          actorId: auth.userId,
          action: 'invitation.join_refused',
          entityType: 'invitation',
          entityId: invitation.id,
          summary: { invitedEmail: invitation.email, reason: 'signed in as another account' },
          at,
        }),
      )
    }
    throw invalidInvitation()
  }
  if (isOpen(invitation, now)) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await markInvitationAccepted(trx, invitation.id, at))) throw invalidInvitation()
      await addUserToOrganisation(trx, deps.secrets, {
        orgId: invitation.org_id,
        email: invitation.email,
        name: auth.name,
        role: invitation.role as TRole,
        at,
        actorId: auth.userId,
      })
    })
  } else if (!invitation.accepted_at || !(await findMember(deps.db, invitation.org_id, auth.userId))) {
    throw invalidInvitation()
  }
  return switchOrganisation(deps, auth, { organisationId: invitation.org_id })
}
