/** The URN lock file and URN shapes: what a malformed lock says, when a version counts as raised. */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { loadLibrary } from './loader.ts'
import { readLock, updatedLock } from './lock.ts'
import { parseUrn, urnKindMismatch } from './urn.ts'

describe('the URN lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-lock-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const lockWith = (text: string) => {
    writeFileSync(join(dir, 'urns.lock.json'), text)
    return readLock(dir)
  }

  it('is empty when the file is missing', () => {
    assert.deepEqual(readLock(join(dir, 'nowhere')), { lock: { urns: {} }, problems: [] })
  })

  it('reports a file that is not JSON, and one of the wrong shape, and reads neither', () => {
    const notJson = lockWith('{ "urns": ')
    assert.deepEqual(notJson.lock, { urns: {} })
    assert.match(notJson.problems[0]?.message ?? '', /^not valid JSON: /)
    const wrong = lockWith('{ "urns": { "urn:custos:method:topic:ai_rules": "one" } }')
    assert.deepEqual(wrong.lock, { urns: {} })
    assert.match(wrong.problems[0]?.message ?? '', /^malformed lock file: /)
  })

  it('raises a published version that the library has raised, and keeps a higher one', () => {
    const { library } = loadLibrary()
    const [first, second] = [...library.objects.values()]
    assert.ok(first && second)
    const lock = { urns: { ...updatedLock(library, { urns: {} }).lock.urns } }
    lock.urns[first.urn] = first.version - 1
    lock.urns[second.urn] = second.version + 5
    const next = updatedLock(library, lock)
    assert.equal(next.added, 0)
    assert.equal(next.raised, 1)
    assert.equal(next.lock.urns[first.urn], first.version)
    assert.equal(next.lock.urns[second.urn], second.version + 5)
    const keys = Object.keys(next.lock.urns)
    assert.deepEqual(keys, [...keys].sort(), 'URNs in code-point order')
  })
})

describe('URN shapes', () => {
  it('splits a Custos URN and refuses anything else', () => {
    assert.deepEqual(parseUrn('urn:custos:toolkit:requirement:T2.01'), {
      library: 'toolkit',
      kind: 'requirement',
      id: 'T2.01',
    })
    for (const bad of ['urn:other:toolkit:requirement:T2.01', 'urn:custos:toolkit:T2.01', 'urn:custos:A:b:c'])
      assert.equal(parseUrn(bad), null, bad)
  })

  it('says why a URN does not fit its object: not a URN, another kind, another library', () => {
    assert.equal(urnKindMismatch('urn:custos:method:topic:ai_rules', 'topic'), null)
    assert.match(urnKindMismatch('topic:ai_rules', 'topic') ?? '', /^not a Custos URN/)
    assert.equal(
      urnKindMismatch('urn:custos:method:group:workers', 'topic'),
      'URN kind "group" does not match a topic (expected topic)',
    )
    assert.equal(
      urnKindMismatch('urn:custos:toolkit:topic:ai_rules', 'topic'),
      'URN library "toolkit" does not match a topic (expected method)',
    )
  })
})
