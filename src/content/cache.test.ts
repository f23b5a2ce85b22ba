import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { cacheFileFor } from './cache.ts'
import { formatProblem } from './library.ts'
import { LIBRARY_CACHE, loadLibrary } from './loader.ts'

const BROKEN = join(import.meta.dirname, '../../test/fixtures/library/broken')

describe('library cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-cache-test-'))
  cpSync(BROKEN, dir, { recursive: true })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(cacheFileFor(LIBRARY_CACHE, dir), { force: true })
  })
  const summary = (cache: boolean) => {
    const { library, problems } = loadLibrary({ contentDir: dir, cache })
    return { urns: [...library.objects.keys()], problems: problems.map(formatProblem) }
  }

  it('a cached load gives exactly what a fresh load gives', () => {
    const fresh = summary(false)
    summary(true)
    assert.ok(existsSync(cacheFileFor(LIBRARY_CACHE, dir)), 'the first cached load writes the cache')
    assert.deepEqual(summary(true), fresh)
  })

  it('a changed file is checked again, never served stale', () => {
    summary(true)
    writeFileSync(
      join(dir, 'frameworks', 'icoc.yaml'),
      'framework: { urn: "urn:custos:icoc:framework:icoc", version: 1, title: { en: Changed } }\nprovisions: []\n',
    )
    const after = summary(true)
    assert.deepEqual(after, summary(false))
    assert.ok(!after.urns.includes('urn:custos:icoc:provision:p1'))
  })

  it('a corrupt cache file is ignored', () => {
    writeFileSync(cacheFileFor(LIBRARY_CACHE, dir), '{ not json')
    assert.deepEqual(summary(true), summary(false))
  })
})
