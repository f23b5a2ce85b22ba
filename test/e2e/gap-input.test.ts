/**
 * Browser journey of a newcomer typing a deployment into the gap analysis (issue "web app as a
 * newcomer meets it", items 2, 3 and 7): a technology without countries is refused with a message;
 * `DE, XX, Germany` gets the server's sentence for each unknown value and a button that puts DE in
 * place of Germany (a technology mistyped in the address, one that ticks the box meant); a country
 * code in the address that does not exist gets a page of its own; the result, the country page and
 * the list speak in words (no topic ids, no URNs, no raw statuses) and fit a phone. Screenshots in
 * English and Arabic, desktop and phone, land in test-results/gap-input/.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { LOCALE_NAMES } from '../../web/src/i18n/locales.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { jurisdictionsEn as jur } from '../../web/src/pages/jurisdictions/messages.ts'
import { assertNoProblems, browserSkipReason, fitsScreen, openBrowser } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('gap-input')
const DESKTOP = { width: 1366, height: 900 }
const PHONE = { width: 390, height: 844 }

/** The Arabic jurisdictions catalogue as the build ships it; a missing key fails the test. */
const arJur = (key: keyof typeof jur): string => {
  const url = new URL('../../web/src/i18n/locales/ar/jurisdictions.json', import.meta.url)
  const value = (JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>)[key]
  assert.ok(value, `ar/jurisdictions.json has ${key}`)
  return value
}

/** A message with its `{name}` parameters filled in, as the page shows it (English: no isolates). */
const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')

/** Machine words a person should never read: topic ids (`cctv_rules`) and library URNs. */
const MACHINE_WORD = /\b[a-z]+(_[a-z]+)+\b|urn:custos:/

