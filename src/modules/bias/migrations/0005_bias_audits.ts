/** Bias audits run through the API (issue 5): one row per uploaded decision log, with progress and result. */
import type { Kysely } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0005BiasAudits: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const t = columnTypes(dialectOf(db))
    await db.schema
      .createTable('bias_audits')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('file_name', t.text, (c) => c.notNull())
      // running → done | failed
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('bytes_read', t.bigint, (c) => c.notNull())
      .addColumn('options', t.json, (c) => c.notNull())
      .addColumn('result', t.json)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      .execute()
    await db.schema
      .createIndex('bias_audits_org_idx')
      .on('bias_audits')
      .columns(['org_id', 'created_at'])
      .execute()
  },
}
