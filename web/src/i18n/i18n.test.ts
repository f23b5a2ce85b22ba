/// <reference types="node" />
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import {
  applyDocumentLocale,
  countedKey,
  currentLocale,
  directionOf,
  formattingLocale,
  i18n,
  t,
  tCount,
  translatorFor,
} from './i18n.ts'
import { en } from './messages.ts'

describe('directionOf', () => {
  const cases: [string, 'ltr' | 'rtl'][] = [
    ['en', 'ltr'],
    ['fr-CA', 'ltr'],
    ['es', 'ltr'],
    ['ar', 'rtl'],
    ['ar-EG', 'rtl'],
    ['he_IL', 'rtl'],
    ['FA', 'rtl'],
    ['', 'ltr'],
  ]
  for (const [locale, expected] of cases) {
    it(`${JSON.stringify(locale)} is ${expected}`, () => assert.equal(directionOf(locale), expected))
  }
})

describe('t in English', () => {
  it('looks up English messages and fills named parameters', () => {
    assert.equal(t('nav.audit'), 'Audit log')
    assert.equal(t('overview.welcome', { name: 'Amina' }), 'Welcome, Amina')
  })
  it('leaves a placeholder without a value visible', () => {
    assert.equal(t('overview.welcome'), 'Welcome, {name}')
  })
  it('does not read parameters from the object prototype', () => {
    assert.equal(t('overview.welcome', {}), 'Welcome, {name}')
    const family = translatorFor('test-proto', { 'x.key': '{constructor} {toString}' })
    assert.equal(family('x.key'), '{constructor} {toString}')
  })
  it('does not escape values (React escapes what it renders) and takes `count` as a plain value', () => {
    assert.equal(t('overview.welcome', { name: '<b>&' }), 'Welcome, <b>&')
    const family = translatorFor('test-count', { 'x.n': '{count} things' })
    assert.equal(family('x.n', { count: 3 }), '3 things')
  })
  it('picks the singular or plural form by count, with the count grouped', () => {
    assert.equal(tCount('members.count', 1), '1 member')
    assert.equal(tCount('members.count', 0), '0 members')
    assert.equal(tCount('audit.shown', 51), '51 entries shown')
    assert.equal(tCount('audit.shown', 12345), '12,345 entries shown')
  })
  it('has no empty message', () => {
    for (const [key, value] of Object.entries(en)) assert.ok(value.trim().length > 0, key)
  })
  it('gives every counted message its plural form', () => {
    const singulars = Object.keys(en).filter((key) => key.endsWith('.one'))
    assert.ok(singulars.length > 0)
    for (const key of singulars) assert.ok(Object.hasOwn(en, key.replace(/\.one$/, '.other')), key)
  })
})

describe('another language, key by key', () => {
  const family = translatorFor('test-family', { 'fam.title': 'Title', 'fam.hello': 'Hello, {name}' })
  after(() => i18n.changeLanguage('en'))

  it('reads the current language, and English for a key it lacks', async () => {
    i18n.addResourceBundle('fr', 'app', { 'nav.audit': 'Journal d’audit', 'overview.welcome': '' })
    i18n.addResourceBundle('fr', 'test-family', { 'fam.hello': 'Bonjour, {name}' })
    await i18n.changeLanguage('fr')
    assert.equal(currentLocale(), 'fr')
    assert.equal(t('nav.audit'), 'Journal d’audit')
    assert.equal(t('nav.library'), 'Library', 'a missing key falls back to English')
    assert.equal(t('overview.welcome', { name: 'Ana' }), 'Welcome, Ana', 'an empty translation is English')
    assert.equal(family('fam.hello', { name: 'Ana' }), 'Bonjour, Ana')
    assert.equal(family('fam.title'), 'Title')
  })

  it('uses the language’s plural categories, then its `other`, then English', async () => {
    i18n.addResourceBundle('ar', 'app', {
      'members.count.zero': 'لا أعضاء',
      'members.count.two': 'عضوان',
      'members.count.few': '{count} أعضاء',
      'members.count.other': '{count} عضو',
      'audit.shown.other': '{count} مدخل',
    })
    await i18n.changeLanguage('ar')
    assert.deepEqual(countedKey('members.count', 2), { key: 'members.count.two', lng: 'ar' })
    assert.equal(tCount('members.count', 0), 'لا أعضاء')
    assert.equal(tCount('members.count', 2), 'عضوان')
    // Each value isolated (FSI … PDI) inside the right-to-left sentence; Latin digits.
    assert.equal(tCount('members.count', 7), '\u20687\u2069 أعضاء')
    // `one` is missing in Arabic: its `other`.
    assert.equal(tCount('members.count', 1), '\u20681\u2069 عضو')
    assert.equal(tCount('audit.shown', 1), '\u20681\u2069 مدخل')
    // Nothing at all in Arabic: English, by English rules.
    assert.deepEqual(countedKey('invitations.shown', 1), { key: 'invitations.shown.one', lng: 'en' })
    assert.equal(tCount('invitations.shown', 1), '1 invitation shown', 'an English sentence is not isolated')
    assert.equal(
      t('overview.welcome', { name: 'Ana' }),
      'Welcome, \u2068Ana\u2069',
      'but its value is, in Arabic',
    )
  })

  it('formats with Latin digits in Arabic and the language’s own signs elsewhere', () => {
    assert.equal(formattingLocale('ar'), 'ar-u-nu-latn')
    assert.equal(formattingLocale('fr'), 'fr')
    assert.equal(new Intl.NumberFormat(formattingLocale('ar')).format(1234), '1,234')
  })
})

describe('applyDocumentLocale', () => {
  it('sets lang and dir on the root element', () => {
    const doc = { documentElement: { lang: '', dir: '' } }
    applyDocumentLocale(doc, 'ar')
    assert.deepEqual(doc.documentElement, { lang: 'ar', dir: 'rtl' })
    applyDocumentLocale(doc, 'en')
    assert.deepEqual(doc.documentElement, { lang: 'en', dir: 'ltr' })
  })
})