/** Every text node of the page's main region that reads like a machine word (a string: no DOM types here). */
const machineWordsOn = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const regex = new RegExp(${JSON.stringify(MACHINE_WORD.source)})
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT)
    const found = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (regex.test(node.textContent ?? '')) found.push(node.textContent.trim())
    }
    return found
  })()`)

describe('typing a deployment into the gap analysis, in a browser', {
  skip: skipReason ?? false,
  timeout: 240_000,
}, () => {
  let server: TTestServer

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('answers missing and unknown countries beside the field and takes a suggestion', async () => {
    const session = await openBrowser({ viewport: DESKTOP })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { next: '/gap' })
      await page.getByRole('heading', { name: jur['gap.title'], level: 1 }).waitFor()
      const countries = page.getByLabel(jur['gap.countries'])
      const run = page.getByRole('button', { name: jur['gap.run'] })

      // A technology and no country: the page says so instead of doing nothing.
      await page.getByLabel('Facial recognition', { exact: false }).check()
      await run.click()
      const missing = page.getByRole('alert').filter({ hasText: jur['gap.incomplete'] })
      await missing.waitFor()
      assert.match(
        (await missing.textContent()) ?? '',
        new RegExp(jur['gap.pickCountry'].replace('.', '\\.')),
      )
      assert.equal(await countries.getAttribute('aria-invalid'), 'true')
      await snap(page, 'no-country')

      // DE, XX, Germany: one sentence of the server's for each unknown value, beside the field.
      await countries.fill('DE, XX, Germany')
      await run.click()
      const unknown = page.getByRole('alert').filter({ hasText: jur['gap.unknownValues'] })
      await unknown.waitFor()
      const fieldError = page.locator('.field-error')
      assert.match((await fieldError.textContent()) ?? '', /Unknown country code 'XX'\./)
      assert.match(
        (await fieldError.textContent()) ?? '',
        /'Germany' is a country name; countries are given by their two-letter ISO code\. Did you mean DE \(Germany\)\?/,
      )
      await snap(page, 'unknown-countries')

      // The suggestion puts DE in place of Germany (DE is typed already: once); XX stays to be fixed.
      const use = page.getByRole('button', { name: fill(jur['gap.use'], { code: 'DE', name: 'Germany' }) })
      await use.click()
      assert.equal(await countries.inputValue(), 'DE, XX')
      assert.equal(await use.count(), 0, 'a suggestion taken is no longer offered')

      // A three-letter code: the suggestion, then the analysis runs.
      await countries.fill('DE, NGA')
      await run.click()
      await page.getByRole('button', { name: fill(jur['gap.use'], { code: 'NG', name: 'Nigeria' }) }).click()
      assert.equal(await countries.inputValue(), 'DE, NG')
      await run.click()
      await page.getByRole('heading', { name: jur['gap.matrixHeading'] }).waitFor()
      assert.match(new URL(page.url()).search, /countries=DE%2CNG/)
      assert.equal(await page.getByRole('alert').count(), 0)

      // The result speaks in words: no topic id, no URN anywhere in it.
      assert.deepEqual(await machineWordsOn(page), [])
      await snap(page, 'gap-de-ng')

      // The country page too: statuses in words, technologies by their titles.
      await page.goto(`${server.url}/jurisdictions/DE`)
      await page.getByRole('heading', { name: /Germany/, level: 1 }).waitFor()
      const statuses = await page.locator('table.facts-table tbody td:nth-child(2)').allTextContents()
      assert.ok(statuses.length > 5)
      for (const status of statuses) assert.doesNotMatch(status, /^(yes|no|partial|unknown)$/)
      assert.deepEqual(await machineWordsOn(page), [])

      // A technology mistyped in the address: its suggestion ticks the box meant.
      await page.goto(`${server.url}/gap?technologies=facial&countries=DE`)
      await page.getByRole('alert').filter({ hasText: "Unknown technology 'facial'." }).waitFor()
      await page
        .getByRole('button', { name: fill(jur['gap.useTechnology'], { name: 'Facial recognition' }) })
        .click()
      assert.equal(await page.getByLabel('Facial recognition', { exact: false }).isChecked(), true)
      await page.getByRole('button', { name: jur['gap.run'] }).click()
      await page.getByRole('heading', { name: jur['gap.matrixHeading'] }).waitFor()
      assert.match(new URL(page.url()).search, /technologies=facial-recognition&countries=DE$/)

      assertNoProblems(session, 422, 404)
    } finally {
      await session.close()
    }
  })

  it('gives an unknown country in the address a page with its message and suggestions', async () => {
    const session = await openBrowser({ viewport: DESKTOP })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { next: '/jurisdictions/XX' })
      await page
        .getByRole('heading', { name: fill(jur['jur.unknownTitle'], { code: 'XX' }), level: 1 })
        .waitFor()
      await page.getByText("Unknown country code 'XX'.").waitFor()
      await page.getByRole('link', { name: jur['jur.allCountries'] }).waitFor()
      await snap(page, 'unknown-country-xx')

      // A three-letter code: Germany meant, as a link to its page.
      await page.goto(`${server.url}/jurisdictions/DEU`)
      await page
        .getByRole('heading', { name: fill(jur['jur.unknownTitle'], { code: 'DEU' }), level: 1 })
        .waitFor()
      await page.getByRole('link', { name: 'Germany (DE)' }).click()
      await page.getByRole('heading', { name: /Germany/, level: 1 }).waitFor()

      // The list of countries sorts by a column: the strongest rule of law first, descending.
      await page.goto(`${server.url}/jurisdictions`)
      const ruleOfLaw = page.getByRole('button', { name: jur['jur.ruleOfLaw'] })
      await ruleOfLaw.click()
      await page.locator('th[aria-sort="ascending"]').waitFor()
      await ruleOfLaw.click()
      await page.locator('th[aria-sort="descending"]').waitFor()
      assert.match(new URL(page.url()).search, /sort=ruleOfLaw&dir=descending/)
      const values = (await page.locator('table.jurisdictions-table tbody td:nth-child(3)').allTextContents())
        .slice(0, 10)
        .map(Number)
      assert.deepEqual(
        values,
        [...values].sort((a, b) => b - a),
      )
      await snap(page, 'jurisdictions-by-rule-of-law')
      assertNoProblems(session, 422, 404)
    } finally {
      await session.close()
    }
  })

  it('fits a phone and reads in Arabic', async () => {
    const session = await openBrowser({ viewport: PHONE })
    const { page } = session
    try {
      await signInOnPage(page, server.url, {
        next: '/gap?technologies=facial-recognition&countries=DE,NG,BR',
      })
      await page.getByRole('heading', { name: jur['gap.matrixHeading'] }).waitFor()
      // One card per country instead of the table of countries across.
      assert.equal(await page.locator('.gap-card').count(), 3)
      assert.equal(await page.locator('table.gap-matrix').isVisible(), false)
      assert.ok(await fitsScreen(page), 'the gap result fits 390 px')
      await snap(page, 'gap-phone')
      for (const path of ['/jurisdictions/DE', '/jurisdictions', '/jurisdictions/XX']) {
        await page.goto(`${server.url}${path}`)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.locator('.loading').waitFor({ state: 'detached' })
        assert.ok(await fitsScreen(page), `${path} fits 390 px`)
        await snap(page, `phone${path.replaceAll('/', '-')}`)
      }

      // Arabic: the same pages, right to left, desktop and phone.
      await page.setViewportSize(DESKTOP)
      await page.goto(`${server.url}/gap?technologies=facial-recognition&countries=DE,XX,Germany`)
      await page.getByRole('button', { name: en['shell.userMenu'].replace('{name}', '') }).click()
      await page.getByLabel(en['shell.language']).selectOption({ label: LOCALE_NAMES.ar })
      await page
        .getByRole('alert')
        .filter({ hasText: arJur('gap.unknownValues') })
        .waitFor()
      assert.equal(await page.locator('html[dir=rtl]').count(), 1)
      await snap(page, 'ar-unknown-countries')
      await page.goto(`${server.url}/gap?technologies=facial-recognition&countries=DE,NG,BR`)
      await page.getByRole('heading', { name: arJur('gap.matrixHeading') }).waitFor()
      assert.deepEqual(await machineWordsOn(page), [])
      await snap(page, 'ar-gap')
      await page.setViewportSize(PHONE)
      assert.ok(await fitsScreen(page), 'the Arabic gap result fits 390 px')
      await snap(page, 'ar-gap-phone')
      await page.goto(`${server.url}/jurisdictions/DE`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.locator('table.facts-table').waitFor()
      assert.ok(await fitsScreen(page), 'the Arabic country page fits 390 px')
      await snap(page, 'ar-country-phone')
      await page.goto(`${server.url}/jurisdictions/XX`)
      await page
        .getByRole('heading', { name: fill(arJur('jur.unknownTitle'), { code: '\u2068XX\u2069' }) })
        .waitFor()
      await snap(page, 'ar-unknown-country-phone')
      assertNoProblems(session, 422, 404)
    } finally {
      await session.close()
    }
  })
})
