/** Kysely queries for bias audits; every query is scoped to one organisation. */
import type { TDb } from '../../db/database.ts'

export type TBiasAuditsTable = {
  id: string
  org_id: string
  created_by: string | null
  file_name: string
  status: string
  bytes_read: number
  options: string
  result: string | null
  created_at: string
  finished_at: string | null
}

export type TBiasAuditRow = TBiasAuditsTable

const tables = (db: TDb) => db.withTables<{ bias_audits: TBiasAuditsTable }>()

export const insertBiasAudit = async (db: TDb, row: TBiasAuditRow): Promise<void> => {
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

export const finishBiasAudit = async (
  db: TDb,
  orgId: string,
  id: string,
  changes: Pick<TBiasAuditRow, 'status' | 'bytes_read' | 'result' | 'finished_at'>,
): Promise<TBiasAuditRow> =>
  tables(db)
    .updateTable('bias_audits')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/** Removes an audit that never finished (its upload was refused or broke off). */
export const deleteBiasAudit = async (db: TDb, orgId: string, id: string): Promise<void> => {
  await tables(db).deleteFrom('bias_audits').where('org_id', '=', orgId).where('id', '=', id).execute()
}

export const findBiasAudit = async (db: TDb, orgId: string, id: string): Promise<TBiasAuditRow | undefined> =>
  tables(db)
    .selectFrom('bias_audits')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()

/** Newest first, without the (large) result column. */
export const listBiasAudits = async (
  db: TDb,
  orgId: string,
  limit: number,
): Promise<Omit<TBiasAuditRow, 'result'>[]> =>
  tables(db)
    .selectFrom('bias_audits')
    .select([
      'id',
      'org_id',
      'created_by',
      'file_name',
      'status',
      'bytes_read',
      'options',
      'created_at',
      'finished_at',
    ])
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
