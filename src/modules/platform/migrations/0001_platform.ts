/** Accounts, sessions, login rate limiting and the audit trail (issue 2). */
import type { Kysely } from 'kysely'
import { columnTypes, dialectOf, type TMigration } from '../../../db/migrations/helpers.ts'

export const migration0001Platform: TMigration = {
  up: async (db: Kysely<unknown>) => {
    const t = columnTypes(dialectOf(db))

    await db.schema
      .createTable('organisations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('slug', t.text, (c) => c.notNull().unique())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('users')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.text, (c) => c.notNull().unique())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('password_hash', t.text)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('memberships')
      .addColumn('org_id', t.id, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['org_id', 'user_id'])
      .execute()
    await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute()

    await db.schema
      .createTable('invitations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('email', t.text, (c) => c.notNull())
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('token_hash', t.text, (c) => c.notNull().unique())
      .addColumn('invited_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('accepted_at', t.timestamp)
      .execute()
    await db.schema
      .createIndex('invitations_org_idx')
      .on('invitations')
      .columns(['org_id', 'created_at'])
      .execute()

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', t.text, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('org_id', t.id, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('csrf_token', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .execute()
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

    await db.schema
      .createTable('login_failures')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('key_hash', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('login_failures_key_idx')
      .on('login_failures')
      .columns(['key_hash', 'created_at'])
      .execute()

    await db.schema
      .createTable('audit_events')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('organisations.id'))
      .addColumn('seq', t.integer, (c) => c.notNull())
      .addColumn('actor_id', t.id, (c) => c.references('users.id'))
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('entity_type', t.text, (c) => c.notNull())
      .addColumn('entity_id', t.text)
      .addColumn('summary', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('prev_hash', t.text, (c) => c.notNull())
      .addColumn('hash', t.text, (c) => c.notNull())
      // One event per position in an organisation's chain: two writers can never fork it.
      .addUniqueConstraint('audit_events_org_seq_unique', ['org_id', 'seq'])
      .execute()
  },
}
