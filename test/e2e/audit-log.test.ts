/**
 * Browser journey of the audit log (web/src/pages/AuditLogPage.tsx): the demo provider's
 * administrator invites a colleague, who joins, signs in and invites someone herself; the
 * administrator changes her role, then reads the log: every entry a sentence (no dotted action
 * name, no id), filtered by action and by member and without sign-ins, each filter kept in the
 * address and over a reload, the CSV download holding exactly the filtered entries; then the same
 * page on a phone, in English and in Arabic. Screenshots land in test-results/audit-log/.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { AUDIT_CSV_COLUMNS } from '../../src/modules/platform/audit.ts'
import { DEMO_ORGANISATIONS, demoLogin } from '../../src/modules/platform/demo.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { AUDIT_ACTIONS } from '../../web/src/lib/audit.ts'
import { postPublic, signInThroughApi, type TApiSession } from './helpers/api.ts'
import { assertNoProblems, browserSkipReason, fitsScreen, openBrowser } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('audit-log')

const provider = DEMO_ORGANISATIONS.find((org) => org.slug === 'demo-provider')!
const ADMIN = demoLogin(provider.slug)
const ADMIN_NAME = `${provider.name} admin`
const COLLEAGUE = {
  name: 'Ana Pereira',
  email: 'ana.pereira@example.org',
  password: 'a-long-passphrase-2026',
}
const HER_INVITEE = 'bo.lindqvist@example.org'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
/** A stored action name as the API spells it (`auth.login`, `member.role_changed`). */
const DOTTED_NAME = /\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\b/
const EMAIL = /[^\s@\u2068\u2069]+@[^\s@\u2068\u2069]+/g
/** True when a sentence shows an action's stored name (an address such as a.b@c.org is no such name). */
const showsActionName = (text: string) =>
  Object.keys(AUDIT_ACTIONS).some((action) => text.includes(action)) ||
  DOTTED_NAME.test(text.replace(EMAIL, ''))

const CSV_ACTION = AUDIT_CSV_COLUMNS.indexOf('Action')
const CSV_ACTOR_EMAIL = AUDIT_CSV_COLUMNS.indexOf('Actor email')

type TRow = { who: string; what: string; details: string; action: string }

/** The table's rows as a person reads them, with the action each was drawn from. */
const rowsOf = (page: Page): Promise<TRow[]> =>
  page.locator('.audit-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      // innerText, as drawn: a detail's label and value apart (the root tsconfig has no DOM types).
      const cells = [...row.querySelectorAll('td')].map((cell) =>
        (cell as unknown as { innerText: string }).innerText.trim(),
      )
      return {
        who: cells[1] ?? '',
        what: cells[2] ?? '',
        details: cells[3] ?? '',
        action: row.querySelector('[data-action]')?.getAttribute('data-action') ?? '',
      }
    }),
  )

/** Waits until the table shows what `isDone` expects (the list refetches after each choice). */
async function rowsWhen(page: Page, isDone: (rows: TRow[]) => boolean, what: string): Promise<TRow[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const rows = await rowsOf(page)
    if (isDone(rows)) return rows
    if (Date.now() > deadline) assert.fail(`${what}; the table shows ${JSON.stringify(rows)}`)
    await sleep(100)
  }
}

/** Clicks the download link and reads the file back with a CSV parser: header row, then records. */
async function downloadCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: en['audit.export'] }).click(),
  ])
  assert.match(download.suggestedFilename(), /^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/)
  const path = await download.path()
  const records = parse(await readFile(path, 'utf8')) as string[][]
  assert.deepEqual(records[0], [...AUDIT_CSV_COLUMNS])
  return records.slice(1)
}

const searchOf = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams)

