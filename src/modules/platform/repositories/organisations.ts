/** SQL for organisations. */
import { sql } from 'kysely'
import type { TExecutor } from '../../../db/database.ts'
import { dialectOf } from '../../../db/migrations/helpers.ts'
import type { TOrganisationsTable } from '../../../db/schema.ts'

export type TOrganisationRow = TOrganisationsTable

export const insertOrganisation = async (db: TExecutor, row: TOrganisationRow): Promise<void> => {
  await db.insertInto('organisations').values(row).execute()
}

export const findOrganisationById = (db: TExecutor, orgId: string) =>
  db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst()

export const findOrganisationBySlug = (db: TExecutor, slug: string) =>
  db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst()

export const updateOrganisationName = async (
  db: TExecutor,
  orgId: string,
  name: string,
): Promise<boolean> => {
  const result = await db
    .updateTable('organisations')
    .set({ name })
    .where('id', '=', orgId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export const listOrganisations = (db: TExecutor) =>
  db.selectFrom('organisations').select(['id', 'slug']).orderBy('slug').execute()

/**
 * Serialises mutations of one organisation until the transaction ends (PostgreSQL; SQLite has a
 * single writer), for checks that read before they write, like "keep at least one owner".
 */
export const lockOrganisation = async (trx: TExecutor, orgId: string): Promise<void> => {
  if (dialectOf(trx) !== 'postgres') return
  await sql`select id from organisations where id = ${orgId} for no key update`.execute(trx)
}
