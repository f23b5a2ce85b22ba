/**
 * Worker thread: counts one byte range of a plain CSV file (the second half, see parallel.ts).
 * It is given the header bytes first, so it knows the columns, then reads its range directly.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { isAppError } from '../../../core/errors.ts'
import { CsvCounter } from './counter.ts'
import type { TCounterOptions, TCountResult } from './types.ts'

export type TWorkerTask = {
  path: string
  header: Uint8Array
  from: number
  to: number
  options: TCounterOptions
}
export type TWorkerMessage =
  | { kind: 'progress'; bytes: number }
  | { kind: 'done'; result: TCountResult }
  | { kind: 'failed'; message: string; isBadInput: boolean }

const post = (m: TWorkerMessage): void => parentPort?.postMessage(m)
const task = workerData as TWorkerTask

try {
  const counter = new CsvCounter(task.options)
  counter.push(Buffer.from(task.header))
  const fd = openSync(task.path, 'r')
  try {
    counter.readFd(
      fd,
      (f, buf, off, len, at) => readSync(f, buf, off, len, at),
      (bytes) => post({ kind: 'progress', bytes: bytes - task.header.length }),
      { from: task.from, to: task.to },
    )
  } finally {
    closeSync(fd)
  }
  post({ kind: 'done', result: counter.end() })
} catch (err) {
  post({
    kind: 'failed',
    message: isAppError(err) ? err.userMessage : err instanceof Error ? err.message : String(err),
    isBadInput: isAppError(err),
  })
}
