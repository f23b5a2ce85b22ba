/**
 * Browser journey of the platform (issue 2): the demo provider's administrator signs in, looks
 * around, invites a colleague, reads the audit log and signs out; the colleague accepts the
 * invitation on a phone-sized screen. Screenshots of every step land in test-results/platform/.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import type { TErrorBody } from '../../src/http/openapi.ts'
import { DEMO_ORGANISATIONS, demoLogin } from '../../src/modules/platform/demo.ts'
import type { TRole } from '../../src/modules/platform/limits.ts'
import { AUDIT_PAGE_SIZE } from '../../web/src/api/platform.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { navItemsFor } from '../../web/src/nav.ts'
import { signInThroughApi } from './helpers/api.ts'
import {
  browserSkipReason,
  openBrowser,
  type TBrowserSession,
  unexpectedProblems,
} from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`browser tests skipped: ${skipReason}\n`)

const provider = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-provider')!
const admin = demoLogin(provider.slug)
const INVITEE = {
  email: 'new.assessor@example.org',
  name: 'Noor Assessor',
  password: 'a long enough passphrase',
}
const snap = screenshotter('platform')

const pathOf = (page: Page) => new URL(page.url()).pathname
const fullPathOf = (page: Page) => {
  const url = new URL(page.url())
  return url.pathname + url.search
}

/** The navigation a role should see: whatever the nav table lists for it (modules add entries). */
const navLabelsFor = (role: TRole) => navItemsFor(role).map((item) => en[item.label])

/** The text of an element, trimmed ('' when it has none). */
const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? ''

