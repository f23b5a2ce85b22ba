/** Bias audits → API shapes, fields picked one by one. */

import { fromJsonColumn } from '../../db/json.ts'
import type { TBiasAuditHead } from './repository.ts'
import type { TBiasAuditParameters, TBiasAuditSummary } from './schemas.ts'
import { presentedStatus, type TStoredAudit } from './service.ts'

/** `now` (the app clock) derives the shown status: an orphaned run reads as `failed`, nothing written. */
export const presentAuditSummary = (row: TBiasAuditHead, now: Date): TBiasAuditSummary => ({
  id: row.id,
  fileName: row.file_name,
  parameters: row.parameters === null ? null : fromJsonColumn<TBiasAuditParameters>(row.parameters),
  sha256: row.sha256,
  status: presentedStatus(row, now),
  bytesRead: Number(row.bytes_read),
  createdAt: row.created_at,
  finishedAt: row.finished_at,
})

/**
 * One audit (ZBiasAudit) as JSON text: the summary's fields, then the stored result text as it is.
 * A result can be megabytes; parsing it and serialising it again would hold the event loop for
 * each read. The stored text is JSON the service wrote (PostgreSQL gives jsonb back as JSON too).
 */
export const presentAuditJson = (stored: TStoredAudit, now: Date): string => {
  const summary = JSON.stringify(presentAuditSummary(stored.row, now))
  return `${summary.slice(0, -1)},"result":${stored.resultJson ?? 'null'}}`
}
