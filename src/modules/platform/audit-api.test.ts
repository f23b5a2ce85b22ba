/** API: the audit log's filters, what its entities are called, and its CSV export (read with csv-parse). */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
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
import { AUDIT_CSV_COLUMNS, auditCsv } from './audit.ts'
import type { TAuditEvent, TAuditPage } from './schemas.ts'

/** A name a spreadsheet would run as a formula, with a quote, a comma and a line break in it. */
const FORMULA_NAME = '=HYPERLINK("http://example.org/x","Open"), second\nline'

forEachDatabase('audit log filters and export', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg
  let owner: TTestUser
  let admin: TTestUser
  let viewer: TTestUser
  let ownerSession: TSession
  let adminSession: TSession
  let otherOrg: TTestOrg
  let otherOwnerSession: TSession

  const eventsOf = async (query: string, session = ownerSession): Promise<TAuditEvent[]> => {
    const res = await request(ctx, 'GET', `/api/org/audit?limit=200${query}`, { session })
    assert.equal(res.status, 200, res.text)
    return (res.body as TAuditPage).events
  }
  const csvOf = async (query: string, session = ownerSession): Promise<string[][]> => {
    const res = await request(ctx, 'GET', `/api/org/audit/export.csv${query}`, { session })
    assert.equal(res.status, 200, res.text)
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/)
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    assert.ok(res.text.endsWith('\r\n'), 'records end with CRLF')
    return parse(res.text, { relax_column_count: false }) as string[][]
  }

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
    owner = await buildUser(ctx, org, 'owner')
    admin = await buildUser(ctx, org, 'admin')
    viewer = await buildUser(ctx, org, 'viewer')
    ownerSession = await login(ctx, owner)
    adminSession = await login(ctx, admin)
    await login(ctx, viewer)
    // A refused sign-in of the viewer (wrong password) stays when sign-ins are hidden.
    await request(ctx, 'POST', '/api/auth/login', {
      body: { email: viewer.email, password: 'not the password' },
    })
    assert.equal(
      (
        await request(ctx, 'PATCH', `/api/org/members/${viewer.id}`, {
          session: adminSession,
          body: { role: 'assessor' },
        })
      ).status,
      200,
    )
    assert.equal(
      (
        await request(ctx, 'POST', '/api/org/invitations', {
          session: adminSession,
          body: { email: 'invitee-audit@example.org', role: 'viewer' },
        })
      ).status,
      201,
    )
    assert.equal(
      (await request(ctx, 'PATCH', '/api/org', { session: ownerSession, body: { name: FORMULA_NAME } }))
        .status,
      200,
    )
    otherOrg = await buildOrg(ctx, { name: 'Other Organisation Audit' })
    const otherOwner = await buildUser(ctx, otherOrg, 'owner')
    otherOwnerSession = await login(ctx, otherOwner)
  })

  describe('filters, applied by the server', () => {
    it('by action: only that action', async () => {
      const events = await eventsOf('&action=member.role_changed')
      assert.equal(events.length, 1)
      assert.equal(events[0]?.action, 'member.role_changed')
    })

    it('by actor: only what that member did', async () => {
      const events = await eventsOf(`&actor=${admin.id}`)
      assert.deepEqual(events.map((event) => event.action).sort(), [
        'auth.login',
        'invitation.created',
        'member.role_changed',
      ])
      assert.ok(events.every((event) => event.actor?.id === admin.id))
    })

    it('hiding sign-ins leaves out successful ones and keeps refused ones', async () => {
      const all = await eventsOf('')
      const hidden = await eventsOf('&hideSignIns=true')
      assert.ok(all.some((event) => event.action === 'auth.login'))
      assert.ok(!hidden.some((event) => event.action === 'auth.login'))
      assert.ok(hidden.some((event) => event.action === 'auth.login_failed'))
      assert.equal(hidden.length, all.filter((event) => event.action !== 'auth.login').length)
      assert.equal((await eventsOf('&hideSignIns=false')).length, all.length)
    })

    it('filters combine, and page with the cursor', async () => {
      const first = (
        await request(ctx, 'GET', `/api/org/audit?limit=1&hideSignIns=true&actor=${admin.id}`, {
          session: ownerSession,
        })
      ).body as TAuditPage
      assert.equal(first.events[0]?.action, 'invitation.created')
      assert.ok(first.nextCursor)
      const second = (
        await request(
          ctx,
          'GET',
          `/api/org/audit?limit=1&hideSignIns=true&actor=${admin.id}&cursor=${first.nextCursor}`,
          {
            session: ownerSession,
          },
        )
      ).body as TAuditPage
      assert.equal(second.events[0]?.action, 'member.role_changed')
      assert.equal(second.nextCursor, null)
    })

    it('refuses a malformed filter with 422 naming the parameter', async () => {
      for (const query of [
        'action=DROP%20TABLE',
        'action=login',
        'hideSignIns=yes',
        `actor=${'x'.repeat(65)}`,
      ]) {
        for (const path of ['/api/org/audit', '/api/org/audit/export.csv']) {
          const res = await request(ctx, 'GET', `${path}?${query}`, { session: ownerSession })
          expectError(res, 422, 'validation_failed')
          assert.match(res.text, new RegExp(query.split('=')[0] as string))
        }
      }
    })

    it("another organisation's member id or actions show nothing of this organisation", async () => {
      assert.deepEqual(await eventsOf(`&actor=${admin.id}`, otherOwnerSession), [])
      assert.deepEqual(await eventsOf('&action=member.role_changed', otherOwnerSession), [])
    })
  })

  describe('what the entities are', () => {
    it('names members, invitations and the organisation, and the actor by name', async () => {
      const events = await eventsOf('')
      const roleChange = events.find((event) => event.action === 'member.role_changed')
      assert.equal(roleChange?.entityName, `User ${viewer.email}`)
      assert.equal(roleChange?.actor?.name, `User ${admin.email}`)
      assert.equal(
        events.find((event) => event.action === 'invitation.created')?.entityName,
        'invitee-audit@example.org',
      )
      assert.equal(events.find((event) => event.action === 'organisation.renamed')?.entityName, FORMULA_NAME)
    })

    it('a removed member is named by the email the event recorded, not looked up elsewhere', async () => {
      const leaver = await buildUser(ctx, org, 'viewer')
      assert.equal(
        (await request(ctx, 'DELETE', `/api/org/members/${leaver.id}`, { session: ownerSession })).status,
        204,
      )
      const [removed] = await eventsOf('&action=member.removed')
      assert.equal(removed?.entityName, leaver.email)
    })
  })

  describe('CSV export', () => {
    it('has the header row, one record per filtered event, and reads back with a real parser', async () => {
      const records = await csvOf('')
      assert.deepEqual(records[0], [...AUDIT_CSV_COLUMNS])
      const events = await eventsOf('')
      assert.equal(records.length - 1, events.length)
      const bySeq = new Map(records.slice(1).map((record) => [record[8], record]))
      for (const event of events) {
        const record = bySeq.get(String(event.seq))
        assert.ok(record, `seq ${event.seq} exported`)
        assert.equal(record[0], event.createdAt)
        assert.equal(record[3], event.action)
        assert.equal(record[9], event.hash)
      }
      const filtered = await csvOf(`?hideSignIns=true&actor=${admin.id}`)
      assert.deepEqual(
        filtered.slice(1).map((record) => record[3]),
        ['invitation.created', 'member.role_changed'],
      )
    })

    it('prefixes a cell a spreadsheet would run as a formula, and keeps quotes, commas and line breaks', async () => {
      const records = await csvOf('?action=organisation.renamed')
      assert.equal(records.length, 2)
      const [, renamed] = records
      assert.equal(renamed?.[5], `'${FORMULA_NAME}`)
      assert.match(renamed?.[7] ?? '', /to: =HYPERLINK/)
      for (const record of records) {
        for (const cell of record) assert.doesNotMatch(cell, /^[=+\-@]/, `"${cell}" could run as a formula`)
      }
    })

    it("never contains another organisation's events", async () => {
      const records = await csvOf('', otherOwnerSession)
      const text = records.flat().join('\n')
      for (const secret of [
        org.id,
        owner.email,
        admin.email,
        viewer.email,
        'invitee-audit@example.org',
        'HYPERLINK',
      ]) {
        assert.ok(!text.includes(secret), `the other organisation's export reveals "${secret}"`)
      }
      const otherEvents = await eventsOf('', otherOwnerSession)
      assert.equal(records.length - 1, otherEvents.length)
    })

    it('has the permission of the audit log: 401 signed out, 403 for a viewer', async () => {
      expectError(await request(ctx, 'GET', '/api/org/audit/export.csv'), 401, 'unauthenticated')
      const reader = await buildUser(ctx, org, 'viewer')
      const session = await login(ctx, reader)
      expectError(await request(ctx, 'GET', '/api/org/audit/export.csv', { session }), 403, 'forbidden')
      expectError(await request(ctx, 'GET', '/api/org/audit', { session }), 403, 'forbidden')
    })

    it('exports a trail longer than one read page whole, newest first, each event once', async () => {
      const many = await buildOrg(ctx)
      for (let i = 0; i < 9; i++) await buildUser(ctx, many, 'viewer')
      let text = ''
      for await (const chunk of auditCsv(ctx, { orgId: many.id }, { filter: {}, pageSize: 4 })) text += chunk
      const seqs = (parse(text) as string[][]).slice(1).map((record) => Number(record[8]))
      assert.deepEqual(
        seqs,
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        'created and nine members added, over three reads',
      )
    })
  })
})
