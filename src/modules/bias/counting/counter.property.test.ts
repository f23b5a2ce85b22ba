/**
 * Property: on random well-formed CSV (quoted values, doubled quotes, separators and newlines in
 * quotes, CRLF or LF, blank lines, ragged rows, invalid labels, padded values), fed in random
 * chunks, the counter agrees with a plain reference reader written here from RFC 4180 and the
 * docs/bias-audit.md rules — one char at a time, no shortcuts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CsvCounter } from './counter.ts'

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

// A second property over many header layouts, so the loop generated per layout (fast-path.ts)
// is compared with the reference on every shape it specialises: column order, extra columns
// before, between and after the needed ones, 1–3 groups (one may also be the label column),
// --pred or --score/--threshold, weights, --positive, comma / tab / semicolon, CRLF, long and
// padded group values, numbers in every decimal form and some that are not numbers.

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
/** Trimming (docs/bias-audit.md): spaces, tabs, CR and LF around a value. */
const trimValue = (v: string): string => v.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
const toNumber = (v: string): number => (DECIMAL_TEXT.test(v) ? Number(v) : Number.NaN)

type TLayout = {
  delimiter: string
  columns: string[]
  groups: string[]
  mode: 'pred' | 'score'
  threshold: number
  isWeighted: boolean
  positive: string | undefined
}

/** RFC 4180 rows with the line each starts on (fields unquoted, doubled quotes undone). */
function referenceRowsAt(
  text: string,
  delimiter: string,
): { fields: string[]; isQuoted: boolean; line: number }[] {
  const rows: { fields: string[]; isQuoted: boolean; line: number }[] = []
  let fields: string[] = []
  let field = ''
  let isQuoted = false
  let inQuotes = false
  let rowHasQuote = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') line++
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') inQuotes = false
      else field += c
      continue
    }
    if (c === '"' && field === '' && !isQuoted) {
      inQuotes = true
      isQuoted = true
      rowHasQuote = true
    } else if (c === delimiter) {
      fields.push(field)
      field = ''
      isQuoted = false
    } else if (c === '\n') {
      fields.push(field.endsWith('\r') && !isQuoted ? field.slice(0, -1) : field)
      rows.push({ fields, isQuoted: rowHasQuote, line: rowLine })
      fields = []
      field = ''
      isQuoted = false
      rowHasQuote = false
      rowLine = line
    } else if (c === '\r' && isQuoted && text[i + 1] === '\n') {
      // CR of a CRLF after a closing quote.
    } else field += c
  }
  if (field !== '' || fields.length > 0 || isQuoted) {
    fields.push(field)
    rows.push({ fields, isQuoted: rowHasQuote, line: rowLine })
  }
  return rows
}

type TReference = {
  rows: number
  skipped: number
  reasons: { reason: string; count: number; firstRows: number[]; firstLines: number[] }[]
  cells: { values: string[]; counts: number[]; squares: number[] | null; rows: number }[]
}

