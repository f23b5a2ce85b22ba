import assert from 'node:assert/strict'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isAppError } from '../../../core/errors.ts'
import { createRng } from '../bootstrap.ts'
import { CsvCounter } from './counter.ts'
import { countInParallel } from './parallel.ts'
import type { TCounterOptions, TCountResult } from './types.ts'

const tmp = mkdtempSync(join(tmpdir(), 'custos-bias-par-'))
after(() => rmSync(tmp, { recursive: true, force: true }))
const options: TCounterOptions = { groupColumns: ['g'], labelColumn: 'label', predColumn: 'pred' }

const single = (text: string): TCountResult => {
  const c = new CsvCounter(options)
  c.push(Buffer.from(text))
  return c.end()
}
const normalise = (r: TCountResult) => ({
  rows: r.rows,
  skipped: r.skipped,
  reasons: r.skippedReasons,
  cells: Object.fromEntries(
    r.cells.map((c) => [c.values.join('|'), [c.counts.tp, c.counts.fp, c.counts.tn, c.counts.fn]]),
  ),
})

let files = 0
/**
 * Counts `text` with two threads. `workerPath` is the path the worker opens (the main thread reads
 * its own descriptor); `shrinkTo` truncates the file after it was measured, as a log rotated mid-read.
 */
async function parallel(
  text: string,
  how: { counter?: TCounterOptions; workerPath?: string; shrinkTo?: number } = {},
): Promise<TCountResult | null> {
  const path = join(tmp, `f${files++}.csv`)
  writeFileSync(path, text)
  const fd = openSync(path, 'r')
  try {
    const size = statSync(path).size
    if (how.shrinkTo !== undefined) truncateSync(path, how.shrinkTo)
    return await countInParallel(how.workerPath ?? path, fd, size, how.counter ?? options)
  } finally {
    closeSync(fd)
  }
}

/**
 * Twelve data rows counted by hand. The header is line 1 and data row k is line k + 1 until row 9,
 * whose quoted note holds a line break, so rows 10–12 are lines 12–14. The cut past the middle
 * (about byte 100 of 200) falls between rows 5 and 7, so the worker counts the quoted row and the
 * rows it shifts, and its row and line numbers must be moved on by the first half's.
 */
const HAND_LOG = [
  'g,note,label,pred',
  'a,first,1,1', //      row 1: a TP
  'a,second,maybe,1', // row 2: skipped, unrecognised label value (line 3)
  'b,third,0,1', //      row 3: b FP
  'a,fourth,0,0', //     row 4: a TN
  'b,fifth,1,0', //      row 5: b FN
  'a,sixth,1,1', //      row 6: a TP
  'b,seventh,1,1', //    row 7: b TP
  'a,eighth,0,1', //     row 8: a FP
  'b,"two\nlines",0,0', // row 9: b TN (lines 10 and 11)
  'c,tenth,1,1', //      row 10: c TP (line 12)
  'a,eleventh,1,perhaps', // row 11: skipped, unrecognised prediction value (line 13)
  'b,twelfth,2,0', //    row 12: skipped, unrecognised label value (line 14)
].join('\n')
const HAND_EXPECTED = {
  rows: 12,
  skipped: 3,
  reasons: [
    { reason: 'unrecognised label value', count: 2, firstRows: [2, 12], firstLines: [3, 14] },
    { reason: 'unrecognised prediction value', count: 1, firstRows: [11], firstLines: [13] },
  ],
  // [TP, FP, TN, FN]: a = rows 1, 6 | 8 | 4 | none; b = 7 | 3 | 9 | 5; c = 10.
  cells: { a: [2, 1, 1, 0], b: [1, 1, 1, 1], c: [1, 0, 0, 0] },
}

const rejectsAsBadInput = async (promise: Promise<unknown>, message: RegExp): Promise<void> => {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAppError(error), String(error))
    assert.equal(error.code, 'validation_failed')
    assert.match(error.userMessage, message)
    return true
  })
}

function log(rows: number, seed: number, note: (i: number) => string): string {
  const rng = createRng(seed)
  const lines = ['g,note,label,pred']
  for (let i = 0; i < rows; i++) {
    const label = rng() < 0.02 ? 'bad' : rng() < 0.4 ? '1' : '0'
    lines.push(`${['a', 'b', 'c'][Math.floor(rng() * 3)]},${note(i)},${label},${rng() < 0.5 ? 1 : 0}`)
  }
  return `${lines.join('\n')}\n`
}

