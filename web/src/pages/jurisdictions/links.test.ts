import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { gapPath, jurisdictionPath, matchesSearch } from './links.ts'

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
})
