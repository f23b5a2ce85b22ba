/** SQL for users (emails are stored lowercased; the unique index enforces one account per address). */
import type { TExecutor } from '../../../db/database.ts'
import type { TUsersTable } from '../../../db/schema.ts'

export type TUserRow = TUsersTable

export const insertUser = async (db: TExecutor, row: TUserRow): Promise<void> => {
  await db.insertInto('users').values(row).execute()
}

export const findUserByEmail = (db: TExecutor, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()

export const findUserById = (db: TExecutor, userId: string) =>
  db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()

export const setUserPassword = async (db: TExecutor, userId: string, passwordHash: string): Promise<void> => {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
}

export const setUserLocale = async (db: TExecutor, userId: string, locale: string | null): Promise<void> => {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute()
}
