/**
 * Security finding 2 of issue 8: stored bias-audit results count against a quota per organisation
 * (docs/bias-audit.md, "Limits"), so each row keeps the size of its result. Rows stored before are
 * measured once here.
 */
import { type Kysely, sql } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0007BiasAuditSizes: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const dialect = dialectOf(db)
    const t = columnTypes(dialect)
    // UTF-8 bytes of the result's JSON text; 0 while running (no result yet).
    await db.schema
      .alterTable('bias_audits')
      .addColumn('result_bytes', t.bigint, (c) => c.notNull().defaultTo(0))
      .execute()
    const bytes = dialect === 'postgres' ? sql`octet_length(result::text)` : sql`length(cast(result as blob))`
    await sql`update bias_audits set result_bytes = ${bytes} where result is not null`.execute(db)
  },
}
