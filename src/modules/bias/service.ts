/**
 * The bias audit service: option checks, one run from a file or stream to a report, and runs of
 * uploaded logs recorded as bias audits (status, progress, result) for the API, within the group
 * limits and the organisation's storage quota (docs/bias-audit.md, "Limits").
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { AppError, errors } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import type { TSecrets } from '../../core/secrets.ts'
import { HOUR_MS, isoNow, type TClock } from '../../core/time.ts'
import type { TDb } from '../../db/database.ts'
import { toJsonColumn } from '../../db/json.ts'
import { recordMemberEvent } from '../platform/index.ts'
import { countSource, formatCount, type TCounterOptions, type TProgress } from './counting/index.ts'
import {
  MAX_RESULT_BYTES,
  MAX_UPLOAD_BOOTSTRAP_DRAWS,
  MAX_UPLOAD_GROUPS,
  ORG_RESULT_QUOTA_BYTES,
} from './limits.ts'
import { API_NAMING, CLI_NAMING, type TOptionNaming, withValue } from './option-names.ts'
import { buildReport, DEFAULT_MIN_GROUP_SIZE, type TBiasReport } from './report.ts'
import { renderHtml } from './report-html.ts'
import { printPdfQueued } from './report-pdf.ts'
import {
  deleteBiasAuditRow,
  findBiasAudit,
  findBiasAuditHead,
  finishBiasAudit,
  insertBiasAudit,
  listBiasAudits,
  lockBiasQuota,
  sumBiasResultBytes,
  type TBiasAuditHead,
  updateBiasAuditProgress,
} from './repository.ts'
import type { TBiasAuditParameters, TReportFormat } from './schemas.ts'

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
  maxGroups?: string
  bootstrap?: string
  seed?: string
  faceMatch?: boolean
  format?: string
  out?: string
}

/** Largest --bootstrap accepted: beyond this the percentiles do not move. */
export const MAX_BOOTSTRAP = 100_000
/**
 * Largest --max-groups on the command line, which runs on the user's own machine: the JSON report
 * of more groups (about 3.4 kB each) would not fit in one JavaScript string.
 */
export const MAX_GROUPS_LIMIT = 100_000
/**
 * Most --group columns. Every group carries each column and each column adds its own groups (the
 * marginals); an intersection of more attributes leaves almost every group too small to read.
 */
export const MAX_GROUP_COLUMNS = 10

/** What differs between the command line and the API: how options are named, and the limits. */
export type TBiasSurface = {
  naming: TOptionNaming
  /** Largest maxGroups accepted. */
  maxGroupsLimit: number
  /** Largest bootstrap replicates × groups; null for no limit beyond MAX_BOOTSTRAP. */
  maxBootstrapDraws: number | null
}

export const CLI_SURFACE: TBiasSurface = {
  naming: CLI_NAMING,
  maxGroupsLimit: MAX_GROUPS_LIMIT,
  maxBootstrapDraws: null,
}
/** Uploads run on the server, among everyone else's requests: tighter limits (schemas.ts). */
export const API_SURFACE: TBiasSurface = {
  naming: API_NAMING,
  maxGroupsLimit: MAX_UPLOAD_GROUPS,
  maxBootstrapDraws: MAX_UPLOAD_BOOTSTRAP_DRAWS,
}

const bad = (message: string): AppError => new AppError('validation_failed', message)

function integerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    const message = `${flag} must be a whole number from ${min} to ${max} (got "${value}").`
    throw new AppError('validation_failed', message, { details: { issues: [{ path: flag, message }] } })
  }
  return n
}

/**
 * Check option combinations and turn strings into typed options. Messages name the options as the
 * calling surface spells them (CLI_SURFACE: `--min-group-size`; API_SURFACE: `minGroupSize`).
 */
