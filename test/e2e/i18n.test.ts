/**
 * Browser journey of the interface languages (issue 10, item 5): an English browser fetches no
 * other language's catalogue (and the sign-in page not even the library's); a member switches to
 * Arabic in the user menu — right to left, translated headings, the choice kept over a reload and,
 * saved on the server, over a new sign-in in a fresh browser, where it wins over a language picked
 * on the sign-in page. Screenshots of the overview, library and bias-audit pages in Arabic at
 * 1366 and 390 pixels land in test-results/i18n/.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_ORGANISATIONS, demoLogin } from '../../src/modules/platform/demo.ts'
import { LOCALE_NAMES } from '../../web/src/i18n/locales.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { assertNoProblems, browserSkipReason, fitsScreen, openBrowser } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('i18n')

/** A translated catalogue as the build ships it; a key it lacks fails the test rather than matching nothing. */
function catalogue(lng: string, namespace: string): (key: string) => string {
  const url = new URL(`../../web/src/i18n/locales/${lng}/${namespace}.json`, import.meta.url)
  const messages = JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>
  return (key) => {
    const text = messages[key]
    assert.ok(text, `${lng}/${namespace}.json has ${key}`)
    return text
  }
}
const ar = catalogue('ar', 'app')
const arLibrary = catalogue('ar', 'library')
const arBias = catalogue('ar', 'bias')
const es = catalogue('es', 'app')

/** The demo client's administrator: the journey changes their language, no other journey's user. */
const client = () => {
  const org = DEMO_ORGANISATIONS.find((o) => o.slug === 'demo-client')
  assert.ok(org, 'the demo client exists')
  return demoLogin(org.slug)
}

/** A small decision log: two groups of 60, flagged at different rates. */
function decisionLog(): string {
  const rows = ['sex,truth,flag']
  for (let i = 0; i < 60; i++) rows.push(`F,${i % 3 === 0 ? 1 : 0},${i % 2 === 0 ? 1 : 0}`)
  for (let i = 0; i < 60; i++) rows.push(`M,${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? 1 : 0}`)
  return `${rows.join('\n')}\n`
}

/** Every script and JSON file the page asks the server for, by file name. */
function recordAssets(page: Page): string[] {
  const assets: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/assets/')) assets.push(pathname.slice('/assets/'.length))
  })
  return assets
}

const documentLocale = (page: Page) =>
  page.evaluate<[string, string]>('[document.documentElement.lang, document.documentElement.dir]')

