/**
 * Two-thread counting of a large plain CSV file. The file is cut after the first newline past the
 * middle; a worker counts the second half while this thread counts the first. The cut is only
 * trusted when this thread's counter ends exactly on a row boundary there — a newline inside a
 * quoted field leaves a partial row — otherwise the worker is dropped and this thread reads on.
 * So the result is always the same as a single pass.
 */
import { readSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../core/errors.ts'
import type { TCellCounts } from '../metrics.ts'
import { CLI_NAMING, type TOptionNaming } from '../option-names.ts'
import { CsvCounter } from './counter.ts'
import { groupLimitError } from './group-limit.ts'
import {
  DEFAULT_MAX_GROUPS,
  type TCounterOptions,
  type TCountResult,
  type TProgress,
  type TSkipReason,
} from './types.ts'
import type { TWorkerMessage, TWorkerTask } from './worker.ts'

/** Below this size a second thread costs more (start-up) than it saves. */
export const PARALLEL_FROM_BYTES = 64 << 20
const PROBE = 64 << 10

const read = (fd: number, buf: Buffer, off: number, len: number, at: number): number =>
  readSync(fd, buf, off, len, at)

/** Bytes of the header row (with BOM), found by a probe counter; null when not found in the first MiB. */
function headerBytes(fd: number, options: TCounterOptions): Buffer | null {
  const probe = new CsvCounter(options)
  const chunk = Buffer.allocUnsafe(PROBE)
  let at = 0
  while (probe.headerLength < 0 && at < 1 << 20) {
    const n = readSync(fd, chunk, 0, PROBE, at)
    if (n === 0) return null
    probe.push(chunk.subarray(0, n))
    at += n
  }
  if (probe.headerLength < 0) return null
  const header = Buffer.allocUnsafe(probe.headerLength)
  readSync(fd, header, 0, header.length, 0)
  return header
}

/** Offset just after the first newline at or after `from`; null when none is near. */
function cutAfterNewline(fd: number, from: number): number | null {
  const window = Buffer.allocUnsafe(1 << 20)
  const n = readSync(fd, window, 0, window.length, from)
  const i = window.subarray(0, n).indexOf(0x0a)
  return i < 0 ? null : from + i + 1
}

/**
 * Start the counting worker. Run from TypeScript sources (tsx), the worker thread does not inherit
 * the loader hooks, so it registers tsx itself before importing the worker module.
 */
function startWorker(task: TWorkerTask): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './count-worker.js', import.meta.url)
  if (!import.meta.url.endsWith('.ts')) return new Worker(url, { workerData: task })
  const tsx = import.meta.resolve('tsx/esm/api')
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(boot, { eval: true, workerData: task })
}

/**
 * Add counts of b into a: cells by value, reasons with b's row and line numbers shifted. Each half
 * kept to the group limits on its own; together they may not, so the limits are checked again.
 */
export function mergeCounts(
  a: TCountResult,
  b: TCountResult,
  offset: { rows: number; line: number },
  maxGroups: number,
  naming: TOptionNaming = CLI_NAMING,
): TCountResult {
  const cells = new Map<string, { values: string[]; counts: TCellCounts }>()
  const keyOf = (values: string[]): string => values.join('\u0000')
  for (const c of a.cells)
    cells.set(keyOf(c.values), {
      values: c.values,
      counts: { ...c.counts, squares: c.counts.squares && { ...c.counts.squares } },
    })
  for (const c of b.cells) {
    const mine = cells.get(keyOf(c.values))
    if (!mine) {
      cells.set(keyOf(c.values), c)
      continue
    }
    const m = mine.counts
    m.tp += c.counts.tp
    m.fp += c.counts.fp
    m.tn += c.counts.tn
    m.fn += c.counts.fn
    m.rows += c.counts.rows
    if (m.squares && c.counts.squares) {
      m.squares.tp += c.counts.squares.tp
      m.squares.fp += c.counts.squares.fp
      m.squares.tn += c.counts.squares.tn
      m.squares.fn += c.counts.squares.fn
    }
  }
  checkGroupLimits([...cells.values()], a.groupColumns, maxGroups, naming)
  const reasons = new Map<string, TSkipReason>()
  for (const r of a.skippedReasons)
    reasons.set(r.reason, { ...r, firstRows: [...r.firstRows], firstLines: [...r.firstLines] })
  for (const r of b.skippedReasons) {
    // The worker's header is its line 1, so its first data row is its line 2.
    const rows = r.firstRows.map((x) => x + offset.rows)
    const lines = r.firstLines.map((x) => x - 2 + offset.line)
    const mine = reasons.get(r.reason)
    if (!mine) {
      reasons.set(r.reason, { reason: r.reason, count: r.count, firstRows: rows, firstLines: lines })
      continue
    }
    mine.count += r.count
    mine.firstRows = [...mine.firstRows, ...rows].slice(0, 5)
    mine.firstLines = [...mine.firstLines, ...lines].slice(0, 5)
  }
  return {
    ...a,
    rows: a.rows + b.rows,
    skipped: a.skipped + b.skipped,
    skippedReasons: [...reasons.values()].sort((x, y) => y.count - x.count),
    cells: [...cells.values()],
  }
}

