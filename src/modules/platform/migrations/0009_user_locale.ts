/**
 * The interface language a user chose in the web app (issue 10): null until they choose, when the
 * browser's language applies. One of the web app's locales (INTERFACE_LOCALES in limits.ts).
 */
import type { Kysely } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0009UserLocale: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const t = columnTypes(dialectOf(db))
    await db.schema.alterTable('users').addColumn('locale', t.text).execute()
  },
}
