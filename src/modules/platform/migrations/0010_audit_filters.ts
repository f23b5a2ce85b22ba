/**
 * Indexes for the audit log's filters (issue 10): one action, or one member's doing, newest first.
 * Without them such a page walks the organisation's whole trail backwards through the (org_id, seq)
 * index to find a rare action; with them it reads only the matching events, already in order.
 */
import type { Kysely } from 'kysely'
import type { TMigration } from '../../../db/migrations/helpers.ts'

export const migration0010AuditFilters: TMigration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createIndex('audit_events_org_action_seq_idx')
      .on('audit_events')
      .columns(['org_id', 'action', 'seq'])
      .execute()
    await db.schema
      .createIndex('audit_events_org_actor_seq_idx')
      .on('audit_events')
      .columns(['org_id', 'actor_id', 'seq'])
      .execute()
  },
}
