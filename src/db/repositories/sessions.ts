/** SQL for sessions. The primary key is the SHA-256 of the cookie token; the token is never stored. */
import type { TExecutor } from '../database.ts'
import { reusableQuery } from '../reusable-query.ts'
import type { TSessionsTable } from '../schema.ts'

export type TSessionRow = TSessionsTable

export const insertSession = async (db: TExecutor, row: TSessionRow): Promise<void> => {
  await db.insertInto('sessions').values(row).execute()
}

/**
 * The whole request identity in one indexed lookup: session, user, current organisation and the
 * role there (null when the membership is gone).
 */
const sessionIdentity = reusableQuery((db: TExecutor, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.org_id', '=', 's.org_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select([
      's.token_hash',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.email as user_email',
      'u.name as user_name',
      'o.id as org_id',
      'o.slug as org_slug',
      'o.name as org_name',
      'o.kind as org_kind',
      'm.role as role',
    ])
    .where('s.token_hash', '=', tokenHash),
)

export const findSessionIdentity = async (db: TExecutor, tokenHash: string) =>
  (await sessionIdentity(db, tokenHash))[0]

export const touchSession = async (db: TExecutor, tokenHash: string, at: string): Promise<void> => {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute()
}

export const setSessionOrganisation = async (
  db: TExecutor,
  tokenHash: string,
  orgId: string,
): Promise<void> => {
  await db.updateTable('sessions').set({ org_id: orgId }).where('token_hash', '=', tokenHash).execute()
}

export const deleteSession = async (db: TExecutor, tokenHash: string): Promise<void> => {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/** Ends the sessions a removed member had open in that organisation. */
export const deleteSessionsInOrganisation = async (
  db: TExecutor,
  orgId: string,
  userId: string,
): Promise<void> => {
  await db.deleteFrom('sessions').where('org_id', '=', orgId).where('user_id', '=', userId).execute()
}
