/** SQL for the audit trail. Events are only ever inserted; the chain head is the highest seq. */
import { sql } from 'kysely'
import type { TExecutor } from '../../../db/database.ts'
import { dialectOf } from '../../../db/migrations/helpers.ts'
import type { TAuditEventsTable } from '../../../db/schema.ts'

export type TAuditEventRow = TAuditEventsTable

/**
 * Serialises audit writers of one organisation until the transaction ends (PostgreSQL; SQLite
 * already has a single writer). NO KEY UPDATE does not conflict with the key-share locks that
 * foreign-key checks take, so it cannot deadlock with ordinary inserts.
 */
export const lockAuditChain = async (trx: TExecutor, orgId: string): Promise<void> => {
  if (dialectOf(trx) !== 'postgres') return
  await sql`select id from organisations where id = ${orgId} for no key update`.execute(trx)
}

/** The newest stored event of an organisation (seq and hash), which the checkpoint must name. */
export const findLastAuditEvent = (db: TExecutor, orgId: string) =>
  db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()

/** The organisation's keyed checkpoint (docs/security.md, "Audit trail"). */
export const findAuditCheckpoint = (db: TExecutor, orgId: string) =>
  db.selectFrom('audit_heads').select(['seq', 'hash', 'mac']).where('org_id', '=', orgId).executeTakeFirst()

export const saveAuditCheckpoint = async (
  db: TExecutor,
  row: { org_id: string; seq: number; hash: string; mac: string; updated_at: string },
): Promise<void> => {
  await db
    .insertInto('audit_heads')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('org_id')
        .doUpdateSet({ seq: row.seq, hash: row.hash, mac: row.mac, updated_at: row.updated_at }),
    )
    .execute()
}

/** Organisations with events but no checkpoint: chains written before checkpoints existed. */
export const listOrganisationsWithoutCheckpoint = async (db: TExecutor): Promise<string[]> => {
  const rows = await db
    .selectFrom('audit_events as e')
    .leftJoin('audit_heads as h', 'h.org_id', 'e.org_id')
    .select('e.org_id')
    .where('h.org_id', 'is', null)
    .distinct()
    .orderBy('e.org_id')
    .execute()
  return rows.map((r) => r.org_id)
}

export const rehashAuditEvent = async (
  db: TExecutor,
  id: string,
  hashes: { prev_hash: string; hash: string },
): Promise<void> => {
  await db.updateTable('audit_events').set(hashes).where('id', '=', id).execute()
}

export const insertAuditEvent = async (db: TExecutor, row: TAuditEventRow): Promise<void> => {
  await db.insertInto('audit_events').values(row).execute()
}

/** Which events a reader asks for: one action, one actor, or everything but successful sign-ins. */
export type TAuditFilter = { action?: string; actorId?: string; hideSignIns?: boolean }

/** The action of a successful sign-in, the event that dominates a trail (hidden on request). */
export const SIGN_IN_ACTION = 'auth.login'

/**
 * One page of an organisation's events, newest first, strictly below `beforeSeq` when given, with
 * the actor's account and — when the event is about a current member of this organisation — that
 * member's account (never a user of another organisation: the join goes through the membership).
 */
export const listAuditEvents = (
  db: TExecutor,
  orgId: string,
  { beforeSeq, limit, filter }: { beforeSeq: number | null; limit: number; filter: TAuditFilter },
) => {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('memberships as em', (join) =>
      join
        .onRef('em.org_id', '=', 'e.org_id')
        .onRef('em.user_id', '=', 'e.entity_id')
        .on('e.entity_type', '=', 'user'),
    )
    .leftJoin('users as eu', 'eu.id', 'em.user_id')
    .select([
      'e.id',
      'e.seq',
      'e.actor_id',
      'u.email as actor_email',
      'u.name as actor_name',
      'e.action',
      'e.entity_type',
      'e.entity_id',
      'eu.email as entity_user_email',
      'eu.name as entity_user_name',
      'e.summary',
      'e.created_at',
      'e.hash',
    ])
    .where('e.org_id', '=', orgId)
  if (beforeSeq !== null) query = query.where('e.seq', '<', beforeSeq)
  if (filter.action !== undefined) query = query.where('e.action', '=', filter.action)
  if (filter.actorId !== undefined) query = query.where('e.actor_id', '=', filter.actorId)
  if (filter.hideSignIns) query = query.where('e.action', '<>', SIGN_IN_ACTION)
  return query.orderBy('e.seq', 'desc').limit(limit).execute()
}

export type TAuditListRow = Awaited<ReturnType<typeof listAuditEvents>>[number]

/** Events of one organisation in chain order, after `afterSeq` (for verification, page by page). */
export const listAuditEventsForVerify = (db: TExecutor, orgId: string, afterSeq: number, limit: number) =>
  db
    .selectFrom('audit_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()

/** Organisations that have at least one event (an event's org may lack a row only if edited by hand). */
export const listAuditedOrganisationIds = async (db: TExecutor): Promise<string[]> => {
  const rows = await db.selectFrom('audit_events').select('org_id').distinct().orderBy('org_id').execute()
  return rows.map((r) => r.org_id)
}

export const countAuditEvents = async (db: TExecutor, orgId?: string): Promise<number> => {
  let query = db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
  if (orgId) query = query.where('org_id', '=', orgId)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.n)
}
