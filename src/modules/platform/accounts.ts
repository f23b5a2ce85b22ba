/** Creating organisations and accounts outside the invitation flow (CLI, demo seed, tests). */
import { AppError } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import type { TSecrets } from '../../core/secrets.ts'
import type { TExecutor } from '../../db/database.ts'
import { recordEvent } from './audit.ts'
import type { TOrgKind, TRole } from './limits.ts'
import { hashPassword } from './passwords.ts'
import { findMembership, insertMembership } from './repositories/memberships.ts'
import { findOrganisationBySlug, insertOrganisation } from './repositories/organisations.ts'
import { findUserByEmail, insertUser, setUserPassword } from './repositories/users.ts'

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export const isValidSlug = (slug: string): boolean => SLUG_PATTERN.test(slug)

/** Returns the organisation with this slug, creating it (and its `organisation.created` event) if new. */
export const ensureOrganisation = async (
  trx: TExecutor,
  secrets: TSecrets,
  input: { slug: string; name: string; kind: TOrgKind; at: string },
): Promise<{ id: string; isNew: boolean }> => {
  if (!isValidSlug(input.slug)) {
    throw new AppError(
      'validation_failed',
      'A slug uses lowercase letters, digits and inner hyphens (at most 63).',
    )
  }
  const existing = await findOrganisationBySlug(trx, input.slug)
  if (existing) return { id: existing.id, isNew: false }
  const id = newId()
  await insertOrganisation(trx, {
    id,
    slug: input.slug,
    name: input.name,
    kind: input.kind,
    created_at: input.at,
  })
  await recordEvent(trx, secrets, {
    orgId: id,
    actorId: null,
    action: 'organisation.created',
    entityType: 'organisation',
    entityId: id,
    summary: { slug: input.slug, name: input.name, kind: input.kind },
    at: input.at,
  })
  return { id, isNew: true }
}

/**
 * Adds a user (new or existing, by email) to an organisation with a role. A password, when given,
 * is set (for new users it is required).
 */
export const addUserToOrganisation = async (
  trx: TExecutor,
  secrets: TSecrets,
  input: {
    orgId: string
    email: string
    name: string
    role: TRole
    password?: string
    at: string
    actorId?: string | null
  },
): Promise<{ userId: string; isNewUser: boolean }> => {
  const email = input.email.trim().toLowerCase()
  const existing = await findUserByEmail(trx, email)
  let userId = existing?.id
  if (!existing) {
    if (!input.password) throw new AppError('validation_failed', 'A new user needs a password.')
    userId = newId()
    await insertUser(trx, {
      id: userId,
      email,
      name: input.name,
      password_hash: await hashPassword(input.password),
      created_at: input.at,
      locale: null,
    })
  } else if (input.password) {
    await setUserPassword(trx, existing.id, await hashPassword(input.password))
  }
  if (!userId) throw new Error('unreachable: user id missing')
  if (await findMembership(trx, input.orgId, userId)) {
    throw new AppError('conflict', `${email} is already a member of this organisation.`)
  }
  await insertMembership(trx, {
    org_id: input.orgId,
    user_id: userId,
    role: input.role,
    created_at: input.at,
  })
  await recordEvent(trx, secrets, {
    orgId: input.orgId,
    actorId: input.actorId ?? null,
    action: 'member.added',
    entityType: 'user',
    entityId: userId,
    summary: { email, role: input.role },
    at: input.at,
  })
  return { userId, isNewUser: !existing }
}
