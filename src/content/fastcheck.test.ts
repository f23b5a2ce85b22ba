import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { z } from 'zod'
import { fastParser, REJECT } from './fastcheck.ts'
import { defaultContentDir, fileKindOf } from './loader.ts'
import { FILE_SHAPES, FILE_SINGLES, ZRiskTemplate } from './schemas.ts'
import { ZText } from './text.ts'
import { readYaml } from './yaml.ts'

type TSchema = z.ZodType<unknown>

/** The fast path agrees with zod: same output (key order too) when it accepts, and it never accepts what zod rejects. */
const agrees = (schema: TSchema, value: unknown, where: string): boolean => {
  const expected = schema.safeParse(value)
  const fast = fastParser(schema)(value)
  if (fast === REJECT) return false
  assert.ok(expected.success, `the fast path accepted a value zod rejects: ${where}`)
  assert.equal(JSON.stringify(fast), JSON.stringify(expected.data), `output differs: ${where}`)
  assert.deepEqual(fast, expected.data, `output differs: ${where}`)
  return true
}

/** Every library value with its schema: the singles, the list items and each technology's risks. */
const contentValues = (): { schema: TSchema; value: unknown; where: string }[] => {
  const root = defaultContentDir()
  const out: { schema: TSchema; value: unknown; where: string }[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) {
        if (dir === root && (name === 'jurisdictions' || name === 'governance')) continue
        walk(full)
        continue
      }
      if (!name.endsWith('.yaml')) continue
      const rel = relative(root, full)
      const kind = fileKindOf(rel)
      if (!kind) continue
      const data = readYaml(readFileSync(full, 'utf8')).value as Record<string, unknown>
      const singles = FILE_SINGLES[kind] as Record<string, TSchema>
      const shapes = FILE_SHAPES[kind] as Record<string, TSchema>
      for (const [key, value] of Object.entries(data)) {
        const single = singles[key]
        const item = shapes[key]
        if (single) out.push({ schema: single, value, where: `${rel} ${key}` })
        else if (item && Array.isArray(value))
          value.forEach((entry, index) => {
            out.push({ schema: item, value: entry, where: `${rel} ${key}[${index}]` })
            if (kind === 'technologies')
              for (const [r, risk] of ((entry as { risks?: unknown[] }).risks ?? []).entries())
                out.push({ schema: ZRiskTemplate, value: risk, where: `${rel} ${key}[${index}].risks[${r}]` })
          })
      }
    }
  }
  walk(root)
  return out
}

/** Copies of `value` with one node replaced (or removed, or given an extra key), every node in turn. */
const mutations = (value: unknown): unknown[] => {
  const replacements: unknown[] = [
    undefined,
    null,
    '',
    '   ',
    'x',
    'Not A Kebab',
    'urn:custos:toolkit:requirement:x',
    0,
    -1,
    1.5,
    5,
    1e20,
    Number.NaN,
    true,
    [],
    {},
    { en: ' ' },
  ]
  const out: unknown[] = []
  const visit = (node: unknown, replace: (next: unknown) => unknown): void => {
    for (const next of replacements) out.push(replace(next))
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries())
        visit(item, (next) => replace(node.map((old, i) => (i === index ? next : old))))
      if (node.length > 0) out.push(replace(node.slice(1)))
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>
      out.push(replace({ ...record, unexpected: 'x' }))
      for (const key of Object.keys(record)) {
        visit(record[key], (next) => {
          const copy = { ...record }
          if (next === undefined) delete copy[key]
          else copy[key] = next
          return replace(copy)
        })
      }
    }
  }
  visit(value, (next) => next)
  return out
}

