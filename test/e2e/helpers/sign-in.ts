/**
 * Signing in through the sign-in page, as a person does (`signInThroughApi` in api.ts is the quick
 * way to prepare data). Journeys sign in as the demo provider's administrator unless they say whom.
 */
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { DEMO_ORGANISATIONS, demoLogin } from '../../../src/modules/platform/demo.ts'
import { en } from '../../../web/src/i18n/messages.ts'

export type TCredentials = { email: string; password: string }

function demoProviderAdmin(): TCredentials {
  const provider = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-provider')
  assert.ok(provider, 'the demo provider exists')
  return demoLogin(provider.slug)
}

/** Fills in the sign-in form the page shows now and sends it; waits for nothing. */
export async function submitSignIn(page: Page, credentials: TCredentials): Promise<void> {
  await page.getByLabel(en['login.email'], { exact: true }).fill(credentials.email)
  await page.getByLabel(en['login.password'], { exact: true }).fill(credentials.password)
  await page.getByRole('button', { name: en['login.submit'] }).click()
}

/**
 * Opens the sign-in page, signs in and waits for where it leads: the overview, or the `next` path
 * (sent as `/login?next=`, as the app's own redirect does) when one is given.
 */
export async function signInOnPage(
  page: Page,
  baseUrl: string,
  options: { credentials?: TCredentials; next?: string } = {},
): Promise<void> {
  const { credentials = demoProviderAdmin(), next } = options
  await page.goto(`${baseUrl}/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`)
  await submitSignIn(page, credentials)
  if (next === undefined) await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
  else await page.waitForURL((url) => url.pathname + url.search === next)
}