describe('the audit log in a browser', { skip: skipReason ?? false, timeout: 240_000 }, () => {
  let server: TTestServer
  let colleagueId = ''

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
    // A colleague joins as administrator, signs in and invites someone herself; one sign-in of
    // hers is refused. The owner changes her role in the journey, as a person would see it happen.
    const admin = await signInThroughApi(server.url, ADMIN)
    const invitation = (await (
      await admin.post('/api/org/invitations', { email: COLLEAGUE.email, role: 'admin' })
    ).json()) as { token: string }
    await postPublic(server.url, '/api/invitations/accept', {
      token: invitation.token,
      name: COLLEAGUE.name,
      password: COLLEAGUE.password,
    })
    const colleague: TApiSession = await signInThroughApi(server.url, COLLEAGUE)
    colleagueId = colleague.me.user.id
    await colleague.post('/api/org/invitations', { email: HER_INVITEE, role: 'viewer' })
    const refused = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: COLLEAGUE.email, password: 'not her password' }),
    })
    assert.equal(refused.status, 401)
  })

  after(async () => {
    await server?.close()
  })

  it('the administrator reads the log as sentences, filters it, reloads and downloads what is shown', async () => {
    const session = await openBrowser({ viewport: { width: 1366, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url)
      // Change her role the way the members page does (PATCH with the session's CSRF token).
      const status = await page.evaluate(async (userId) => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string }
        const response = await fetch(`/api/org/members/${userId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ role: 'assessor' }),
        })
        return response.status
      }, colleagueId)
      assert.equal(status, 200)

      await page.goto(`${server.url}/audit`)
      await page.getByRole('heading', { level: 1, name: en['audit.title'] }).waitFor()
      const all = await rowsWhen(page, (rows) => rows.length >= 8, 'the whole trail is listed')

      // Every entry reads as a sentence: no stored action name and no id anywhere in the table.
      for (const row of all) {
        assert.ok(row.what.length > 0, `an entry for ${row.action} has a sentence`)
        assert.ok(!showsActionName(row.what), `"${row.what}" reads as words`)
        assert.doesNotMatch(`${row.who} ${row.what} ${row.details}`, UUID, `"${row.what}" shows no id`)
      }
      assert.doesNotMatch(await page.locator('main').innerText(), UUID, 'no id on the page')
      const sentences = all.map((row) => row.what)
      const roleChange = `Changed the role of ${COLLEAGUE.name} from ${en['role.admin']} to ${en['role.assessor']}`
      for (const sentence of [
        roleChange,
        `Invited ${COLLEAGUE.email} as ${en['role.admin']}`,
        `Invited ${HER_INVITEE} as ${en['role.viewer']}`,
        `Sign-in refused for ${COLLEAGUE.name}`,
        en['audit.event.auth.login'],
      ])
        assert.ok(sentences.includes(sentence), `"${sentence}" among ${JSON.stringify(sentences)}`)
      await snap(page, 'all-entries')

      // By action: only the role change; the address keeps it, and so does a reload.
      const actionFilter = page.getByLabel(en['audit.filterAction'], { exact: true })
      await actionFilter.selectOption({ label: en['audit.filter.member.role_changed'] })
      const roleChanges = await rowsWhen(
        page,
        (rows) => rows.length > 0 && rows.every((row) => row.action === 'member.role_changed'),
        'only role changes',
      )
      assert.deepEqual(
        roleChanges.map((row) => [row.who, row.what]),
        [[ADMIN_NAME, roleChange]],
      )
      assert.deepEqual(searchOf(page), { action: 'member.role_changed' })
      await page.reload()
      await rowsWhen(
        page,
        (rows) => rows.length === 1 && rows[0]?.what === roleChange,
        'the filter survives a reload',
      )
      assert.equal(await actionFilter.inputValue(), 'member.role_changed')
      await snap(page, 'role-changes')
      const roleChangeCsv = await downloadCsv(page)
      assert.deepEqual(
        roleChangeCsv.map((record) => record[CSV_ACTION]),
        ['member.role_changed'],
        'the CSV holds the filtered entries',
      )

      // By member: her own actions only, sign-ins included until they are hidden.
      await actionFilter.selectOption({ label: en['audit.filterAllActions'] })
      const memberFilter = page.getByLabel(en['audit.filterActor'], { exact: true })
      await memberFilter.selectOption({ label: `${COLLEAGUE.name} (${COLLEAGUE.email})` })
      const hers = await rowsWhen(
        page,
        (rows) => rows.length > 0 && rows.every((row) => row.who === COLLEAGUE.name),
        'only her entries',
      )
      assert.ok(
        hers.some((row) => row.action === 'auth.login'),
        'her sign-in is listed',
      )
      assert.ok(hers.some((row) => row.what === `Invited ${HER_INVITEE} as ${en['role.viewer']}`))
      assert.deepEqual(searchOf(page), { actor: colleagueId })

      await page.getByLabel(en['audit.hideSignIns'], { exact: true }).check()
      const hersWithoutSignIns = await rowsWhen(
        page,
        (rows) =>
          rows.length > 0 && rows.every((row) => row.who === COLLEAGUE.name && row.action !== 'auth.login'),
        'her entries without sign-ins',
      )
      assert.equal(hersWithoutSignIns.length, hers.filter((row) => row.action !== 'auth.login').length)
      assert.deepEqual(searchOf(page), { actor: colleagueId, hideSignIns: '1' })
      await page.reload()
      await rowsWhen(
        page,
        (rows) => JSON.stringify(rows) === JSON.stringify(hersWithoutSignIns),
        'both choices survive a reload',
      )
      assert.equal(await memberFilter.inputValue(), colleagueId)
      assert.equal(await page.getByLabel(en['audit.hideSignIns'], { exact: true }).isChecked(), true)
      assert.equal(await actionFilter.inputValue(), '')
      await snap(page, 'her-entries-without-sign-ins')

      const hersCsv = await downloadCsv(page)
      assert.deepEqual(
        hersCsv.map((record) => record[CSV_ACTION]),
        hersWithoutSignIns.map((row) => row.action),
        'the CSV holds the entries shown, in the same order',
      )
      for (const record of hersCsv) assert.equal(record[CSV_ACTOR_EMAIL], COLLEAGUE.email)

      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })

  for (const locale of ['en', 'ar'] as const) {
    it(`on a phone (${locale}), the filtered log fits the screen`, async () => {
      const session = await openBrowser({ viewport: { width: 390, height: 844 } })
      const { page } = session
      try {
        await signInOnPage(page, server.url, { next: `/audit?actor=${colleagueId}` })
        if (locale === 'ar') {
          // The language this browser chose (web/src/i18n/language.ts); the account has none saved.
          await page.evaluate("window.localStorage.setItem('custos.locale', 'ar')")
          await page.reload()
        }
        await page.getByRole('heading', { level: 1 }).waitFor()
        await rowsWhen(page, (rows) => rows.length > 0, 'her entries are listed')
        assert.equal(await page.evaluate('document.documentElement.dir'), locale === 'ar' ? 'rtl' : 'ltr')
        assert.ok(await fitsScreen(page), 'no horizontal scroll at 390 px')
        for (const row of await rowsOf(page)) assert.ok(!showsActionName(row.what), row.what)
        await snap(page, `phone-${locale}`)
        assertNoProblems(session)
      } finally {
        await session.close()
      }
    })
  }
})
