import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { parse as parseYaml } from 'yaml'
import { processWords } from './wording.ts'

const CONTENT = join(import.meta.dirname, '../../content')

describe('processWords', () => {
  const refused: [string, string[]][] = [
    ['Checked in the 2026-11 G20 pass (secondary reports).', ['2026-11 G20 pass']],
    ['Verified in the 2026-11 pass.', ['2026-11 pass']],
    ['The paragraph was not re-confirmed.', ['not re-confirmed']],
    ['not reconfirmed in this session', ['this session', 'not reconfirmed']],
    ['Not re-confirmed in this session.', ['this session', 'Not re-confirmed']],
    ['Status left unknown in this session.', ['this session']],
    ['Not yet searched in this pass.', ['this pass', 'Not yet searched']],
    ['The regulator was not yet searched.', ['not yet searched']],
    ['To be looked at in a later research round.', ['later research round']],
  ]
  for (const [text, phrase] of refused) {
    it(`refuses "${text}"`, () => {
      assert.deepEqual(
        processWords(text).map((word) => word.phrase),
        phrase,
      )
    })
  }

  const allowed = [
    'Checked against the cited page on 29 Nov 2026; the official text was not available.',
    'Searched in November 2026: no page was found on the subject, so no status is asserted.',
    'Set an automatic expiry unless the entry is reconfirmed.',
    'Contractors and guests pass through gates where they are filmed.',
    'Everyone in the groups the algorithm serves worst is exposed on every pass.',
    'Session plénière de juillet 2025',
    'Not yet researched; never read as covered.',
    'Does each armed guard pass a qualification for each weapon type?',
  ]
  for (const text of allowed) {
    it(`allows "${text}"`, () => assert.deepEqual(processWords(text), []))
  }
})

/** Every string of a parsed YAML document, with the path of keys and indexes that leads to it. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value]
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) yield* strings(item, `${path}[${index}]`)
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* strings(item, path ? `${path}.${key}` : key)
}

describe('content/ is written for its readers', () => {
  it('no text under content/ tells how the research was done', () => {
    const found: string[] = []
    const files = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.yaml'),
    )
    assert.ok(files.length > 195, 'the library and every jurisdiction file are read')
    for (const file of files) {
      const document = parseYaml(readFileSync(join(CONTENT, file), 'utf8')) as unknown
      for (const [path, text] of strings(document, ''))
        for (const word of processWords(text))
          found.push(`${relative(CONTENT, join(CONTENT, file))} ${path}: "${word.phrase}" ${word.why}`)
    }
    assert.deepEqual(
      found,
      [],
      `write dated provenance instead (docs/library.md, "Writing content"):\n${found.join('\n')}`,
    )
  })
})
