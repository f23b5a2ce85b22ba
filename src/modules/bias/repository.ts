/** Kysely queries for bias audits; every query is scoped to one organisation. */
import { sql } from 'kysely'
import type { TDb, TExecutor } from '../../db/database.ts'
import { dialectOf } from '../../db/migrations/helpers.ts'

export type TBiasAuditsTable = {
  id: string
  org_id: string
  created_by: string | null
  file_name: string
  status: string
  bytes_read: number
  options: string
  result: string | null
  /** UTF-8 bytes of the result's JSON text (0 until done), counted against the organisation's quota. */
  result_bytes: number
  /** What the audit was run with (TBiasAuditParameters as JSON); null on rows stored before issue 10. */
  parameters: string | null
  /** SHA-256 of the uploaded bytes, lower-case hex; null while running and on rows stored before issue 10. */
  sha256: string | null
  created_at: string
  finished_at: string | null
}

export type TBiasAuditRow = TBiasAuditsTable
/** A row without its result: what lists, quota checks and updates need (the result can be megabytes). */
export type TBiasAuditHead = Omit<TBiasAuditRow, 'result'>

const tables = (db: TExecutor) => db.withTables<{ bias_audits: TBiasAuditsTable }>()

const HEAD_COLUMNS = [
  'id',
  'org_id',
  'created_by',
  'file_name',
  'status',
  'bytes_read',
  'options',
  'result_bytes',
  'parameters',
  'sha256',
  'created_at',
  'finished_at',
] as const

export const insertBiasAudit = async (db: TExecutor, row: TBiasAuditRow): Promise<void> => {
  await tables(db).insertInto('bias_audits').values(row).execute()
}

export const updateBiasAuditProgress = async (
  db: TDb,
  orgId: string,
  id: string,
  bytes: number,
): Promise<void> => {
  await tables(db)
    .updateTable('bias_audits')
    .set({ bytes_read: bytes })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute()
}

/** Stores the result; returns the row without it (the caller holds the text already). */
export const finishBiasAudit = async (
  db: TExecutor,
  orgId: string,
  id: string,
  changes: Pick<TBiasAuditRow, 'status' | 'bytes_read' | 'result' | 'finished_at'> &
    Partial<Pick<TBiasAuditRow, 'result_bytes' | 'sha256'>>,
): Promise<TBiasAuditHead> =>
  tables(db)
    .updateTable('bias_audits')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(HEAD_COLUMNS)
    .executeTakeFirstOrThrow()

/** Removes one audit; true when there was one to remove. */
export const deleteBiasAuditRow = async (db: TExecutor, orgId: string, id: string): Promise<boolean> => {
  const done = await tables(db)
    .deleteFrom('bias_audits')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(done.numDeletedRows) > 0
}

export const findBiasAudit = async (
  db: TExecutor,
  orgId: string,
  id: string,
): Promise<TBiasAuditRow | undefined> =>
  tables(db)
    .selectFrom('bias_audits')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()

/** One audit without its result. */
export const findBiasAuditHead = async (
  db: TExecutor,
  orgId: string,
  id: string,
): Promise<TBiasAuditHead | undefined> =>
  tables(db)
    .selectFrom('bias_audits')
    .select(HEAD_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()

/** Newest first, without the (large) result column. */
export const listBiasAudits = async (db: TDb, orgId: string, limit: number): Promise<TBiasAuditHead[]> =>
  tables(db)
    .selectFrom('bias_audits')
    .select(HEAD_COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()

/** Bytes of stored results of the organisation (its quota use). */
export const sumBiasResultBytes = async (db: TExecutor, orgId: string): Promise<number> => {
  const row = await tables(db)
    .selectFrom('bias_audits')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('result_bytes'), sql<number>`0`).as('used'))
    .where('org_id', '=', orgId)
    .executeTakeFirst()
  return Number(row?.used ?? 0)
}

/**
 * Serialises the quota checks of one organisation until the transaction ends: on PostgreSQL two
 * uploads finishing at once would otherwise both see the quota before the other's result. The
 * organisation's row is the lock (the audit trail takes the same one); SQLite runs one write
 * transaction at a time already.
 */
export const lockBiasQuota = async (trx: TExecutor, orgId: string): Promise<void> => {
  if (dialectOf(trx) !== 'postgres') return
  await sql`select id from organisations where id = ${orgId} for no key update`.execute(trx)
}
