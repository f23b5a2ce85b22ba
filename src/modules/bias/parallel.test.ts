import assert from 'node:assert/strict'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { createRng } from './bootstrap.ts'
import { CsvCounter, type TCounterOptions, type TCountResult } from './csv-counter.ts'
import { countInParallel } from './parallel.ts'

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

async function parallel(text: string): Promise<TCountResult | null> {
  const path = join(tmp, `f${Math.floor(Math.random() * 1e9)}.csv`)
  writeFileSync(path, text)
  const fd = openSync(path, 'r')
  try {
    return await countInParallel(path, fd, statSync(path).size, options)
  } finally {
    closeSync(fd)
  }
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
  it('gives the same counts, skip reasons and row numbers as one pass', async () => {
    const text = log(20_000, 1, (i) => `n${i}`)
    const r = await parallel(text)
    assert.ok(r)
    assert.deepEqual(normalise(r), normalise(single(text)))
  })

  it('falls back to one pass when the cut lands inside a quoted field', async () => {
    // Every note is a quoted field with many newlines, so the first newline past the middle is
    // almost surely inside quotes.
    const text = log(2_000, 2, () => `"line one\n${'more\n'.repeat(30)}end"`)
    const r = await parallel(text)
    assert.ok(r)
    assert.deepEqual(normalise(r), normalise(single(text)))
  })
})
