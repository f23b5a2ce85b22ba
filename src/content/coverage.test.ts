import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { crosswalkCoverage } from './coverage.ts'
import { loadLibrary } from './loader.ts'

const { library } = loadLibrary()

describe('crosswalkCoverage', () => {
  it('nothing met covers nothing', () => {
    for (const framework of crosswalkCoverage(library, new Set())) {
      assert.equal(framework.covered, 0)
      assert.equal(framework.partial, 0)
      assert.equal(framework.share, 0)
    }
  })

  it('every requirement met covers each provision that some requirement equals or contains', () => {
    const all = crosswalkCoverage(library, new Set(library.requirements.keys()))
    for (const framework of all) {
      for (const [urn, level] of Object.entries(framework.byProvision)) {
        const incoming = [...library.requirements.values()].flatMap((r) =>
          r.links.filter((l) => l.target === urn),
        )
        const expected = incoming.some((l) => l.relationship === 'equal' || l.relationship === 'superset')
          ? 'covered'
          : incoming.length > 0
            ? 'partial'
            : 'none'
        assert.equal(level, expected, urn)
      }
    }
  })

  it('a requirement linked as a subset only partly covers its provision', () => {
    const requirement = [...library.requirements.values()].find((r) =>
      r.links.some((l) => l.relationship === 'subset'),
    )
    assert.ok(requirement, 'the content has at least one subset link')
    const link = requirement.links.find((l) => l.relationship === 'subset')
    assert.ok(link)
    const others = [...library.requirements.values()].filter(
      (r) => r.urn !== requirement.urn && r.links.some((l) => l.target === link.target),
    )
    const coverage = crosswalkCoverage(library, new Set([requirement.urn]))
    const level = coverage
      .flatMap((f) => Object.entries(f.byProvision))
      .find(([urn]) => urn === link.target)?.[1]
    assert.equal(
      level,
      'partial',
      `${requirement.urn} subset of ${link.target}; ${others.length} other links`,
    )
  })
})