export function parseFlags(
  flags: TBiasAuditFlags,
  surface: TBiasSurface = CLI_SURFACE,
): {
  counter: TCounterOptions
  minGroupSize: number
  bootstrap: { replicates: number; seed: number } | undefined
  format: 'table' | 'json'
} {
  const { naming } = surface
  const n = naming.names
  const valued = (key: Parameters<typeof withValue>[1], placeholder: string): string =>
    withValue(naming, key, placeholder)
  const groupColumns = flags.group
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
  if (groupColumns.length === 0) throw bad(`${n.group} needs at least one column name.`)
  if (groupColumns.length > MAX_GROUP_COLUMNS) {
    throw bad(
      `${n.group} takes at most ${MAX_GROUP_COLUMNS} columns (got ${groupColumns.length}): groups of more attributes at once are too small to compare.`,
    )
  }
  if ((flags.pred === undefined) === (flags.score === undefined)) {
    throw bad(
      `Give either ${valued('pred', 'column')} or ${valued('score', 'column')} with ${valued('threshold', 'x')}.`,
    )
  }
  let threshold: number | undefined
  if (flags.score !== undefined) {
    if (flags.threshold === undefined) throw bad(`${n.score} needs ${valued('threshold', 'x')}.`)
    threshold = Number(flags.threshold)
    if (flags.threshold.trim() === '' || !Number.isFinite(threshold)) {
      throw bad(`${n.threshold} must be a number (got "${flags.threshold}").`)
    }
  } else if (flags.threshold !== undefined) {
    throw bad(`${n.threshold} only applies with ${n.score}.`)
  }
  if (flags.positive !== undefined && flags.positive.trim() === '')
    throw bad(`${n.positive} must not be empty.`)
  const format = flags.format ?? 'table'
  if (format !== 'table' && format !== 'json')
    throw bad(`${n.format} must be table or json (got "${format}").`)
  const replicates = integerFlag(flags.bootstrap, n.bootstrap, 1, MAX_BOOTSTRAP)
  const seed = integerFlag(flags.seed, n.seed, 0, Number.MAX_SAFE_INTEGER)
  if (seed !== undefined && replicates === undefined)
    throw bad(`${n.seed} only applies with ${valued('bootstrap', 'n')}.`)
  if (flags.out !== undefined && !/\.(html?|pdf)$/i.test(flags.out)) {
    throw bad(`${n.out} must name a .html or .pdf file.`)
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
      maxGroups: integerFlag(flags.maxGroups, n.maxGroups, 1, surface.maxGroupsLimit),
      naming,
    },
    minGroupSize:
      integerFlag(flags.minGroupSize, n.minGroupSize, 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_MIN_GROUP_SIZE,
    bootstrap: replicates === undefined ? undefined : { replicates, seed: seed ?? 1 },
    format,
  }
}

/** The bootstrap draws one replicate per group; on the server their product is bounded. */
function checkBootstrapWork(replicates: number, groups: number, surface: TBiasSurface): void {
  const most = surface.maxBootstrapDraws
  if (most === null || replicates * groups <= most) return
  const n = surface.naming.names
  throw bad(
    `${n.bootstrap} ${formatCount(replicates)} over ${formatCount(groups)} groups is ${formatCount(replicates * groups)} draws, more than the ${formatCount(most)} an upload may ask for: ask for at most ${formatCount(Math.max(1, Math.floor(most / groups)))} replicates for these groups.`,
  )
}

