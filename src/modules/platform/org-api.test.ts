/** API: organisation settings, members, invitations, audit trail, tenant isolation. */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectCrossTenant404,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
  type TTestOrg,
  type TTestUser,
} from '../../../test/helpers/app.ts'
import { countRows, forEachDatabase, PLATFORM_TABLES } from '../../../test/helpers/db.ts'
import { DAY_MS } from '../../core/time.ts'
import { verifyChain } from './audit-verify.ts'
import type { TAuditPage, TCreatedInvitation, TInvitation, TMe, TMember, TOrganisation } from './schemas.ts'

forEachDatabase('organisation settings', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg
  let owner: TTestUser
  let ownerSession: TSession

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
    owner = await buildUser(ctx, org, 'owner')
    ownerSession = await login(ctx, owner)
  })

  describe('organisation and members', () => {
    it('reads and renames the organisation, with an audit event', async () => {
      const got = await request(ctx, 'GET', '/api/org', { session: ownerSession })
      assert.equal((got.body as TOrganisation).id, org.id)
      const renamed = await request(ctx, 'PATCH', '/api/org', {
        session: ownerSession,
        body: { name: '  New name  ' },
      })
      assert.equal(renamed.status, 200)
      assert.equal((renamed.body as TOrganisation).name, 'New name')
      const event = await handle.db
        .selectFrom('audit_events')
        .selectAll()
        .where('org_id', '=', org.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal(event.action, 'organisation.renamed')
      assert.deepEqual(JSON.parse(event.summary), { from: org.name, to: 'New name' })
      org = { ...org, name: 'New name' }
    })

    it('lets a viewer read but not rename (403, nothing written)', async () => {
      const viewer = await buildUser(ctx, org, 'viewer')
      const session = await login(ctx, viewer)
      assert.equal((await request(ctx, 'GET', '/api/org/members', { session })).status, 200)
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      expectError(
        await request(ctx, 'PATCH', '/api/org', { session, body: { name: 'Viewer was here' } }),
        403,
        'forbidden',
      )
      expectError(await request(ctx, 'GET', '/api/org/audit', { session }), 403, 'forbidden')
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })

    it('changes a role and records who changed what', async () => {
      const member = await buildUser(ctx, org, 'viewer')
      const res = await request(ctx, 'PATCH', `/api/org/members/${member.id}`, {
        session: ownerSession,
        body: { role: 'assessor' },
      })
      assert.equal(res.status, 200)
      assert.equal((res.body as TMember).role, 'assessor')
      const list = await request(ctx, 'GET', '/api/org/members', { session: ownerSession })
      assert.equal(
        (list.body as { members: TMember[] }).members.find((m) => m.user.id === member.id)?.role,
        'assessor',
      )
      const page = (await request(ctx, 'GET', '/api/org/audit?limit=1', { session: ownerSession }))
        .body as TAuditPage
      assert.equal(page.events[0]?.action, 'member.role_changed')
      assert.deepEqual(page.events[0]?.summary, { email: member.email, from: 'viewer', to: 'assessor' })
      assert.equal(page.events[0]?.actor?.id, owner.id)
    })

    it('rejects an unknown role with 422 and writes nothing', async () => {
      const member = await buildUser(ctx, org, 'viewer')
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      expectError(
        await request(ctx, 'PATCH', `/api/org/members/${member.id}`, {
          session: ownerSession,
          body: { role: 'emperor' },
        }),
        422,
        'validation_failed',
      )
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })

    it('does not let an admin grant the owner role or touch an owner', async () => {
      const admin = await buildUser(ctx, org, 'admin')
      const session = await login(ctx, admin)
      expectError(
        await request(ctx, 'PATCH', `/api/org/members/${admin.id}`, { session, body: { role: 'owner' } }),
        403,
        'forbidden',
      )
      expectError(await request(ctx, 'DELETE', `/api/org/members/${owner.id}`, { session }), 403, 'forbidden')
    })

    it('keeps the last owner: demoting or removing them is a 409 that writes nothing', async () => {
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      expectError(
        await request(ctx, 'PATCH', `/api/org/members/${owner.id}`, {
          session: ownerSession,
          body: { role: 'admin' },
        }),
        409,
        'conflict',
      )
      expectError(
        await request(ctx, 'DELETE', `/api/org/members/${owner.id}`, { session: ownerSession }),
        409,
        'conflict',
      )
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })

    // The loser's role is re-read under the organisation lock: it is no longer an owner, so 403.
    it('two owners demoting each other at once leave one owner', async () => {
      const racer = await buildOrg(ctx)
      const a = await buildUser(ctx, racer, 'owner')
      const b = await buildUser(ctx, racer, 'owner')
      const [sa, sb] = [await login(ctx, a), await login(ctx, b)]
      const results = await Promise.all([
        request(ctx, 'PATCH', `/api/org/members/${b.id}`, { session: sa, body: { role: 'viewer' } }),
        request(ctx, 'PATCH', `/api/org/members/${a.id}`, { session: sb, body: { role: 'viewer' } }),
      ])
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 403])
      const owners = await handle.db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', racer.id)
        .where('role', '=', 'owner')
        .execute()
      assert.equal(owners.length, 1)
    })

    it('removes a member and ends their sessions in this organisation', async () => {
      const member = await buildUser(ctx, org, 'reviewer')
      const session = await login(ctx, member)
      const res = await request(ctx, 'DELETE', `/api/org/members/${member.id}`, { session: ownerSession })
      assert.equal(res.status, 204)
      expectError(await request(ctx, 'GET', '/api/me', { session }), 401, 'unauthenticated')
      expectError(
        await request(ctx, 'DELETE', `/api/org/members/${member.id}`, { session: ownerSession }),
        404,
        'not_found',
      )
    })
  })

  describe('invitations', () => {
    it('round trip: invite, list, accept as a new user, signed in with the invited role', async () => {
      const email = `invitee-${Date.now()}@example.org`
      const created = await request(ctx, 'POST', '/api/org/invitations', {
        session: ownerSession,
        body: { email: email.toUpperCase(), role: 'assessor' },
      })
      assert.equal(created.status, 201)
      const invitation = created.body as TCreatedInvitation
      assert.equal(invitation.email, email)
      assert.match(invitation.acceptUrl, /\/invitations\/accept#token=/)
      assert.ok(invitation.acceptUrl.endsWith(invitation.token))
      assert.equal(
        new Date(invitation.expiresAt).getTime() - new Date(invitation.createdAt).getTime(),
        7 * DAY_MS,
      )

      const stored = await handle.db
        .selectFrom('invitations')
        .select('token_hash')
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow()
      assert.notEqual(stored.token_hash, invitation.token, 'only the hash is stored')

      const list = await request(ctx, 'GET', '/api/org/invitations', { session: ownerSession })
      const listed = (list.body as { invitations: TInvitation[] }).invitations.find(
        (i) => i.id === invitation.id,
      )
      assert.ok(listed)
      assert.equal('token' in listed, false, 'the token is never listed')

      assert.match(
        invitation.acceptUrl,
        /^http:\/\/localhost:8080\/invitations\/accept#token=/,
        'the configured public address, never the Host header',
      )

      const accepted = await request(ctx, 'POST', '/api/invitations/accept', {
        body: { token: invitation.token, name: 'New Person', password: 'a long enough password' },
        headers: { host: 'evil.example' },
      })
      assert.equal(accepted.status, 200, accepted.text)
      assert.deepEqual(accepted.body, { email })
      assert.equal(accepted.headers.get('set-cookie'), null, 'accepting signs no one in')

      const again = await request(ctx, 'POST', '/api/invitations/accept', {
        body: { token: invitation.token, name: 'Twice', password: 'a long enough password' },
      })
      expectError(again, 404, 'not_found')
      const session = await login(ctx, { email, password: 'a long enough password' })
      assert.equal(session.me.role, 'assessor')
      assert.equal(session.me.organisation.id, org.id)
      // Joining again with the same link only moves the session there (the web app always calls it).
      const joined = await request(ctx, 'POST', '/api/invitations/join', {
        session,
        body: { token: invitation.token },
      })
      assert.equal(joined.status, 200, joined.text)
      assert.equal((joined.body as TMe).organisation.id, org.id)
    })

    it("never checks an existing account's password: the same answer as for a new address, and guessing meets the sign-in limits", async () => {
      // An admin of this organisation invites a member of another one and keeps the link.
      const otherOrg = await buildOrg(ctx)
      const victim = await buildUser(ctx, otherOrg, 'owner')
      const invite = async (email: string) =>
        (
          await request(ctx, 'POST', '/api/org/invitations', {
            session: ownerSession,
            body: { email, role: 'viewer' },
          })
        ).body as TCreatedInvitation
      const forVictim = await invite(victim.email)
      const newEmail = `fresh-${Date.now()}@example.org`
      const forNew = await invite(newEmail)
      const tries = ['password-guess-1', 'password-guess-2', victim.password]
      for (const password of tries) {
        const res = await request(ctx, 'POST', '/api/invitations/accept', {
          body: { token: forVictim.token, name: 'X', password },
        })
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.body, { email: victim.email })
        assert.equal(res.headers.get('set-cookie'), null, 'even the right password opens no session')
      }
      const fresh = await request(ctx, 'POST', '/api/invitations/accept', {
        body: { token: forNew.token, name: 'New', password: 'password-guess-1' },
      })
      assert.equal(fresh.status, 200)
      assert.deepEqual(Object.keys(fresh.body as object), ['email'], 'the same shape for a new address')
      const memberships = await handle.db
        .selectFrom('memberships')
        .select('org_id')
        .where('user_id', '=', victim.id)
        .execute()
      assert.deepEqual(
        memberships.map((m) => m.org_id),
        [otherOrg.id],
        'the link alone joins no one',
      )

      // Guessing must go through sign-in: 10 failures from one address, then 429 even for the right password.
      for (let i = 0; i < 10; i++) {
        expectError(
          await request(ctx, 'POST', '/api/auth/login', {
            body: { email: victim.email, password: `guess-${i}` },
          }),
          401,
          'invalid_credentials',
        )
      }
      expectError(
        await request(ctx, 'POST', '/api/auth/login', {
          body: { email: victim.email, password: victim.password },
        }),
        429,
        'rate_limited',
      )
      const failures = await handle.db
        .selectFrom('audit_events')
        .select('action')
        .where('org_id', '=', otherOrg.id)
        .where('action', '=', 'auth.login_failed')
        .execute()
      assert.equal(failures.length, 10, "each failure is a security event in the victim's organisation")
    })

    it('lets an existing account join after signing in as usual', async () => {
      const otherOrg = await buildOrg(ctx)
      const existing = await buildUser(ctx, otherOrg, 'owner')
      const created = (
        await request(ctx, 'POST', '/api/org/invitations', {
          session: ownerSession,
          body: { email: existing.email, role: 'viewer' },
        })
      ).body as TCreatedInvitation
      const session = await login(ctx, existing)
      const ok = await request(ctx, 'POST', '/api/invitations/join', {
        session,
        body: { token: created.token },
      })
      assert.equal(ok.status, 200, ok.text)
      const me = ok.body as TMe
      assert.equal(me.organisation.id, org.id)
      assert.equal(me.role, 'viewer')
      assert.equal(me.memberships.length, 2)
      expectError(
        await request(ctx, 'POST', '/api/invitations/accept', {
          body: { token: created.token, name: 'X', password: 'a long enough password' },
        }),
        404,
        'not_found',
      )
    })

    it('refuses a join by another signed-in account, like an invalid link, and records it', async () => {
      const created = (
        await request(ctx, 'POST', '/api/org/invitations', {
          session: ownerSession,
          body: { email: `meant-for-${Date.now()}@example.org`, role: 'admin' },
        })
      ).body as TCreatedInvitation
      const outsiderOrg = await buildOrg(ctx)
      const outsider = await buildUser(ctx, outsiderOrg, 'owner')
      const session = await login(ctx, outsider)
      const refused = await request(ctx, 'POST', '/api/invitations/join', {
        session,
        body: { token: created.token },
      })
      expectError(refused, 404, 'not_found')
      const madeUp = await request(ctx, 'POST', '/api/invitations/join', {
        session,
        body: { token: 'y'.repeat(43) },
      })
      assert.deepEqual(refused.body, madeUp.body)
      const events = await handle.db
        .selectFrom('audit_events')
        .select(['action', 'actor_id'])
        .where('org_id', '=', org.id)
        .where('action', '=', 'invitation.join_refused')
        .execute()
      assert.deepEqual(events, [{ action: 'invitation.join_refused', actor_id: outsider.id }])
    })

    it('lists invitations a page at a time', async () => {
      const pageOrg = await buildOrg(ctx)
      const pageOwner = await buildUser(ctx, pageOrg, 'owner')
      const session = await login(ctx, pageOwner)
      for (let i = 0; i < 5; i++) {
        await request(ctx, 'POST', '/api/org/invitations', {
          session,
          body: { email: `page-${i}@example.org`, role: 'viewer' },
        })
      }
      const first = await request(ctx, 'GET', '/api/org/invitations?limit=2', { session })
      const firstPage = first.body as { invitations: TInvitation[]; nextCursor: string | null }
      assert.deepEqual(
        firstPage.invitations.map((i) => i.email),
        ['page-4@example.org', 'page-3@example.org'],
      )
      assert.ok(firstPage.nextCursor)
      const seen = [...firstPage.invitations]
      let cursor: string | null = firstPage.nextCursor
      while (cursor) {
        const page = (await request(ctx, 'GET', `/api/org/invitations?limit=2&cursor=${cursor}`, { session }))
          .body as { invitations: TInvitation[]; nextCursor: string | null }
        seen.push(...page.invitations)
        cursor = page.nextCursor
      }
      assert.deepEqual(
        seen.map((i) => i.email),
        [4, 3, 2, 1, 0].map((i) => `page-${i}@example.org`),
      )
      const all = (await request(ctx, 'GET', '/api/org/invitations', { session })).body as {
        invitations: unknown[]
      }
      assert.equal(all.invitations.length, 5, 'the default page holds 100')
      expectError(
        await request(ctx, 'GET', '/api/org/invitations?limit=501', { session }),
        422,
        'validation_failed',
      )
    })

    it('refuses expired, revoked and made-up invitations alike', async () => {
      const expired = (
        await request(ctx, 'POST', '/api/org/invitations', {
          session: ownerSession,
          body: { email: 'late@example.org', role: 'viewer' },
        })
      ).body as TCreatedInvitation
      const revoked = (
        await request(ctx, 'POST', '/api/org/invitations', {
          session: ownerSession,
          body: { email: 'revoked@example.org', role: 'viewer' },
        })
      ).body as TCreatedInvitation
      assert.equal(
        (await request(ctx, 'DELETE', `/api/org/invitations/${revoked.id}`, { session: ownerSession }))
          .status,
        204,
      )
      const body = { name: 'Someone', password: 'a long enough password' }
      const made = await request(ctx, 'POST', '/api/invitations/accept', {
        body: { ...body, token: 'x'.repeat(43) },
      })
      expectError(made, 404, 'not_found')
      expectError(
        await request(ctx, 'POST', '/api/invitations/accept', { body: { ...body, token: revoked.token } }),
        404,
        'not_found',
      )
      ctx.clock.advance(7 * DAY_MS + 1)
      const late = await request(ctx, 'POST', '/api/invitations/accept', {
        body: { ...body, token: expired.token },
      })
      expectError(late, 404, 'not_found')
      assert.deepEqual(late.body, made.body)
      ctx.clock.advance(-(7 * DAY_MS + 1))
    })

    it('does not let an admin invite an owner, nor anyone invite an existing member', async () => {
      const admin = await buildUser(ctx, org, 'admin')
      const session = await login(ctx, admin)
      expectError(
        await request(ctx, 'POST', '/api/org/invitations', {
          session,
          body: { email: 'boss@example.org', role: 'owner' },
        }),
        403,
        'forbidden',
      )
      expectError(
        await request(ctx, 'POST', '/api/org/invitations', {
          session,
          body: { email: owner.email, role: 'viewer' },
        }),
        409,
        'conflict',
      )
    })
  })

  describe('audit trail', () => {
    it('pages newest first with a cursor and shows the head hash', async () => {
      const first = (await request(ctx, 'GET', '/api/org/audit?limit=2', { session: ownerSession }))
        .body as TAuditPage
      assert.equal(first.events.length, 2)
      assert.ok(first.events[0]!.seq > first.events[1]!.seq)
      assert.equal(first.headHash, first.events[0]!.hash)
      assert.ok(first.nextCursor)
      const second = (
        await request(ctx, 'GET', `/api/org/audit?limit=2&cursor=${first.nextCursor}`, {
          session: ownerSession,
        })
      ).body as TAuditPage
      assert.equal(second.events[0]!.seq, first.events[1]!.seq - 1)
      for (const query of ['limit=0', 'limit=1000', 'cursor=-1', 'cursor=abc', 'cursor=99999999999']) {
        expectError(
          await request(ctx, 'GET', `/api/org/audit?${query}`, { session: ownerSession }),
          422,
          'validation_failed',
        )
      }
    })

    it('writes no event when the mutation fails (same transaction)', async () => {
      const before = await countRows(handle.db, ['audit_events'])
      const member = await buildUser(ctx, org, 'viewer')
      const afterBuild = await countRows(handle.db, ['audit_events'])
      assert.equal(afterBuild.audit_events, before.audit_events! + 1, 'member.added')
      // A removal that fails inside its transaction (foreign key from a later insert) rolls back the event too.
      await assert.rejects(
        handle.db.transaction().execute(async (trx) => {
          const { recordEvent } = await import('./audit.ts')
          await recordEvent(trx, ctx.secrets, {
            orgId: org.id,
            actorId: owner.id,
            action: 'member.removed',
            entityType: 'user',
            entityId: member.id,
            summary: {},
          })
          await trx
            .insertInto('memberships')
            .values({
              org_id: 'no-such-org',
              user_id: member.id,
              role: 'viewer',
              created_at: new Date().toISOString(),
            })
            .execute()
        }),
      )
      assert.deepEqual(await countRows(handle.db, ['audit_events']), afterBuild)
      assert.deepEqual((await verifyChain(handle.db, ctx.secrets)).broken, [])
    })

    it('concurrent writers extend the chain without forking it', async () => {
      const before = await countRows(handle.db, ['audit_events'])
      const results = await Promise.all(
        // Invitations do not update the organisation row, so only the chain lock orders these writers.
        Array.from({ length: 12 }, (_, i) =>
          request(ctx, 'POST', '/api/org/invitations', {
            session: ownerSession,
            body: { email: `parallel-${i}@example.org`, role: 'viewer' },
          }),
        ),
      )
      assert.deepEqual(
        results.map((r) => r.status),
        Array(12).fill(201),
      )
      const after = await countRows(handle.db, ['audit_events'])
      assert.equal(after.audit_events, before.audit_events! + 12)
      const verified = await verifyChain(handle.db, ctx.secrets)
      assert.deepEqual(verified.broken, [])
      const seqs = await handle.db
        .selectFrom('audit_events')
        .select('seq')
        .where('org_id', '=', org.id)
        .orderBy('seq')
        .execute()
      assert.deepEqual(
        seqs.map((r) => Number(r.seq)),
        seqs.map((_, i) => i + 1),
      )
    })

    it('refuses a summary that carries a secret', async () => {
      const { recordEvent } = await import('./audit.ts')
      await assert.rejects(
        handle.db.transaction().execute((trx) =>
          recordEvent(trx, ctx.secrets, {
            orgId: org.id,
            actorId: null,
            action: 'x.y',
            entityType: 'x',
            entityId: null,
            summary: { password: 'hunter2' },
          }),
        ),
        /must not carry secrets/,
      )
    })

    it('verify passes on the untouched database and names an event edited by hand', async () => {
      const intact = await verifyChain(handle.db, ctx.secrets)
      assert.deepEqual(intact.broken, [])
      const mine = intact.organisations.find((o) => o.orgId === org.id)
      assert.ok(mine && mine.count > 3 && mine.headHash)
      const victim = await handle.db
        .selectFrom('audit_events')
        .select(['id', 'seq'])
        .where('org_id', '=', org.id)
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow()
      await handle.db
        .updateTable('audit_events')
        .set({ summary: JSON.stringify({ email: 'someone-else@example.org', role: 'owner' }) })
        .where('id', '=', victim.id)
        .execute()
      const broken = (await verifyChain(handle.db, ctx.secrets)).broken
      assert.equal(broken.length, 1)
      assert.equal(broken[0]?.orgId, org.id)
      assert.equal(broken[0]?.seq, 2)
      assert.equal(broken[0]?.id, victim.id)
    })

    it('verify names a trail whose newest events were deleted', async () => {
      const victimOrg = await buildOrg(ctx)
      for (const role of ['viewer', 'assessor', 'reviewer'] as const) await buildUser(ctx, victimOrg, role)
      const before = (await verifyChain(handle.db, ctx.secrets)).organisations.find(
        (o) => o.orgId === victimOrg.id,
      )
      assert.equal(before?.count, 4)
      await handle.db
        .deleteFrom('audit_events')
        .where('org_id', '=', victimOrg.id)
        .where('seq', '>=', 3)
        .execute()
      const broken = (await verifyChain(handle.db, ctx.secrets)).broken.find((b) => b.orgId === victimOrg.id)
      assert.equal(broken?.seq, 3)
      assert.match(
        broken?.reason ?? '',
        /truncated: the checkpoint records 4 events but events 3–4 are missing/,
      )
      // Deleting the checkpoint as well does not help: a trail with events needs one.
      await handle.db.deleteFrom('audit_heads').where('org_id', '=', victimOrg.id).execute()
      const noHead = (await verifyChain(handle.db, ctx.secrets)).broken.find((b) => b.orgId === victimOrg.id)
      assert.match(noHead?.reason ?? '', /checkpoint of this organisation is missing/)
    })

    it('verify names a trail rewritten and rehashed with the published algorithm', async () => {
      const { legacyChainHash, GENESIS_HASH } = await import('./audit-chain.ts')
      const victimOrg = await buildOrg(ctx)
      await buildUser(ctx, victimOrg, 'viewer')
      await buildUser(ctx, victimOrg, 'viewer')
      const rows = await handle.db
        .selectFrom('audit_events')
        .selectAll()
        .where('org_id', '=', victimOrg.id)
        .orderBy('seq')
        .execute()
      let prev = GENESIS_HASH
      for (const row of rows) {
        const summary =
          row.seq === 2 ? { email: 'nobody@example.org', role: 'owner' } : JSON.parse(row.summary)
        const hash = legacyChainHash(prev, {
          seq: Number(row.seq),
          orgId: row.org_id,
          actorId: row.actor_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary,
          createdAt: row.created_at,
        })
        await handle.db
          .updateTable('audit_events')
          .set({ summary: JSON.stringify(summary), prev_hash: prev, hash })
          .where('id', '=', row.id)
          .execute()
        prev = hash
      }
      // The attacker also points the checkpoint at the new head (they cannot compute its MAC).
      await handle.db
        .updateTable('audit_heads')
        .set({ hash: prev })
        .where('org_id', '=', victimOrg.id)
        .execute()
      const broken = (await verifyChain(handle.db, ctx.secrets)).broken.find((b) => b.orgId === victimOrg.id)
      assert.equal(broken?.seq, 1)
      assert.match(broken?.reason ?? '', /without the server key/)
    })

    it('keys a chain written before keyed chains once, and leaves a broken one for verify to name', async () => {
      const { keyLegacyChains } = await import('./audit-verify.ts')
      const { legacyChainHash, GENESIS_HASH } = await import('./audit-chain.ts')
      const legacy = async (tamper: boolean) => {
        const target = await buildOrg(ctx)
        await buildUser(ctx, target, 'viewer')
        const rows = await handle.db
          .selectFrom('audit_events')
          .selectAll()
          .where('org_id', '=', target.id)
          .orderBy('seq')
          .execute()
        let prev = GENESIS_HASH
        for (const row of rows) {
          const hash = legacyChainHash(prev, {
            seq: Number(row.seq),
            orgId: row.org_id,
            actorId: row.actor_id,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            summary: JSON.parse(row.summary),
            createdAt: row.created_at,
          })
          await handle.db
            .updateTable('audit_events')
            .set({ prev_hash: prev, hash: tamper && row.seq === 2 ? '0'.repeat(64) : hash })
            .where('id', '=', row.id)
            .execute()
          prev = hash
        }
        await handle.db.deleteFrom('audit_heads').where('org_id', '=', target.id).execute()
        return target
      }
      const intactOrg = await legacy(false)
      const brokenOrg = await legacy(true)
      const result = await handle.db
        .transaction()
        .execute((trx) => keyLegacyChains(trx, ctx.secrets, new Date().toISOString()))
      assert.ok(result.keyed >= 1)
      assert.ok(result.broken.includes(brokenOrg.id))
      const after = (await verifyChain(handle.db, ctx.secrets)).broken
      assert.equal(
        after.find((b) => b.orgId === intactOrg.id),
        undefined,
        'the intact legacy chain now verifies',
      )
      assert.ok(
        after.find((b) => b.orgId === brokenOrg.id),
        'the broken one is still reported',
      )
    })

    it('verify compares the trail with heads recorded elsewhere (a rollback to an older copy)', async () => {
      const victimOrg = await buildOrg(ctx)
      await buildUser(ctx, victimOrg, 'viewer')
      const report = (await verifyChain(handle.db, ctx.secrets)).organisations.find(
        (o) => o.orgId === victimOrg.id,
      )
      assert.ok(report?.headHash)
      const recorded = { org: victimOrg.slug, seq: report.count, hash: report.headHash }
      const mine = (broken: { orgId: string; reason: string }[]) =>
        broken.filter((x) => x.orgId === victimOrg.id)
      assert.deepEqual(mine((await verifyChain(handle.db, ctx.secrets, [recorded])).broken), [])
      const later = { ...recorded, seq: recorded.seq + 5 }
      const rolledBack = mine((await verifyChain(handle.db, ctx.secrets, [later])).broken)
      assert.match(rolledBack[0]?.reason ?? '', /rolled back/)
      const replaced = mine(
        (await verifyChain(handle.db, ctx.secrets, [{ ...recorded, hash: 'f'.repeat(64) }])).broken,
      )
      assert.match(replaced[0]?.reason ?? '', /differs from the head recorded earlier/)
    })
  })
})

