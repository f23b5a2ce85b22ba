/** API: sign-in, sessions, CSRF, rate limiting, switching organisation — on every test database. */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectError,
  login,
  request,
  type TTestApp,
  type TTestOrg,
  type TTestUser,
} from '../../../test/helpers/app.ts'
import { countRows, forEachDatabase, PLATFORM_TABLES } from '../../../test/helpers/db.ts'
import { silentLogger } from '../../core/logger.ts'
import { HOUR_MS, MINUTE_MS } from '../../core/time.ts'
import { createApp } from '../../http/app.ts'
import { addUserToOrganisation } from './accounts.ts'
import { countLoginFailuresSince } from './repositories/login-failures.ts'
import { deleteSession } from './repositories/sessions.ts'
import type { TMe } from './schemas.ts'
import { sha256Hex } from './tokens.ts'

forEachDatabase('sign-in and sessions', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg
  let owner: TTestUser

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
    owner = await buildUser(ctx, org, 'owner')
  })

  it('signs in, sets a hardened cookie, and /api/me returns the user with a CSRF token', async () => {
    const res = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: owner.email.toUpperCase(), password: owner.password },
    })
    assert.equal(res.status, 200)
    const cookie = res.headers.get('set-cookie') ?? ''
    assert.match(cookie, /custos_session=/)
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    assert.match(cookie, /Path=\//)
    assert.doesNotMatch(cookie, /Secure/, 'plain http gets no Secure flag')
    const session = await login(ctx, owner)
    const me = await request(ctx, 'GET', '/api/me', { session })
    assert.equal(me.status, 200)
    const body = me.body as TMe
    assert.equal(body.user.email, owner.email)
    assert.equal(body.organisation.id, org.id)
    assert.equal(body.role, 'owner')
    assert.equal(body.csrfToken, session.csrf)
    assert.equal(me.headers.get('cache-control'), 'no-store')
  })

  it('sets Secure on the cookie under https', async () => {
    const res = await ctx.app.request('https://custos.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    })
    assert.equal(res.status, 200)
    assert.match(res.headers.get('set-cookie') ?? '', /Secure/)
  })

  it('stores only a hash of the session token', async () => {
    const session = await login(ctx, owner)
    const token = session.cookie.split('=')[1]!
    const rows = await handle.db.selectFrom('sessions').select('token_hash').execute()
    assert.ok(rows.length > 0)
    assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)))
  })

  it('gives a wrong password and an unknown email the same answer', async () => {
    const wrong = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: owner.email, password: 'not the password' },
    })
    const unknown = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: 'nobody@example.org', password: 'not the password' },
    })
    expectError(wrong, 401, 'invalid_credentials')
    expectError(unknown, 401, 'invalid_credentials')
    assert.deepEqual(wrong.body, unknown.body)
    assert.equal(wrong.headers.get('set-cookie'), null)
  })

  it('writes an auth.login audit event in the organisation', async () => {
    const before = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('org_id', '=', org.id)
      .where('action', '=', 'auth.login')
      .execute()
    await login(ctx, owner)
    const after = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('org_id', '=', org.id)
      .where('action', '=', 'auth.login')
      .execute()
    assert.equal(after.length, before.length + 1)
  })

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: owner.email, password: owner.password },
      headers: { origin: 'https://evil.example' },
    })
    expectError(res, 403, 'csrf_failed')
  })

  it('answers 401 without a session and with a forged one, and writes nothing', async () => {
    const counts = await countRows(handle.db, PLATFORM_TABLES)
    expectError(await request(ctx, 'GET', '/api/me'), 401, 'unauthenticated')
    const forged = { cookie: 'custos_session=forged-token-value', csrf: 'x', me: {} as TMe }
    expectError(await request(ctx, 'GET', '/api/me', { session: forged }), 401, 'unauthenticated')
    expectError(
      await request(ctx, 'PATCH', '/api/org', { session: forged, body: { name: 'Hijacked' } }),
      401,
      'unauthenticated',
    )
    assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
  })

  it('rejects a mutation without or with a forged CSRF token, and writes nothing', async () => {
    const session = await login(ctx, owner)
    const counts = await countRows(handle.db, PLATFORM_TABLES)
    expectError(
      await request(ctx, 'PATCH', '/api/org', { session, csrf: false, body: { name: 'Renamed' } }),
      403,
      'csrf_failed',
    )
    expectError(
      await request(ctx, 'PATCH', '/api/org', { session, csrf: 'forged', body: { name: 'Renamed' } }),
      403,
      'csrf_failed',
    )
    assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    const ok = await request(ctx, 'PATCH', '/api/org', { session, body: { name: 'Renamed' } })
    assert.equal(ok.status, 200)
  })

  it('logs out: the session is deleted and the cookie no longer works', async () => {
    const session = await login(ctx, owner)
    const out = await request(ctx, 'POST', '/api/auth/logout', { session })
    assert.equal(out.status, 204)
    assert.match(out.headers.get('set-cookie') ?? '', /custos_session=;/)
    expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')
  })

  it('signs out without a session too: 204 and the cookie cleared (the session is optional there)', async () => {
    const out = await request(ctx, 'POST', '/api/auth/logout')
    assert.equal(out.status, 204)
    assert.match(out.headers.get('set-cookie') ?? '', /custos_session=;/)
  })

  it('ends a session at the next request when another instance logs it out, removes or demotes the member', async () => {
    const another = handle.openAnother()
    try {
      const other = {
        app: createApp({
          db: another.db,
          dialect: another.dialect,
          logger: silentLogger(),
          clock: ctx.clock,
          secrets: ctx.secrets,
          webDistDir: null,
        }),
      }
      const member = await buildUser(ctx, org, 'admin')
      const session = await login(ctx, member)
      assert.equal((await request(ctx, 'GET', '/api/me', { session })).status, 200)

      const ownerSession = await login(ctx, owner)
      const demoted = await request(other, 'PATCH', `/api/org/members/${member.id}`, {
        session: ownerSession,
        body: { role: 'viewer' },
      })
      assert.equal(demoted.status, 200)
      assert.equal(((await request(ctx, 'GET', '/api/me', { session })).body as TMe).role, 'viewer')
      // Written by another connection outside the API: seen at the next request all the same.
      await another.db
        .updateTable('memberships')
        .set({ role: 'assessor' })
        .where('user_id', '=', member.id)
        .execute()
      assert.equal(((await request(ctx, 'GET', '/api/me', { session })).body as TMe).role, 'assessor')

      assert.equal((await request(other, 'POST', '/api/auth/logout', { session })).status, 204)
      expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')

      const again = await login(ctx, member)
      const removed = await request(other, 'DELETE', `/api/org/members/${member.id}`, {
        session: ownerSession,
      })
      assert.equal(removed.status, 204)
      expectError(await request(ctx, 'GET', '/api/me', { session: again }), 401, 'unauthenticated')
    } finally {
      await another.close()
    }
  })

  it('does not see a revocation before it commits, and sees it as soon as it does', async () => {
    const session = await login(ctx, owner)
    const tokenHash = sha256Hex(session.cookie.split('=')[1]!)
    const rolledBack = new Error('roll back')
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await deleteSession(trx, tokenHash)
        const during = await request(ctx, 'GET', '/api/me', { session })
        assert.equal(during.status, 200, 'an uncommitted logout is not visible')
        throw rolledBack
      }),
      rolledBack,
    )
    assert.equal((await request(ctx, 'GET', '/api/me', { session })).status, 200)
    await handle.db.transaction().execute((trx) => deleteSession(trx, tokenHash))
    expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')
  })

  it('expires a session after 12 idle hours, and slides while in use', async () => {
    const session = await login(ctx, owner)
    ctx.clock.advance(11 * HOUR_MS)
    assert.equal((await request(ctx, 'GET', '/api/me', { session })).status, 200)
    ctx.clock.advance(11 * HOUR_MS)
    assert.equal(
      (await request(ctx, 'GET', '/api/me', { session })).status,
      200,
      'use moved the idle deadline',
    )
    ctx.clock.advance(12 * HOUR_MS + MINUTE_MS)
    expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')
  })

  it('expires a session after 7 days however busy', async () => {
    const session = await login(ctx, owner)
    // 15 × 11 h = 165 h of steady use, each step inside the idle window.
    for (let step = 0; step < 15; step++) {
      ctx.clock.advance(11 * HOUR_MS)
      assert.equal((await request(ctx, 'GET', '/api/me', { session })).status, 200, `step ${step}`)
    }
    ctx.clock.advance(4 * HOUR_MS)
    expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')
  })

  it('switches organisation only to one the user belongs to', async () => {
    const second = await buildOrg(ctx)
    const user = await buildUser(ctx, org, 'viewer')
    await handle.db
      .insertInto('memberships')
      .values({ org_id: second.id, user_id: user.id, role: 'admin', created_at: new Date().toISOString() })
      .execute()
    const session = await login(ctx, user)
    assert.equal(session.me.memberships.length, 2)
    const switched = await request(ctx, 'POST', '/api/auth/switch', {
      session,
      body: { organisationId: second.id },
    })
    assert.equal(switched.status, 200)
    assert.equal((switched.body as TMe).organisation.id, second.id)
    assert.equal((switched.body as TMe).role, 'admin')
    const me = await request(ctx, 'GET', '/api/me', { session })
    assert.equal((me.body as TMe).organisation.id, second.id)
    const foreign = await buildOrg(ctx)
    expectError(
      await request(ctx, 'POST', '/api/auth/switch', { session, body: { organisationId: foreign.id } }),
      404,
      'not_found',
    )
  })
})

