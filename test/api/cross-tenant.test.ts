/**
 * Every API resource is covered by a cross-tenant test (docs/quality.md): read from the OpenAPI
 * document, every operation that names an object in its path either serves shared content (the
 * library and the jurisdiction data, the same for every organisation) or has a case here that
 * builds an object of organisation A and proves a member of organisation B gets the made-up-id 404
 * and changes nothing. Every signed-in read without an object id is also asked by B and must not
 * mention anything of A.
 */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectCrossTenant404,
  login,
  request,
  type TSession,
  type TTestApp,
  type TTestOrg,
  type TTestUser,
} from '../helpers/app.ts'
import { countRows, forEachDatabase } from '../helpers/db.ts'
import { fetchOperations, type TOperation } from './operations.ts'

/** Path prefixes whose objects are shared content, not organisation data. */
const SHARED_CONTENT_PREFIXES = ['/api/library/', '/api/jurisdictions/', '/api/gap']

type TFixture = {
  orgA: TTestOrg
  memberA: TTestUser
  invitationId: string
  invitationEmail: string
  biasAuditId: string
  sessionA: TSession
  sessionIdA: string
}

/** Per operation naming an object of an organisation: the request a member of B tries on A's object. */
const CASES: Record<string, (f: TFixture) => { path: string; objectId: string; body?: unknown }> = {
  'PATCH /api/org/members/{userId}': (f) => ({
    path: `/api/org/members/${f.memberA.id}`,
    objectId: f.memberA.id,
    body: { role: 'admin' },
  }),
  'DELETE /api/org/members/{userId}': (f) => ({
    path: `/api/org/members/${f.memberA.id}`,
    objectId: f.memberA.id,
  }),
  'DELETE /api/org/invitations/{id}': (f) => ({
    path: `/api/org/invitations/${f.invitationId}`,
    objectId: f.invitationId,
  }),
  'DELETE /api/auth/sessions/{id}': (f) => ({
    path: `/api/auth/sessions/${f.sessionIdA}`,
    objectId: f.sessionIdA,
  }),
  'POST /api/org/members/{userId}/password-reset': (f) => ({
    path: `/api/org/members/${f.memberA.id}/password-reset`,
    objectId: f.memberA.id,
  }),
  'DELETE /api/bias-audits/{id}': (f) => ({
    path: `/api/bias-audits/${f.biasAuditId}`,
    objectId: f.biasAuditId,
  }),
  'GET /api/bias-audits/{id}': (f) => ({
    path: `/api/bias-audits/${f.biasAuditId}`,
    objectId: f.biasAuditId,
  }),
  'GET /api/bias-audits/{id}/report.html': (f) => ({
    path: `/api/bias-audits/${f.biasAuditId}/report.html`,
    objectId: f.biasAuditId,
  }),
  'GET /api/bias-audits/{id}/report.pdf': (f) => ({
    path: `/api/bias-audits/${f.biasAuditId}/report.pdf`,
    objectId: f.biasAuditId,
  }),
}

const keyOf = (op: TOperation) => `${op.method} ${op.path}`
const isShared = (op: TOperation) => SHARED_CONTENT_PREFIXES.some((prefix) => op.path.startsWith(prefix))

