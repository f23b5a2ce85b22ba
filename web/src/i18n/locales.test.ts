/// <reference types="node" />
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { biasEn } from '../pages/bias/messages.ts'
import { jurisdictionsEn } from '../pages/jurisdictions/messages.ts'
import { libraryEn } from '../pages/library/messages.ts'
import { en } from './messages.ts'

/** The English catalogue of each namespace: the shell's is `app`, a page family's is named after its folder. */
const NAMESPACES: Record<string, Record<string, string>> = {
  app: en,
  library: libraryEn,
  jurisdictions: jurisdictionsEn,
  bias: biasEn,
}

const LOCALES = ['fr', 'es', 'ar'] as const

const localesDir = fileURLToPath(new URL('./locales/', import.meta.url))
const pagesDir = fileURLToPath(new URL('../pages/', import.meta.url))

const placeholdersOf = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort()

/** Bases of counted messages: English has both `<base>.one` and `<base>.other` (so `effect.other` alone is not one). */
function countedBases(english: Record<string, string>): Set<string> {
  const bases = new Set<string>()
  for (const key of Object.keys(english)) {
    const base = key.endsWith('.one') ? key.slice(0, -'.one'.length) : null
    if (base !== null && Object.hasOwn(english, `${base}.other`)) bases.add(base)
  }
  return bases
}

/** The English message a translated key must match in placeholders: itself, or `<base>.other` for a plural form. */
function englishFor(key: string, english: Record<string, string>, bases: Set<string>): string | undefined {
  if (Object.hasOwn(english, key)) return english[key]
  const cut = key.lastIndexOf('.')
  const base = key.slice(0, cut)
  return bases.has(base) ? english[`${base}.other`] : undefined
}

function readCatalogue(lng: string, namespace: string): Record<string, unknown> {
  const path = `${localesDir}${lng}/${namespace}.json`
  assert.ok(existsSync(path), `${lng}/${namespace}.json is missing`)
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
  assert.ok(
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed),
    `${lng}/${namespace}.json is not a JSON object`,
  )
  return parsed as Record<string, unknown>
}

describe('translation catalogues', () => {
  it('cover every page family that has a messages.ts', () => {
    const families = readdirSync(pagesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(`${pagesDir}${entry.name}/messages.ts`))
      .map((entry) => entry.name)
    const unlisted = families.filter((family) => !Object.hasOwn(NAMESPACES, family))
    assert.deepEqual(unlisted, [], `page families without a namespace here: ${unlisted.join(', ')}`)
  })

  for (const lng of LOCALES) {
    const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories
    for (const [namespace, english] of Object.entries(NAMESPACES)) {
      describe(`${lng}/${namespace}.json`, () => {
        const bases = countedBases(english)
        const allowed = new Set(Object.keys(english))
        for (const base of bases) for (const category of categories) allowed.add(`${base}.${category}`)

        it('exists and parses as a flat object of non-empty strings', () => {
          const catalogue = readCatalogue(lng, namespace)
          const bad = Object.entries(catalogue)
            .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
            .map(([key]) => key)
          assert.deepEqual(bad, [], `keys whose value is not a non-empty string: ${bad.join(', ')}`)
        })

        it('has every English key', () => {
          const catalogue = readCatalogue(lng, namespace)
          const missing = Object.keys(english).filter((key) => !Object.hasOwn(catalogue, key))
          assert.deepEqual(missing, [], `missing keys: ${missing.join(', ')}`)
        })

        it(`has every plural form of ${lng} (${categories.join(', ')}) for each counted message`, () => {
          const catalogue = readCatalogue(lng, namespace)
          const missing = [...bases].flatMap((base) =>
            categories
              .map((category) => `${base}.${category}`)
              .filter((key) => !Object.hasOwn(catalogue, key)),
          )
          assert.deepEqual(missing, [], `missing plural forms: ${missing.join(', ')}`)
        })

        it('has no key beyond the English ones and their plural forms', () => {
          const catalogue = readCatalogue(lng, namespace)
          const extra = Object.keys(catalogue).filter((key) => !allowed.has(key))
          assert.deepEqual(extra, [], `unexpected keys: ${extra.join(', ')}`)
        })

        it('keeps the placeholders of the English text', () => {
          const catalogue = readCatalogue(lng, namespace)
          const differing = Object.entries(catalogue).flatMap(([key, value]) => {
            const source = englishFor(key, english, bases)
            if (source === undefined || typeof value !== 'string') return []
            const expected = placeholdersOf(source)
            const actual = placeholdersOf(value)
            return expected.join() === actual.join()
              ? []
              : [`${key}: {${actual.join('}, {')}} instead of {${expected.join('}, {')}}`]
          })
          assert.deepEqual(differing, [], differing.join('\n'))
        })
      })
    }
  }
})
