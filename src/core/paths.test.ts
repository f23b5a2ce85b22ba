/** Finding the package root from anywhere below it, past manifests that are not ours. */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { findPackageRoot, packageRoot, paths } from './paths.ts'

describe('package paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-paths-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('walks up past another package and an unreadable manifest to the one named custos', () => {
    const root = join(dir, 'custos')
    const deep = join(root, 'node_modules', 'other', 'broken', 'src')
    mkdirSync(deep, { recursive: true })
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'custos' }))
    writeFileSync(join(root, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }))
    writeFileSync(join(root, 'node_modules', 'other', 'broken', 'package.json'), '{ not json')
    assert.equal(findPackageRoot(deep), root)
  })

  it('says where it looked when no custos package is above', () => {
    const lonely = join(dir, 'lonely')
    mkdirSync(lonely)
    assert.throws(
      () => findPackageRoot(lonely),
      new RegExp(`package root of custos not found above ${lonely}`),
    )
  })

  it('places content, docs, the web build and the cache in the package', () => {
    const root = packageRoot()
    assert.equal(paths.content(), join(root, 'content'))
    assert.equal(paths.docs(), join(root, 'docs'))
    assert.equal(paths.webDist(), join(root, 'dist', 'web'))
    assert.equal(paths.cache(), join(root, 'node_modules', '.cache', 'custos'))
  })
})