forEachDatabase('cross-tenant isolation of every API resource', (handle) => {
  let ctx: TTestApp
  let operations: TOperation[] = []
  let fixture: TFixture
  let tables: string[] = []

  before(async () => {
    ctx = createTestApp(handle)
    operations = await fetchOperations(ctx.app)
    tables = (await handle.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'))
    const orgA = await buildOrg(ctx, { kind: 'provider', name: 'Tenant A Security Services' })
    const ownerA = await buildUser(ctx, orgA, 'owner')
    const memberA = await buildUser(ctx, orgA, 'viewer')
    const sessionA = await login(ctx, ownerA)
    const invitationEmail = 'tenant-a-invitee@example.org'
    const invitation = await request(ctx, 'POST', '/api/org/invitations', {
      session: sessionA,
      body: { email: invitationEmail, role: 'viewer' },
    })
    assert.equal(invitation.status, 201, invitation.text)
    const audit = await request(
      ctx,
      'POST',
      '/api/bias-audits?group=sex&label=label&pred=pred&fileName=a.csv',
      {
        session: sessionA,
        rawBody: 'sex,label,pred\nf,1,1\nm,0,1\nf,0,0\n',
        headers: { 'content-type': 'text/csv' },
      },
    )
    assert.equal(audit.status, 201, audit.text)
    const sessions = await request(ctx, 'GET', '/api/auth/sessions', { session: sessionA })
    const sessionIdA = (sessions.body as { sessions: { id: string }[] }).sessions[0]?.id ?? ''
    assert.ok(sessionIdA, sessions.text)
    fixture = {
      sessionIdA,
      orgA,
      memberA,
      invitationId: (invitation.body as { id: string }).id,
      invitationEmail,
      biasAuditId: (audit.body as { id: string }).id,
      sessionA,
    }
  })

  it('every operation naming an object is shared content or has a cross-tenant case', () => {
    const withObject = operations.filter((op) => op.pathParams.length > 0)
    assert.ok(withObject.length >= 5, 'the document lists the object routes')
    const uncovered = withObject.filter((op) => !isShared(op) && !CASES[keyOf(op)]).map(keyOf)
    assert.deepEqual(uncovered, [], 'add a case to CASES for each of these org-owned routes')
    const stale = Object.keys(CASES).filter((key) => !operations.some((op) => keyOf(op) === key))
    assert.deepEqual(stale, [], 'these cases name routes the API no longer has')
  })

  for (const [key, build] of Object.entries(CASES)) {
    it(`${key}: a member of another organisation gets 404 and changes nothing`, async () => {
      const [method = 'GET'] = key.split(' ')
      const { path, objectId, body } = build(fixture)
      const counts = await countRows(handle.db, tables)
      await expectCrossTenant404({
        ctx,
        method,
        path,
        ownerOrg: fixture.orgA,
        objectId,
        ...(body === undefined ? {} : { body }),
      })
      const after = await countRows(handle.db, tables)
      // The helper signs a new outsider in (an organisation, a user, a membership, a session,
      // an audit event for the sign-in may be written); A's objects must all still be there.
      for (const table of ['invitations', 'bias_audits', 'password_resets'] as const) {
        if (table in counts) assert.equal(after[table], counts[table], `${table} unchanged`)
      }
      const member = await handle.db
        .selectFrom('memberships')
        .select('role')
        .where('user_id', '=', fixture.memberA.id)
        .where('org_id', '=', fixture.orgA.id)
        .executeTakeFirst()
      assert.equal(member?.role, 'viewer', "A's member keeps their role and membership")
    })
  }

  it("a member of another organisation switching into A's organisation gets 404", async () => {
    await expectCrossTenant404({
      ctx,
      method: 'POST',
      path: '/api/auth/switch',
      ownerOrg: fixture.orgA,
      body: { organisationId: fixture.orgA.id },
    })
  })

  it('no signed-in read without an object id shows anything of another organisation', async () => {
    const orgB = await buildOrg(ctx, { kind: 'client' })
    const sessions: TSession[] = []
    for (const role of ['owner', 'viewer'] as const)
      sessions.push(await login(ctx, await buildUser(ctx, orgB, role)))
    const secrets = [
      fixture.orgA.id,
      fixture.orgA.slug,
      fixture.orgA.name,
      fixture.memberA.id,
      fixture.memberA.email,
      fixture.invitationId,
      fixture.invitationEmail,
      fixture.biasAuditId,
    ]
    const reads = operations.filter(
      (op) => op.method === 'GET' && op.needsSession && op.pathParams.length === 0,
    )
    assert.ok(
      reads.some((op) => op.path === '/api/org/members'),
      'the organisation lists are among the reads',
    )
    for (const op of reads) {
      for (const session of sessions) {
        const res = await request(ctx, 'GET', op.path, { session })
        assert.ok(res.status < 500, `${op.path}: ${res.status}`)
        for (const secret of secrets) {
          assert.ok(!res.text.includes(secret), `${op.path} as ${session.me.role} of B reveals "${secret}"`)
        }
      }
    }
  })
})
