import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { isAppError } from '../../../core/errors.ts'
import { createRng } from '../bootstrap.ts'
import { CsvCounter } from './counter.ts'
import { countSource } from './source.ts'
import type { TCounterOptions, TCountResult } from './types.ts'

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/bias')
const tmp = mkdtempSync(join(tmpdir(), 'custos-bias-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const byPred: TCounterOptions = { groupColumns: ['sex'], labelColumn: 'label', predColumn: 'pred' }

/** Cells as "a|b" → "tp fp tn fn", easy to compare with a table. */
const cellTable = (r: TCountResult): Record<string, string> =>
  Object.fromEntries(
    r.cells.map((c) => [c.values.join('|'), `${c.counts.tp} ${c.counts.fp} ${c.counts.tn} ${c.counts.fn}`]),
  )

const reasons = (r: TCountResult): Record<string, number> =>
  Object.fromEntries(r.skippedReasons.map((s) => [s.reason, s.count]))

async function rejectsWith(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`)
    assert.match(err.userMessage, pattern)
    return true
  })
}

describe('CsvCounter on RFC 4180 input', () => {
  it('reads quoted separators, doubled quotes, quoted CRLF newlines, a BOM and trims group values', async () => {
    const r = await countSource(join(FIXTURES, 'rfc4180.csv'), {
      groupColumns: ['sex', 'region, name'],
      labelColumn: 'label',
      predColumn: 'pred',
    })
    assert.equal(r.rows, 4)
    assert.equal(r.skipped, 0)
    assert.deepEqual(r.groupColumns, ['sex', 'region, name'])
    assert.deepEqual(cellTable(r), {
      'F|north, upper': '1 0 0 1',
      'M|south': '0 1 0 0',
      'X "Q"|east': '1 0 0 0',
    })
  })

  it('gives the same counts whatever the chunk boundaries', () => {
    const bytes = readFileSync(join(FIXTURES, 'rfc4180.csv'))
    const whole = new CsvCounter({ groupColumns: ['sex'], labelColumn: 'label', predColumn: 'pred' })
    whole.push(bytes)
    const expected = cellTable(whole.end())
    const rng = createRng(3)
    for (let trial = 0; trial < 50; trial++) {
      const c = new CsvCounter({ groupColumns: ['sex'], labelColumn: 'label', predColumn: 'pred' })
      let at = 0
      while (at < bytes.length) {
        const n = 1 + Math.floor(rng() * 7)
        c.push(bytes.subarray(at, at + n))
        at += n
      }
      assert.deepEqual(cellTable(c.end()), expected)
    }
  })

  it('counts a last row without a trailing newline and ignores blank lines', () => {
    const c = new CsvCounter(byPred)
    c.push(Buffer.from('sex,label,pred\nF,1,1\n\n  \nM,0,1'))
    const r = c.end()
    assert.equal(r.rows, 2)
    assert.deepEqual(cellTable(r), { F: '1 0 0 0', M: '0 1 0 0' })
  })

  it('counts thousands of distinct groups exactly while its dictionaries grow', () => {
    // Short and long values, some padded, in two group columns: over 10,000 combinations (past the
    // default limit, so raised), each counted once per chunking, compared with a plain Map of the
    // same rows.
    const rng = createRng(29)
    const lines = ['id,a,b,label,score']
    const expected = new Map<string, number[]>()
    for (let i = 0; i < 40_000; i++) {
      const a = (Math.floor(rng() * 1500) * 7919).toString(36).slice(0, 1 + Math.floor(rng() * 7))
      const b = ['x', 'yy', 'a-long-value', ' pad '][Math.floor(rng() * 4)]!
      const label = rng() < 0.3 ? 1 : 0
      const score = rng().toFixed(3)
      lines.push(`${i},${a},${b},${label},${score}`)
      const key = `${a}|${b.trim()}`
      const counts = expected.get(key) ?? [0, 0, 0, 0]
      expected.set(key, counts)
      const pred = Number(score) >= 0.5 ? 1 : 0
      counts[label ? (pred ? 0 : 3) : pred ? 1 : 2]!++
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`)
    for (const size of [bytes.length, 4096, 333]) {
      const c = new CsvCounter({
        groupColumns: ['a', 'b'],
        labelColumn: 'label',
        scoreColumn: 'score',
        threshold: 0.5,
        maxGroups: 100_000,
      })
      for (let at = 0; at < bytes.length; at += size) c.push(bytes.subarray(at, at + size))
      const r = c.end()
      assert.equal(r.rows, 40_000)
      assert.equal(r.skipped, 0)
      assert.equal(r.cells.length, expected.size)
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(cellTable(r)).map(([k, v]) => [k, v.split(' ').map(Number)] as [string, number[]]),
        ),
        Object.fromEntries(expected),
      )
    }
  })

  it('reads tab-separated files by their header', () => {
    const c = new CsvCounter(byPred)
    c.push(Buffer.from('sex\tlabel\tpred\nF\t1\t0\n'))
    assert.deepEqual(cellTable(c.end()), { F: '0 0 0 1' })
  })
})

