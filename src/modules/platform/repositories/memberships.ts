/** SQL for memberships (user × organisation × role). Every query names the organisation. */
import type { TExecutor } from '../../../db/database.ts'
import { reusableQuery } from '../../../db/reusable-query.ts'
import type { TMembershipsTable } from '../../../db/schema.ts'

export type TMembershipRow = TMembershipsTable

export const insertMembership = async (db: TExecutor, row: TMembershipRow): Promise<void> => {
  await db.insertInto('memberships').values(row).execute()
}

export const findMembership = (db: TExecutor, orgId: string, userId: string) =>
  db
    .selectFrom('memberships')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst()

/** Members of one organisation with their user record, oldest first. */
export const listMembers = (db: TExecutor, orgId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.created_at as joinedAt'])
    .where('m.org_id', '=', orgId)
    .orderBy('m.created_at')
    .orderBy('u.email')
    .execute()

export const findMember = (db: TExecutor, orgId: string, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.created_at as joinedAt'])
    .where('m.org_id', '=', orgId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst()

/** The organisations a user belongs to, by name (on every /api/me: compiled once). */
export const listMembershipsOfUser = reusableQuery((db: TExecutor, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .orderBy('o.id'),
)

export const updateMembershipRole = async (db: TExecutor, orgId: string, userId: string, role: string) => {
  const result = await db
    .updateTable('memberships')
    .set({ role })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export const deleteMembership = async (db: TExecutor, orgId: string, userId: string): Promise<boolean> => {
  const result = await db
    .deleteFrom('memberships')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export const countOwners = async (db: TExecutor, orgId: string): Promise<number> => {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