/** Throws when the added-up cells pass either group limit (types.ts, DEFAULT_MAX_GROUPS). */
function checkGroupLimits(
  cells: { values: string[] }[],
  columns: string[],
  limit: number,
  naming: TOptionNaming,
): void {
  const distinct = columns.map((_, g) => new Set(cells.map((c) => c.values[g])).size)
  const fail = (kind: 'combinations' | 'values'): never => {
    throw groupLimitError({ naming, columns, distinct, limit, kind, combinations: cells.length })
  }
  if (cells.length > limit) fail('combinations')
  if (columns.length > 1 && distinct.reduce((sum, n) => sum + n, 0) > limit) fail('values')
}

/**
 * Count a plain file of `size` bytes with two threads. Returns null when the file does not suit a
 * split (no header or newline found); the caller then reads it in one pass.
 */
export async function countInParallel(
  path: string,
  fd: number,
  size: number,
  options: TCounterOptions,
  onProgress?: TProgress,
): Promise<TCountResult | null> {
  const header = headerBytes(fd, options)
  if (!header) return null
  const cut = cutAfterNewline(fd, Math.max(header.length, Math.floor(size / 2)))
  if (cut === null || cut >= size) return null
  const task: TWorkerTask = { path, header, from: cut, to: size, options }
  let worker: Worker
  try {
    worker = startWorker(task)
  } catch {
    return null
  }
  const reply = new Promise<TWorkerMessage>((resolve) => {
    worker.on('message', (m: TWorkerMessage) => {
      if (m.kind !== 'progress') resolve(m)
    })
    worker.on('error', (err) => resolve({ kind: 'failed', message: err.message, isBadInput: false }))
    worker.on('exit', () => resolve({ kind: 'failed', message: 'worker stopped', isBadInput: false }))
  })
  const main = new CsvCounter(options)
  // This thread blocks while it reads, so the worker's progress messages wait; both halves move at
  // about the same pace, so this half's share stands for the whole. A refusal from the worker (too
  // many groups in its half, say) cannot stop this read early: it only counts once this half is
  // known to end on a row boundary, as a misaligned half can see groups that are not there.
  const progress = (bytes: number): void =>
    onProgress?.(Math.min(size, Math.round((bytes / cut) * size)), size)
  try {
    main.readFd(fd, read, progress, { from: 0, to: cut })
  } catch (err) {
    await worker.terminate()
    throw err
  }
  if (!main.isAtRowBoundary) {
    // The cut fell inside a quoted field: the worker's half is misaligned. Read on alone.
    await worker.terminate()
    main.readFd(fd, read, (bytes) => onProgress?.(bytes, size), { from: cut, to: size })
    return main.end()
  }
  const answer = await reply
  await worker.terminate()
  if (answer.kind === 'failed') {
    if (answer.isBadInput) throw new AppError('validation_failed', answer.message)
    // The worker could not run (e.g. a bundled build without the worker file): finish alone.
    main.readFd(fd, read, (bytes) => onProgress?.(bytes, size), { from: cut, to: size })
    return main.end()
  }
  const offset = main.position
  const first = main.end()
  return mergeCounts(
    first,
    answer.kind === 'done' ? answer.result : first,
    offset,
    options.maxGroups ?? DEFAULT_MAX_GROUPS,
    options.naming,
  )
}
