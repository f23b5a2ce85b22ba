/**
 * Property: on random well-formed CSV (quoted values, doubled quotes, separators and newlines in
 * quotes, CRLF or LF, blank lines, ragged rows, invalid labels, padded values), fed in random
 * chunks, the counter agrees with a plain reference reader written here from RFC 4180 and the
 * DESIGN §6 rules — one char at a time, no shortcuts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CsvCounter } from './csv-counter.ts'

const POSITIVE = new Set(['1', 'true', 'yes', 'match'])
const NEGATIVE = new Set(['0', 'false', 'no', 'non-match', 'nonmatch'])

/** RFC 4180 rows of the text: fields unquoted, doubled quotes undone. */
function referenceRows(text: string): { fields: string[]; isQuoted: boolean }[] {
  const rows: { fields: string[]; isQuoted: boolean }[] = []
  let fields: string[] = []
  let field = ''
  let isQuoted = false
  let inQuotes = false
  let rowHasQuote = false
  let i = 0
  const endRow = () => {
    fields.push(field)
    rows.push({ fields, isQuoted: rowHasQuote })
    fields = []
    field = ''
    rowHasQuote = false
  }
  while (i < text.length) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (c === '"') inQuotes = false
      else field += c
      i++
      continue
    }
    if (c === '"' && field === '' && !isQuoted) {
      inQuotes = true
      isQuoted = true
      rowHasQuote = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      isQuoted = false
    } else if (c === '\n') {
      if (field.endsWith('\r') && !isQuoted) field = field.slice(0, -1)
      endRow()
      isQuoted = false
    } else if (c === '\r' && isQuoted && text[i + 1] === '\n') {
      // CR of a CRLF after a closing quote.
    } else field += c
    i++
  }
  if (field !== '' || fields.length > 0 || isQuoted) endRow()
  return rows
}

const classify = (v: string): number => {
  const t = v.trim().toLowerCase()
  if (t === '') return -1
  if (POSITIVE.has(t)) return 1
  if (NEGATIVE.has(t)) return 0
  return -2
}

function referenceCount(text: string): { rows: number; skipped: number; cells: Record<string, number[]> } {
  const all = referenceRows(text.replace(/^\uFEFF/, ''))
  const [header, ...rest] = all
  assert.ok(header)
  const width = header.fields.length
  let rows = 0
  let skipped = 0
  const cells: Record<string, number[]> = {}
  for (const r of rest) {
    if (r.fields.length === 1 && !r.isQuoted && r.fields[0]!.trim() === '') continue
    rows++
    if (r.fields.length !== width) {
      skipped++
      continue
    }
    const [g, label, pred] = r.fields as [string, string, string]
    const l = classify(label)
    const p = classify(pred)
    if (l < 0 || p < 0 || g.trim() === '') {
      skipped++
      continue
    }
    const key = g.trim()
    cells[key] = cells[key] ?? [0, 0, 0, 0]
    const counts = cells[key]
    counts[l === 1 ? (p === 1 ? 0 : 3) : p === 1 ? 1 : 2]!++
  }
  return { rows, skipped, cells }
}

const value = fc.constantFrom('a', 'b', ' a ', '"a"', '"b,c"', '"x""y"', '"multi\nline"', '', 'Ä')
const label = fc.constantFrom('1', '0', 'yes', 'NO', 'Match', 'maybe', '', '"1"', ' true ')
const row = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(value, label, label).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.tuple(value, label).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.tuple(value, label, label, value).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.constant('') },
)
const csv = fc
  .tuple(fc.array(row, { maxLength: 40 }), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([rows, isCrlf, hasBom, hasFinalNewline]) => {
    const eol = isCrlf ? '\r\n' : '\n'
    return `${hasBom ? '\uFEFF' : ''}g,label,pred${eol}${rows.join(eol)}${hasFinalNewline ? eol : ''}`
  })

describe('CsvCounter property', () => {
  it('agrees with a reference RFC 4180 reader whatever the chunking', () => {
    fc.assert(
      fc.property(
        csv,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (text, cuts) => {
          const expected = referenceCount(text)
          const bytes = Buffer.from(text)
          const counter = new CsvCounter({ groupColumns: ['g'], labelColumn: 'label', predColumn: 'pred' })
          let at = 0
          let k = 0
          while (at < bytes.length) {
            const n = cuts[k++ % cuts.length]!
            counter.push(bytes.subarray(at, at + n))
            at += n
          }
          const r = counter.end()
          assert.equal(r.rows, expected.rows, 'rows')
          assert.equal(r.skipped, expected.skipped, 'skipped')
          const got = Object.fromEntries(
            r.cells.map((c) => [c.values[0], [c.counts.tp, c.counts.fp, c.counts.tn, c.counts.fn]]),
          )
          assert.deepEqual(got, expected.cells)
        },
      ),
      { numRuns: 400, seed: 20261129 },
    )
  })
})