forEachDatabase('login rate limiting', (handle) => {
  it('locks an email after 10 failures in 15 minutes, for every instance sharing the database', async () => {
    const first = createTestApp(handle)
    // A second app instance with its own connection, clock and the same secret key (as a deployment would).
    const other = handle.openAnother()
    try {
      const second = createTestApp(
        {
          ...handle,
          get db() {
            return other.db
          },
          get dialect() {
            return other.dialect
          },
          get database() {
            return other
          },
        },
        { clock: first.clock, secrets: first.secrets },
      )
      const org = await buildOrg(first)
      const user = await buildUser(first, org, 'viewer')
      for (let i = 0; i < 10; i++) {
        const instance = i % 2 === 0 ? first : second
        expectError(
          await request(instance, 'POST', '/api/auth/login', {
            body: { email: user.email, password: `wrong-${i}` },
          }),
          401,
          'invalid_credentials',
        )
      }
      const limited = await request(second, 'POST', '/api/auth/login', {
        body: { email: user.email, password: user.password },
      })
      expectError(limited, 429, 'rate_limited')
      const retryAfter = Number(limited.headers.get('retry-after'))
      assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`)
      expectError(
        await request(first, 'POST', '/api/auth/login', {
          body: { email: user.email, password: user.password },
        }),
        429,
        'rate_limited',
      )

      first.clock.advance(15 * MINUTE_MS + 1000)
      assert.equal(
        (
          await request(first, 'POST', '/api/auth/login', {
            body: { email: user.email, password: user.password },
          })
        ).status,
        200,
      )
    } finally {
      await other.close()
    }
  })

  it('limits one client address to 50 failures across emails (behind a trusted proxy)', async () => {
    const ctx = createTestApp(handle, { trustProxy: true })
    const org = await buildOrg(ctx)
    const user = await buildUser(ctx, org, 'viewer')
    const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.9, ${address}` })
    for (let i = 0; i < 50; i++) {
      const res = await request(ctx, 'POST', '/api/auth/login', {
        body: { email: `probe-${i}@example.org`, password: 'guess' },
        headers: from('198.51.100.7'),
      })
      expectError(res, 401, 'invalid_credentials')
    }
    const blocked = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
      headers: from('198.51.100.7'),
    })
    expectError(blocked, 429, 'rate_limited')
    const elsewhere = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
      headers: from('198.51.100.8'),
    })
    assert.equal(elsewhere.status, 200, 'another address is not affected')
    // X-Forwarded-Proto from the trusted proxy makes the cookie Secure.
    const https = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
      headers: { ...from('198.51.100.8'), 'x-forwarded-proto': 'https' },
    })
    assert.match(https.headers.get('set-cookie') ?? '', /Secure/)
  })

  it("someone else's failures do not lock the owner out from an address they signed in from", async () => {
    const ctx = createTestApp(handle, { trustProxy: true })
    const org = await buildOrg(ctx)
    const owner = await buildUser(ctx, org, 'owner')
    const from = (address: string) => ({ 'x-forwarded-for': address })
    const signIn = (address: string, password: string) =>
      request(ctx, 'POST', '/api/auth/login', {
        body: { email: owner.email, password },
        headers: from(address),
      })
    assert.equal((await signIn('192.0.2.1', owner.password)).status, 200, 'the owner at their usual address')
    // Ten attacker addresses, ten wrong guesses each: 100 failures against the account.
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 10; i++)
        expectError(await signIn(`198.51.100.${a}`, `guess-${a}-${i}`), 401, 'invalid_credentials')
      expectError(await signIn(`198.51.100.${a}`, owner.password), 429, 'rate_limited')
    }
    assert.equal((await signIn('192.0.2.1', owner.password)).status, 200, 'still not locked out at home')
    // A new address meets the account-wide limit, even with the right password.
    expectError(await signIn('203.0.113.77', owner.password), 429, 'rate_limited')
    // The owner's own mistakes from home are limited too (10 per address and account).
    for (let i = 0; i < 10; i++)
      expectError(await signIn('192.0.2.1', `typo-${i}`), 401, 'invalid_credentials')
    expectError(await signIn('192.0.2.1', owner.password), 429, 'rate_limited')
  })

  it("records failed sign-ins as security events in each of the account's organisations", async () => {
    const ctx = createTestApp(handle)
    const first = await buildOrg(ctx)
    const second = await buildOrg(ctx)
    const user = await buildUser(ctx, first, 'viewer')
    await ctx.db.transaction().execute((trx) =>
      addUserToOrganisation(trx, ctx.secrets, {
        orgId: second.id,
        email: user.email,
        name: 'x',
        role: 'viewer',
        at: new Date().toISOString(),
      }),
    )
    await request(ctx, 'POST', '/api/auth/login', {
      body: { email: user.email, password: 'hunter2-typed-by-mistake' },
    })
    await request(ctx, 'POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: 'x' } })
    for (const orgId of [first.id, second.id]) {
      const events = await ctx.db
        .selectFrom('audit_events')
        .select(['action', 'entity_id', 'summary'])
        .where('org_id', '=', orgId)
        .where('action', '=', 'auth.login_failed')
        .execute()
      assert.equal(events.length, 1)
      assert.equal(events[0]?.entity_id, user.id)
      assert.doesNotMatch(events[0]?.summary ?? '', /hunter2/, 'the typed password is never recorded')
    }
  })

  it('stores failures only as keyed hashes (no email in the table)', async () => {
    const ctx = createTestApp(handle)
    await request(ctx, 'POST', '/api/auth/login', {
      body: { email: 'someone@example.org', password: 'nope' },
    })
    const rows = await handle.db.selectFrom('login_failures').select('key_hash').execute()
    assert.ok(rows.length > 0)
    assert.ok(rows.every((r) => !r.key_hash.includes('someone')))
    const count = await countLoginFailuresSince(handle.db, rows[0]!.key_hash, '2000-01-01T00:00:00.000Z')
    assert.ok(count.count >= 1)
  })
})