forEachDatabase('tenant isolation', (handle) => {
  let ctx: TTestApp
  let orgA: TTestOrg
  let memberA: TTestUser
  let invitationId: string

  before(async () => {
    ctx = createTestApp(handle)
    orgA = await buildOrg(ctx)
    const ownerA = await buildUser(ctx, orgA, 'owner')
    memberA = await buildUser(ctx, orgA, 'viewer')
    const session = await login(ctx, ownerA)
    invitationId = (
      (
        await request(ctx, 'POST', '/api/org/invitations', {
          session,
          body: { email: 'invitee-a@example.org', role: 'viewer' },
        })
      ).body as TCreatedInvitation
    ).id
  })

  it("a member of another organisation cannot change A's member's role", async () => {
    await expectCrossTenant404({
      ctx,
      method: 'PATCH',
      path: `/api/org/members/${memberA.id}`,
      ownerOrg: orgA,
      objectId: memberA.id,
      body: { role: 'admin' },
    })
    const still = await handle.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', memberA.id)
      .executeTakeFirstOrThrow()
    assert.equal(still.role, 'viewer')
  })

  it("a member of another organisation cannot remove A's member", async () => {
    await expectCrossTenant404({
      ctx,
      method: 'DELETE',
      path: `/api/org/members/${memberA.id}`,
      ownerOrg: orgA,
      objectId: memberA.id,
    })
  })

  it("a member of another organisation cannot revoke A's invitation", async () => {
    await expectCrossTenant404({
      ctx,
      method: 'DELETE',
      path: `/api/org/invitations/${invitationId}`,
      ownerOrg: orgA,
      objectId: invitationId,
    })
    assert.ok(
      await handle.db
        .selectFrom('invitations')
        .select('id')
        .where('id', '=', invitationId)
        .executeTakeFirst(),
    )
  })

  it('a member of another organisation cannot switch into A', async () => {
    await expectCrossTenant404({
      ctx,
      method: 'POST',
      path: '/api/auth/switch',
      ownerOrg: orgA,
      body: { organisationId: orgA.id },
    })
  })

  it("lists, organisation and audit log show only the caller's organisation", async () => {
    const orgB = await buildOrg(ctx)
    const session = await login(ctx, await buildUser(ctx, orgB, 'owner'))
    for (const path of ['/api/org', '/api/org/members', '/api/org/invitations', '/api/org/audit']) {
      const res = await request(ctx, 'GET', path, { session })
      assert.equal(res.status, 200)
      for (const secret of [orgA.id, orgA.slug, memberA.id, memberA.email, invitationId]) {
        assert.ok(!res.text.includes(secret), `${path} must not show ${secret}`)
      }
    }
  })
})
