import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { gapPath, isTyped, jurisdictionPath, matchesSearch, replaceTyped, splitCodes } from './links.ts'

describe('jurisdiction links and search', () => {
  it('puts the gap choices in the address', () => {
    assert.equal(
      gapPath(['cctv', 'drones'], ['DE', 'NG']),
      '/gap?technologies=cctv%2Cdrones&countries=DE%2CNG',
    )
    assert.equal(gapPath([], []), '/gap')
    assert.equal(jurisdictionPath('CI'), '/jurisdictions/CI')
  })

  const ci = { code: 'CI', iso3: 'CIV', name: "Côte d'Ivoire" }
  const cases: [string, boolean][] = [
    ['', true],
    ['ci', true],
    ['civ', true],
    ['cote', true],
    ['CÔTE', true],
    ['voir', true],
    ['ivory', false],
    ['germany', false],
  ]
  for (const [query, expected] of cases) {
    it(`"${query}" ${expected ? 'finds' : 'does not find'} Côte d'Ivoire`, () =>
      assert.equal(matchesSearch(ci, query), expected))
  }

  it('reads codes separated by commas, spaces or semicolons', () => {
    assert.deepEqual(splitCodes(' de, ng br;;XX ,'), ['de', 'ng', 'br', 'XX'])
    assert.deepEqual(splitCodes(null), [])
  })

  it('replaces a typed value by the suggestion taken, keeping each code once', () => {
    assert.equal(replaceTyped('DE,XX,Germany,ZZ', 'Germany', 'DE'), 'DE, XX, ZZ')
    assert.equal(replaceTyped('de, xx', 'XX', 'GB'), 'de, GB')
    assert.equal(replaceTyped('NG', 'XX', 'GB'), 'NG')
    assert.equal(isTyped('DE, xx', 'XX'), true)
    assert.equal(isTyped('DE, XXL', 'XX'), false)
  })
})