describe('CsvCounter values', () => {
  it('skips rows with missing or unrecognised values and counts the reasons with row numbers', async () => {
    const r = await countSource(join(FIXTURES, 'labels.csv'), byPred)
    // Data rows: F,1,1 | F,0,1 | F,maybe,1 | ,1,1 | M,1,0 | M,0, | M,0,0 (the blank line is not a row).
    assert.equal(r.rows, 7)
    assert.equal(r.skipped, 3)
    assert.deepEqual(reasons(r), {
      'unrecognised label value': 1,
      'missing group value': 1,
      'missing prediction': 1,
    })
    const missing = r.skippedReasons.find((s) => s.reason === 'missing prediction')
    assert.deepEqual(missing?.firstRows, [6])
    assert.deepEqual(missing?.firstLines, [7])
    assert.deepEqual(cellTable(r), { F: '1 1 0 0', M: '0 0 1 1' })
  })

  it('uses --positive for label and prediction, case-insensitively, and makes other values negative', () => {
    const c = new CsvCounter({ ...byPred, positive: 'Flag' })
    c.push(Buffer.from('sex,label,pred\nF,flag,FLAG\nF,clear,flag\nF,1,clear\n'))
    assert.deepEqual(cellTable(c.end()), { F: '1 1 1 0' })
  })

  it('compares scores with the threshold (at or above is positive) and skips non-numbers', async () => {
    const r = await countSource(join(FIXTURES, 'bad-scores.csv'), {
      groupColumns: ['sex'],
      labelColumn: 'label',
      scoreColumn: 'score',
      threshold: 0.001,
    })
    // F,1,0.9 → TP; F,0,abc skipped; M,1,"" skipped; M,0,1e-3 → FP (equal to the threshold); M,1,0x10 skipped.
    assert.equal(r.rows, 5)
    assert.deepEqual(reasons(r), { 'score is not a number': 2, 'missing score': 1 })
    assert.deepEqual(cellTable(r), { F: '1 0 0 0', M: '0 1 0 0' })
  })

  it('sums weights and their squares, skipping negative or missing weights', async () => {
    const r = await countSource(join(FIXTURES, 'weighted.csv'), { ...byPred, weightColumn: 'w' })
    assert.deepEqual(reasons(r), { 'weight is not a non-negative number': 1, 'missing weight': 1 })
    const f = r.cells.find((c) => c.values[0] === 'F')!.counts
    assert.deepEqual([f.tp, f.fp, f.rows], [2.5, 0.5, 2])
    assert.deepEqual(f.squares, { tp: 6.25, fp: 0.25, tn: 0, fn: 0 })
  })

  it('parses decimal scores exactly as Number() does', () => {
    const rng = createRng(11)
    const lines = ['g,label,score']
    const values: number[] = []
    for (let i = 0; i < 2000; i++) {
      const v = (rng() * 10 ** Math.floor(rng() * 8)).toFixed(Math.floor(rng() * 12))
      values.push(Number(v))
      lines.push(`${i},1,${v}`)
    }
    // Each row is its own group (2,000, over the default limit); the threshold sits exactly on a
    // value, which must count as positive.
    for (const threshold of values.slice(0, 20)) {
      const c = new CsvCounter({
        groupColumns: ['g'],
        labelColumn: 'label',
        scoreColumn: 'score',
        threshold,
        maxGroups: 2000,
      })
      c.push(Buffer.from(lines.join('\n')))
      const r = c.end()
      const positives = r.cells.reduce((n, cell) => n + cell.counts.tp, 0)
      assert.equal(positives, values.filter((v) => v >= threshold).length)
    }
  })
})

describe('CsvCounter malformed input', () => {
  it('counts an unterminated quote as one skipped row', async () => {
    const r = await countSource(join(FIXTURES, 'unterminated.csv'), {
      groupColumns: ['sex'],
      labelColumn: 'label',
      scoreColumn: 'score',
      threshold: 0.5,
    })
    assert.equal(r.rows, 3)
    assert.deepEqual(reasons(r), { 'unterminated quoted field (runs to the end of the file)': 1 })
  })

  it('skips ragged rows', async () => {
    const r = await countSource(join(FIXTURES, 'ragged.csv'), byPred)
    assert.equal(r.rows, 4)
    assert.deepEqual(reasons(r), { 'wrong number of fields': 2 })
  })

  it('rejects text after a closing quote as a skipped row', () => {
    const c = new CsvCounter(byPred)
    c.push(Buffer.from('sex,label,pred\n"F"x,1,1\nM,1,1\n'))
    const r = c.end()
    assert.deepEqual(reasons(r), { 'text after a closing quote': 1 })
  })

  it('refuses an empty file, a missing column and binary data with a clear message', async () => {
    await rejectsWith(countSource(join(FIXTURES, 'empty.csv'), byPred), /empty/)
    await rejectsWith(
      countSource(join(FIXTURES, 'no-score.csv'), {
        ...byPred,
        predColumn: undefined,
        scoreColumn: 'score',
        threshold: 1,
      }),
      /Column "score" \(--score\) is not in the header/,
    )
    await rejectsWith(countSource(join(FIXTURES, 'garbage.bin'), byPred), /does not look like a CSV/)
    await rejectsWith(countSource(join(tmp, 'nope.csv'), byPred), /File not found/)
  })

  it('names UTF-16 text instead of calling it binary', () => {
    const c = new CsvCounter(byPred)
    assert.throws(
      () => {
        c.push(Buffer.from('\ufeffsex,label,pred\nF,1,1\n', 'utf16le'))
        c.end()
      },
      (err: unknown) => isAppError(err) && /UTF-16/.test(err.userMessage),
    )
  })

  it('reads a header-only file as zero rows', async () => {
    const r = await countSource(join(FIXTURES, 'header-only.csv'), byPred)
    assert.equal(r.rows, 0)
  })

  it('stops with a clear message when a group column looks like an identifier', () => {
    const c = new CsvCounter({ ...byPred, maxGroups: 10 })
    assert.throws(
      () =>
        c.push(
          Buffer.from(`sex,label,pred\n${Array.from({ length: 20 }, (_, i) => `${i},1,1`).join('\n')}\n`),
        ),
      (err: unknown) => isAppError(err) && /More than 10 distinct groups/.test(err.userMessage),
    )
  })
})