describe('library fast check', () => {
  const values = contentValues()

  it('accepts every value of the library and returns exactly what zod returns', () => {
    assert.ok(values.length > 100)
    for (const { schema, value, where } of values)
      assert.ok(agrees(schema, value, where), `the fast path left a valid value to zod: ${where}`)
  })

  it('never accepts a value that zod rejects (every node of sample objects mutated)', () => {
    const seen = new Set<TSchema>()
    let rejected = 0
    for (const { schema, value, where } of values) {
      if (seen.has(schema)) continue // one object per schema keeps the test quick
      seen.add(schema)
      for (const mutated of mutations(value)) if (!agrees(schema, mutated, `mutated ${where}`)) rejected++
    }
    assert.ok(rejected > 1000, `expected many mutations to be rejected, got ${rejected}`)
  })

  it('trims texts, applies defaults and keeps zod on what it does not model', () => {
    assert.deepEqual(fastParser(ZText)({ fr: ' b ', en: ' a ' }), { en: 'a', fr: 'b' })
    assert.equal(fastParser(ZText)({ en: 'a', de: 'b' }), REJECT)
    const schema = z.strictObject({
      list: z.array(z.string()).default([]),
      when: z.union([z.string(), z.number()]),
      url: z.url().optional(),
    })
    assert.deepEqual(fastParser(schema)({ when: 3 }), { list: [], when: 3 })
    assert.deepEqual(fastParser(schema)({ when: 'a', url: 'https://example.org/' }), {
      list: [],
      when: 'a',
      url: 'https://example.org/',
    })
    assert.equal(fastParser(schema)({ when: true }), REJECT)
    assert.equal(fastParser(schema)({ when: 1, url: 'not a url' }), REJECT)
  })
})

