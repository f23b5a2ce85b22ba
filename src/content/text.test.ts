import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { contentLanguage, localise, localised, type TLocale } from './text.ts'

describe('localise', () => {
  const text = { en: 'Facial recognition', fr: 'Reconnaissance faciale' }
  const cases: [TLocale, string, TLocale][] = [
    ['en', 'Facial recognition', 'en'],
    ['fr', 'Reconnaissance faciale', 'fr'],
    ['ar', 'Facial recognition', 'en'],
  ]
  for (const [locale, expected, given] of cases) {
    it(`in ${locale}: "${expected}", given in ${given}`, () => {
      const used = new Set<TLocale>()
      assert.equal(localise(text, locale, used), expected)
      assert.deepEqual([...used], [given])
    })
  }
})

describe('localised', () => {
  it('replaces every text map, records the languages, leaves other values alone', () => {
    const used = new Set<TLocale>()
    const value = {
      id: 'cctv',
      title: { en: 'CCTV', fr: 'Vidéosurveillance' },
      risks: [{ scope: { en: 'Everyone who passes' }, weight: 2 }],
    }
    assert.deepEqual(localised(value, 'fr', used), {
      id: 'cctv',
      title: 'Vidéosurveillance',
      risks: [{ scope: 'Everyone who passes', weight: 2 }],
    })
    assert.deepEqual([...used].sort(), ['en', 'fr'])
  })
})

describe('contentLanguage', () => {
  const cases: [TLocale[], TLocale, string][] = [
    [[], 'fr', 'fr'],
    [['en'], 'en', 'en'],
    [['fr'], 'fr', 'fr'],
    [['en'], 'ar', 'en'],
    [['en', 'fr'], 'fr', 'fr, en'],
    [['fr', 'en'], 'fr', 'fr, en'],
  ]
  for (const [used, locale, expected] of cases) {
    it(`${JSON.stringify(used)} asked in ${locale} → "${expected}"`, () => {
      assert.equal(contentLanguage(new Set(used), locale), expected)
    })
  }
})
