/** API: the signed-in user's interface language (PATCH /api/me/preferences) — on every test database. */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
  type TTestOrg,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import type { TAuditPage, TMe } from './schemas.ts'

forEachDatabase('interface language preference', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
  })

  const meOf = async (session: TSession) => (await request(ctx, 'GET', '/api/me', { session })).body as TMe

  it('is null until chosen, then saved, returned by /api/me and at the next sign-in, and audited', async () => {
    const user = await buildUser(ctx, org, 'viewer')
    const session = await login(ctx, user)
    assert.equal(session.me.user.locale, null)

    const saved = await request(ctx, 'PATCH', '/api/me/preferences', { session, body: { locale: 'ar' } })
    assert.equal(saved.status, 200, saved.text)
    assert.deepEqual(saved.body, { locale: 'ar' })
    assert.equal((await meOf(session)).user.locale, 'ar')
    assert.equal((await login(ctx, user)).me.user.locale, 'ar')

    const admin = await login(ctx, await buildUser(ctx, org, 'admin'))
    const audit = (await request(ctx, 'GET', '/api/org/audit', { session: admin })).body as TAuditPage
    const event = audit.events.find(
      (e) => e.action === 'account.preferences_changed' && e.entityId === user.id,
    )
    assert.ok(event, 'the change is in the audit trail')
    assert.deepEqual(event.summary, { from: null, to: 'ar' })
    assert.equal(event.actor?.id, user.id)

    // Clearing the choice gives the browser's language back.
    const cleared = await request(ctx, 'PATCH', '/api/me/preferences', { session, body: { locale: null } })
    assert.deepEqual(cleared.body, { locale: null })
    assert.equal((await meOf(session)).user.locale, null)
  })

  it('records nothing when the language is already the one saved', async () => {
    const user = await buildUser(ctx, org, 'viewer')
    const session = await login(ctx, user)
    await request(ctx, 'PATCH', '/api/me/preferences', { session, body: { locale: 'fr' } })
    const again = await login(ctx, user)
    await request(ctx, 'PATCH', '/api/me/preferences', { session: again, body: { locale: 'fr' } })
    const admin = await login(ctx, await buildUser(ctx, org, 'admin'))
    const audit = (await request(ctx, 'GET', '/api/org/audit', { session: admin })).body as TAuditPage
    const changes = audit.events.filter(
      (e) => e.action === 'account.preferences_changed' && e.entityId === user.id,
    )
    assert.equal(changes.length, 1)
  })

  it('refuses a language the interface does not have, and malformed bodies, with the error body', async () => {
    const user = await buildUser(ctx, org, 'viewer')
    const session = await login(ctx, user)
    for (const body of [{ locale: 'de' }, { locale: 'EN' }, { locale: 'ar-EG' }, { locale: 7 }, {}]) {
      const res = await request(ctx, 'PATCH', '/api/me/preferences', { session, body })
      expectError(res, 422, 'validation_failed')
      const issues = (res.body as { error: { issues?: { path: string }[] } }).error.issues
      assert.ok(
        issues?.some((i) => i.path === 'locale'),
        `the error names the field: ${res.text}`,
      )
    }
    const broken = await request(ctx, 'PATCH', '/api/me/preferences', {
      session,
      rawBody: '{"locale":',
      headers: { 'content-type': 'application/json' },
    })
    expectError(broken, 400, 'invalid_json')
    assert.equal((await meOf(session)).user.locale, null)
  })

  it('needs a session and the CSRF token', async () => {
    expectError(
      await request(ctx, 'PATCH', '/api/me/preferences', { body: { locale: 'es' } }),
      401,
      'unauthenticated',
    )
    const session = await login(ctx, await buildUser(ctx, org, 'viewer'))
    const res = await request(ctx, 'PATCH', '/api/me/preferences', {
      session,
      csrf: false,
      body: { locale: 'es' },
    })
    expectError(res, 403, 'csrf_failed')
    assert.equal((await meOf(session)).user.locale, null)
  })

  it('changes only your own language and writes only in your organisation’s trail', async () => {
    const other = await buildOrg(ctx)
    const mine = await buildUser(ctx, org, 'owner')
    const theirs = await buildUser(ctx, other, 'owner')
    const mySession = await login(ctx, mine)
    const theirSession = await login(ctx, theirs)
    await request(ctx, 'PATCH', '/api/me/preferences', { session: theirSession, body: { locale: 'es' } })
    assert.equal((await meOf(mySession)).user.locale, null)
    assert.equal((await meOf(theirSession)).user.locale, 'es')
    const myTrail = (await request(ctx, 'GET', '/api/org/audit', { session: mySession })).body as TAuditPage
    assert.equal(
      myTrail.events.some((e) => e.entityId === theirs.id),
      false,
      'another organisation’s preference change is not in this trail',
    )
    // Members see each other's names and roles, never their preferences.
    const members = (await request(ctx, 'GET', '/api/org/members', { session: mySession })).text
    assert.doesNotMatch(members, /locale/)
  })
})
