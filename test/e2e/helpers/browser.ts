/**
 * Launching Debian's Chromium for browser tests (never a downloaded browser, ARCHITECTURE.md). When it is
 * missing the tests skip with the reason, unless REQUIRE_BROWSER=1, where a missing browser fails.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Why browser tests cannot run here, or null when they can. Throws when REQUIRE_BROWSER=1 and absent. */
export function browserSkipReason(
  env: NodeJS.ProcessEnv = process.env,
  executable: string = CHROMIUM_PATH,
): string | null {
  if (existsSync(executable)) return null
  const missing = `${executable} is not installed (apt-get install chromium)`
  if (env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${missing}.`)
  return `${missing}; browser tests skipped`
}

export type TBrowserSession = {
  context: BrowserContext
  page: Page
  /** Console errors, uncaught exceptions and CSP reports seen so far, in order. */
  problems: string[]
  close: () => Promise<void>
}

/**
 * A fresh browser with its own temporary profile (Playwright takes `--user-data-dir` through
 * launchPersistentContext), one page, and a record of every console error and page exception.
 */
export async function openBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<TBrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'custos-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  })
  const problems: string[] = []
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`exception: ${error.message}`))
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Problems that are not expected answers. The browser logs every 4xx as "Failed to load resource";
 * a 401 is the expected answer to "am I signed in?" and to a wrong password, so only those pass.
 */
export function unexpectedProblems(problems: readonly string[]): string[] {
  return problems.filter(
    (problem) =>
      !/^console: Failed to load resource: the server responded with a status of 401\b/.test(problem),
  )
}

/**
 * Fails the test when the browser reported a problem other than an expected 401 and the statuses
 * the journey provoked on purpose (a 422 for a mistyped country, a 404 for a refused join).
 */
export function assertNoProblems(session: TBrowserSession, ...provokedStatuses: number[]): void {
  const provoked = (problem: string) =>
    provokedStatuses.some((status) =>
      problem.startsWith(
        `console: Failed to load resource: the server responded with a status of ${status} `,
      ),
    )
  assert.deepEqual(
    unexpectedProblems(session.problems).filter((problem) => !provoked(problem)),
    [],
    'the browser reported errors',
  )
}

/** Whether the page is no wider than its window: nothing scrolls sideways. */
export const fitsScreen = async (page: Page): Promise<boolean> =>
  (await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')) ===
  true
