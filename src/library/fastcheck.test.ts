import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
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
