/**
 * No machine words on screen (issue 3, item 3): the demo provider's administrator opens each page of
 * MACHINE_WORD_PAGES, with its long lists opened, in English on a desktop and in Arabic on a phone;
 * no visible text may hold a URN, a snake_case id or a backtick. Screenshots land in
 * test-results/machine-words/. The page list and the checker live in helpers/machine-words.ts.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { LOCALE_NAMES } from '../../web/src/i18n/locales.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { browserSkipReason, openBrowser, unexpectedProblems } from './helpers/browser.ts'
import {
  describeMachineWords,
  MACHINE_WORD_PAGES,
  machineWordsOn,
  type TMachineWordPage,
} from './helpers/machine-words.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

export { describeMachineWords, MACHINE_WORD_PAGES, machineWordsOn }

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('machine-words')

/** Opens the page, waits until its data has arrived, presses its buttons; returns what it shows wrongly. */
async function visit(page: Page, baseUrl: string, target: TMachineWordPage): Promise<string> {
  await page.goto(`${baseUrl}${target.path}`)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  await page.waitForLoadState('networkidle')
  for (const testId of target.press ?? []) await page.getByTestId(testId).click()
  return describeMachineWords(await machineWordsOn(page))
}

describe('no machine words on screen', { skip: skipReason ?? false, timeout: 600_000 }, () => {
  let server: TTestServer

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('the check sees a URN, a snake_case id and a backtick on screen, and nothing folded away', async () => {
    const session = await openBrowser()
    const { page } = session
    try {
      await page.setContent(
        [
          '<main id="main"><p>See urn:custos:toolkit:requirement:T7.04</p><p>topic ai_rules</p>',
          '<p>Run `custos gap`</p><p hidden>hidden_id</p>',
          '<details><summary>Permanent identifier</summary><code>urn:custos:x:y:z</code></details>',
          '<p>Plain words, T7.04, facial-recognition</p></main>',
        ].join(''),
      )
      const found = await machineWordsOn(page)
      assert.deepEqual(
        found.map((word) => word.reason),
        ['a URN', 'a snake_case id', 'a backtick'],
        describeMachineWords(found),
      )
    } finally {
      await session.close()
    }
  })

  it('the library pages show titles and labels, not URNs, ids or backticks, in English', async () => {
    const session = await openBrowser({ viewport: { width: 1366, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url)
      const failures: string[] = []
      for (const target of MACHINE_WORD_PAGES) {
        const found = await visit(page, server.url, target)
        if (found) failures.push(`${target.name} (${target.path}):\n${found}`)
        await snap(page, `${target.name}-en-1366`)
      }
      assert.equal(failures.join('\n\n'), '', 'machine words on screen')
      assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })

  it('and in Arabic on a phone', async () => {
    const session = await openBrowser({ viewport: { width: 390, height: 844 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url)
      await page.getByRole('button', { name: en['shell.userMenu'].replace('{name}', '') }).click()
      await page.getByLabel(en['shell.language']).selectOption({ label: LOCALE_NAMES.ar })
      await page.locator('html[dir=rtl]').waitFor()
      const failures: string[] = []
      for (const target of MACHINE_WORD_PAGES) {
        const found = await visit(page, server.url, target)
        if (found) failures.push(`${target.name} (${target.path}):\n${found}`)
        await snap(page, `${target.name}-ar-390`)
      }
      assert.equal(failures.join('\n\n'), '', 'machine words on screen')
      assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })
})
