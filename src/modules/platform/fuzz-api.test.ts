/** Property: whatever JSON arrives at a platform route, the answer is never a 5xx or a stack trace. */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import fc from 'fast-check'
import {
  assertNoInternals,
  buildOrg,
  buildUser,
  createTestApp,
  login,
  request,
  type TSession,
  type TTestApp,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'

const ROUTES: { method: string; path: string }[] = [
  { method: 'POST', path: '/api/auth/login' },
  { method: 'POST', path: '/api/auth/switch' },
  { method: 'PATCH', path: '/api/org' },
  { method: 'PATCH', path: '/api/org/members/{id}' },
  { method: 'DELETE', path: '/api/org/members/{id}' },
  { method: 'POST', path: '/api/org/invitations' },
  { method: 'DELETE', path: '/api/org/invitations/{id}' },
  { method: 'POST', path: '/api/invitations/accept' },
  { method: 'GET', path: '/api/org/audit?cursor={id}&limit={id}' },
]

/** Bodies near the real shapes (right keys, wrong values) and arbitrary JSON. */
const bodyArbitrary = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      email: fc.oneof(fc.string(), fc.emailAddress(), fc.integer()),
      password: fc.oneof(fc.string(), fc.constant(null)),
      name: fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.constantFrom('\u0000', 'a\u0000b'),
        ),
        fc.boolean(),
      ),
      role: fc.oneof(fc.constantFrom('owner', 'admin', 'viewer', 'root'), fc.string()),
      token: fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: 'binary', minLength: 16, maxLength: 60 }),
      ),
      organisationId: fc.oneof(fc.string({ maxLength: 100 }), fc.uuid()),
    },
    { requiredKeys: [] },
  ),
)

forEachDatabase('platform routes under random input', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'owner'))
  })

  it('never answer 5xx nor leak internals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        bodyArbitrary,
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.constantFrom('\u0000', 'a\u0000b'),
        ),
        async (route, body, segment) => {
          const path = route.path.replaceAll('{id}', encodeURIComponent(segment) || 'x')
          const res = await request(ctx, route.method, path, {
            session,
            ...(route.method === 'GET' ? {} : { body }),
          })
          assert.ok(res.status < 500, `${route.method} ${path} → ${res.status} ${res.text}`)
          assertNoInternals(res.text)
        },
      ),
      { numRuns: 150, seed: 20261129 },
    )
  })
})