describe('interface languages in a browser', { skip: skipReason ?? false, timeout: 240_000 }, () => {
  let server: TTestServer

  before(async () => {
    server = await startDemoServer({ webDistDir: await ensureWebBuild() })
  })

  after(async () => {
    await server?.close()
  })

  it('an English browser fetches no other language, and the sign-in page not the library', async () => {
    const session = await openBrowser()
    const { page } = session
    try {
      const assets = recordAssets(page)
      await page.goto(`${server.url}/login`)
      await page.getByRole('heading', { level: 1, name: en['login.title'] }).waitFor()
      await page.waitForLoadState('networkidle')
      const signInAssets = [...assets]
      process.stdout.write(`# the sign-in page in English asks for: ${signInAssets.join(', ')}\n`)
      assert.deepEqual(await documentLocale(page), ['en', 'ltr'])
      assert.equal(signInAssets.filter((name) => /^locale-/.test(name)).length, 0, signInAssets.join(', '))
      assert.equal(signInAssets.filter((name) => /^(LibraryRoutes|parts|links)-/.test(name)).length, 0)

      await signInOnPage(page, server.url)
      for (const path of ['/library', '/bias-audit', '/jurisdictions']) {
        await page.goto(`${server.url}${path}`)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.waitForLoadState('networkidle')
      }
      assert.ok(
        assets.some((name) => name.startsWith('LibraryRoutes-')),
        'the library was loaded',
      )
      assert.deepEqual(
        assets.filter((name) => /^locale-/.test(name)),
        [],
        'no French, Spanish or Arabic catalogue for an English browser',
      )
      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  it('a member switches to Arabic; it lasts over a reload and a new sign-in elsewhere', async () => {
    const credentials = client()
    const session = await openBrowser({ viewport: { width: 1366, height: 900 } })
    const { page } = session
    try {
      const assets = recordAssets(page)
      await signInOnPage(page, server.url, { credentials })
      await page.getByRole('button', { name: en['shell.userMenu'].replace('{name}', '') }).click()
      await page.getByLabel(en['shell.language']).selectOption({ label: LOCALE_NAMES.ar })
      await page.getByRole('heading', { name: ar('overview.orgHeading') }).waitFor()
      assert.deepEqual(await documentLocale(page), ['ar', 'rtl'])
      assert.equal(await page.locator('html[dir=rtl]').count(), 1)
      assert.ok(
        assets.some((name) => /^locale-ar-app-/.test(name)),
        'the Arabic catalogue was fetched',
      )
      assert.ok(await fitsScreen(page))
      await snap(page, 'overview-ar-1366')

      await page.reload()
      await page.getByRole('heading', { name: ar('overview.orgHeading') }).waitFor()
      assert.deepEqual(await documentLocale(page), ['ar', 'rtl'])

      await page.goto(`${server.url}/library`)
      await page.getByRole('heading', { level: 1, name: arLibrary('library.title') }).waitFor()
      // The library text follows the interface language unless chosen otherwise.
      assert.equal(await page.getByLabel(arLibrary('library.locale')).inputValue(), 'ar')
      assert.ok(assets.some((name) => /^locale-ar-library-/.test(name)))
      await snap(page, 'library-ar-1366')
      await page.goto(`${server.url}/bias-audit`)
      await page.getByRole('heading', { level: 1, name: arBias('bias.title') }).waitFor()
      // A result, to see its tables and plots right to left.
      await page.getByLabel(arBias('bias.file')).setInputFiles({
        name: 'decisions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(decisionLog()),
      })
      await page.getByRole('checkbox', { name: 'sex' }).check()
      await page.getByLabel(arBias('bias.label')).selectOption('truth')
      await page.getByLabel(arBias('bias.pred')).selectOption('flag')
      await page.getByRole('button', { name: arBias('bias.run') }).click()
      await page.getByRole('heading', { name: arBias('bias.resultHeading') }).waitFor()
      await snap(page, 'bias-ar-1366')

      await page.setViewportSize({ width: 390, height: 844 })
      for (const [path, heading, step] of [
        ['/', ar('overview.orgHeading'), 'overview-ar-390'],
        ['/library', arLibrary('library.title'), 'library-ar-390'],
        ['/bias-audit', arBias('bias.title'), 'bias-ar-390'],
      ] as const) {
        await page.goto(`${server.url}${path}`)
        await page.getByRole('heading', { name: heading }).first().waitFor()
        assert.ok(await fitsScreen(page), `${path} fits a 390-pixel screen in Arabic`)
        await snap(page, step)
      }
      assert.deepEqual(
        assets.filter((name) => /^locale-(fr|es)-/.test(name)),
        [],
        'only the language shown is fetched',
      )
      assertNoProblems(session)
    } finally {
      await session.close()
    }

    // A fresh browser (English, nothing remembered): Spanish picked on the sign-in page, then the
    // saved Arabic wins once signed in.
    const fresh = await openBrowser()
    try {
      const { page: other } = fresh
      await other.goto(`${server.url}/login`)
      await other.getByRole('heading', { level: 1, name: en['login.title'] }).waitFor()
      await other.getByLabel(en['shell.language']).selectOption({ label: LOCALE_NAMES.es })
      await other.getByRole('heading', { level: 1, name: es('login.title') }).waitFor()
      assert.deepEqual(await documentLocale(other), ['es', 'ltr'])
      await other.getByLabel(es('login.email'), { exact: true }).fill(credentials.email)
      await other.getByLabel(es('login.password'), { exact: true }).fill(credentials.password)
      await other.getByRole('button', { name: es('login.submit') }).click()
      await other.getByRole('heading', { name: ar('overview.orgHeading') }).waitFor()
      assert.deepEqual(await documentLocale(other), ['ar', 'rtl'])
      assertNoProblems(fresh)
    } finally {
      await fresh.close()
    }
  })
})
