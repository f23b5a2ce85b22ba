import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../core/errors.ts'
import { buildDataset, buildJurisdiction } from './factories.ts'
import {
  nearest,
  resolveCountry,
  resolveGapRequest,
  splitList,
  type TInputIssue,
  withValidValues,
} from './input.ts'

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
const titles: Record<string, string> = {
  cctv: 'CCTV',
  'facial-recognition': 'Facial recognition',
  drones: 'Drones',
}
const context = {
  technologyIds: Object.keys(titles),
  dataset,
  technologyTitle: (id: string) => titles[id] ?? id,
}

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
      /^'DEU' is a three-letter code; countries are given by their two-letter code\. Did you mean DE \(Germany\)\?$/,
      ['DE'],
    ],
    [
      'a country name suggests its code',
      { technologies: 'cctv', countries: 'germany' },
      /^'germany' is a country name; countries are given by their two-letter ISO code\. Did you mean DE \(Germany\)\?$/,
      ['DE'],
    ],
    [
      'a name in another language suggests its code',
      { technologies: 'cctv', countries: 'allemagne' },
      /Did you mean DE \(Germany\)\?/,
      ['DE'],
    ],
    [
      'a name without accents still matches',
      { technologies: 'cctv', countries: "cote-d'ivoire" },
      /Did you mean CI \(Côte d'Ivoire\)\?/,
      ['CI'],
    ],
    [
      'a real ISO code without data says so',
      { technologies: 'cctv', countries: 'HK' },
      /^No jurisdiction data for 'HK' \(Hong Kong\): the dataset covers the UN member and observer states\.$/,
      [],
    ],
    [
      'a made-up code says so, without listing every code',
      { technologies: 'cctv', countries: 'QQ' },
      /^Unknown country code 'QQ'\.$/,
      [],
    ],
    [
      'a misspelt technology suggests the nearest id with its title',
      { technologies: 'facial-recog', countries: 'DE' },
      /^Unknown technology 'facial-recog'\. Did you mean facial-recognition \(Facial recognition\)\?$/,
      ['facial-recognition'],
    ],
    [
      'a typo in a short id suggests it',
      { technologies: 'ctv', countries: 'DE' },
      /Did you mean cctv \(CCTV\)\?/,
      ['cctv'],
    ],
  ]
  for (const [name, raw, message, suggestions] of cases) {
    it(name, () => {
      const error = errorOf(() => resolveGapRequest(raw, context))
      assert.equal(error.code, 'unknown_value')
      assert.match(error.userMessage, message)
      const issues = error.details?.issues as TInputIssue[]
      assert.deepEqual(issues[0]?.suggestions, suggestions)
      assert.deepEqual(
        issues[0]?.suggested.map((s) => s.code),
        suggestions,
        'the suggestions again, with their names',
      )
      assert.doesNotMatch(error.userMessage, /Valid (codes|technologies)/, 'no list of every valid value')
    })
  }

  it('reports every unknown value at once', () => {
    const error = errorOf(() =>
      resolveGapRequest({ technologies: 'nope,cctv', countries: 'DEU,XX,NG' }, context),
    )
    assert.equal((error.details?.issues as unknown[] | undefined)?.length, 3)
    assert.equal(error.userMessage.split('\n').length, 3)
  })

  it('refuses an empty list saying what to add', () => {
    const error = errorOf(() => resolveGapRequest({ technologies: ' , ', countries: undefined }, context))
    assert.equal(error.code, 'validation_failed')
    assert.match(error.userMessage, /^Choose at least one technology\.$/m)
    assert.match(error.userMessage, /^Add at least one country, by its two-letter ISO 3166-1 code/m)
  })

  it('lists the valid values for the CLI only', () => {
    const cli = (raw: { technologies: string; countries: string }) => {
      const error = withValidValues(
        errorOf(() => resolveGapRequest(raw, context)),
        context,
      )
      assert.ok(error instanceof AppError)
      return error.userMessage
    }
    assert.match(
      cli({ technologies: 'xyz', countries: 'QQ,DEU' }),
      /^Unknown technology 'xyz'.* Valid technologies: cctv, facial-recognition, drones\.\nUnknown country code 'QQ'\. Valid codes: BR, CI, DE, NG\.\n'DEU' .*Did you mean DE \(Germany\)\?$/,
    )
    assert.match(
      cli({ technologies: '', countries: 'DE' }),
      /^Choose at least one technology\. Valid technologies: /,
    )
  })

  it('resolves one country case-insensitively, with the same suggestions when unknown', () => {
    assert.equal(resolveCountry(' ng ', dataset), 'NG')
    assert.match(errorOf(() => resolveCountry('NGA', dataset)).userMessage, /Did you mean NG \(/)
  })

  it('suggests nothing far from every candidate', () => {
    assert.deepEqual(nearest('zzzzzzzz', ['cctv', 'drones']), [])
  })
})
