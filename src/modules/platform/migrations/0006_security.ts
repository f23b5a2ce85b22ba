/**
 * Security findings of issue 8: the keyed audit-chain checkpoint per organisation, the addresses an
 * account has signed in from (so others' failures cannot lock its owner out), and password resets.
 */
import type { Kysely } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0006Security: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const t = columnTypes(dialectOf(db))

    // One row per organisation: the newest event's seq and keyed hash, with a MAC over both, moved
    // forward in the transaction of every event (docs/security.md, "Audit trail").
    await db.schema
      .createTable('audit_heads')
      .addColumn('org_id', t.id, (c) => c.primaryKey().references('organisations.id'))
      .addColumn('seq', t.integer, (c) => c.notNull())
      .addColumn('hash', t.text, (c) => c.notNull())
      .addColumn('mac', t.text, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute()

    // Keyed hash of (email, address) of each successful sign-in, kept 30 days.
    await db.schema
      .createTable('login_known_addresses')
      .addColumn('key_hash', t.text, (c) => c.primaryKey())
      .addColumn('last_success_at', t.timestamp, (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('password_resets')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', t.text, (c) => c.notNull().unique())
      // null when issued by an operator on the command line
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('org_id', t.id, (c) => c.references('organisations.id').onDelete('cascade'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute()
    await db.schema.createIndex('password_resets_user_idx').on('password_resets').column('user_id').execute()
  },
}
