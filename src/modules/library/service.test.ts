import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inverseRelationship } from '../../content/library.ts'
import { loadLibrary } from '../../content/loader.ts'
import {
  describeObject,
  frameworkDetail,
  libraryStats,
  listEntries,
  nearestUrns,
  SEARCH_LIMIT,
  searchLibrary,
} from './service.ts'

const { library } = loadLibrary()

describe('crosswalk', () => {
  it('inverts subset and superset and keeps equal and related', () => {
    const table = [
      ['subset', 'superset'],
      ['superset', 'subset'],
      ['equal', 'equal'],
      ['related', 'related'],
    ] as const
    for (const [relationship, inverse] of table) assert.equal(inverseRelationship(relationship), inverse)
  })

  it('every outgoing link of a requirement appears as an incoming link on its target', () => {
    for (const requirement of library.requirements.values()) {
      for (const link of requirement.links) {
        const incoming = describeObject(library, link.target)?.crosswalk.find(
          (l) => l.direction === 'incoming' && l.other === requirement.urn,
        )
        assert.ok(incoming, `${link.target} shows the link from ${requirement.urn}`)
        assert.equal(incoming.relationship, inverseRelationship(link.relationship))
      }
    }
  })

  it('a framework detail groups requirements under their area', () => {
    const detail = frameworkDetail(library, 'toolkit')
    assert.ok(detail)
    for (const area of detail.areas) assert.ok(area.requirements.every((r) => r.area === area.code))
    const total = detail.areas.reduce((sum, area) => sum + area.requirements.length, 0)
    assert.equal(total, detail.counts.requirements)
    assert.equal(frameworkDetail(library, 'no-such-framework'), null)
  })
})

describe('searchLibrary', () => {
  it('needs every word of the query and ranks title matches first', () => {
    const hits = searchLibrary(library, 'facial recognition')
    assert.ok(hits.length > 0)
    const first = hits[0]
    assert.ok(first?.title.en.toLowerCase().includes('facial'))
    for (let i = 1; i < hits.length; i++) assert.ok((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0))
  })
  it('is case-insensitive and searches only requirements, provisions, questions and technologies', () => {
    const lower = searchLibrary(library, 'retention')
    const upper = searchLibrary(library, 'RETENTION')
    assert.deepEqual(
      lower.map((h) => h.urn),
      upper.map((h) => h.urn),
    )
    assert.ok(lower.every((h) => ['requirement', 'provision', 'question', 'technology'].includes(h.kind)))
  })
  it('finds nothing for an empty query or a word that is nowhere', () => {
    assert.deepEqual(searchLibrary(library, '   '), [])
    assert.deepEqual(searchLibrary(library, 'xyzzyplugh'), [])
  })
  it('returns exactly the limit when more match, the best hits first', () => {
    const all = searchLibrary(library, 'data', 'en', Number.POSITIVE_INFINITY)
    assert.ok(all.length > SEARCH_LIMIT, `"data" matches more than ${SEARCH_LIMIT} objects (${all.length})`)
    for (const limit of [1, 5, all.length - 1]) {
      const hits = searchLibrary(library, 'data', 'en', limit)
      assert.equal(hits.length, limit)
      assert.deepEqual(hits, all.slice(0, limit))
    }
    assert.equal(searchLibrary(library, 'data').length, SEARCH_LIMIT, 'the default limit')
  })
  it('returns every hit when fewer than the limit match', () => {
    const all = searchLibrary(library, 'retention', 'en', Number.POSITIVE_INFINITY)
    assert.ok(all.length > 1 && all.length < SEARCH_LIMIT, `${all.length} hits for "retention"`)
    assert.deepEqual(searchLibrary(library, 'retention', 'en', all.length), all)
    assert.deepEqual(searchLibrary(library, 'retention'), all)
  })
})

describe('listing and lookup', () => {
  it('lists by kind', () => {
    const groups = listEntries(library, 'group')
    assert.equal(groups.length, 11)
    assert.ok(groups.every((g) => g.kind === 'group'))
    assert.equal(listEntries(library).length, library.objects.size)
  })
  it('suggests the nearest URNs for a typo', () => {
    assert.equal(
      nearestUrns(library, 'urn:custos:method:group:worker', 1)[0],
      'urn:custos:method:group:workers',
    )
  })
})

describe('libraryStats', () => {
  it('counts requirements per area and questions per section', () => {
    const stats = libraryStats(library)
    assert.equal(
      Object.values(stats.requirementsByArea).reduce((a, b) => a + b, 0),
      library.requirements.size,
    )
    for (const q of stats.questionnaires) {
      assert.equal(
        Object.values(q.bySection).reduce((a, b) => a + b, 0),
        q.questions,
      )
    }
    assert.equal(stats.objects.topic, 9)
  })
  it('lists a requirement that no question reaches', () => {
    const copy = structuredClone(library)
    const urn = 'urn:custos:toolkit:requirement:T99.01'
    const requirement = copy.requirements.values().next().value
    assert.ok(requirement)
    copy.requirements.set(urn, { ...requirement, urn })
    assert.ok(libraryStats(copy).requirementsWithoutQuestion.includes(urn))
  })
})
