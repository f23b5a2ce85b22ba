/** SQL for invitations. Tokens are stored only as SHA-256 hashes. */
import type { TExecutor } from '../../../db/database.ts'
import type { TInvitationsTable } from '../../../db/schema.ts'

export type TInvitationRow = TInvitationsTable

export const insertInvitation = async (db: TExecutor, row: TInvitationRow): Promise<void> => {
  await db.insertInto('invitations').values(row).execute()
}

/** One page of an organisation's invitations, newest first (ids are time-ordered), below `beforeId`. */
export const listInvitations = (db: TExecutor, orgId: string, beforeId: string | null, limit: number) => {
  let query = db.selectFrom('invitations').selectAll().where('org_id', '=', orgId)
  if (beforeId !== null) query = query.where('id', '<', beforeId)
  return query.orderBy('id', 'desc').limit(limit).execute()
}

export const findInvitation = (db: TExecutor, orgId: string, invitationId: string) =>
  db
    .selectFrom('invitations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', invitationId)
    .executeTakeFirst()

/** Public lookup by token hash (the token itself proves the right to see it). */
export const findInvitationByTokenHash = (db: TExecutor, tokenHash: string) =>
  db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

export const deleteInvitation = async (
  db: TExecutor,
  orgId: string,
  invitationId: string,
): Promise<boolean> => {
  const result = await db
    .deleteFrom('invitations')
    .where('org_id', '=', orgId)
    .where('id', '=', invitationId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Marks an open invitation accepted; false when it was already accepted (a concurrent accept lost). */
export const markInvitationAccepted = async (
  db: TExecutor,
  invitationId: string,
  at: string,
): Promise<boolean> => {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: at })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