describe('countInParallel', () => {
  it('gives the counts, skip reasons and row and line numbers worked out by hand', async () => {
    const r = await parallel(HAND_LOG)
    assert.ok(r)
    assert.deepEqual(normalise(r), HAND_EXPECTED)
    assert.deepEqual(normalise(single(HAND_LOG)), HAND_EXPECTED, 'one pass agrees')
  })

  it('finishes alone when the worker fails, with the same counts', async () => {
    // The worker cannot open its file, so it throws inside the thread and reports the failure.
    const r = await parallel(HAND_LOG, { workerPath: join(tmp, 'gone.csv') })
    assert.ok(r)
    assert.deepEqual(normalise(r), HAND_EXPECTED)
  })

  // Group limits: the header probe reads the first 64 KiB, so each log below keeps that part to
  // group a and puts the extra groups where only one thread sees them. 20,000 rows of `a,1,1\n`
  // (120 kB) make each half; the cut falls between them.
  const half = (groups: string[], rows = 20_000): string =>
    Array.from({ length: rows }, (_, i) => `${groups[i % groups.length]},1,1\n`).join('')
  const limited = (maxGroups: number): { counter: TCounterOptions } => ({
    counter: { groupColumns: ['g'], labelColumn: 'label', predColumn: 'pred', maxGroups },
  })

  it('refuses bad input the worker finds in its half', async () => {
    // First half: group a only. Second half: a, c, d and e, over the limit of 2.
    const text = `g,label,pred\n${half(['a'])}${half(['a', 'c', 'd', 'e'])}`
    await rejectsAsBadInput(parallel(text, limited(2)), /More than 2 distinct groups in --group g/)
  })

  it('refuses bad input found in the first half past the probe, stopping the worker', async () => {
    // a alone for the first 90 kB (past the probe), then b and c before the cut; the second half is a.
    const text = `g,label,pred\n${half(['a'], 15_000)}${half(['b', 'c'], 5_000)}${half(['a'])}`
    await rejectsAsBadInput(parallel(text, limited(2)), /More than 2 distinct groups in --group g/)
  })

  it('refuses too many groups once both halves are added up', async () => {
    // Each half has two groups (a, b then c, d), within the limit of 3; together they have four.
    const text = `g,label,pred\n${half(['a', 'b'])}${half(['c', 'd'])}`
    await rejectsAsBadInput(parallel(text, limited(3)), /More than 3 distinct groups in --group g/)
  })

  it('refuses too many groups already in the first 64 KiB, before any thread starts', async () => {
    await rejectsAsBadInput(parallel(HAND_LOG, limited(2)), /More than 2 distinct groups in --group g/)
  })

  it('counts what is there when the file shrinks after it was measured', async () => {
    // Cut after row 10 ("c,tenth,1,1\n"): rows 11 and 12 are gone, so one skip reason is left.
    const kept = HAND_LOG.slice(0, HAND_LOG.indexOf('a,eleventh'))
    const r = await parallel(HAND_LOG, { shrinkTo: Buffer.byteLength(kept) })
    assert.ok(r)
    assert.deepEqual(normalise(r), {
      rows: 10,
      skipped: 1,
      reasons: [{ reason: 'unrecognised label value', count: 1, firstRows: [2], firstLines: [3] }],
      cells: HAND_EXPECTED.cells,
    })
  })

  it('leaves a file that shrank below its middle, or has no header row, to the single pass', async () => {
    assert.equal(await parallel(HAND_LOG, { shrinkTo: 40 }), null)
    assert.equal(await parallel('g,label,pred'), null, 'a header without a line end')
    assert.equal(await parallel(`g,label,pred\n${'a,1,1'.repeat(20)}`), null, 'no line end after the middle')
  })

  it('gives the same counts, skip reasons and row numbers as one pass', async () => {
    const text = log(20_000, 1, (i) => `n${i}`)
    const r = await parallel(text)
    assert.ok(r)
    assert.deepEqual(normalise(r), normalise(single(text)))
  })

  it('falls back to one pass when the cut lands inside a quoted field', async () => {
    // Row 2's note runs over 20,000 lines from before the middle of the file to past it, so the first
    // newline past the middle is inside its quotes and the second half cannot be counted apart.
    const note = `"${'more\n'.repeat(20_000)}end"`
    const text = `g,note,label,pred\na,short,1,1\nb,${note},0,1\nc,short,1,0\n`
    const noteStart = text.indexOf('"')
    const middle = Buffer.byteLength(text) / 2
    assert.ok(noteStart < middle && middle < noteStart + note.length, 'the middle is inside the note')
    const r = await parallel(text)
    assert.ok(r)
    // By hand: a TP, b FP, c FN; three rows, the quoted one counted once.
    assert.deepEqual(normalise(r), {
      rows: 3,
      skipped: 0,
      reasons: [],
      cells: { a: [1, 0, 0, 0], b: [0, 1, 0, 0], c: [0, 0, 0, 1] },
    })
    // The evenly sized rows of a log: the same counts as one pass, wherever the cut falls.
    const even = log(2_000, 2, () => `"line one\n${'more\n'.repeat(30)}end"`)
    const result = await parallel(even)
    assert.ok(result)
    assert.deepEqual(normalise(result), normalise(single(even)))
  })
})