describe('library fast check on every schema construct', () => {
  type TNode = { children: TNode[] }
  const ZTree: z.ZodType<TNode> = z.strictObject({
    get children() {
      return z.array(ZTree)
    },
  })
  const notOne = (v: unknown) => v !== 1
  // [schema, values a valid document may hold (the fast path must accept them), values to refuse]
  const cases: [string, TSchema, unknown[], unknown[]][] = [
    ['string lengths', z.string().min(2).max(4), ['ab', 'abcd'], ['a', 'abcde', 3]],
    ['an exact length', z.string().length(3), ['abc'], ['ab', 'abcd']],
    ['a pattern with the g flag', z.string().regex(/a/g), ['a', 'ba', 'a'], ['b']],
    ['trim and lower case', z.string().trim().toLowerCase(), [' A ', 'b'], [1]],
    ['three checks', z.string().trim().min(1).max(3), [' ab '], [' ', 'abcd']],
    ['an email format', z.email(), ['a@example.org'], ['not an email']],
    ['an email check', z.string().email(), ['a@example.org'], ['@']],
    ['a coerced string', z.coerce.string(), ['a'], []],
    ['safe integers', z.number().int(), [0, -3], [1.5, 2 ** 60, Number.NaN]],
    ['inclusive bounds', z.number().min(0).max(10), [0, 10], [-1, 11, Number.POSITIVE_INFINITY]],
    ['exclusive bounds', z.number().gt(0).lt(10), [1, 9.5], [0, 10]],
    ['a check the fast path does not know', z.number().multipleOf(2), [4], [3]],
    ['a coerced number', z.coerce.number(), [3], []],
    ['booleans', z.boolean(), [true, false], [0, 'true']],
    ['a coerced boolean', z.coerce.boolean(), [true], []],
    ['a refined boolean', z.boolean().refine((v) => v), [true], [false]],
    ['a string enum', z.enum(['a', 'b']), ['a', 'b'], ['c']],
    ['a numeric enum', z.enum({ A: 1, B: 2 }), [1, 2], [3, 'A']],
    ['a refined enum', z.enum(['a', 'b']).refine((v) => v === 'a'), ['a'], ['b']],
    ['literals', z.literal([1, 'x']), [1, 'x'], [2]],
    ['a refined literal', z.literal('x').refine((v) => v === 'x'), ['x'], ['y']],
    ['a custom schema', z.custom<string>((v) => typeof v === 'string'), ['a'], [1]],
    [
      'a refined custom schema',
      z.custom<string>((v) => typeof v === 'string').refine((v) => v !== 'b'),
      ['a'],
      ['b', 2],
    ],
    ['unknown', z.unknown(), [1, null, { a: 1 }], []],
    ['refined unknown', z.unknown().refine(notOne), [2], [1]],
    ['optional', z.string().optional(), [undefined, 'a'], [1]],
    ['refined optional', z.string().optional().refine(notOne), [undefined, 'a'], [1]],
    ['nullable', z.string().nullable(), [null, 'a'], [undefined]],
    ['refined nullable', z.string().nullable().refine(notOne), [null], [1]],
    ['a default', z.string().default('d'), [undefined, 'a'], [1]],
    [
      'a refined default',
      z
        .string()
        .default('d')
        .refine((v) => v !== 'x'),
      ['a'],
      ['x'],
    ],
    ['array lengths', z.array(z.number()).min(1).max(2), [[1], [1, 2]], [[], [1, 2, 3], ['a'], 'a']],
    ['a refined array', z.array(z.number()).refine((v) => v.length !== 1), [[]], [[1]]],
    ['a record', z.record(z.string(), z.number()), [{}, { a: 1 }], [{ a: 'x' }, [], new Date(0)]],
    ['a record with a key check', z.record(z.string().min(2), z.number()), [{ ab: 1 }], [{ a: 1 }]],
    ['a record over an enum', z.record(z.enum(['a']), z.number()), [{ a: 1 }], [{ b: 1 }, {}]],
    [
      'a strict object',
      z.strictObject({ a: z.string(), b: z.number().optional(), c: z.string().default('x') }),
      [{ a: 'a' }, { a: 'a', b: 1, c: 'c' }, Object.assign(Object.create(null), { a: 'a' })],
      [{}, { a: 'a', b: 'b' }, { a: 'a', z: 1 }, [], new Date(0)],
    ],
    ['a loose object', z.object({ a: z.string() }), [{ a: 'a', z: 1 }], [{ a: 1 }]],
    ['a refined object', z.strictObject({ a: z.number() }).refine((v) => v.a > 0), [{ a: 1 }], [{ a: 0 }]],
    [
      'an object refined twice',
      z
        .strictObject({ a: z.number() })
        .refine((v) => v.a > 0)
        .refine((v) => v.a < 5),
      [{ a: 1 }],
      [{ a: 0 }, { a: 9 }],
    ],
    [
      'an object with a transform',
      z.strictObject({ a: z.number() }).transform((v) => ({ ...v, b: 1 })),
      [{ a: 1 }],
      [{ a: 'x' }],
    ],
    ['a key named __proto__', z.strictObject({ ['__proto__']: z.string() }), [], [1, 'x']],
    ['a union', z.union([z.string(), z.number()]), ['a', 1], [true]],
    [
      'a schema that refers to itself',
      ZTree,
      [{ children: [] }, { children: [{ children: [] }] }],
      [{ children: [1] }],
    ],
  ]
  it('leaves an optional key given as undefined to zod, which accepts it', () => {
    const schema = z.strictObject({ a: z.string(), b: z.number().optional() })
    assert.equal(fastParser(schema)({ a: 'a', b: undefined }), REJECT)
    assert.equal(schema.safeParse({ a: 'a', b: undefined }).success, true)
  })
  for (const [name, schema, valid, invalid] of cases) {
    it(`agrees with zod on ${name}`, () => {
      for (const value of valid)
        assert.ok(
          agrees(schema, value, `${name}: ${inspect(value)}`),
          `${name}: the fast path accepts ${inspect(value)}`,
        )
      for (const value of invalid) {
        assert.equal(schema.safeParse(value).success, false, `${name}: zod refuses ${inspect(value)}`)
        assert.equal(fastParser(schema)(value), REJECT, `${name}: the fast path refuses ${inspect(value)}`)
      }
      // Anything else: whatever the fast path accepts, zod accepts with the same output.
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: true, withBigInt: false }), (value) => {
          agrees(schema, value, `${name}: ${inspect(value)}`)
        }),
        { numRuns: 60, seed: 11 },
      )
    })
  }
})
