/**
 * Who may do what: ONE table, role × action × resource. Every route calls `authorize`; the tenant
 * check lives in the repository queries (where org_id = …), so a forgotten check cannot leak.
 * Modules add their resource as one line each.
 */
import { errors } from '../../core/errors.ts'
import { ROLES, type TRole } from './limits.ts'

const ALL = ROLES
const ADMINS = ['owner', 'admin'] as const

export const POLICY = {
  organisation: { read: ALL, update: ADMINS },
  member: { read: ALL, update: ADMINS, remove: ADMINS, resetPassword: ADMINS },
  invitation: { read: ADMINS, create: ADMINS, revoke: ADMINS },
  audit: { read: ADMINS },
  library: { read: ALL },
  jurisdiction: { read: ALL },
  biasAudit: { read: ALL, create: ['owner', 'admin', 'assessor'], delete: ['owner', 'admin', 'assessor'] },
} as const satisfies Record<string, Record<string, readonly TRole[]>>

export type TPolicy = typeof POLICY
export type TResource = keyof TPolicy
export type TAction<R extends TResource> = keyof TPolicy[R] & string

/** True when the role may perform the action on the resource. Unknown pairs are denied. */
export const isAllowed = <R extends TResource>(role: TRole, action: TAction<R>, resource: R): boolean => {
  const rules = POLICY[resource] as Record<string, readonly TRole[]>
  return rules[action]?.includes(role) ?? false
}

/** Throws `forbidden` unless the signed-in role may act. */
export const authorize = <R extends TResource>(
  ctx: { role: TRole },
  action: TAction<R>,
  resource: R,
): void => {
  if (!isAllowed(ctx.role, action, resource)) throw errors.forbidden()
}

/**
 * The owner role guards the organisation itself: only an owner may grant it, or change or remove
 * another owner (an admin cannot promote themself past the people who appointed them).
 */
export const canManageRole = (actorRole: TRole, targetRole: TRole | null, newRole: TRole | null): boolean => {
  if (actorRole === 'owner') return true
  if (actorRole !== 'admin') return false
  return targetRole !== 'owner' && newRole !== 'owner'
}
