/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserLocale, chooseLocale, LOCALE_NAMES, LOCALES } from './locales.ts'

describe('browserLocale', () => {
  const cases: [readonly string[], string | undefined][] = [
    [['fr-CA', 'en-US'], 'fr'],
    [['de-DE', 'es-MX', 'en'], 'es'],
    [['ar-EG'], 'ar'],
    [['AR'], 'ar'],
    [['pt_BR'], undefined],
    [['de', 'it'], undefined],
    [[], undefined],
  ]
  for (const [languages, expected] of cases) {
    it(`${JSON.stringify(languages)} → ${expected}`, () => assert.equal(browserLocale(languages), expected))
  }
})

describe('chooseLocale', () => {
  it('takes the browser’s first supported language when nothing was chosen', () => {
    assert.equal(chooseLocale({ browser: ['de', 'fr-FR'] }), 'fr')
  })
  it('falls back to English', () => {
    assert.equal(chooseLocale({ browser: ['de', 'ja'] }), 'en')
    assert.equal(chooseLocale({}), 'en')
  })
  it('prefers the choice remembered in this browser to the browser’s languages', () => {
    assert.equal(chooseLocale({ stored: 'ar', browser: ['fr'] }), 'ar')
  })
  it('prefers the signed-in user’s saved choice to both', () => {
    assert.equal(chooseLocale({ saved: 'es', stored: 'ar', browser: ['fr'] }), 'es')
  })
  it('skips values that are not interface languages', () => {
    assert.equal(chooseLocale({ saved: null, stored: 'klingon', browser: ['es'] }), 'es')
    assert.equal(chooseLocale({ saved: 'de', stored: 'fr' }), 'fr')
  })
})

describe('LOCALE_NAMES', () => {
  it('names each language in itself', () => {
    assert.deepEqual(
      LOCALES.map((l) => LOCALE_NAMES[l]),
      ['English', 'Français', 'Español', 'العربية'],
    )
  })
})
