/**
 * The bias audit service: option checks, one run from a file or stream to a report, and runs of
 * uploaded logs recorded as bias audits (status, progress, result) for the API.
 */
import { Readable } from 'node:stream'
import { AppError } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import type { TSecrets } from '../../core/secrets.ts'
import { HOUR_MS, isoNow, type TClock } from '../../core/time.ts'
import type { TDb } from '../../db/database.ts'
import { toJsonColumn } from '../../db/json.ts'
import { recordEvent } from '../platform/index.ts'
import type { TCounterOptions } from './csv-counter.ts'
import { buildReport, DEFAULT_MIN_GROUP_SIZE, type TBiasReport } from './report.ts'
import {
  deleteBiasAudit,
  finishBiasAudit,
  insertBiasAudit,
  type TBiasAuditRow,
  updateBiasAuditProgress,
} from './repository.ts'
import { countSource, type TProgress } from './source.ts'

export type TBiasAuditFlags = {
  group: string
  label: string
  pred?: string
  score?: string
  threshold?: string
  positive?: string
  weight?: string
  reference?: string
  minGroupSize?: string
  bootstrap?: string
  seed?: string
  faceMatch?: boolean
  format?: string
  out?: string
}

/** Largest --bootstrap accepted: beyond this the percentiles do not move. */
export const MAX_BOOTSTRAP = 100_000
const bad = (message: string): AppError => new AppError('validation_failed', message)

function integerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    throw bad(`${flag} must be a whole number from ${min} to ${max} (got "${value}").`)
  }
  return n
}

/** Check flag combinations and turn strings into typed options. */
export function parseFlags(flags: TBiasAuditFlags): {
  counter: TCounterOptions
  minGroupSize: number
  bootstrap: { replicates: number; seed: number } | undefined
  format: 'table' | 'json'
} {
  const groupColumns = flags.group
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
  if (groupColumns.length === 0) throw bad('--group needs at least one column name.')
  if ((flags.pred === undefined) === (flags.score === undefined)) {
    throw bad('Give either --pred <column> or --score <column> with --threshold <x>.')
  }
  let threshold: number | undefined
  if (flags.score !== undefined) {
    if (flags.threshold === undefined) throw bad('--score needs --threshold <x>.')
    threshold = Number(flags.threshold)
    if (flags.threshold.trim() === '' || !Number.isFinite(threshold)) {
      throw bad(`--threshold must be a number (got "${flags.threshold}").`)
    }
  } else if (flags.threshold !== undefined) {
    throw bad('--threshold only applies with --score.')
  }
  if (flags.positive !== undefined && flags.positive.trim() === '') throw bad('--positive must not be empty.')
  const format = flags.format ?? 'table'
  if (format !== 'table' && format !== 'json') throw bad(`--format must be table or json (got "${format}").`)
  const replicates = integerFlag(flags.bootstrap, '--bootstrap', 1, MAX_BOOTSTRAP)
  const seed = integerFlag(flags.seed, '--seed', 0, Number.MAX_SAFE_INTEGER)
  if (seed !== undefined && replicates === undefined) throw bad('--seed only applies with --bootstrap <n>.')
  if (flags.out !== undefined && !/\.(html?|pdf)$/i.test(flags.out)) {
    throw bad('--out must name a .html or .pdf file.')
  }
  return {
    counter: {
      groupColumns,
      labelColumn: flags.label,
      predColumn: flags.pred,
      scoreColumn: flags.score,
      threshold,
      positive: flags.positive,
      weightColumn: flags.weight,
    },
    minGroupSize:
      integerFlag(flags.minGroupSize, '--min-group-size', 0, Number.MAX_SAFE_INTEGER) ??
      DEFAULT_MIN_GROUP_SIZE,
    bootstrap: replicates === undefined ? undefined : { replicates, seed: seed ?? 1 },
    format,
  }
}

