/**
 * Browser check of the API reference at /api/docs: with the web app built, Redoc (its bundle among
 * the app's own assets) renders the OpenAPI document under the page's own CSP (src/http/api-docs.ts
 * REFERENCE_CSP). The page must show the operations, fetch nothing beyond loopback, and trip no CSP
 * rule and no script error. Screenshots land in test-results/api-reference/.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { REFERENCE_CSP } from '../../src/http/api-docs.ts'
import { browserSkipReason, openBrowser, unexpectedProblems } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('api-reference')
const shotsDir = fileURLToPath(new URL('../../test-results/api-reference/', import.meta.url))
/** The first screen only: the full page of a reference is tens of screens tall. */
const snapScreen = (page: Page, step: string) =>
  page.screenshot({ path: join(shotsDir, `screen-${step}.png`) })

const isLoopback = (address: string) => {
  const url = new URL(address)
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}

// Recorded in the page before any of its scripts run: the console message for a blocked inline
// style or worker is easy to miss among others, the event is not.
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = []
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI)
  })
`

describe('the API reference in a browser', { skip: skipReason ?? false, timeout: 120_000 }, () => {
  let server: TTestServer

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('renders the operations with Redoc from our origin, with no CSP violation and nothing from outside', async () => {
    const session = await openBrowser({ viewport: { width: 1366, height: 900 } })
    const { page } = session
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.addInitScript(RECORD_CSP_VIOLATIONS)
    try {
      const response = await page.goto(`${server.url}/api/docs`)
      assert.equal(response?.status(), 200)
      assert.equal(await response?.headerValue('content-security-policy'), REFERENCE_CSP)

      // Redoc's rendered output, not the <noscript> fallback: the sign-in operation's heading in
      // the middle panel, and its entry in the side menu.
      await page
        .getByRole('heading', { name: 'Sign in with email and password' })
        .waitFor({ timeout: 30_000 })
      assert.ok((await page.getByText('Sign in with email and password').count()) >= 2)
      await page.getByText('/api/auth/login').first().waitFor()
      assert.ok(
        requests.some((url) => new URL(url).pathname.startsWith('/assets/redoc.standalone-')),
        'the Redoc bundle came from our assets',
      )
      assert.ok(requests.some((url) => new URL(url).pathname === '/api/openapi.json'))
      await snap(page, 'reference')
      await snapScreen(page, 'reference')

      // The search runs in Redoc's worker (the reason for worker-src blob:).
      const search = page.getByPlaceholder('Search...')
      await search.fill('sign in')
      await page
        .getByRole('menuitem', { name: /Sign in with email and password/ })
        .first()
        .waitFor()
      await snap(page, 'search')
      await snapScreen(page, 'search')

      assert.deepEqual(
        requests.filter((url) => !isLoopback(url)),
        [],
        'every request stays on loopback',
      )
      assert.deepEqual(await page.evaluate('window.__cspViolations'), [], 'no CSP violation')
      const problems = unexpectedProblems(session.problems)
      assert.deepEqual(
        problems.filter((problem) => /Content Security Policy|Refused to/i.test(problem)),
        [],
        'no CSP report in the console',
      )
      assert.deepEqual(problems, [], 'no console error and no page exception')
    } finally {
      await session.close()
    }
  })

  it('reads on a phone', async () => {
    const session = await openBrowser({ viewport: { width: 390, height: 844 } })
    const { page } = session
    await page.addInitScript(RECORD_CSP_VIOLATIONS)
    try {
      await page.goto(`${server.url}/api/docs`)
      await page
        .getByRole('heading', { name: 'Sign in with email and password' })
        .waitFor({ timeout: 30_000 })
      await snap(page, 'phone')
      await snapScreen(page, 'phone')
      assert.deepEqual(await page.evaluate('window.__cspViolations'), [], 'no CSP violation')
      assert.deepEqual(unexpectedProblems(session.problems), [])
    } finally {
      await session.close()
    }
  })
})
