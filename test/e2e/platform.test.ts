/**
 * Browser journeys of the platform: the demo provider's administrator signs in, looks around,
 * invites a colleague, reads the audit log and signs out; the colleague accepts the invitation on a
 * phone-sized screen; existing accounts join through invitations; a person changes their password
 * and signs out their other sessions; an administrator hands out a password reset link. Screenshots
 * of every step land in test-results/platform/.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import type { TErrorBody } from '../../src/http/openapi.ts'
import { DEMO_ORGANISATIONS, demoLogin } from '../../src/modules/platform/demo.ts'
import type { TRole } from '../../src/modules/platform/limits.ts'
import type { TCreatedInvitation, TInvitationList } from '../../src/modules/platform/schemas.ts'
import { AUDIT_PAGE_SIZE, INVITATIONS_PAGE_SIZE } from '../../web/src/api/platform.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { navItemsFor } from '../../web/src/nav.ts'
import { postPublic, signInThroughApi } from './helpers/api.ts'
import { assertNoProblems, browserSkipReason, fitsScreen, openBrowser } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage, submitSignIn } from './helpers/sign-in.ts'
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
/** The phone width of the newer journeys' narrow screenshots. */
const PHONE = { width: 390, height: 844 }

const pathOf = (page: Page) => new URL(page.url()).pathname
const fullPathOf = (page: Page) => {
  const url = new URL(page.url())
  return url.pathname + url.search
}

/** The navigation a role of the demo provider should see: whatever the nav table lists for it (modules add entries). */
const navLabelsFor = (role: TRole) => navItemsFor(role, 'provider').map((item) => en[item.label])

/** The text of an element, trimmed ('' when it has none). */
const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? ''

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

/** The message of the error body in a response the page received. */
const errorMessageOf = async (response: { json: () => Promise<unknown> }) =>
  ((await response.json()) as TErrorBody).error.message

