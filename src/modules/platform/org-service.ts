/** Organisation settings: the organisation, its members and their roles. */
import { errors } from '../../core/errors.ts'
import type { TSecrets } from '../../core/secrets.ts'
import type { TDb, TExecutor } from '../../db/database.ts'
import { recordMemberEvent } from './audit.ts'
import type { TAuth } from './identity.ts'
import type { TRole } from './limits.ts'
import { canManageRole } from './policy.ts'
import { presentMember, presentOrganisation } from './presenters.ts'
import {
  countOwners,
  deleteMembership,
  findMember,
  listMembers,
  updateMembershipRole,
} from './repositories/memberships.ts'
import {
  findOrganisationById,
  lockOrganisation,
  updateOrganisationName,
} from './repositories/organisations.ts'
import { deleteSessionsInOrganisation } from './repositories/sessions.ts'
import type { TMember, TOrganisation } from './schemas.ts'

type TDeps = { db: TDb; clock: { now: () => Date }; secrets: TSecrets }

export const getOrganisation = async (deps: TDeps, auth: TAuth): Promise<TOrganisation> => {
  const row = await findOrganisationById(deps.db, auth.orgId)
  if (!row) throw errors.notFound('Organisation')
  return presentOrganisation(row)
}

export const renameOrganisation = async (
  deps: TDeps,
  auth: TAuth,
  { name }: { name: string },
): Promise<TOrganisation> =>
  deps.db.transaction().execute(async (trx) => {
    const before = await findOrganisationById(trx, auth.orgId)
    if (!before) throw errors.notFound('Organisation')
    await updateOrganisationName(trx, auth.orgId, name)
    await recordMemberEvent(trx, deps, auth, {
      action: 'organisation.renamed',
      entityType: 'organisation',
      entityId: auth.orgId,
      summary: { from: before.name, to: name },
    })
    return presentOrganisation({ ...before, name })
  })

export const getMembers = async (deps: TDeps, auth: TAuth): Promise<TMember[]> =>
  (await listMembers(deps.db, auth.orgId)).map(presentMember)

const lastOwnerConflict = () => errors.conflict('An organisation must keep at least one owner.')

/**
 * The actor's role as it stands now, under the organisation lock. The role on `auth` was read
 * before the lock was taken: a concurrent request may have demoted or removed the actor since.
 */
const lockedActorRole = async (trx: TExecutor, auth: TAuth): Promise<TRole> => {
  await lockOrganisation(trx, auth.orgId)
  const actor = await findMember(trx, auth.orgId, auth.userId)
  if (!actor) throw errors.forbidden('You are no longer a member of this organisation.')
  return actor.role as TRole
}

export const changeMemberRole = async (
  deps: TDeps,
  auth: TAuth,
  { userId, role }: { userId: string; role: TRole },
): Promise<TMember> =>
  deps.db.transaction().execute(async (trx) => {
    const actorRole = await lockedActorRole(trx, auth)
    const target = await findMember(trx, auth.orgId, userId)
    if (!target) throw errors.notFound('Member')
    if (!canManageRole(actorRole, target.role as TRole, role))
      throw errors.forbidden('Only an owner can grant or change the owner role.')
    if (target.role === role) return presentMember(target)
    if (target.role === 'owner' && (await countOwners(trx, auth.orgId)) <= 1) throw lastOwnerConflict()
    await updateMembershipRole(trx, auth.orgId, userId, role)
    await recordMemberEvent(trx, deps, auth, {
      action: 'member.role_changed',
      entityType: 'user',
      entityId: userId,
      summary: { email: target.email, from: target.role, to: role },
    })
    return presentMember({ ...target, role })
  })

export const removeMember = async (deps: TDeps, auth: TAuth, { userId }: { userId: string }): Promise<void> =>
  deps.db.transaction().execute(async (trx) => {
    const actorRole = await lockedActorRole(trx, auth)
    const target = await findMember(trx, auth.orgId, userId)
    if (!target) throw errors.notFound('Member')
    if (!canManageRole(actorRole, target.role as TRole, null))
      throw errors.forbidden('Only an owner can remove an owner.')
    if (target.role === 'owner' && (await countOwners(trx, auth.orgId)) <= 1) throw lastOwnerConflict()
    await deleteMembership(trx, auth.orgId, userId)
    await deleteSessionsInOrganisation(trx, auth.orgId, userId)
    await recordMemberEvent(trx, deps, auth, {
      action: 'member.removed',
      entityType: 'user',
      entityId: userId,
      summary: { email: target.email, role: target.role },
    })
  })
