/**
 * The signed-in person's own account: their sessions (list, end one, end all others), changing the
 * password, and password resets — issued by an organisation's admin for someone who belongs only to
 * that organisation, or by the server operator on the command line (docs/security.md, "Accounts").
 */
import { AppError, errors } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import { keyedHash, type TSecrets } from '../../core/secrets.ts'
import { DAY_MS, isoNow } from '../../core/time.ts'
import type { TExecutor } from '../../db/database.ts'
import { recordEvent, recordMemberEvent } from './audit.ts'
import { authenticate, type TServiceDeps } from './auth-service.ts'
import type { TAuth } from './identity.ts'
import type { TInterfaceLocale, TRole } from './limits.ts'
import { hashPassword } from './passwords.ts'
import { canManageRole } from './policy.ts'
import { findMember, listMembershipsOfUser } from './repositories/memberships.ts'
import {
  closePasswordResetsOfUser,
  findPasswordResetByTokenHash,
  insertPasswordReset,
  usePasswordReset,
} from './repositories/password-resets.ts'
import { deleteSessionsOfUser, listSessionsOfUser } from './repositories/sessions.ts'
import { findUserByEmail, findUserById, setUserLocale, setUserPassword } from './repositories/users.ts'
import type { TIssuedPasswordReset, TPreferences, TSessionInfo } from './schemas.ts'
import { newToken, sha256Hex } from './tokens.ts'

/** A reset link is good for one use within a day. */
export const PASSWORD_RESET_TTL_MS = 1 * DAY_MS

/** The link the web app opens; the token sits in the fragment so it never reaches logs or Referer. */
export const resetUrlFor = (publicUrl: string, token: string): string =>
  `${publicUrl}/password-reset#token=${token}`

/** A session's public id: derived from its token hash with the server key, so it opens nothing. */
const sessionIdOf = (secrets: TSecrets, tokenHash: string): string =>
  keyedHash(secrets, 'session-id', tokenHash).slice(0, 32)

export const listMySessions = async (deps: TServiceDeps, auth: TAuth): Promise<TSessionInfo[]> =>
  (await listSessionsOfUser(deps.db, auth.userId)).map((row) => ({
    id: sessionIdOf(deps.secrets, row.token_hash),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    isCurrent: row.token_hash === auth.sessionTokenHash,
  }))

/** Ends one of the user's own sessions by its public id; another person's id is not found. */
export const endMySession = async (
  deps: TServiceDeps,
  auth: TAuth,
  { sessionId }: { sessionId: string },
): Promise<void> => {
  const rows = await listSessionsOfUser(deps.db, auth.userId)
  const row = rows.find((r) => sessionIdOf(deps.secrets, r.token_hash) === sessionId)
  if (!row) throw errors.notFound('Session')
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', row.token_hash).execute()
    await recordAccountEvent(trx, deps, auth, 'auth.session_ended', { sessions: 1 })
  })
}

/** "Sign out everywhere else": ends every session of the user but this one. */
export const endMyOtherSessions = async (deps: TServiceDeps, auth: TAuth): Promise<{ ended: number }> =>
  deps.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, auth.userId, auth.sessionTokenHash)
    await recordAccountEvent(trx, deps, auth, 'auth.sessions_ended', { sessions: ended })
    return { ended }
  })

/**
 * Changes the user's password after checking the current one through the sign-in check (its limits
 * and events: a stolen session cannot be used to guess the password), and ends the other sessions.
 */
export const changeMyPassword = async (
  deps: TServiceDeps,
  auth: TAuth,
  input: { currentPassword: string; newPassword: string; clientAddress: string },
): Promise<{ endedSessions: number }> => {
  await authenticate(deps, {
    email: auth.email,
    password: input.currentPassword,
    clientAddress: input.clientAddress,
  })
  const passwordHash = await hashPassword(input.newPassword)
  return deps.db.transaction().execute(async (trx) => {
    await setUserPassword(trx, auth.userId, passwordHash)
    await closePasswordResetsOfUser(trx, auth.userId, isoNow(deps.clock))
    const ended = await deleteSessionsOfUser(trx, auth.userId, auth.sessionTokenHash)
    await recordAccountEvent(trx, deps, auth, 'auth.password_changed', { endedSessions: ended })
    return { endedSessions: ended }
  })
}

/**
 * Saves the signed-in user's own preferences (the interface language; null clears it), recorded in the
 * organisation they are working in like their other account changes. Saving the same value again
 * writes nothing.
 */
export const updateMyPreferences = async (
  deps: TServiceDeps,
  auth: TAuth,
  input: { locale: TInterfaceLocale | null },
): Promise<TPreferences> => {
  if (auth.locale === input.locale) return { locale: input.locale }
  await deps.db.transaction().execute(async (trx) => {
    await setUserLocale(trx, auth.userId, input.locale)
    await recordAccountEvent(trx, deps, auth, 'account.preferences_changed', {
      from: auth.locale,
      to: input.locale,
    })
  })
  return { locale: input.locale }
}

