/** API: one's own sessions, changing the password, and password resets — on every test database. */
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
  type TTestUser,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import { DAY_MS } from '../../core/time.ts'
import { addUserToOrganisation } from './accounts.ts'
import type { TIssuedPasswordReset, TSessionInfo } from './schemas.ts'

const NEW_PASSWORD = 'a brand new long password'

forEachDatabase('own account', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
  })

  const sessionsOf = async (session: TSession): Promise<TSessionInfo[]> =>
    ((await request(ctx, 'GET', '/api/auth/sessions', { session })).body as { sessions: TSessionInfo[] })
      .sessions

  it('lists your sessions, ends one, and signs out everywhere else', async () => {
    const user = await buildUser(ctx, org, 'viewer')
    const laptop = await login(ctx, user)
    const phone = await login(ctx, user)
    const tablet = await login(ctx, user)
    const listed = await sessionsOf(laptop)
    assert.equal(listed.length, 3)
    assert.equal(listed.filter((s) => s.isCurrent).length, 1)
    for (const s of listed) assert.match(s.id, /^[0-9a-f]{32}$/)
    const phoneId = (await sessionsOf(phone)).find((s) => s.isCurrent)?.id
    assert.ok(phoneId)
    assert.equal(
      (await request(ctx, 'DELETE', `/api/auth/sessions/${phoneId}`, { session: laptop })).status,
      204,
    )
    expectError(await request(ctx, 'GET', '/api/me', { session: phone }), 401, 'unauthenticated')

    const other = await buildUser(ctx, org, 'viewer')
    const otherSession = await login(ctx, other)
    const otherId = (await sessionsOf(otherSession))[0]?.id
    expectError(
      await request(ctx, 'DELETE', `/api/auth/sessions/${otherId}`, { session: laptop }),
      404,
      'not_found',
    )
    assert.equal((await request(ctx, 'GET', '/api/me', { session: otherSession })).status, 200)

    const ended = await request(ctx, 'POST', '/api/auth/sessions/end-others', { session: laptop })
    assert.deepEqual(ended.body, { ended: 1 })
    expectError(await request(ctx, 'GET', '/api/me', { session: tablet }), 401, 'unauthenticated')
    assert.equal((await request(ctx, 'GET', '/api/me', { session: laptop })).status, 200)
  })

  it('changes the password only with the current one, limited like sign-in, and ends the other sessions', async () => {
    const user = await buildUser(ctx, org, 'viewer')
    const here = await login(ctx, user)
    const elsewhere = await login(ctx, user)
    for (let i = 0; i < 10; i++) {
      expectError(
        await request(ctx, 'POST', '/api/auth/password', {
          session: here,
          body: { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD },
        }),
        401,
        'invalid_credentials',
      )
    }
    expectError(
      await request(ctx, 'POST', '/api/auth/password', {
        session: here,
        body: { currentPassword: user.password, newPassword: NEW_PASSWORD },
      }),
      429,
      'rate_limited',
    )
    ctx.clock.advance(16 * 60 * 1000)
    const changed = await request(ctx, 'POST', '/api/auth/password', {
      session: here,
      body: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    })
    assert.equal(changed.status, 200, changed.text)
    assert.deepEqual(changed.body, { endedSessions: 1 })
    expectError(await request(ctx, 'GET', '/api/me', { session: elsewhere }), 401, 'unauthenticated')
    assert.equal((await request(ctx, 'GET', '/api/me', { session: here })).status, 200)
    expectError(
      await request(ctx, 'POST', '/api/auth/login', { body: { email: user.email, password: user.password } }),
      401,
      'invalid_credentials',
    )
    await login(ctx, { email: user.email, password: NEW_PASSWORD })
    expectError(
      await request(ctx, 'POST', '/api/auth/password', {
        session: here,
        body: { currentPassword: NEW_PASSWORD, newPassword: 'short' },
      }),
      422,
      'validation_failed',
    )
  })

  it('lets an admin issue a single-use, expiring reset link for a member of this organisation alone', async () => {
    const admin = await buildUser(ctx, org, 'admin')
    const adminSession = await login(ctx, admin)
    const member = await buildUser(ctx, org, 'assessor')
    const memberSession = await login(ctx, member)
    const issued = await request(ctx, 'POST', `/api/org/members/${member.id}/password-reset`, {
      session: adminSession,
    })
    assert.equal(issued.status, 201, issued.text)
    const reset = issued.body as TIssuedPasswordReset
    assert.match(reset.resetUrl, /^http:\/\/localhost:8080\/password-reset#token=/)
    assert.ok(reset.resetUrl.endsWith(reset.token))
    const stored = await handle.db.selectFrom('password_resets').select('token_hash').execute()
    assert.ok(
      stored.every((r) => r.token_hash !== reset.token),
      'only the hash is stored',
    )

    const done = await request(ctx, 'POST', '/api/auth/password-reset', {
      body: { token: reset.token, newPassword: NEW_PASSWORD },
    })
    assert.equal(done.status, 200, done.text)
    assert.deepEqual(done.body, { email: member.email })
    expectError(await request(ctx, 'GET', '/api/me', { session: memberSession }), 401, 'unauthenticated')
    await login(ctx, { email: member.email, password: NEW_PASSWORD })
    const twice = await request(ctx, 'POST', '/api/auth/password-reset', {
      body: { token: reset.token, newPassword: 'yet another long password' },
    })
    expectError(twice, 404, 'not_found')
    const madeUp = await request(ctx, 'POST', '/api/auth/password-reset', {
      body: { token: 'z'.repeat(43), newPassword: 'yet another long password' },
    })
    assert.deepEqual(twice.body, madeUp.body)

    const late = (
      await request(ctx, 'POST', `/api/org/members/${member.id}/password-reset`, { session: adminSession })
    ).body as TIssuedPasswordReset
    ctx.clock.advance(DAY_MS + 1000)
    expectError(
      await request(ctx, 'POST', '/api/auth/password-reset', {
        body: { token: late.token, newPassword: NEW_PASSWORD },
      }),
      404,
      'not_found',
    )
    ctx.clock.advance(-(DAY_MS + 1000))
    const actions = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', org.id)
      .where('entity_id', '=', member.id)
      .where('action', 'in', ['member.password_reset_issued', 'auth.password_reset'])
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      actions.map((a) => a.action),
      ['member.password_reset_issued', 'auth.password_reset', 'member.password_reset_issued'],
    )
  })

  it('refuses a reset for someone who also belongs elsewhere, for an owner by an admin, and for viewers', async () => {
    const admin = await buildUser(ctx, org, 'admin')
    const adminSession = await login(ctx, admin)
    const elsewhere = await buildOrg(ctx)
    const shared = await buildUser(ctx, org, 'viewer')
    await ctx.db.transaction().execute((trx) =>
      addUserToOrganisation(trx, ctx.secrets, {
        orgId: elsewhere.id,
        email: shared.email,
        name: 'Shared',
        role: 'owner',
        at: new Date().toISOString(),
      }),
    )
    const refused = await request(ctx, 'POST', `/api/org/members/${shared.id}/password-reset`, {
      session: adminSession,
    })
    expectError(refused, 409, 'conflict')
    assert.match((refused.body as { error: { message: string } }).error.message, /server operator/)
    const owner: TTestUser = await buildUser(ctx, org, 'owner')
    expectError(
      await request(ctx, 'POST', `/api/org/members/${owner.id}/password-reset`, { session: adminSession }),
      403,
      'forbidden',
    )
    const viewer = await buildUser(ctx, org, 'viewer')
    expectError(
      await request(ctx, 'POST', `/api/org/members/${admin.id}/password-reset`, {
        session: await login(ctx, viewer),
      }),
      403,
      'forbidden',
    )
    expectError(
      await request(ctx, 'POST', `/api/org/members/${admin.id}/password-reset`, { session: adminSession }),
      409,
      'conflict',
    )
  })
})