/** Run the audit for one file ("-" = stdin) and return the report. */
export async function runBiasAudit(
  file: string,
  flags: TBiasAuditFlags,
  onProgress?: TProgress,
  input: Readable = process.stdin,
  threads?: number,
  surface: TBiasSurface = CLI_SURFACE,
): Promise<TBiasReport> {
  const parsed = parseFlags(flags, surface)
  const count = await countSource(file, parsed.counter, onProgress, input, threads)
  if (parsed.bootstrap) checkBootstrapWork(parsed.bootstrap.replicates, count.cells.length, surface)
  return buildReport(count, {
    naming: surface.naming,
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

export type TBiasDeps = { db: TDb; clock: TClock; secrets: TSecrets }
export type TBiasAuth = { orgId: string; userId: string }
/** An audit as stored: the row without its result, and the result's JSON text (null until done). */
export type TStoredAudit = { row: TBiasAuditHead; resultJson: string | null }

const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`

const quotaFull = (used: number, needed: number): AppError =>
  new AppError(
    'conflict',
    `The organisation's bias audits already store ${mib(used)} of their ${mib(ORG_RESULT_QUOTA_BYTES)}${needed > 0 ? `, and this one needs ${mib(needed)}` : ''}. Delete older bias audits to make room.`,
    { details: { usedBytes: used, quotaBytes: ORG_RESULT_QUOTA_BYTES, resultBytes: needed } },
  )

/** What an upload was run with, for the stored row: the checked options, defaults filled in. */
function parametersOf(flags: TBiasAuditFlags, parsed: ReturnType<typeof parseFlags>): TBiasAuditParameters {
  return {
    group: parsed.counter.groupColumns,
    label: flags.label,
    pred: flags.pred ?? null,
    score: flags.score ?? null,
    threshold: parsed.counter.threshold ?? null,
    positive: flags.positive ?? null,
    weight: flags.weight ?? null,
    reference: flags.reference ?? null,
    minGroupSize: parsed.minGroupSize,
    maxGroups: parsed.counter.maxGroups ?? null,
    bootstrap: parsed.bootstrap ?? null,
    faceMatch: flags.faceMatch === true,
  }
}

/**
 * The body passed through a SHA-256 as the counter reads it: the hash costs one pass over bytes
 * already in memory and nothing is buffered. `digest()` is the hex hash once the whole body went
 * through, null when the reading stopped before its end.
 */
function hashWhileReading(body: ReadableStream<Uint8Array>): {
  stream: ReadableStream<Uint8Array>
  digest: () => string | null
} {
  const hash = createHash('sha256')
  let hex: string | null = null
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk)
        controller.enqueue(chunk)
      },
      flush() {
        hex = hash.digest('hex')
      },
    }),
  )
  return { stream, digest: () => hex }
}

/**
 * Audit an uploaded decision log: record a running bias audit, count the stream as it arrives
 * (progress readable meanwhile), then store the result with its audit-trail event in one
 * transaction. A refused or broken upload leaves nothing behind: the running row is removed and
 * the error is thrown (bad input writes nothing). Refused before anything is read when the
 * organisation's results fill its quota already; refused after counting when this result is over
 * MAX_RESULT_BYTES or would not fit in the quota.
 */
