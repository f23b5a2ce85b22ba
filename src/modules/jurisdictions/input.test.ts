import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../core/errors.ts'
import { buildDataset, buildJurisdiction } from './factories.ts'
import { nearest, resolveCountry, resolveGapRequest, splitList } from './input.ts'

const dataset = buildDataset([
  buildJurisdiction('DE'),
  buildJurisdiction('NG'),
  buildJurisdiction('BR'),
  buildJurisdiction('CI'),
])
const ci = dataset.jurisdictions.get('CI')
if (ci) ci.name = { en: "Côte d'Ivoire", fr: "Côte d'Ivoire" }
const de = dataset.jurisdictions.get('DE')
if (de) de.name = { en: 'Germany', fr: 'Allemagne' }
const context = { technologyIds: ['cctv', 'facial-recognition', 'drones'], dataset }

/** The AppError a call throws (fails the test when it does not throw one). */
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof AppError, 'throws an AppError')
    return error
  }
  assert.fail('expected an error')
}

describe('reading technologies and countries', () => {
  it('splits, trims, de-duplicates and normalises case', () => {
    assert.deepEqual(
      splitList([' a, b', 'A', ',,c'], (v) => v.toLowerCase()),
      ['a', 'b', 'c'],
    )
    assert.deepEqual(
      resolveGapRequest({ technologies: 'CCTV, Drones,cctv', countries: 'de,Ng,DE' }, context),
      {
        technologies: ['cctv', 'drones'],
        countries: ['DE', 'NG'],
      },
    )
  })

  const cases: [string, { technologies: string; countries: string }, RegExp, string[]][] = [
    [
      'an alpha-3 code suggests its alpha-2 code',
      { technologies: 'cctv', countries: 'DEU' },
      /unknown country 'DEU': use ISO 3166-1 alpha-2, did you mean DE\?/,
      ['DE'],
    ],
    [
      'a country name suggests its code',
      { technologies: 'cctv', countries: 'germany' },
      /did you mean DE \(Germany\)/,
      ['DE'],
    ],
    [
      'a name in another language suggests its code',
      { technologies: 'cctv', countries: 'allemagne' },
      /did you mean DE/,
      ['DE'],
    ],
    [
      'a name without accents still matches',
      { technologies: 'cctv', countries: "cote-d'ivoire" },
      /did you mean CI/,
      ['CI'],
    ],
    [
      'a real ISO code without data says so',
      { technologies: 'cctv', countries: 'HK' },
      /no jurisdiction data for 'HK'/,
      [],
    ],
    [
      'a made-up code says what to use',
      { technologies: 'cctv', countries: 'QQ' },
      /unknown country 'QQ': use ISO 3166-1 alpha-2 codes\. Valid codes: BR, CI, DE, NG\./,
      [],
    ],
    [
      'a misspelt technology suggests the nearest id and lists the valid ones',
      { technologies: 'facial-recog', countries: 'DE' },
      /did you mean facial-recognition\? Valid technologies: cctv, facial-recognition, drones/,
      ['facial-recognition'],
    ],
    [
      'a typo in a short id suggests it',
      { technologies: 'ctv', countries: 'DE' },
      /did you mean cctv/,
      ['cctv'],
    ],
  ]
  for (const [name, raw, message, suggestions] of cases) {
    it(name, () => {
      const error = errorOf(() => resolveGapRequest(raw, context))
      assert.equal(error.code, 'unknown_value')
      assert.match(error.userMessage, message)
      const issues = error.details?.issues as { suggestions: string[] }[]
      assert.deepEqual(issues[0]?.suggestions, suggestions)
    })
  }

  it('reports every unknown value at once', () => {
    const error = errorOf(() =>
      resolveGapRequest({ technologies: 'nope,cctv', countries: 'DEU,XX,NG' }, context),
    )
    assert.equal((error.details?.issues as unknown[] | undefined)?.length, 3)
    assert.equal(error.userMessage.split('\n').length, 3)
  })

  it('refuses an empty list with the valid values', () => {
    const error = errorOf(() => resolveGapRequest({ technologies: ' , ', countries: undefined }, context))
    assert.equal(error.code, 'validation_failed')
    assert.match(
      error.userMessage,
      /no technology given: name one or more of cctv, facial-recognition, drones/,
    )
    assert.match(error.userMessage, /no country given/)
  })

  it('resolves one country case-insensitively, with the same suggestions when unknown', () => {
    assert.equal(resolveCountry(' ng ', dataset), 'NG')
    assert.match(errorOf(() => resolveCountry('NGA', dataset)).userMessage, /did you mean NG\?/)
  })

  it('suggests nothing far from every candidate', () => {
    assert.deepEqual(nearest('zzzzzzzz', ['cctv', 'drones']), [])
  })
})
