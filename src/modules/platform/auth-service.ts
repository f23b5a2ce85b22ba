/** Sign-in (the one password check), sign-out, who-am-I and switching organisation. */
import { AppError, errors } from '../../core/errors.ts'
import type { TSecrets } from '../../core/secrets.ts'
import { isoNow, type TClock } from '../../core/time.ts'
import type { TDb } from '../../db/database.ts'
import { recordEvent } from './audit.ts'
import type { TAuth } from './identity.ts'
import { INTERFACE_LOCALES, type TInterfaceLocale, type TRole } from './limits.ts'
import { verifyAgainstDummy, verifyPassword } from './passwords.ts'
import { presentOrganisation } from './presenters.ts'
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from './rate-limit.ts'
import { findMembership, listMembershipsOfUser } from './repositories/memberships.ts'
import { setSessionOrganisation } from './repositories/sessions.ts'
import { findUserByEmail, type TUserRow } from './repositories/users.ts'
import type { TMe } from './schemas.ts'
import { createSession, endSession, type TNewSession } from './sessions.ts'

export type TServiceDeps = { db: TDb; clock: TClock; secrets: TSecrets }

export const invalidCredentials = () =>
  new AppError('invalid_credentials', 'The email or password is incorrect.')

type TMeIdentity = {
  userId: string
  email: string
  name: string
  locale: string | null
  orgId: string
  csrfToken: string
}

const isInterfaceLocale = (value: string | null): value is TInterfaceLocale =>
  value !== null && (INTERFACE_LOCALES as readonly string[]).includes(value)

/** The signed-in view from memberships already read: user, current organisation and role, all memberships. */
export const presentMe = (
  identity: TMeIdentity,
  memberships: readonly { id: string; slug: string; name: string; kind: string; role: string }[],
): TMe => {
  const current = memberships.find((m) => m.id === identity.orgId)
  if (!current) throw errors.unauthenticated()
  return {
    user: {
      id: identity.userId,
      email: identity.email,
      name: identity.name,
      locale: isInterfaceLocale(identity.locale) ? identity.locale : null,
    },
    organisation: presentOrganisation(current),
    role: current.role as TRole,
    memberships: memberships.map((m) => ({ organisation: presentOrganisation(m), role: m.role as TRole })),
    csrfToken: identity.csrfToken,
  }
}

/** The signed-in view, reading the user's memberships (after sign-in or a switch of organisation). */
export const buildMe = async (db: TDb, identity: TMeIdentity): Promise<TMe> =>
  presentMe(identity, await listMembershipsOfUser(db, identity.userId))

/**
 * The one password check of the platform (sign-in, accepting nothing else): rate limits first,
 * then the password; unknown email and wrong password give the same error after the same work. A
 * failure counts towards the limits and is a `auth.login_failed` security event in each of the
 * account's organisations; a success marks the address as one the account signs in from.
 */
export const authenticate = async (
  deps: TServiceDeps,
  input: { email: string; password: string; clientAddress: string },
): Promise<TUserRow> => {
  const now = deps.clock.now()
  const keys = { email: input.email, address: input.clientAddress }
  const retryAfter = await loginRetryAfter(deps.db, deps.secrets, keys, now)
  if (retryAfter > 0) throw errors.rateLimited(retryAfter)

  const user = await findUserByEmail(deps.db, input.email)
  const isValid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password)
  if (!user || !isValid) {
    await deps.db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, deps.secrets, keys, now)
      if (!user) return
      for (const membership of await listMembershipsOfUser(trx, user.id)) {
        await recordEvent(trx, deps.secrets, {
          orgId: membership.id,
          actorId: null,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          summary: { email: user.email, reason: 'wrong password' },
          at: now.toISOString(),
        })
      }
    })
    throw invalidCredentials()
  }
  await recordLoginSuccess(deps.db, deps.secrets, keys, now)
  return user
}

/** Checks the password (see `authenticate`) and opens a session in the user's first organisation. */
export const login = async (
  deps: TServiceDeps,
  input: { email: string; password: string; clientAddress: string },
): Promise<{ session: TNewSession; me: TMe }> => {
  const user = await authenticate(deps, input)
  const memberships = await listMembershipsOfUser(deps.db, user.id)
  const first = memberships[0]
  if (!first) throw new AppError('forbidden', 'Your account does not belong to any organisation yet.')

  const session = await deps.db.transaction().execute(async (trx) => {
    const created = await createSession(trx, { userId: user.id, orgId: first.id, clock: deps.clock })
    await recordEvent(trx, deps.secrets, {
      orgId: first.id,
      actorId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      summary: {},
      at: isoNow(deps.clock),
    })
    return created
  })
  const me = await buildMe(deps.db, {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    orgId: first.id,
    csrfToken: session.csrfToken,
  })
  return { session, me }
}

export const logout = (deps: TServiceDeps, auth: TAuth): Promise<void> =>
  endSession(deps.db, auth.sessionTokenHash)

/** Moves the session to another organisation the user belongs to; others look nonexistent (404). */
export const switchOrganisation = async (
  deps: TServiceDeps,
  auth: TAuth,
  { organisationId }: { organisationId: string },
): Promise<TMe> => {
  const membership = await findMembership(deps.db, organisationId, auth.userId)
  if (!membership) throw errors.notFound('Organisation')
  await setSessionOrganisation(deps.db, auth.sessionTokenHash, organisationId)
  return buildMe(deps.db, {
    userId: auth.userId,
    email: auth.email,
    name: auth.name,
    locale: auth.locale,
    csrfToken: auth.csrfToken,
    orgId: organisationId,
  })
}
