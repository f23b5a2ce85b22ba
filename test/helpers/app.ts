/**
 * An in-process Custos app on a test database, factories for organisations and users, a signed-in
 * request helper, and the cross-tenant check every module reuses.
 */
import assert from 'node:assert/strict'
import { newId } from '../../src/core/ids.ts'
import { silentLogger } from '../../src/core/logger.ts'
import { ephemeralSecrets, type TSecrets } from '../../src/core/secrets.ts'
import { manualClock } from '../../src/core/time.ts'
import type { TDb } from '../../src/db/database.ts'
import { createApp } from '../../src/http/app.ts'
import type { TApp } from '../../src/http/context.ts'
import { addUserToOrganisation, ensureOrganisation } from '../../src/modules/platform/accounts.ts'
import type { TOrgKind, TRole } from '../../src/modules/platform/limits.ts'
import type { TMe } from '../../src/modules/platform/schemas.ts'
import type { TTestDatabase } from './db.ts'

export type TTestApp = {
  app: TApp
  db: TDb
  clock: ReturnType<typeof manualClock>
  secrets: TSecrets
}

/** A fresh app on the suite's database with a manual clock starting at the real time. */
export const createTestApp = (
  handle: TTestDatabase,
  options: { clock?: ReturnType<typeof manualClock>; secrets?: TSecrets; trustProxy?: boolean } = {},
): TTestApp => {
  const clock = options.clock ?? manualClock(new Date())
  const secrets = options.secrets ?? ephemeralSecrets()
  const app = createApp({
    db: handle.db,
    dialect: handle.dialect,
    logger: silentLogger(),
    clock,
    secrets,
    trustProxy: options.trustProxy ?? false,
    webDistDir: null,
  })
  return { app, db: handle.db, clock, secrets }
}

export type TTestOrg = { id: string; slug: string; name: string }
export type TTestUser = { id: string; email: string; password: string; role: TRole }
export type TSession = { cookie: string; csrf: string; me: TMe }

let counter = 0
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export const TEST_PASSWORD = 'correct horse battery staple'

export const buildOrg = async (
  ctx: { db: TDb; secrets: TSecrets },
  options: { kind?: TOrgKind; name?: string } = {},
): Promise<TTestOrg> => {
  const slug = `org-${unique()}`
  const name = options.name ?? `Organisation ${slug}`
  const at = new Date().toISOString()
  const { id } = await ctx.db
    .transaction()
    .execute((trx) =>
      ensureOrganisation(trx, ctx.secrets, { slug, name, kind: options.kind ?? 'client', at }),
    )
  return { id, slug, name }
}

export const buildUser = async (
  ctx: { db: TDb; secrets: TSecrets },
  org: TTestOrg,
  role: TRole = 'owner',
): Promise<TTestUser> => {
  const email = `user-${unique()}@example.org`
  const at = new Date().toISOString()
  const { userId } = await ctx.db.transaction().execute((trx) =>
    addUserToOrganisation(trx, ctx.secrets, {
      orgId: org.id,
      email,
      name: `User ${email}`,
      role,
      password: TEST_PASSWORD,
      at,
    }),
  )
  return { id: userId, email, password: TEST_PASSWORD, role }
}

export type TResponse = { status: number; body: unknown; text: string; headers: Headers }

/** One request to the in-process app; JSON body, session cookie and CSRF header when given. */
export const request = async (
  ctx: { app: TApp },
  method: string,
  path: string,
  options: {
    body?: unknown
    rawBody?: string
    session?: TSession
    csrf?: string | false
    headers?: Record<string, string>
  } = {},
): Promise<TResponse> => {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined
  if (options.rawBody !== undefined) body = options.rawBody
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  if (options.session) {
    headers.cookie = options.session.cookie
    if (options.csrf !== false) headers['x-csrf-token'] = options.csrf ?? options.session.csrf
  }
  const res = await ctx.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
  const text = await res.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = null
  }
  return { status: res.status, body: parsed, text, headers: res.headers }
}

/** Signs in through the API; returns the cookie header value and the CSRF token. */
export const login = async (
  ctx: { app: TApp },
  user: { email: string; password: string },
): Promise<TSession> => {
  const res = await request(ctx, 'POST', '/api/auth/login', {
    body: { email: user.email, password: user.password },
  })
  assert.equal(res.status, 200, `login failed: ${res.text}`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  const match = /custos_session=([^;]+)/.exec(setCookie)
  assert.ok(match, 'login sets the session cookie')
  const me = res.body as TMe
  return { cookie: `custos_session=${match[1]}`, csrf: me.csrfToken, me }
}

/** Asserts an error response: status, code, the error shape, and no stack trace or internals. */
export const expectError = (res: TResponse, status: number, code: string): void => {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`)
  const body = res.body as { error?: { code?: unknown; message?: unknown } }
  assert.equal(body?.error?.code, code)
  assert.equal(typeof body.error?.message, 'string')
  assertNoInternals(res.text)
}

/** No stack frames, file paths or SQL in a response body. */
export const assertNoInternals = (text: string): void => {
  assert.doesNotMatch(text, /\bat .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+|\/src\/|SQLITE_|select .* from /i)
}

/**
 * A member of another organisation asks for an object of `ownerOrg`: 404 `not_found`, a body that
 * names nothing of the owner (id, slug, name, the object id), and exactly the body a made-up id
 * gets — so the answer does not even confirm the object exists.
 */
export const expectCrossTenant404 = async (options: {
  ctx: { app: TApp; db: TDb; secrets: TSecrets }
  method: string
  path: string
  ownerOrg: TTestOrg
  objectId?: string
  body?: unknown
}): Promise<void> => {
  const { ctx, method, path, ownerOrg, objectId, body } = options
  const otherOrg = await buildOrg(ctx)
  const outsider = await buildUser(ctx, otherOrg, 'owner')
  const session = await login(ctx, outsider)
  const res = await request(ctx, method, path, { session, ...(body !== undefined ? { body } : {}) })
  expectError(res, 404, 'not_found')
  for (const secret of [ownerOrg.id, ownerOrg.slug, ownerOrg.name, ...(objectId ? [objectId] : [])]) {
    assert.ok(!res.text.includes(secret), `the 404 body must not reveal "${secret}"`)
  }
  if (objectId) {
    const made = await request(ctx, method, path.replace(objectId, newId()), {
      session,
      ...(body !== undefined ? { body } : {}),
    })
    assert.equal(made.status, res.status)
    assert.deepEqual(made.body, res.body, 'an existing foreign object and a made-up id get the same answer')
  }
}