describe('the platform in a browser', { skip: skipReason ?? false, timeout: 360_000 }, () => {
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
      assert.match(await textOf(rows.first()), new RegExp(`Invited ${INVITEE.email}`))
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
      await signInOnPage(page, server.url, { credentials: admin })
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

      // An existing account: accepting changes nothing, then the sign-in checks the password. A
      // wrong one is explained in the terms of the account that exists at the invited address.
      await page.goto(invitationUrl)
      await page.getByLabel(en['invite.name'], { exact: true }).fill('ignored for an existing account')
      await page.getByLabel(en['invite.password'], { exact: true }).fill('not the password of it')
      await page.getByLabel(en['invite.confirm'], { exact: true }).fill('not the password of it')
      const [accepted, refused] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/invitations/accept')),
        page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
        page.getByRole('button', { name: en['invite.submit'] }).click(),
      ])
      assert.equal(accepted.status(), 200)
      assert.deepEqual(await accepted.json(), { email: clientAdmin.email })
      assert.equal(refused.status(), 401)
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.equal(
        await textOf(alert.locator('p').first()),
        en['invite.wrongPassword'].replace('{email}', clientAdmin.email),
      )
      assert.equal(pathOf(page), '/invitations/accept')
      await snap(page, 'invitation-existing-wrong-password')

      // Its own password: signed in, joined, and working in the inviting organisation; the name
      // typed on the form did not replace the account's.
      await page.getByLabel(en['invite.password'], { exact: true }).fill(clientAdmin.password)
      await page.getByLabel(en['invite.confirm'], { exact: true }).fill(clientAdmin.password)
      await page.getByRole('button', { name: en['invite.submit'] }).click()
      await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      assert.equal(pathOf(page), '/')
      assert.equal(await textOf(page.getByTestId('organisation-name')), provider.name)
      assert.match(await textOf(page.locator('.facts')), new RegExp(en['role.reviewer']))
      await page
        .getByRole('button', { name: en['shell.userMenu'].replace('{name}', `${client.name} admin`) })
        .waitFor()

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
      await submitSignIn(page, vendorAdmin)
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
      await submitSignIn(page, vendorAdmin)
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
      await submitSignIn(page, admin)
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
        await rows
          .locator('.action')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-action')))
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

  /** A new account that belongs to one organisation, made through the API: invited by its owner, accepted. */
  async function createMember(
    owner: { email: string; password: string },
    person: { email: string; name: string; password: string },
    role: TRole = 'viewer',
  ) {
    const api = await signInThroughApi(server.url, owner)
    const invitation = (await (
      await api.post('/api/org/invitations', { email: person.email, role })
    ).json()) as TCreatedInvitation
    await postPublic(server.url, '/api/invitations/accept', {
      token: invitation.token,
      name: person.name,
      password: person.password,
    })
  }

  it('a signed-in person joins through an invitation with one button; a link for another address is refused', async () => {
    const vendor = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-vendor')!
    const joiner = { email: 'jo.joiner@example.org', name: 'Jo Joiner', password: 'joiner passphrase 2026' }
    await createMember(admin, joiner)
    const vendorApi = await signInThroughApi(server.url, demoLogin(vendor.slug))
    const invite = async (email: string) =>
      (
        (await (
          await vendorApi.post('/api/org/invitations', { email, role: 'assessor' })
        ).json()) as TCreatedInvitation
      ).acceptUrl
    const forJoiner = await invite(joiner.email)
    const forSomeoneElse = await invite('someone.else@example.org')

    const session = await openBrowser({ viewport: PHONE })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { credentials: joiner })

      // Signed in as Jo, holding a link sent to another address: the server refuses, the page says why.
      await page.goto(forSomeoneElse)
      const joinAs = page.getByRole('button', { name: en['invite.joinAs'].replace('{email}', joiner.email) })
      await joinAs.waitFor()
      await snap(page, 'invitation-join-as-390')
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/invitations/join')),
        joinAs.click(),
      ])
      assert.equal(refused.status(), 404)
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.equal(await textOf(alert.locator('p').first()), await errorMessageOf(refused))
      assert.equal(pathOf(page), '/invitations/accept')
      assert.ok(await fitsScreen(page))
      await snap(page, 'invitation-join-refused-390')
      await assertNoInlineStyles(page)

      // The link sent to Jo: one button, and the session works in the vendor's organisation.
      await page.goto(forJoiner)
      await joinAs.click()
      await page.getByTestId('organisation-name').filter({ hasText: vendor.name }).waitFor()
      assert.equal(pathOf(page), '/')
      assert.match(await textOf(page.locator('.facts')), new RegExp(en['role.assessor']))
      await snap(page, 'invitation-joined-390')

      assertNoProblems(session, 404)
    } finally {
      await session.close()
    }
  })

  it('a person changes their password, sees where they are signed in and signs out everywhere else', async () => {
    const holder = {
      email: 'account.holder@example.org',
      name: 'Ari Holder',
      password: 'first passphrase of ari',
    }
    const newPassword = 'second passphrase of ari'
    await createMember(admin, holder)

    // Three sessions: another browser, a script through the API, and this browser (the newest).
    const other = await openBrowser()
    const session = await openBrowser()
    const { page } = session
    try {
      await signInOnPage(other.page, server.url, { credentials: holder })
      const script = await signInThroughApi(server.url, holder)
      await signInOnPage(page, server.url, { credentials: holder })

      // "Your account" sits in the account menu, not in the main navigation.
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      assert.equal(await nav.getByRole('link', { name: en['shell.account'] }).count(), 0)
      await page.getByRole('button', { name: en['shell.userMenu'].replace('{name}', holder.name) }).click()
      await page.getByRole('link', { name: en['shell.account'] }).click()
      await page.getByRole('heading', { name: en['account.title'], level: 1 }).waitFor()
      assert.equal(pathOf(page), '/account')
      assert.equal(await textOf(page.getByTestId('account-email')), holder.email)

      // The sessions: this one first and marked, the others newest first, each with "Sign out".
      const sessions = page.getByRole('region', { name: en['account.sessionsHeading'] })
      const endSessionLabel = new RegExp(`^${en['account.endSessionFor'].split('{')[0]}`)
      const rows = sessions.locator('tbody tr')
      await rows.nth(2).waitFor()
      assert.equal(await rows.count(), 3)
      assert.match(await textOf(rows.first()), new RegExp(en['account.thisSession']))
      assert.equal(await rows.first().getByRole('button').count(), 0)
      assert.equal(await sessions.getByRole('button', { name: endSessionLabel }).count(), 2)
      await snap(page, 'account')
      await assertNoInlineStyles(page)

      // Signing out the newest other session ends the script's; the other browser stays signed in.
      await rows.nth(1).getByRole('button', { name: endSessionLabel }).click()
      await sessions
        .getByRole('status')
        .filter({ hasText: /was signed out/ })
        .waitFor()
      assert.equal(await rows.count(), 2)
      assert.equal((await script.get('/api/me')).status, 401)
      await other.page.reload()
      await other.page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()

      // "Sign out everywhere else" ends the other browser's session: its next request leads to sign-in.
      await sessions.getByRole('button', { name: en['account.endOthers'] }).click()
      await sessions.getByText(en['account.othersEnded.one'].replace('{count}', '1')).waitFor()
      assert.equal(await rows.count(), 1)
      await sessions.getByText(en['account.onlySession']).waitFor()
      await snap(page, 'account-signed-out-elsewhere')
      await other.page
        .getByRole('navigation', { name: en['shell.mainNav'] })
        .getByRole('link', { name: en['nav.organisation'] })
        .click()
      await other.page.getByRole('heading', { name: en['login.title'] }).waitFor()

      // The other browser signs in again; then the password changes here.
      await signInOnPage(other.page, server.url, { credentials: holder })
      const form = page.getByRole('region', { name: en['account.passwordHeading'] })
      const current = form.getByLabel(en['account.currentPassword'], { exact: true })
      const fresh = form.getByLabel(en['account.newPassword'], { exact: true })
      const again = form.getByLabel(en['account.confirmPassword'], { exact: true })
      const submit = form.getByRole('button', { name: en['account.changePassword'] })

      // Two different new passwords are caught before anything is sent.
      await current.fill(holder.password)
      await fresh.fill(newPassword)
      await again.fill(`${newPassword}!`)
      await submit.click()
      await form.getByRole('alert').getByText(en['password.mismatch']).waitFor()

      // A wrong current password is refused by the server, in this form's words.
      await current.fill('not my password at all')
      await again.fill(newPassword)
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/auth/password')),
        submit.click(),
      ])
      assert.equal(refused.status(), 401)
      await form.getByRole('alert').getByText(en['account.wrongCurrentPassword']).waitFor()
      await snap(page, 'account-wrong-current-password')

      // The right one: changed, the other browser signed out, this one still in.
      await current.fill(holder.password)
      await submit.click()
      await form.getByText(en['account.passwordChanged.one'].replace('{count}', '1')).waitFor()
      assert.equal(await current.inputValue(), '')
      await rows.first().waitFor()
      await sessions.getByText(en['account.onlySession']).waitFor()
      await snap(page, 'account-password-changed')

      await other.page.reload()
      await other.page.getByRole('heading', { name: en['login.title'] }).waitFor()
      await submitSignIn(other.page, holder)
      await other.page.getByRole('alert').waitFor()
      await other.page.getByLabel(en['login.password'], { exact: true }).fill(newPassword)
      await other.page.getByRole('button', { name: en['login.submit'] }).click()
      await other.page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()

      // On a phone the page fits the screen: the sessions table scrolls inside its own box.
      await page.setViewportSize(PHONE)
      await page.reload()
      await rows.nth(1).waitFor()
      assert.ok(await fitsScreen(page))
      await snap(page, 'account-390')

      assertNoProblems(session)
      assertNoProblems(other)
    } finally {
      await other.close()
      await session.close()
    }
  })

  it('an administrator hands out a password reset link; the person sets a new password and signs in', async () => {
    const client = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-client')!
    const forgetful = {
      email: 'fran.forgetful@example.org',
      name: 'Fran Forgetful',
      password: 'a passphrase fran forgot',
    }
    const newPassword = 'a passphrase fran keeps'
    await createMember(admin, forgetful)
    const fransOldSession = await signInThroughApi(server.url, forgetful)

    const session = await openBrowser()
    const { page } = session
    const person = await openBrowser({ viewport: PHONE })
    try {
      await signInOnPage(page, server.url, { credentials: admin })
      await page.goto(`${server.url}/settings/organisation`)
      const members = page.getByRole('region', { name: en['members.heading'], exact: true })
      await members.getByRole('row').filter({ hasText: forgetful.email }).waitFor()
      // No reset for oneself: that is the password form under Your account.
      const ownRow = members.getByRole('row').filter({ hasText: admin.email })
      assert.equal(await ownRow.getByRole('button', { name: en['members.resetPassword'] }).count(), 0)

      // Someone who also works for another organisation: the server says who can reset instead.
      const clientAdminName = `${client.name} admin`
      const [conflict] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/password-reset')),
        members
          .getByRole('button', { name: en['members.resetPasswordFor'].replace('{name}', clientAdminName) })
          .click(),
      ])
      assert.equal(conflict.status(), 409)
      const refusal = members.getByRole('region', {
        name: en['members.resetFailedHeading'].replace('{name}', clientAdminName),
      })
      await refusal.waitFor()
      assert.equal(
        await textOf(refusal.getByRole('alert').locator('p').first()),
        await errorMessageOf(conflict),
      )
      await snap(page, 'member-reset-refused')
      await refusal.getByRole('button', { name: en['members.resetDismiss'] }).click()
      await refusal.waitFor({ state: 'detached' })

      // Fran belongs here alone: the link is shown once, with what it does.
      await members
        .getByRole('button', { name: en['members.resetPasswordFor'].replace('{name}', forgetful.name) })
        .click()
      const issued = members.getByRole('region', {
        name: en['members.resetHeading'].replace('{name}', forgetful.name),
      })
      const link = issued.getByRole('textbox', { name: en['members.resetLink'], exact: true })
      await link.waitFor()
      const resetUrl = await link.inputValue()
      assert.ok(resetUrl.startsWith(`${server.url}/password-reset#token=`), resetUrl)
      assert.match(await textOf(issued), /works once, for one day/)
      assert.match(await textOf(issued), /signs Fran Forgetful out everywhere/)
      await snap(page, 'member-reset-link')
      await assertNoInlineStyles(page)

      // Fran opens the link on a phone: a too-short password is caught, then the new one is set.
      await person.page.goto(resetUrl)
      await person.page.getByRole('heading', { name: en['reset.title'] }).waitFor()
      await snap(person.page, 'password-reset-390')
      const fresh = person.page.getByLabel(en['reset.newPassword'], { exact: true })
      const again = person.page.getByLabel(en['reset.confirm'], { exact: true })
      const submit = person.page.getByRole('button', { name: en['reset.submit'] })
      await fresh.fill('short')
      await again.fill('short')
      await submit.click()
      await person.page.getByRole('alert').waitFor()
      await fresh.fill(newPassword)
      await again.fill(newPassword)
      await submit.click()
      await person.page.getByText(en['reset.done'].replace('{email}', forgetful.email)).waitFor()
      assert.ok(await fitsScreen(person.page))
      await snap(person.page, 'password-reset-done-390')
      await assertNoInlineStyles(person.page)
      // Every session of the account ended with the reset.
      assert.equal((await fransOldSession.get('/api/me')).status, 401)

      // On to sign-in, the address already filled in; the new password opens the overview.
      await person.page.getByRole('link', { name: en['reset.signIn'] }).click()
      await person.page.getByRole('heading', { name: en['login.title'] }).waitFor()
      assert.equal(
        await person.page.getByLabel(en['login.email'], { exact: true }).inputValue(),
        forgetful.email,
      )
      await person.page.getByLabel(en['login.password'], { exact: true }).fill(newPassword)
      await person.page.getByRole('button', { name: en['login.submit'] }).click()
      await person.page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
      await snap(person.page, 'password-reset-signed-in-390')

      // The link worked once: opened again, the server's message says to ask for a new one.
      await person.page.goto(resetUrl)
      await fresh.fill(`${newPassword} again`)
      await again.fill(`${newPassword} again`)
      const [dead] = await Promise.all([
        person.page.waitForResponse((response) => response.url().endsWith('/api/auth/password-reset')),
        submit.click(),
      ])
      assert.equal(dead.status(), 404)
      const alert = person.page.getByRole('alert')
      await alert.waitFor()
      assert.equal(await textOf(alert.locator('p').first()), await errorMessageOf(dead))
      assert.equal(await submit.count(), 0, 'a dead link offers no form')
      await snap(person.page, 'password-reset-used-390')

      assertNoProblems(session, 409)
      assertNoProblems(person, 404)
    } finally {
      await person.close()
      await session.close()
    }
  })

  it('the invitations list shows a page at a time, newest first, and more on request', async () => {
    const vendor = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-vendor')!
    const vendorAdmin = demoLogin(vendor.slug)
    const api = await signInThroughApi(server.url, vendorAdmin)
    for (let i = 0; i < INVITATIONS_PAGE_SIZE; i += 1) {
      await api.post('/api/org/invitations', { email: `paged-${i}@example.org`, role: 'viewer' })
    }
    const all = (await (await api.get('/api/org/invitations?limit=500')).json()) as TInvitationList
    assert.equal(all.nextCursor, null)
    const total = all.invitations.length
    assert.ok(total > INVITATIONS_PAGE_SIZE, `${total} invitations`)

    const session = await openBrowser()
    const { page } = session
    try {
      await signInOnPage(page, server.url, { credentials: vendorAdmin })
      await page.goto(`${server.url}/settings/organisation`)
      const section = page.getByRole('region', { name: en['invitations.heading'], exact: true })
      const rows = section.locator('tbody tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), INVITATIONS_PAGE_SIZE)
      assert.match(await textOf(rows.first()), new RegExp(`paged-${INVITATIONS_PAGE_SIZE - 1}@`))
      await section.getByText(`${INVITATIONS_PAGE_SIZE} invitations shown`).waitFor()
      const more = section.getByRole('button', { name: en['invitations.showMore'] })
      await snap(page, 'invitations-first-page')
      await more.click()
      await section.getByText(`${total} invitations shown`).waitFor()
      assert.equal(await rows.count(), total)
      assert.equal(await more.count(), 0)
      // The same list as the API's, in the same order: nothing twice, nothing skipped.
      const shown = await rows.locator('th').allTextContents()
      assert.deepEqual(
        shown.map((email) => email.trim()),
        all.invitations.map((invitation) => invitation.email),
      )
      await snap(page, 'invitations-all-pages')

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })
  it('a 160-character organisation name without a space wraps instead of widening any page', async () => {
    const client = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-client')!
    const longName = 'M'.repeat(160)
    const session = await openBrowser({ viewport: PHONE })
    const { page } = session
    try {
      await signInOnPage(page, server.url, {
        credentials: demoLogin(client.slug),
        next: '/settings/organisation',
      })
      await page.getByLabel(en['org.name'], { exact: true }).fill(longName)
      await page.getByRole('button', { name: en['org.rename'] }).click()
      await page.getByText(en['org.renamed']).waitFor()
      for (const path of ['/settings/organisation', '/', '/audit']) {
        for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
          await page.setViewportSize(viewport)
          await page.goto(`${server.url}${path}`)
          await page.locator('h1').first().waitFor()
          await page.locator('.app-header').getByText(longName).first().waitFor({ state: 'attached' })
          assert.ok(await fitsScreen(page), `${path} at ${viewport.width} px`)
        }
      }
      await page.setViewportSize(PHONE)
      await page.goto(`${server.url}/settings/organisation`)
      await snap(page, 'long-name-390')
      await page.getByLabel(en['org.name'], { exact: true }).fill(client.name)
      await page.getByRole('button', { name: en['org.rename'] }).click()
      await page.getByText(en['org.renamed']).waitFor()
      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })
})
