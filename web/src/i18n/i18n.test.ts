/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyDocumentLocale, directionOf, interpolate, t, tCount } from './i18n.ts'
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

describe('interpolate and t', () => {
  it('fills named parameters and leaves unknown ones visible', () => {
    assert.equal(interpolate('{a} and {b}', { a: 1 }), '1 and {b}')
  })
  it('does not read parameters from the object prototype', () => {
    assert.equal(interpolate('{constructor}', {}), '{constructor}')
  })
  it('looks up English messages', () => {
    assert.equal(t('nav.audit'), 'Audit log')
  })
  it('picks the singular or plural form by count', () => {
    assert.equal(tCount('members.count', 1), '1 member')
    assert.equal(tCount('members.count', 0), '0 members')
    assert.equal(tCount('audit.shown', 51), '51 entries shown')
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

describe('applyDocumentLocale', () => {
  it('sets lang and dir on the root element', () => {
    const doc = { documentElement: { lang: '', dir: '' } }
    applyDocumentLocale(doc, 'ar')
    assert.deepEqual(doc.documentElement, { lang: 'ar', dir: 'rtl' })
    applyDocumentLocale(doc, 'en')
    assert.deepEqual(doc.documentElement, { lang: 'en', dir: 'ltr' })
  })
})
