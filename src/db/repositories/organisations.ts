/** SQL for organisations. */
import type { TExecutor } from '../database.ts'
import type { TOrganisationsTable } from '../schema.ts'

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
