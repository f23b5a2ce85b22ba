/**
 * Feeds a decision log into the counter: a plain file (read synchronously in large chunks, the
 * fast path), a gzip file (by .gz extension or magic bytes) or standard input ("-").
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { AppError } from '../../../core/errors.ts'
import { CsvCounter } from './counter.ts'
import { countInParallel, PARALLEL_FROM_BYTES } from './parallel.ts'
import type { TCounterOptions, TCountResult, TProgress } from './types.ts'

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b

/** Count a file path, or standard input when the path is "-"; large plain files use two threads when allowed. */
export async function countSource(
  path: string,
  options: TCounterOptions,
  onProgress?: TProgress,
  stdin: Readable = process.stdin,
  threads: number = Math.min(2, availableParallelism()),
): Promise<TCountResult> {
  const counter = new CsvCounter(options)
  if (path === '-') {
    await feedStream(stdin, counter, null, onProgress)
    return counter.end()
  }
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new AppError(
      'validation_failed',
      code === 'ENOENT' ? `File not found: ${path}` : `Cannot open ${path} (${code ?? 'unknown error'}).`,
    )
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) throw new AppError('validation_failed', `${path} is a directory, not a CSV file.`)
    const head = Buffer.alloc(2)
    const got = readSync(fd, head, 0, 2, 0)
    const hasMagic = isGzip(head.subarray(0, got))
    if (path.toLowerCase().endsWith('.gz') && !hasMagic && stat.size > 0) {
      throw new AppError('validation_failed', `${path} ends in .gz but is not gzip data.`)
    }
    if (hasMagic) {
      await feedStream(createReadStream(path), counter, stat.size, onProgress)
    } else {
      if (threads > 1 && stat.isFile() && stat.size >= PARALLEL_FROM_BYTES) {
        const result = await countInParallel(path, fd, stat.size, options, onProgress)
        if (result) return result
      }
      const total = stat.isFile() ? stat.size : null
      counter.readFd(
        fd,
        (f, buf, off, len, at) => readSync(f, buf, off, len, at),
        (bytes) => onProgress?.(bytes, total),
      )
    }
  } finally {
    closeSync(fd)
  }
  return counter.end()
}

/** Stream bytes into the counter, inflating them when they start with the gzip magic bytes. */
async function feedStream(
  input: Readable,
  counter: CsvCounter,
  total: number | null,
  onProgress?: TProgress,
): Promise<void> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const first = await it.next()
  if (first.done) return
  const hasMagic = isGzip(first.value)
  let raw = 0
  async function* chunks(): AsyncGenerator<Buffer> {
    let next: IteratorResult<Buffer> = first
    while (!next.done) {
      raw += next.value.length
      yield next.value
      onProgress?.(raw, total)
      next = await it.next()
    }
  }
  try {
    if (hasMagic) {
      await pipeline(Readable.from(chunks()), createGunzip(), async (inflated: AsyncIterable<Buffer>) => {
        for await (const out of inflated) counter.push(out)
      })
    } else {
      for await (const chunk of chunks()) counter.push(chunk)
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    const message = err instanceof Error ? err.message : String(err)
    throw new AppError(
      'validation_failed',
      hasMagic ? `The gzip data is damaged or truncated (${message}).` : `Reading failed (${message}).`,
    )
  }
}