function referenceLayoutCount(text: string, layout: TLayout): TReference {
  const [header, ...rest] = referenceRowsAt(text.replace(/^\uFEFF/, ''), layout.delimiter)
  assert.ok(header)
  const width = header.fields.length
  const at = (name: string): number => header.fields.indexOf(name)
  const positive = layout.positive?.toLowerCase()
  const classifyWord = (v: string): number => {
    const t = trimValue(v).toLowerCase()
    if (t === '') return -1
    if (positive !== undefined) return t === positive ? 1 : 0
    return POSITIVE.has(t) ? 1 : NEGATIVE.has(t) ? 0 : -2
  }
  let rows = 0
  let skipped = 0
  const reasons = new Map<
    string,
    { reason: string; count: number; firstRows: number[]; firstLines: number[] }
  >()
  const cells = new Map<string, TReference['cells'][number]>()
  const skip = (reason: string, line: number): void => {
    skipped++
    const r = reasons.get(reason) ?? { reason, count: 0, firstRows: [], firstLines: [] }
    reasons.set(reason, r)
    r.count++
    if (r.firstRows.length < 5) {
      r.firstRows.push(rows)
      r.firstLines.push(line)
    }
  }
  for (const r of rest) {
    if (r.fields.length === 1 && !r.isQuoted && /^[ \t\r]*$/.test(r.fields[0]!)) continue
    rows++
    if (r.fields.length !== width) {
      skip('wrong number of fields', r.line)
      continue
    }
    const l = classifyWord(r.fields[at('label')]!)
    if (l < 0) {
      skip(l === -1 ? 'missing label' : 'unrecognised label value', r.line)
      continue
    }
    let p: number
    if (layout.mode === 'pred') {
      p = classifyWord(r.fields[at('pred')]!)
      if (p < 0) {
        skip(p === -1 ? 'missing prediction' : 'unrecognised prediction value', r.line)
        continue
      }
    } else {
      const t = trimValue(r.fields[at('score')]!)
      if (t === '') {
        skip('missing score', r.line)
        continue
      }
      const score = toNumber(t)
      if (!Number.isFinite(score)) {
        skip('score is not a number', r.line)
        continue
      }
      p = score >= layout.threshold ? 1 : 0
    }
    let w = 1
    if (layout.isWeighted) {
      const t = trimValue(r.fields[at('w')]!)
      if (t === '') {
        skip('missing weight', r.line)
        continue
      }
      w = toNumber(t)
      if (!Number.isFinite(w) || w < 0) {
        skip('weight is not a non-negative number', r.line)
        continue
      }
    }
    const values = layout.groups.map((g) => trimValue(r.fields[at(g)]!))
    if (values.some((v) => v === '')) {
      skip('missing group value', r.line)
      continue
    }
    const key = values.join('\u0000')
    const cell = cells.get(key) ?? {
      values,
      counts: [0, 0, 0, 0],
      squares: layout.isWeighted ? [0, 0, 0, 0] : null,
      rows: 0,
    }
    cells.set(key, cell)
    const o = l === 1 ? (p === 1 ? 0 : 3) : p === 1 ? 1 : 2
    cell.counts[o]! += w
    if (cell.squares) cell.squares[o]! += w * w
    cell.rows++
  }
  return {
    rows,
    skipped,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    cells: [...cells.values()],
  }
}

const layoutArb = fc
  .record({
    delimiter: fc.constantFrom(',', '\t', ';'),
    groupCount: fc.integer({ min: 1, max: 3 }),
    isLabelAlsoGroup: fc.boolean(),
    mode: fc.constantFrom('pred' as const, 'score' as const),
    threshold: fc.constantFrom(0.5, 0, 0.25),
    isWeighted: fc.boolean(),
    positive: fc.constantFrom(undefined, undefined, 'yes', '1'),
    extras: fc.integer({ min: 0, max: 6 }),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
  })
  .map((o): TLayout => {
    const groups = ['g0', 'g1', 'g2'].slice(0, o.groupCount)
    const needed = [...groups, 'label', o.mode, ...(o.isWeighted ? ['w'] : [])]
    const all = [...needed, ...Array.from({ length: o.extras }, (_, k) => `x${k}`)]
    const columns = all
      .map((name, k) => ({ name, key: o.order[k]! }))
      .sort((a, b) => a.key - b.key)
      .map((c) => c.name)
    return {
      delimiter: o.delimiter,
      columns,
      groups: o.isLabelAlsoGroup ? [...groups, 'label'] : groups,
      mode: o.mode,
      threshold: o.threshold,
      isWeighted: o.isWeighted,
      positive: o.positive,
    }
  })

