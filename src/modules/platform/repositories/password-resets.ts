/** SQL for password resets. Tokens are stored only as SHA-256 hashes. */
import type { TExecutor } from '../../../db/database.ts'
import type { TPasswordResetsTable } from '../../../db/schema.ts'

export type TPasswordResetRow = TPasswordResetsTable

export const insertPasswordReset = async (db: TExecutor, row: TPasswordResetRow): Promise<void> => {
  await db.insertInto('password_resets').values(row).execute()
}

export const findPasswordResetByTokenHash = (db: TExecutor, tokenHash: string) =>
  db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

/** Marks every open reset of the user used (a new one replaces them; a completed one ends them). */
export const closePasswordResetsOfUser = async (db: TExecutor, userId: string, at: string): Promise<void> => {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
}

/** Uses one open reset; false when it was already used (a concurrent use lost). */
export const usePasswordReset = async (db: TExecutor, id: string, at: string): Promise<boolean> => {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