describe('countSource inputs', () => {
  const csv = 'sex,label,pred\nF,1,1\nM,0,1\nM,0,0\n'
  it('reads gzip by extension, by magic bytes alone, and from stdin', async () => {
    writeFileSync(join(tmp, 'a.csv.gz'), gzipSync(csv))
    writeFileSync(join(tmp, 'a.bin'), gzipSync(csv))
    const expected = { F: '1 0 0 0', M: '0 1 1 0' }
    assert.deepEqual(cellTable(await countSource(join(tmp, 'a.csv.gz'), byPred)), expected)
    assert.deepEqual(cellTable(await countSource(join(tmp, 'a.bin'), byPred)), expected)
    assert.deepEqual(
      cellTable(await countSource('-', byPred, undefined, Readable.from([Buffer.from(csv)]))),
      expected,
    )
    const gz = gzipSync(csv)
    const chunks = [gz.subarray(0, 5), gz.subarray(5)]
    assert.deepEqual(cellTable(await countSource('-', byPred, undefined, Readable.from(chunks))), expected)
  })

  it('reports damaged gzip data and a .gz name without gzip content', async () => {
    writeFileSync(join(tmp, 'bad.gz'), gzipSync(csv).subarray(0, 20))
    await rejectsWith(countSource(join(tmp, 'bad.gz'), byPred), /gzip data is damaged/)
    writeFileSync(join(tmp, 'plain.gz'), csv)
    await rejectsWith(countSource(join(tmp, 'plain.gz'), byPred), /not gzip data/)
  })
})

describe('CsvCounter against an independent count', () => {
  it('matches awk on a generated file with invalid rows mixed in', async () => {
    const rng = createRng(2024)
    const sexes = ['F', 'M', 'X']
    const regions = ['north', 'south', 'east']
    const lines = ['id,sex,region,label,score']
    for (let i = 0; i < 30_000; i++) {
      const u = rng()
      const label = u < 0.01 ? 'maybe' : rng() < 0.3 ? '1' : '0'
      const score = rng() < 0.01 ? 'n/a' : rng().toFixed(4)
      lines.push(`${i},${sexes[Math.floor(rng() * 3)]},${regions[Math.floor(rng() * 3)]},${label},${score}`)
    }
    const path = join(tmp, 'gen.csv')
    writeFileSync(path, `${lines.join('\n')}\n`)
    const r = await countSource(path, {
      groupColumns: ['sex', 'region'],
      labelColumn: 'label',
      scoreColumn: 'score',
      threshold: 0.5,
    })
    // awk: a row counts when the label is 0/1 and the score is a plain decimal; then TP/FP/TN/FN by score >= 0.5.
    const awk = spawnSync(
      'awk',
      [
        '-F,',
        'NR>1 { if (($4!="0" && $4!="1") || $5 !~ /^[0-9.]+$/) { s++; next } k=$2"|"$3; p=($5+0>=0.5); ' +
          'if ($4=="1" && p) tp[k]++; else if ($4=="0" && p) fp[k]++; else if ($4=="0") tn[k]++; else fn[k]++; seen[k]=1 } ' +
          'END { for (k in seen) printf "%s %d %d %d %d\\n", k, tp[k], fp[k], tn[k], fn[k]; printf "skipped %d\\n", s }',
        path,
      ],
      { encoding: 'utf8' },
    )
    const expected: Record<string, string> = {}
    let skipped = -1
    for (const line of awk.stdout.trim().split('\n')) {
      const [k, ...rest] = line.split(' ')
      if (k === 'skipped') skipped = Number(rest[0])
      else expected[k!] = rest.join(' ')
    }
    assert.equal(r.rows, 30_000)
    assert.equal(r.skipped, skipped)
    assert.deepEqual(cellTable(r), expected)
  })
})