const cellValue: Record<string, fc.Arbitrary<string>> = {
  g: fc.constantFrom(
    'a',
    'b',
    'F',
    'north',
    'centre',
    '18-29',
    '60+',
    'Hispanic or Latino',
    ' a ',
    'b ',
    '',
    '  ',
    '"a"',
    '"q""r"',
    '"c,d;e"',
    '"multi\nline"',
    'Ä',
    'x y',
  ),
  label: fc.constantFrom(
    '1',
    '0',
    '1',
    '0',
    'yes',
    'NO',
    'true',
    'Match',
    'maybe',
    '',
    ' 1',
    '0 ',
    '"1"',
    '2',
  ),
  score: fc.constantFrom(
    '0.5',
    '0.4999',
    '0.2500',
    '1',
    '0',
    '-0.1',
    '.5',
    '5.',
    '1e-3',
    '2E1',
    'abc',
    '',
    ' 0.7',
    '0.7 ',
    '0.12345678901234567',
    '123456789012345678',
    '+0.6',
    '-',
    '.',
    '"0.9"',
    '00.50',
    '1.2.3',
    '0x1',
  ),
  w: fc.constantFrom('1', '2.5', '0', '-1', '', 'x', '1e2', '3', ' 4 ', '0.1'),
  x: fc.constantFrom('x', '', '123', '"z,z"', 'a b', '"q""q"', 'long value here'),
}
const valueFor = (column: string): fc.Arbitrary<string> =>
  cellValue[
    column.startsWith('g') ? 'g' : column.startsWith('x') ? 'x' : column === 'pred' ? 'label' : column
  ]!

const layoutCsv = layoutArb.chain((layout) =>
  fc
    .record({
      rows: fc.array(
        fc.oneof(
          { weight: 12, arbitrary: fc.tuple(...layout.columns.map(valueFor)) },
          // Ragged rows: a field missing or one too many.
          { weight: 1, arbitrary: fc.tuple(...layout.columns.slice(1).map(valueFor)) },
          { weight: 1, arbitrary: fc.tuple(...layout.columns.map(valueFor), fc.constant('extra')) },
          { weight: 1, arbitrary: fc.constantFrom([] as string[], [' ']) },
        ),
        { maxLength: 60 },
      ),
      isCrlf: fc.boolean(),
      hasBom: fc.boolean(),
      hasFinalNewline: fc.boolean(),
      cuts: fc.option(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 })),
    })
    .map((o) => {
      const eol = o.isCrlf ? '\r\n' : '\n'
      // A tab inside a value of a tab-separated file would be a separator; values use none.
      const lines = o.rows.map((fields) => fields.join(layout.delimiter))
      const text = `${o.hasBom ? '\uFEFF' : ''}${layout.columns.join(layout.delimiter)}${eol}${lines.join(eol)}${o.hasFinalNewline ? eol : ''}`
      return { layout, text, cuts: o.cuts }
    }),
)

describe('CsvCounter property, many layouts', () => {
  it('agrees with the reference on rows, skip reasons with row and line numbers, and cells', () => {
    fc.assert(
      fc.property(layoutCsv, ({ layout, text, cuts }) => {
        const expected = referenceLayoutCount(text, layout)
        const counter = new CsvCounter({
          groupColumns: layout.groups,
          labelColumn: 'label',
          ...(layout.mode === 'pred'
            ? { predColumn: 'pred' }
            : { scoreColumn: 'score', threshold: layout.threshold }),
          weightColumn: layout.isWeighted ? 'w' : undefined,
          positive: layout.positive,
        })
        const bytes = Buffer.from(text)
        if (cuts === null) counter.push(bytes)
        else {
          let at = 0
          for (let k = 0; at < bytes.length; k++) {
            const n = cuts[k % cuts.length]!
            counter.push(bytes.subarray(at, at + n))
            at += n
          }
        }
        const r = counter.end()
        assert.equal(r.delimiter, layout.delimiter)
        assert.equal(r.rows, expected.rows, 'rows')
        assert.equal(r.skipped, expected.skipped, 'skipped')
        assert.deepEqual(r.skippedReasons, expected.reasons)
        assert.deepEqual(
          r.cells.map((c) => ({
            values: c.values,
            counts: [c.counts.tp, c.counts.fp, c.counts.tn, c.counts.fn],
            squares: c.counts.squares
              ? [c.counts.squares.tp, c.counts.squares.fp, c.counts.squares.tn, c.counts.squares.fn]
              : null,
            rows: c.counts.rows,
          })),
          expected.cells,
        )
      }),
      { numRuns: 600, seed: 20261130 },
    )
  })
})
