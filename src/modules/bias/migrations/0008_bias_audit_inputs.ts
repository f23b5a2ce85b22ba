/**
 * Issue 10: an audit can be reopened and read again, so each row keeps what it was run with — the
 * columns and options (`parameters`, JSON) and the SHA-256 of the uploaded bytes (`sha256`, hex),
 * so a reader can tell which file and settings gave a result. Rows stored before keep null: their
 * upload is gone and its hash cannot be known.
 */
import type { Kysely } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0008BiasAuditInputs: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const t = columnTypes(dialectOf(db))
    await db.schema.alterTable('bias_audits').addColumn('parameters', t.json).execute()
    await db.schema.alterTable('bias_audits').addColumn('sha256', t.text).execute()
  },
}