const recordAccountEvent = (
  trx: TExecutor,
  deps: TServiceDeps,
  auth: TAuth,
  action: string,
  summary: Record<string, number | string | null>,
) => recordMemberEvent(trx, deps, auth, { action, entityType: 'user', entityId: auth.userId, summary })

const storeReset = async (
  trx: TExecutor,
  deps: TServiceDeps,
  input: { userId: string; createdBy: string | null; orgId: string | null; publicUrl: string },
): Promise<TIssuedPasswordReset> => {
  const token = newToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString()
  await closePasswordResetsOfUser(trx, input.userId, now.toISOString())
  await insertPasswordReset(trx, {
    id: newId(),
    user_id: input.userId,
    token_hash: sha256Hex(token),
    created_by: input.createdBy,
    org_id: input.orgId,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    used_at: null,
  })
  return { token, resetUrl: resetUrlFor(input.publicUrl, token), expiresAt }
}

/**
 * An admin issues a reset link for a member. Only for someone who belongs to this organisation
 * alone: a link for a person who also works elsewhere would let this organisation's admins into
 * the other organisations' data (the server operator can still issue one, `custos user
 * reset-password`). Admins cannot reset an owner, as for roles.
 */
export const issueMemberPasswordReset = async (
  deps: TServiceDeps,
  auth: TAuth,
  input: { userId: string; publicUrl: string },
): Promise<TIssuedPasswordReset> => {
  const member = await findMember(deps.db, auth.orgId, input.userId)
  if (!member) throw errors.notFound('Member')
  if (member.userId === auth.userId) {
    throw new AppError('conflict', 'Change your own password under Your account instead.')
  }
  if (!canManageRole(auth.role, member.role as TRole, null)) {
    throw errors.forbidden('Only an owner can reset the password of another owner.')
  }
  const memberships = await listMembershipsOfUser(deps.db, member.userId)
  if (memberships.some((m) => m.id !== auth.orgId)) {
    throw new AppError(
      'conflict',
      'This person also belongs to another organisation, so only the server operator can reset their password (custos user reset-password).',
    )
  }
  return deps.db.transaction().execute(async (trx) => {
    const issued = await storeReset(trx, deps, {
      userId: member.userId,
      createdBy: auth.userId,
      orgId: auth.orgId,
      publicUrl: input.publicUrl,
    })
    await recordEvent(trx, deps.secrets, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: 'member.password_reset_issued',
      entityType: 'user',
      entityId: member.userId,
      summary: { email: member.email, expiresAt: issued.expiresAt },
      at: isoNow(deps.clock),
    })
    return issued
  })
}

/** The server operator issues a reset link for any account (recorded in each of its organisations). */
export const issueOperatorPasswordReset = async (
  deps: TServiceDeps,
  input: { email: string; publicUrl: string },
): Promise<TIssuedPasswordReset> => {
  const user = await findUserByEmail(deps.db, input.email)
  if (!user) throw errors.notFound('Account')
  return deps.db.transaction().execute(async (trx) => {
    const issued = await storeReset(trx, deps, {
      userId: user.id,
      createdBy: null,
      orgId: null,
      publicUrl: input.publicUrl,
    })
    for (const membership of await listMembershipsOfUser(trx, user.id)) {
      await recordEvent(trx, deps.secrets, {
        orgId: membership.id,
        actorId: null,
        action: 'member.password_reset_issued',
        entityType: 'user',
        entityId: user.id,
        summary: { email: user.email, expiresAt: issued.expiresAt, by: 'server operator' },
        at: isoNow(deps.clock),
      })
    }
    return issued
  })
}

const invalidReset = () =>
  new AppError(
    'not_found',
    'This reset link is not valid, was already used or has expired. Ask for a new one.',
  )

/** Sets a new password with a reset link (once, before it expires) and ends every session of the account. */
export const completePasswordReset = async (
  deps: TServiceDeps,
  input: { token: string; newPassword: string },
): Promise<{ email: string }> => {
  const reset = await findPasswordResetByTokenHash(deps.db, sha256Hex(input.token))
  const now = deps.clock.now()
  if (!reset || reset.used_at !== null || new Date(reset.expires_at).getTime() <= now.getTime()) {
    throw invalidReset()
  }
  const user = await findUserById(deps.db, reset.user_id)
  if (!user) throw invalidReset()
  const passwordHash = await hashPassword(input.newPassword)
  const at = now.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await usePasswordReset(trx, reset.id, at))) throw invalidReset()
    await closePasswordResetsOfUser(trx, user.id, at)
    await setUserPassword(trx, user.id, passwordHash)
    const ended = await deleteSessionsOfUser(trx, user.id, null)
    for (const membership of await listMembershipsOfUser(trx, user.id)) {
      await recordEvent(trx, deps.secrets, {
        orgId: membership.id,
        actorId: user.id,
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: user.id,
        summary: { endedSessions: ended },
        at,
      })
    }
  })
  return { email: user.email }
}
