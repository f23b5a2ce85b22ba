/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TLibraryLocale } from '../../api/library.ts'
import {
  englishFallback,
  libraryPaths,
  localeFromSearch,
  pathInFramework,
  pathOfUrn,
  urnId,
  withLocale,
} from './links.ts'

describe('pathOfUrn', () => {
  const cases: [string, string][] = [
    ['urn:custos:catalogue:technology:facial-recognition', '/library/technologies/facial-recognition'],
    [
      'urn:custos:catalogue:risk:facial-recognition.misidentification',
      '/library/technologies/facial-recognition#risk-misidentification',
    ],
    [
      'urn:custos:questionnaire:questionnaire:deployment-assessment',
      '/library/questionnaires/deployment-assessment',
    ],
    [
      'urn:custos:questionnaire:question:deployment-assessment.T2.q01',
      '/library/questionnaires/deployment-assessment#q-T2.q01',
    ],
    ['urn:custos:toolkit:framework:toolkit', '/library/frameworks/toolkit'],
    [
      'urn:custos:toolkit:requirement:T2.01',
      '/library/object?urn=urn%3Acustos%3Atoolkit%3Arequirement%3AT2.01',
    ],
    ['urn:custos:icoc:provision:p30', '/library/object?urn=urn%3Acustos%3Aicoc%3Aprovision%3Ap30'],
    ['urn:custos:method:topic:cctv_rules', '/library/object?urn=urn%3Acustos%3Amethod%3Atopic%3Acctv_rules'],
  ]
  for (const [urn, path] of cases) it(`${urn} is shown at ${path}`, () => assert.equal(pathOfUrn(urn), path))

  it('a risk URN without an owner falls back to the object page rather than a broken anchor', () => {
    assert.equal(
      pathOfUrn('urn:custos:catalogue:risk:lonely'),
      libraryPaths.object('urn:custos:catalogue:risk:lonely'),
    )
  })
  it('something that is not a URN goes to the object page, which answers 404', () => {
    assert.equal(pathOfUrn('not a urn'), '/library/object?urn=not+a+urn')
  })
})

describe('pathInFramework and urnId', () => {
  it('a provision is an anchor on its framework page', () => {
    assert.equal(
      pathInFramework('urn:custos:gdpr:provision:art9', 'urn:custos:law:framework:law-anchors'),
      '/library/frameworks/law-anchors#art9',
    )
  })
  it('urnId keeps dots in the id', () =>
    assert.equal(urnId('urn:custos:euaiact:provision:art5.1.f'), 'art5.1.f'))
})

describe('locale in links', () => {
  const cases: [string, string][] = [
    ['', 'en'],
    ['?locale=fr', 'fr'],
    ['?locale=ar&x=1', 'ar'],
    ['?locale=de', 'en'],
    ['?locale=', 'en'],
  ]
  for (const [search, locale] of cases)
    it(`${JSON.stringify(search)} reads as ${locale}`, () => assert.equal(localeFromSearch(search), locale))

  it('English adds nothing', () =>
    assert.equal(withLocale('/library/frameworks/toolkit#T2.01', 'en'), '/library/frameworks/toolkit#T2.01'))
  it('another locale goes before the fragment', () =>
    assert.equal(
      withLocale('/library/frameworks/toolkit#T2.01', 'fr'),
      '/library/frameworks/toolkit?locale=fr#T2.01',
    ))
  it('an existing query is extended', () =>
    assert.equal(withLocale('/library?q=x', 'es'), '/library?q=x&locale=es'))
})

describe('englishFallback', () => {
  const cases: [TLibraryLocale, string[], 'none' | 'some' | 'all'][] = [
    ['en', ['en'], 'none'],
    ['fr', ['fr'], 'none'],
    ['fr', ['fr', 'en'], 'some'],
    ['ar', ['en'], 'all'],
    ['es', [], 'none'],
  ]
  for (const [locale, languages, expected] of cases) {
    it(`${locale} with ${JSON.stringify(languages)}: ${expected}`, () => {
      assert.equal(englishFallback(locale, languages), expected)
    })
  }
})