/** Nothing is wider than the screen (evaluated in the page; this file is type-checked without DOM types). */
const fitsScreen = async (page: Page) =>
  (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')) === true

/**
 * No element carries a style attribute: the server's CSP may still allow inline styles for its own
 * fallback page, but the app must work under a strict `style-src 'self'` (docs/security.md).
 */
const assertNoInlineStyles = async (page: Page) =>
  assert.equal(
    // An empty style="" is what the browser leaves after filling a field; it carries no style.
    await page.evaluate(
      `[...document.querySelectorAll('[style]:not([style=""])')].map((node) => node.outerHTML.slice(0, 160)).join('\\n')`,
    ),
    '',
    `inline style on ${page.url()}`,
  )

/** Fails with the page's console errors, uncaught exceptions and CSP reports, if any. */
function assertNoProblems(session: TBrowserSession) {
  assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
}

describe('the platform in a browser', { skip: skipReason ?? false, timeout: 180_000 }, () => {
  let server: TTestServer
  let acceptUrl = ''

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('an administrator signs in, invites a colleague, reads the audit log and signs out', async () => {
    const session = await openBrowser()
    const { page } = session
    try {
      // Not signed in: the app sends us to sign-in.
      await page.goto(`${server.url}/`)
      await page.getByRole('heading', { name: en['login.title'] }).waitFor()
      assert.equal(pathOf(page), '/login')
      await snap(page, 'login')

      // A wrong password shows the server's own message.
      await page.getByLabel(en['login.email'], { exact: true }).fill(admin.email)
      await page.getByLabel(en['login.password'], { exact: true }).fill('not the password')
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
        page.getByRole('button', { name: en['login.submit'] }).click(),
      ])
      assert.equal(refused.status(), 401)
      const refusal = (await refused.json()) as TErrorBody
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.equal(await textOf(alert.locator('p').first()), refusal.error.message)
      assert.equal(pathOf(page), '/login')
      await snap(page, 'login-wrong-password')
      await assertNoInlineStyles(page)

      // The right password opens the shell on the overview.
      await page.getByLabel(en['login.password'], { exact: true }).fill(admin.password)
      await page.getByRole('button', { name: en['login.submit'] }).click()
      await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      assert.equal(pathOf(page), '/')
      assert.equal(await textOf(page.getByTestId('organisation-name')), provider.name)
      assert.match(await textOf(page.locator('.app-header')), new RegExp(en['app.name']))
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      assert.deepEqual(await nav.getByRole('link').allTextContents(), navLabelsFor('owner'))
      assert.ok(navLabelsFor('owner').includes(en['nav.audit']))
      const apiLink = page.getByRole('link', { name: en['overview.linkApi'] })
      const apiResponse = await page.request.get(
        new URL((await apiLink.getAttribute('href')) ?? '', server.url).href,
      )
      assert.equal(apiResponse.status(), 200, 'the API reference link leads to a page')
      await snap(page, 'overview')
      await assertNoInlineStyles(page)
      // The skip link is the first thing a keyboard reaches.
      const firstFocusable = `document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')?.textContent`
      assert.equal(await page.evaluate(firstFocusable), en['app.skipToContent'])

      // Organisation settings: the administrator is listed among the members.
      await nav.getByRole('link', { name: en['nav.organisation'] }).click()
      await page.getByRole('heading', { name: en['members.heading'] }).waitFor()
      await page.getByRole('row').filter({ hasText: admin.email }).waitFor()
      assert.equal(pathOf(page), '/settings/organisation')
      await snap(page, 'organisation-settings')

      // Invite a colleague as assessor: the link is shown once, the invitation is listed as open.
      await page.getByLabel(en['invitations.email'], { exact: true }).fill(INVITEE.email)
      await page.getByLabel(en['invitations.role'], { exact: true }).selectOption('assessor')
      await page.getByRole('button', { name: en['invitations.create'] }).click()
      const link = page.getByRole('textbox', { name: en['invitations.link'], exact: true })
      await link.waitFor()
      acceptUrl = await link.inputValue()
      assert.ok(acceptUrl.startsWith(server.url), `the link ${acceptUrl} points at this server`)
      const invitationRow = page.getByRole('row').filter({ hasText: INVITEE.email })
      await invitationRow.waitFor()
      assert.match(await textOf(invitationRow), new RegExp(en['invitations.statusOpen']))
      await snap(page, 'invitation-created')
      await assertNoInlineStyles(page)

      // The audit log shows the invitation and the head of the hash chain.
      await nav.getByRole('link', { name: en['nav.audit'] }).click()
      await page.getByRole('heading', { name: en['audit.headHeading'] }).waitFor()
      assert.match(await textOf(page.getByTestId('head-hash')), /^[0-9a-f]{64}$/)
      const rows = page.locator('.audit-table tbody tr')
      await rows.first().waitFor()
      assert.match(await textOf(rows.first()), /invitation/i)
      assert.ok((await textOf(page.locator('.audit-table'))).includes(INVITEE.email))
      await snap(page, 'audit-log')
      await assertNoInlineStyles(page)

      // Sign out from the account menu: back on sign-in, and the session is really gone.
      const accountName = en['shell.userMenu'].replace('{name}', `${provider.name} admin`)
      const accountButton = page.getByRole('button', { name: accountName })
      // Keyboard: the menu opens with Enter and Escape closes it, returning focus to its button.
      await accountButton.focus()
      await page.keyboard.press('Enter')
      assert.equal(await accountButton.getAttribute('aria-expanded'), 'true')
      await page.keyboard.press('Escape')
      assert.equal(await accountButton.getAttribute('aria-expanded'), 'false')
      assert.equal(await page.locator(':focus').getAttribute('aria-label'), accountName)
      await accountButton.click()
      await snap(page, 'account-menu')
      await page.getByRole('button', { name: en['shell.signOut'] }).click()
      await page.getByText(en['login.signedOut']).waitFor()
      assert.equal(pathOf(page), '/login')
      await snap(page, 'signed-out')
      await page.goto(`${server.url}/audit`)
      await page.getByRole('heading', { name: en['login.title'] }).waitFor()
      assert.equal(fullPathOf(page), '/login?next=%2Faudit')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  it('the invited colleague joins on a 360-pixel screen and sees only what an assessor may use', async () => {
    assert.ok(acceptUrl, 'the previous journey created an invitation link')
    const session = await openBrowser({ viewport: { width: 360, height: 740 } })
    const { page } = session
    try {
      await page.goto(acceptUrl)
      await page.getByRole('heading', { name: en['invite.title'] }).waitFor()
      await snap(page, 'invitation-accept')

      // A password below the shared minimum is caught before anything is sent.
      await page.getByLabel(en['invite.name'], { exact: true }).fill(INVITEE.name)
      await page.getByLabel(en['invite.password'], { exact: true }).fill('short')
      await page.getByLabel(en['invite.confirm'], { exact: true }).fill('short')
      await page.getByRole('button', { name: en['invite.submit'] }).click()
      await page.getByRole('alert').waitFor()
      assert.equal(pathOf(page), '/invitations/accept')

      await page.getByLabel(en['invite.password'], { exact: true }).fill(INVITEE.password)
      await page.getByLabel(en['invite.confirm'], { exact: true }).fill(INVITEE.password)
      await page.getByRole('button', { name: en['invite.submit'] }).click()
      await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      assert.equal(pathOf(page), '/')
      assert.equal(await textOf(page.getByTestId('organisation-name')), provider.name)
      // On a narrow screen the navigation is folded behind the Menu button.
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      assert.equal(await nav.isVisible(), false)
      const menu = page.getByRole('button', { name: en['shell.menu'], exact: true })
      await menu.click()
      assert.equal(await menu.getAttribute('aria-expanded'), 'true')
      assert.deepEqual(await nav.getByRole('link').allTextContents(), navLabelsFor('assessor'))
      await snap(page, 'assessor-menu-360')
      await menu.click()
      assert.ok(!navLabelsFor('assessor').includes(en['nav.audit']))
      assert.match(await textOf(page.locator('.facts')), new RegExp(en['role.assessor']))
      // Nothing is wider than the screen (tables scroll inside their own box).
      assert.ok(await fitsScreen(page))
      await snap(page, 'assessor-overview-360')

      // The audit log is not for assessors, even when typed into the address bar.
      await page.goto(`${server.url}/audit`)
      await page.getByText(en['error.notAllowed']).waitFor()

      // An unknown address gets the 404 page inside the shell.
      await page.goto(`${server.url}/no/such/page`)
      await page.getByRole('heading', { name: en['notFound.title'] }).waitFor()
      assert.ok(await fitsScreen(page))
      await snap(page, 'not-found-360')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  it('a member of two organisations switches between them from the header', async () => {
    const client = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-client')!
    const clientAdmin = demoLogin(client.slug)
    const session = await openBrowser()
    const { page } = session
    try {
      // The provider's administrator invites the client's administrator, who already has an account.
      await page.goto(`${server.url}/login`)
      await page.getByLabel(en['login.email'], { exact: true }).fill(admin.email)
      await page.getByLabel(en['login.password'], { exact: true }).fill(admin.password)
      await page.getByRole('button', { name: en['login.submit'] }).click()
      await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      await page.goto(`${server.url}/settings/organisation`)
      await page.getByLabel(en['invitations.email'], { exact: true }).fill(clientAdmin.email)
      await page.getByLabel(en['invitations.role'], { exact: true }).selectOption('reviewer')
      await page.getByRole('button', { name: en['invitations.create'] }).click()
      const link = page.getByRole('textbox', { name: en['invitations.link'], exact: true })
      await link.waitFor()
      const invitationUrl = await link.inputValue()
      await page
        .getByRole('button', { name: en['shell.userMenu'].replace('{name}', `${provider.name} admin`) })
        .click()
      await page.getByRole('button', { name: en['shell.signOut'] }).click()
      await page.getByText(en['login.signedOut']).waitFor()

      // An existing account accepts with its current password and lands in the inviting organisation.
      await page.goto(invitationUrl)
      await page.getByLabel(en['invite.name'], { exact: true }).fill('ignored for an existing account')
      await page.getByLabel(en['invite.password'], { exact: true }).fill(clientAdmin.password)
      await page.getByLabel(en['invite.confirm'], { exact: true }).fill(clientAdmin.password)
      await page.getByRole('button', { name: en['invite.submit'] }).click()
      await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      assert.equal(await textOf(page.getByTestId('organisation-name')), provider.name)
      assert.match(await textOf(page.locator('.facts')), new RegExp(en['role.reviewer']))

      // Two memberships: the header offers both organisations; switching changes the whole session.
      const switcher = page.getByRole('combobox', { name: en['shell.organisation'], exact: true })
      assert.deepEqual(
        (await switcher.locator('option').allTextContents()).sort(),
        [client.name, provider.name].sort(),
      )
      await snap(page, 'switcher-before')
      await switcher.selectOption({ label: client.name })
      await page.getByTestId('organisation-name').filter({ hasText: client.name }).waitFor()
      assert.match(await textOf(page.locator('.facts')), new RegExp(en['role.owner']))
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      await nav.getByRole('link', { name: en['nav.audit'] }).waitFor()
      await nav.getByRole('link', { name: en['nav.organisation'] }).click()
      await page.getByRole('row').filter({ hasText: clientAdmin.email }).waitFor()
      assert.equal(await page.getByRole('row').filter({ hasText: admin.email }).count(), 0)
      await snap(page, 'switcher-after')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  it('the audit log loads older entries page by page until the first one', async () => {
    // Enough events in the vendor's organisation for more than one page, written through the API.
    const vendor = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-vendor')!
    const vendorAdmin = demoLogin(vendor.slug)
    const api = await signInThroughApi(server.url, vendorAdmin)
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i += 1) {
      await api.post('/api/org/invitations', { email: `person-${i}@example.org`, role: 'viewer' })
    }

    const session = await openBrowser()
    const { page } = session
    try {
      await page.goto(`${server.url}/audit`)
      await page.getByLabel(en['login.email'], { exact: true }).fill(vendorAdmin.email)
      await page.getByLabel(en['login.password'], { exact: true }).fill(vendorAdmin.password)
      await page.getByRole('button', { name: en['login.submit'] }).click()
      // Sign-in returns to the page that was asked for.
      await page.getByRole('heading', { name: en['audit.headHeading'] }).waitFor()
      assert.equal(pathOf(page), '/audit')

      const rows = page.locator('.audit-table tbody tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), AUDIT_PAGE_SIZE)
      const headBefore = await textOf(page.getByTestId('head-hash'))
      await page.getByRole('button', { name: en['audit.loadMore'] }).click()
      await page.getByText(en['audit.end']).waitFor()
      const total = await rows.count()
      assert.ok(total > AUDIT_PAGE_SIZE, `${total} rows after loading more`)
      // Newest first, no entry twice, and the oldest is the organisation's creation.
      const times = await page
        .locator('.audit-table tbody tr time')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''))
      assert.deepEqual([...times].sort().reverse(), times)
      assert.match(await textOf(rows.last()), /organisation/i)
      assert.equal(await textOf(page.getByTestId('head-hash')), headBefore)
      assert.equal(await page.getByRole('button', { name: en['audit.loadMore'] }).count(), 0)
      await snap(page, 'audit-log-all-pages')

      // When the session ends behind the page's back, the next request leads to sign-in and back.
      await session.context.clearCookies()
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      await nav.getByRole('link', { name: en['nav.organisation'] }).click()
      await page.getByRole('heading', { name: en['login.title'] }).waitFor()
      assert.equal(fullPathOf(page), '/login?next=%2Fsettings%2Forganisation')
      await page.getByLabel(en['login.email'], { exact: true }).fill(vendorAdmin.email)
      await page.getByLabel(en['login.password'], { exact: true }).fill(vendorAdmin.password)
      await page.getByRole('button', { name: en['login.submit'] }).click()
      await page.getByRole('heading', { name: en['members.heading'] }).waitFor()
      assert.equal(pathOf(page), '/settings/organisation')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  it('an administrator renames the organisation, changes a role, revokes an invitation and removes a member', async () => {
    const session = await openBrowser()
    const { page } = session
    const newName = `${provider.name} (renamed)`
    try {
      await page.goto(`${server.url}/settings/organisation`)
      await page.getByLabel(en['login.email'], { exact: true }).fill(admin.email)
      await page.getByLabel(en['login.password'], { exact: true }).fill(admin.password)
      await page.getByRole('button', { name: en['login.submit'] }).click()
      await page.getByRole('heading', { name: en['members.heading'] }).waitFor()

      // Rename: the header follows, because the session (me) is refetched.
      const nameField = page.getByLabel(en['org.name'], { exact: true })
      await nameField.fill(newName)
      await page.getByRole('button', { name: en['org.rename'] }).click()
      await page.getByText(en['org.renamed']).waitFor()
      await page.locator('.app-header').getByText(newName).waitFor()

      // Change the assessor who joined earlier into a reviewer.
      const members = page.getByRole('region', { name: en['members.heading'], exact: true })
      const noorRow = members.getByRole('row').filter({ hasText: INVITEE.email })
      const roleSelect = noorRow.getByRole('combobox', {
        name: en['members.roleFor'].replace('{name}', INVITEE.name),
      })
      await roleSelect.selectOption('reviewer')
      await page
        .getByText(
          en['members.roleSaved'].replace('{name}', INVITEE.name).replace('{role}', en['role.reviewer']),
        )
        .waitFor()
      assert.equal(await roleSelect.inputValue(), 'reviewer')

      // Invite someone, then revoke the invitation: it leaves the list.
      const revokeEmail = 'changed.mind@example.org'
      await page.getByLabel(en['invitations.email'], { exact: true }).fill(revokeEmail)
      await page.getByRole('button', { name: en['invitations.create'] }).click()
      const invitationRow = page.getByRole('row').filter({ hasText: revokeEmail })
      await invitationRow.waitFor()
      await invitationRow
        .getByRole('button', { name: en['invitations.revokeFor'].replace('{email}', revokeEmail) })
        .click()
      await page.getByText(en['invitations.revoked'].replace('{email}', revokeEmail)).waitFor()
      assert.equal(await invitationRow.count(), 0)

      // Remove the reviewer, after confirming.
      await noorRow.getByRole('button', { name: en['members.remove'] }).click()
      await snap(page, 'member-remove-confirm')
      await noorRow.getByRole('button', { name: en['members.removeYes'] }).click()
      await page.getByText(en['members.removed'].replace('{name}', INVITEE.name)).waitFor()
      assert.equal(await noorRow.count(), 0)
      await snap(page, 'organisation-after-changes')

      // Each change is in the audit log, newest first.
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      await nav.getByRole('link', { name: en['nav.audit'] }).click()
      const rows = page.locator('.audit-table tbody tr')
      await rows.first().waitFor()
      const actions = (
        await rows.locator('.action').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title')))
      ).slice(0, 5)
      assert.deepEqual(actions, [
        'member.removed',
        'invitation.revoked',
        'invitation.created',
        'member.role_changed',
        'organisation.renamed',
      ])
      await snap(page, 'audit-log-after-changes')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })
})
