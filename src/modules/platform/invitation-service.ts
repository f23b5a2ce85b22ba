/** Inviting people into an organisation: create (token shown once), list, revoke, accept. */
import { AppError, errors } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import { DAY_MS } from '../../core/time.ts'
import {
  deleteInvitation,
  findInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
} from '../../db/repositories/invitations.ts'
import { findMember } from '../../db/repositories/memberships.ts'
import { findUserByEmail } from '../../db/repositories/users.ts'
import type { TAuth } from '../../http/context.ts'
import { addUserToOrganisation } from './accounts.ts'
import { recordEvent } from './audit.ts'
import { buildMe, invalidCredentials, type TServiceDeps } from './auth-service.ts'
import type { TRole } from './limits.ts'
import { verifyPassword } from './passwords.ts'
import { canManageRole } from './policy.ts'
import { presentInvitation } from './presenters.ts'
import type { TCreatedInvitation, TInvitation, TMe } from './schemas.ts'
import { createSession, type TNewSession } from './sessions.ts'
import { newToken, sha256Hex } from './tokens.ts'

export const INVITATION_TTL_MS = 7 * DAY_MS

/** The link the web app opens; the token sits in the fragment so it never reaches logs or Referer. */
export const acceptUrlFor = (origin: string, token: string): string =>
  `${origin}/invitations/accept#token=${token}`

export const createInvitation = async (
  deps: TServiceDeps,
  auth: TAuth,
  input: { email: string; role: TRole; origin: string },
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
  return { ...presentInvitation(row), token, acceptUrl: acceptUrlFor(input.origin, token) }
}

export const getInvitations = async (deps: TServiceDeps, auth: TAuth): Promise<TInvitation[]> =>
  (await listInvitations(deps.db, auth.orgId)).map(presentInvitation)

export const revokeInvitation = async (
  deps: TServiceDeps,
  auth: TAuth,
  invitationId: string,
): Promise<void> =>
  deps.db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, auth.orgId, invitationId)
    if (!invitation) throw errors.notFound('Invitation')
    await deleteInvitation(trx, auth.orgId, invitationId)
    await recordEvent(trx, deps.secrets, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: invitationId,
      summary: { email: invitation.email, role: invitation.role },
      at: deps.clock.now().toISOString(),
    })
  })

const invalidInvitation = () =>
  new AppError('not_found', 'This invitation is not valid, was already used or has expired.')

/**
 * Accepts an invitation: a new address gets an account with the given name and password; an
 * existing account must prove its current password (the link alone must not sign anyone in as an
 * existing user). Signs the user in to the inviting organisation.
 */
export const acceptInvitation = async (
  deps: TServiceDeps,
  input: { token: string; name: string; password: string },
): Promise<{ session: TNewSession; me: TMe }> => {
  const invitation = await findInvitationByTokenHash(deps.db, sha256Hex(input.token))
  const now = deps.clock.now()
  if (!invitation || invitation.accepted_at || new Date(invitation.expires_at).getTime() <= now.getTime()) {
    throw invalidInvitation()
  }
  const existing = await findUserByEmail(deps.db, invitation.email)
  if (
    existing &&
    !(existing.password_hash && (await verifyPassword(existing.password_hash, input.password)))
  ) {
    throw invalidCredentials()
  }
  const at = now.toISOString()
  const result = await deps.db.transaction().execute(async (trx) => {
    if (!(await markInvitationAccepted(trx, invitation.id, at))) throw invalidInvitation()
    const { userId } = await addUserToOrganisation(trx, deps.secrets, {
      orgId: invitation.org_id,
      email: invitation.email,
      name: input.name,
      role: invitation.role as TRole,
      // An existing user keeps their password; a new one gets the chosen one.
      ...(existing ? {} : { password: input.password }),
      at,
      actorId: existing?.id ?? null,
    })
    const session = await createSession(trx, { userId, orgId: invitation.org_id, clock: deps.clock })
    return { userId, session }
  })
  const user = existing ?? { email: invitation.email, name: input.name }
  const me = await buildMe(deps.db, {
    userId: result.userId,
    email: user.email,
    name: user.name,
    orgId: invitation.org_id,
    csrfToken: result.session.csrfToken,
  })
  return { session: result.session, me }
}