/** Run the audit for one file ("-" = stdin) and return the report. */
export async function runBiasAudit(
  file: string,
  flags: TBiasAuditFlags,
  onProgress?: TProgress,
  input: Readable = process.stdin,
  threads?: number,
): Promise<TBiasReport> {
  const parsed = parseFlags(flags)
  const count = await countSource(file, parsed.counter, onProgress, input, threads)
  return buildReport(count, {
    reference: flags.reference,
    minGroupSize: parsed.minGroupSize,
    bootstrap: parsed.bootstrap,
    isFaceMatch: flags.faceMatch === true,
    columns: {
      group: count.groupColumns,
      label: flags.label,
      pred: flags.pred,
      score: flags.score,
      threshold: parsed.counter.threshold,
      positive: flags.positive,
      weight: flags.weight,
    },
  })
}

/**
 * An audit still `running` this long after it was created is taken to be orphaned (its server
 * stopped mid-upload) and shown as `failed`. Generous on purpose: the largest upload (2 GiB) is
 * counted in well under an hour even over a slow link.
 */
export const STALE_RUNNING_AFTER_MS = 6 * HOUR_MS

export type TBiasAuditStatus = 'running' | 'done' | 'failed'

/**
 * The status a client sees, derived at read time (reads never write): a row still `running` more
 * than STALE_RUNNING_AFTER_MS after it was created shows as `failed`. The stored row is untouched,
 * so a run that does finish later still stores its result and shows `done`.
 */
export function presentedStatus(row: { status: string; created_at: string }, now: Date): TBiasAuditStatus {
  if (row.status !== 'running') return row.status as TBiasAuditStatus
  const age = now.getTime() - Date.parse(row.created_at)
  return age > STALE_RUNNING_AFTER_MS ? 'failed' : 'running'
}

/** How often an upload writes its progress (bytes read) to the database. */
const PROGRESS_EVERY_MS = 500

/**
 * Audit an uploaded decision log: record a running bias audit, count the stream as it arrives
 * (progress readable meanwhile), then store the result with its audit-trail event in one
 * transaction and return the row. A refused or broken upload leaves nothing behind: the running
 * row is removed and the error is thrown (bad input writes nothing).
 */
export async function runUploadedAudit(input: {
  db: TDb
  clock: TClock
  secrets: TSecrets
  orgId: string
  userId: string
  fileName: string
  flags: TBiasAuditFlags
  body: ReadableStream<Uint8Array> | null
}): Promise<TBiasAuditRow> {
  parseFlags(input.flags)
  if (!input.body)
    throw new AppError('validation_failed', 'Send the decision log (CSV, or gzip) as the request body.')
  const id = newId()
  await insertBiasAudit(input.db, {
    id,
    org_id: input.orgId,
    created_by: input.userId,
    file_name: input.fileName,
    status: 'running',
    bytes_read: 0,
    options: toJsonColumn(input.flags as Record<string, unknown>),
    result: null,
    created_at: isoNow(input.clock),
    finished_at: null,
  })
  let lastWrite = 0
  let bytes = 0
  let pending: Promise<void> = Promise.resolve()
  const onProgress: TProgress = (read) => {
    bytes = read
    const now = Date.now()
    if (now - lastWrite < PROGRESS_EVERY_MS) return
    lastWrite = now
    // Chained, so writes stay in order and the last one is awaited before the result is stored.
    pending = pending.then(() => updateBiasAuditProgress(input.db, input.orgId, id, read))
  }
  try {
    const stream = Readable.fromWeb(input.body as Parameters<typeof Readable.fromWeb>[0])
    const report = await runBiasAudit('-', input.flags, onProgress, stream, 1)
    await pending
    return await input.db.transaction().execute(async (trx) => {
      const row = await finishBiasAudit(trx, input.orgId, id, {
        status: 'done',
        bytes_read: bytes,
        result: toJsonColumn(report as unknown as Record<string, unknown>),
        finished_at: isoNow(input.clock),
      })
      await recordEvent(trx, input.secrets, {
        orgId: input.orgId,
        actorId: input.userId,
        action: 'bias_audit.created',
        entityType: 'bias_audit',
        entityId: id,
        summary: { fileName: input.fileName, rows: report.rows, skipped: report.skipped },
        at: row.finished_at ?? isoNow(input.clock),
      })
      return row
    })
  } catch (err) {
    await pending.catch(() => {})
    await deleteBiasAudit(input.db, input.orgId, id)
    throw err
  }
}
