/** SQL for failed sign-in attempts (counted per keyed hash) and the addresses accounts sign in from. */
import type { TExecutor } from '../../../db/database.ts'

export const insertLoginFailures = async (
  db: TExecutor,
  rows: { id: string; key_hash: string; created_at: string }[],
): Promise<void> => {
  if (rows.length > 0) await db.insertInto('login_failures').values(rows).execute()
}

/** Number of failures for a key since `since`, and the oldest of them (for Retry-After). */
export const countLoginFailuresSince = async (db: TExecutor, keyHash: string, since: string) => {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('key_hash', '=', keyHash)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return { count: Number(row.n), oldest: row.oldest ?? null }
}

export const deleteLoginFailuresForKey = async (db: TExecutor, keyHash: string): Promise<void> => {
  await db.deleteFrom('login_failures').where('key_hash', '=', keyHash).execute()
}

export const deleteLoginFailuresBefore = async (db: TExecutor, before: string): Promise<void> => {
  await db.deleteFrom('login_failures').where('created_at', '<=', before).execute()
}

export const countAllLoginFailures = async (db: TExecutor): Promise<number> => {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Whether this (account, address) key signed in successfully since `since`. */
export const isKnownAddress = async (db: TExecutor, keyHash: string, since: string): Promise<boolean> => {
  const row = await db
    .selectFrom('login_known_addresses')
    .select('key_hash')
    .where('key_hash', '=', keyHash)
    .where('last_success_at', '>', since)
    .executeTakeFirst()
  return row !== undefined
}

export const saveKnownAddress = async (db: TExecutor, keyHash: string, at: string): Promise<void> => {
  await db
    .insertInto('login_known_addresses')
    .values({ key_hash: keyHash, last_success_at: at })
    .onConflict((oc) => oc.column('key_hash').doUpdateSet({ last_success_at: at }))
    .execute()
}

export const deleteKnownAddressesBefore = async (db: TExecutor, before: string): Promise<void> => {
  await db.deleteFrom('login_known_addresses').where('last_success_at', '<=', before).execute()
}
