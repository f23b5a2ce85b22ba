/**
 * Browser journey of the overview by kind of organisation: the administrator of each demo
 * organisation — a security provider, a client, a technology vendor — signs in and finds an overview
 * made for that kind (its lead, its next steps in order, what will come later as plain text) and the
 * navigation in that kind's order; every link on the overview opens a page with a heading, never the
 * "page not found" one. Then the same overview in Arabic. Screenshots of each kind at 1366 and 390
 * pixels, in English and Arabic, land in test-results/overview/.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_ORGANISATIONS, demoLogin } from '../../src/modules/platform/demo.ts'
import { LOCALE_NAMES } from '../../web/src/i18n/locales.ts'
import { en, type TMessageKey } from '../../web/src/i18n/messages.ts'
import { overviewFor, upcomingMessage } from '../../web/src/lib/overview.ts'
import { navItemsFor } from '../../web/src/nav.ts'
import { browserSkipReason, fitsScreen, openBrowser, unexpectedProblems } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('overview')
const DESKTOP = { width: 1366, height: 900 }
const PHONE = { width: 390, height: 844 }

/** The Arabic app catalogue as the build ships it; a missing key fails rather than matching nothing. */
const arMessages = JSON.parse(
  readFileSync(new URL('../../web/src/i18n/locales/ar/app.json', import.meta.url), 'utf8'),
) as Record<string, string>
const ar = (key: TMessageKey) => {
  const text = arMessages[key]
  assert.ok(text, `ar/app.json has ${key}`)
  return text
}

/** First-strong and pop directional isolates, which the interface puts around values in Arabic. */
const withoutIsolates = (text: string) => text.replace(/[\u2068\u2069]/g, '')

const texts = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).map((text) => withoutIsolates(text.trim()))

describe('the overview of each kind of organisation', { skip: skipReason ?? false, timeout: 300_000 }, () => {
  let server: TTestServer

  before(async () => {
    server = await startDemoServer({ webDistDir: await ensureWebBuild() })
  })

  after(async () => {
    await server?.close()
  })

  for (const org of DEMO_ORGANISATIONS) {
    it(`the ${org.kind}'s administrator sees what to do next, and every link leads to a page`, async () => {
      const session = await openBrowser({ viewport: DESKTOP })
      const { page } = session
      const userName = `${org.name} admin`
      // The demo seed makes each organisation's administrator its owner.
      const overview = overviewFor(org.kind, 'owner')
      try {
        await signInOnPage(page, server.url, { credentials: demoLogin(org.slug) })
        const main = page.locator('main')
        assert.equal(
          withoutIsolates((await main.getByRole('heading', { level: 1 }).textContent()) ?? ''),
          en['overview.welcome'].replace('{name}', userName),
        )
        assert.equal((await page.getByTestId('overview-lead').textContent())?.trim(), en[overview.lead])
        assert.deepEqual(
          await texts(page, '[data-testid="next-steps"] > li .link-card-title'),
          overview.steps.map((step) => en[step.title]),
        )
        assert.deepEqual(
          await texts(page, '[data-testid="upcoming"] > li'),
          overview.upcoming.map((id) => en[upcomingMessage(id)]),
        )
        // What is not built yet is information, never a link.
        assert.equal(await page.locator('section.overview-upcoming a').count(), 0)
        const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
        assert.deepEqual(
          await nav.getByRole('link').allTextContents(),
          navItemsFor('owner', org.kind).map((item) => en[item.label]),
        )
        assert.ok(await fitsScreen(page))
        await snap(page, `${org.kind}-en-1366`)
        await page.setViewportSize(PHONE)
        assert.ok(await fitsScreen(page), 'the overview fits a 390-pixel screen')
        await snap(page, `${org.kind}-en-390`)
        await page.setViewportSize(DESKTOP)

        // Every link on the overview opens a page with a heading of its own.
        const hrefs = await main
          .locator('a[href]')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
        assert.ok(hrefs.length >= overview.steps.length + 2, hrefs.join(', '))
        for (const href of new Set(hrefs)) {
          assert.ok(href.startsWith('/'), `${href} stays on this server`)
          const response = await page.goto(`${server.url}${href}`)
          assert.equal(response?.status(), 200, href)
          const heading = page.getByRole('heading', { level: 1 }).first()
          await heading.waitFor()
          const text = ((await heading.textContent()) ?? '').trim()
          assert.ok(text.length > 0, `${href} has a heading`)
          assert.notEqual(text, en['notFound.title'], `${href} is a page that exists`)
        }

        // The same overview in Arabic, right to left.
        await page.goto(`${server.url}/`)
        await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
        await page.getByRole('button', { name: en['shell.userMenu'].replace('{name}', '') }).click()
        await page.getByLabel(en['shell.language']).selectOption({ label: LOCALE_NAMES.ar })
        await page.getByRole('heading', { name: ar('overview.orgHeading') }).waitFor()
        assert.equal(await page.locator('html[dir=rtl]').count(), 1)
        assert.equal(
          withoutIsolates((await main.getByRole('heading', { level: 1 }).textContent()) ?? ''),
          ar('overview.welcome').replace('{name}', userName),
        )
        assert.deepEqual(
          await texts(page, '[data-testid="next-steps"] > li .link-card-title'),
          overview.steps.map((step) => ar(step.title)),
        )
        assert.ok(await fitsScreen(page))
        await snap(page, `${org.kind}-ar-1366`)
        await page.setViewportSize(PHONE)
        assert.ok(await fitsScreen(page), 'the Arabic overview fits a 390-pixel screen')
        await snap(page, `${org.kind}-ar-390`)

        assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
      } finally {
        await session.close()
      }
    })
  }
})
