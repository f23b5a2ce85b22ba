/** SQL for sessions. The primary key is the SHA-256 of the cookie token; the token is never stored. */
import type { TExecutor } from '../../../db/database.ts'
import { reusableQuery } from '../../../db/reusable-query.ts'
import type { TSessionsTable } from '../../../db/schema.ts'

export type TSessionRow = TSessionsTable

export const insertSession = async (db: TExecutor, row: TSessionRow): Promise<void> => {
  await db.insertInto('sessions').values(row).execute()
}

/**
 * The whole request identity in one indexed statement: the session and its user, with one row per
 * organisation the user belongs to (name order) carrying the role there. The session's current
 * organisation is the row whose org_id equals session_org_id; none means the membership is gone. No
 * membership at all gives one row with null organisation columns. One statement per request, not
 * two: on SQLite each statement is a read transaction, and /api/me needs the whole list anyway.
 */
const sessionIdentity = reusableQuery((db: TExecutor, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', 'm.user_id', 's.user_id')
    .leftJoin('organisations as o', 'o.id', 'm.org_id')
    .select([
      's.csrf_token',
      's.org_id as session_org_id',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.email as user_email',
      'u.name as user_name',
      'u.locale as user_locale',
      'o.id as org_id',
      'o.slug as org_slug',
      'o.name as org_name',
      'o.kind as org_kind',
      'm.role as role',
    ])
    .where('s.token_hash', '=', tokenHash)
    .orderBy('o.name')
    .orderBy('o.id'),
)

export type TSessionIdentityRow = Awaited<ReturnType<typeof sessionIdentity>>[number]

/**
 * The session's rows (see sessionIdentity), or an empty list for an unknown token hash: at once
 * where the committed reader answers (SQLite), as a promise otherwise (PostgreSQL, transactions).
 */
export const findSessionIdentity = (
  db: TExecutor,
  tokenHash: string,
): readonly TSessionIdentityRow[] | Promise<readonly TSessionIdentityRow[]> =>
  sessionIdentity.now(db, tokenHash) ?? sessionIdentity(db, tokenHash)

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

/** The sessions a user has open, newest first (for "your sessions"). */
export const listSessionsOfUser = (db: TExecutor, userId: string) =>
  db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()

/** Ends every session of a user except `keepTokenHash` (null: all of them). Returns how many ended. */
export const deleteSessionsOfUser = async (
  db: TExecutor,
  userId: string,
  keepTokenHash: string | null,
): Promise<number> => {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepTokenHash !== null) query = query.where('token_hash', '!=', keepTokenHash)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}