export async function runUploadedAudit(
  deps: TBiasDeps,
  auth: TBiasAuth,
  input: { fileName: string; flags: TBiasAuditFlags; body: ReadableStream<Uint8Array> | null },
): Promise<TStoredAudit> {
  const { db, clock } = deps
  const parameters = parametersOf(input.flags, parseFlags(input.flags, API_SURFACE))
  if (!input.body)
    throw new AppError('validation_failed', 'Send the decision log (CSV, or gzip) as the request body.')
  const used = await sumBiasResultBytes(db, auth.orgId)
  if (used >= ORG_RESULT_QUOTA_BYTES) throw quotaFull(used, 0)
  const id = newId()
  await insertBiasAudit(db, {
    id,
    org_id: auth.orgId,
    created_by: auth.userId,
    file_name: input.fileName,
    status: 'running',
    bytes_read: 0,
    options: toJsonColumn(input.flags as Record<string, unknown>),
    result: null,
    result_bytes: 0,
    parameters: toJsonColumn(parameters),
    sha256: null,
    created_at: isoNow(clock),
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
    pending = pending.then(() => updateBiasAuditProgress(db, auth.orgId, id, read))
  }
  try {
    const hashed = hashWhileReading(input.body)
    const stream = Readable.fromWeb(hashed.stream as Parameters<typeof Readable.fromWeb>[0])
    const report = await runBiasAudit('-', input.flags, onProgress, stream, 1, API_SURFACE)
    // Serialised once: this text is stored, measured and sent back as it is.
    const resultJson = toJsonColumn(report as unknown as Record<string, unknown>)
    const resultBytes = Buffer.byteLength(resultJson)
    if (resultBytes > MAX_RESULT_BYTES) {
      throw new AppError(
        'payload_too_large',
        `The result of this audit would take ${mib(resultBytes)}, more than the ${mib(MAX_RESULT_BYTES)} one audit may store: audit fewer groups (a lower ${API_NAMING.names.maxGroups}, or group columns with fewer values).`,
      )
    }
    await pending
    return await db.transaction().execute(async (trx) => {
      await lockBiasQuota(trx, auth.orgId)
      const usedNow = await sumBiasResultBytes(trx, auth.orgId)
      if (usedNow + resultBytes > ORG_RESULT_QUOTA_BYTES) throw quotaFull(usedNow, resultBytes)
      const row = await finishBiasAudit(trx, auth.orgId, id, {
        status: 'done',
        bytes_read: bytes,
        result: resultJson,
        result_bytes: resultBytes,
        sha256: hashed.digest(),
        finished_at: isoNow(clock),
      })
      await recordMemberEvent(trx, deps, auth, {
        action: 'bias_audit.created',
        entityType: 'bias_audit',
        entityId: id,
        summary: { fileName: input.fileName, rows: report.rows, skipped: report.skipped, resultBytes },
      })
      return { row, resultJson }
    })
  } catch (err) {
    await pending.catch(() => {})
    await deleteBiasAuditRow(db, auth.orgId, id)
    throw err
  }
}

/** The organisation's newest audits, without results. */
export const listBiasAuditHeads = (
  deps: Pick<TBiasDeps, 'db'>,
  auth: Pick<TBiasAuth, 'orgId'>,
  input: { limit: number },
): Promise<TBiasAuditHead[]> => listBiasAudits(deps.db, auth.orgId, input.limit)

/** One audit with its result as stored (JSON text, not parsed); not found in another organisation. */
export async function getBiasAudit(
  deps: Pick<TBiasDeps, 'db'>,
  auth: Pick<TBiasAuth, 'orgId'>,
  input: { id: string },
): Promise<TStoredAudit> {
  const found = await findBiasAudit(deps.db, auth.orgId, input.id)
  if (!found) throw errors.notFound('Bias audit')
  const { result, ...row } = found
  return { row, resultJson: result }
}

/**
 * Delete an audit and its result (freeing its share of the quota), with its audit-trail event in
 * the same transaction. An audit still running is refused: its upload would store a result for a
 * row that is gone. One shown as failed (orphaned, STALE_RUNNING_AFTER_MS) may be deleted.
 */
export async function deleteBiasAudit(
  deps: TBiasDeps,
  auth: TBiasAuth,
  input: { id: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await findBiasAuditHead(trx, auth.orgId, input.id)
    if (!row) throw errors.notFound('Bias audit')
    if (presentedStatus(row, deps.clock.now()) === 'running') {
      throw errors.conflict('This bias audit is still running; delete it once it is done.')
    }
    await deleteBiasAuditRow(trx, auth.orgId, input.id)
    await recordMemberEvent(trx, deps, auth, {
      action: 'bias_audit.deleted',
      entityType: 'bias_audit',
      entityId: row.id,
      summary: { fileName: row.file_name, resultBytes: Number(row.result_bytes) },
    })
  })
}

/** A report file's name from the audit's file name: letters, digits, `.`, `_` and `-` only. */
export function reportFileName(fileName: string, format: TReportFormat): string {
  const base = fileName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\.gz$/i, '')
    .replace(/\.(csv|tsv|txt)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80)
  return `bias-audit-${base || 'decision-log'}.${format}`
}

/**
 * The stored result of one audit as the report the command line writes with --out: the HTML page,
 * or that page printed to PDF. Not found in another organisation; refused while there is no result.
 */
export async function auditReport(
  deps: Pick<TBiasDeps, 'db' | 'clock'>,
  auth: Pick<TBiasAuth, 'orgId'>,
  input: { id: string; format: TReportFormat },
): Promise<{ body: string | Buffer; fileName: string }> {
  const { row, resultJson } = await getBiasAudit(deps, auth, input)
  if (resultJson === null) {
    throw errors.conflict(
      presentedStatus(row, deps.clock.now()) === 'failed'
        ? 'This bias audit has no result: its server stopped during the upload. Upload the decision log again.'
        : 'This bias audit is still running; its report can be downloaded once it is done.',
    )
  }
  const report = JSON.parse(resultJson) as TBiasReport
  const html = renderHtml(report, row.finished_at ?? row.created_at, {
    fileName: row.file_name,
    sha256: row.sha256,
  })
  const fileName = reportFileName(row.file_name, input.format)
  if (input.format === 'html') return { body: html, fileName }
  const pdf = await printPdfQueued(html, {
    insteadHint:
      'this server does not have it. Download the HTML report instead and print it from a browser.',
  })
  return { body: pdf, fileName }
}
