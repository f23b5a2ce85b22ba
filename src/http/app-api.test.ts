/** HTTP edges: error mapping, limits, headers, health, OpenAPI, reference page, static web app. */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  assertNoInternals,
  buildOrg,
  buildUser,
  createTestApp,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
} from '../../test/helpers/app.ts'
import { countRows, forEachDatabase, PLATFORM_TABLES } from '../../test/helpers/db.ts'
import { silentLogger } from '../core/logger.ts'
import { ephemeralSecrets } from '../core/secrets.ts'
import { systemClock } from '../core/time.ts'
import { openDatabase } from '../db/database.ts'
import { REFERENCE_CSP } from './api-docs.ts'
import { createApp } from './app.ts'
import { DEFAULT_BODY_LIMIT_BYTES } from './body-limit.ts'
import { HSTS, SECURITY_HEADERS } from './middleware.ts'
import { listen, type TRunningServer } from './server.ts'

forEachDatabase('bad input is refused cleanly and writes nothing', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'owner'))
  })

  const cases: {
    name: string
    method: string
    path: string
    status: number
    code: string
    options: Parameters<typeof request>[3]
  }[] = [
    {
      name: 'malformed JSON',
      method: 'PATCH',
      path: '/api/org',
      status: 400,
      code: 'invalid_json',
      options: { rawBody: '{"name": ', headers: { 'content-type': 'application/json' } },
    },
    {
      name: 'wrong types',
      method: 'PATCH',
      path: '/api/org',
      status: 422,
      code: 'validation_failed',
      options: { body: { name: 42 } },
    },
    {
      name: 'missing body',
      method: 'PATCH',
      path: '/api/org',
      status: 422,
      code: 'validation_failed',
      options: {},
    },
    {
      name: 'a form instead of JSON',
      method: 'PATCH',
      path: '/api/org',
      status: 415,
      code: 'unsupported_media_type',
      options: { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    },
    {
      name: 'an oversize body',
      method: 'PATCH',
      path: '/api/org',
      status: 413,
      code: 'payload_too_large',
      options: { body: { name: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES + 10) } },
    },
    {
      name: 'an unknown API route',
      method: 'POST',
      path: '/api/no-such-thing',
      status: 404,
      code: 'not_found',
      options: { body: {} },
    },
    {
      name: 'an unknown API route (GET)',
      method: 'GET',
      path: '/api/org/nothing/here',
      status: 404,
      code: 'not_found',
      options: {},
    },
    {
      name: 'a wrong method on a known path',
      method: 'PUT',
      path: '/api/org',
      status: 404,
      code: 'not_found',
      options: { body: { name: 'x' } },
    },
  ]
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      const res = await request(ctx, c.method, c.path, { session, ...c.options })
      expectError(res, c.status, c.code)
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })
  }

  const unstorable: [string, string, string, unknown][] = [
    ['a NUL in a JSON string', 'PATCH', '/api/org', { name: 'a\u0000b' }],
    ['a lone surrogate in a JSON string', 'PATCH', '/api/org', { name: 'a\ud800b' }],
    ['a NUL in a JSON key', 'POST', '/api/auth/switch', { 'organisation\u0000Id': 'x' }],
    ['a NUL in a body id', 'POST', '/api/auth/switch', { organisationId: 'a\u0000b' }],
    ['a NUL in a path parameter', 'DELETE', '/api/org/members/a%00b', undefined],
    ['a NUL in the query', 'GET', '/api/org/audit?cursor=%00', undefined],
  ]
  for (const [name, method, path, body] of unstorable) {
    it(`${name} → 422 on every database, nothing written`, async () => {
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      expectError(
        await request(ctx, method, path, { session, ...(body === undefined ? {} : { body }) }),
        422,
        'validation_failed',
      )
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })
  }

  it('explains which field failed validation', async () => {
    const res = await request(ctx, 'POST', '/api/org/invitations', {
      session,
      body: { email: 'not-an-email', role: 'viewer' },
    })
    expectError(res, 422, 'validation_failed')
    const body = res.body as { error: { message: string; issues: { path: string }[] } }
    assert.match(body.error.message, /email/)
    assert.deepEqual(
      body.error.issues.map((i) => i.path),
      ['email'],
    )
  })

  it('turns an unexpected failure into internal_error with a request id and no stack', async () => {
    // A database without the schema makes the session lookup throw an unexpected SQL error.
    const broken = openDatabase({ kind: 'sqlite', path: ':memory:' })
    after(() => broken.close())
    const app = createApp({
      db: broken.db,
      dialect: broken.dialect,
      logger: silentLogger(),
      clock: systemClock,
      secrets: ephemeralSecrets(),
      webDistDir: null,
    })
    const res = await request({ app }, 'GET', '/api/me', { session, headers: { 'x-request-id': 'req-123' } })
    assert.equal(res.status, 500)
    const body = res.body as { error: { code: string; requestId: string } }
    assert.equal(body.error.code, 'internal_error')
    assert.equal(body.error.requestId, 'req-123')
    assertNoInternals(res.text)
  })
})

forEachDatabase('HTTP surface', (handle) => {
  let ctx: TTestApp
  before(() => {
    ctx = createTestApp(handle)
  })

  it('answers /healthz with ok after checking the database', async () => {
    const res = await request(ctx, 'GET', '/healthz')
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, { status: 'ok' })
  })

  it('sets the security headers on API, health and page responses, and no-store on /api', async () => {
    for (const path of ['/healthz', '/api/me', '/', '/api/docs']) {
      const res = await request(ctx, 'GET', path)
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        assert.equal(res.headers.get(name), value, `${name} on ${path}`)
      assert.ok(res.headers.get('x-request-id'))
    }
    assert.match(
      SECURITY_HEADERS['Content-Security-Policy']!,
      /default-src 'self'.*frame-ancestors 'none'.*object-src 'none'.*base-uri 'self'/,
    )
    assert.equal((await request(ctx, 'GET', '/api/me')).headers.get('cache-control'), 'no-store')
  })

  it('serves a self-consistent OpenAPI 3.1 document', async () => {
    const res = await request(ctx, 'GET', '/api/openapi.json')
    assert.equal(res.status, 200)
    const doc = res.body as {
      openapi: string
      info: { title: string }
      paths: Record<string, Record<string, { responses: object }>>
      components: { schemas: Record<string, unknown> }
    }
    assert.equal(doc.openapi, '3.1.0')
    assert.ok(doc.info.title)
    for (const path of [
      '/api/auth/login',
      '/api/me',
      '/api/org/members/{userId}',
      '/api/org/audit',
      '/api/invitations/accept',
    ]) {
      assert.ok(doc.paths[path], `documents ${path}`)
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      assert.ok(path.startsWith('/api/') || path.startsWith('/g/') || path === '/healthz', path)
      for (const op of Object.values(item))
        assert.ok(Object.keys(op.responses).length > 0, `${path} has responses`)
    }
    const refs = [...res.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!)
    assert.ok(refs.length > 0)
    for (const ref of refs) assert.ok(doc.components.schemas[ref], `$ref ${ref} resolves`)
  })

  it('renders the API reference without scripts or outside resources', async () => {
    const res = await request(ctx, 'GET', '/api/docs')
    assert.equal(res.status, 200)
    assert.match(res.text, /POST<\/span> <code>\/api\/auth\/login<\/code>/)
    assert.match(res.text, /id="schema-Me"/)
    assert.doesNotMatch(res.text, /<script|https?:\/\/(?!localhost)/i)
  })

  it('keeps the CSP free of unsafe-inline: no page needs inline styles or scripts', async () => {
    assert.doesNotMatch(SECURITY_HEADERS['Content-Security-Policy']!, /unsafe-inline|unsafe-eval/)
    const page = await request(ctx, 'GET', '/api/docs')
    assert.doesNotMatch(page.text, /<style|style="/)
    const css = await request(ctx, 'GET', '/api/docs.css')
    assert.equal(css.status, 200)
    assert.match(css.headers.get('content-type') ?? '', /text\/css/)
    assert.doesNotMatch((await request(ctx, 'GET', '/settings/organisation')).text, /<style|style="/)
  })

  it('without a built web app, explains how to build it instead of failing', async () => {
    const res = await request(ctx, 'GET', '/settings/organisation')
    assert.equal(res.status, 200)
    assert.match(res.text, /npm run build/)
  })
})

/**
 * An app serving a built web app made of index.html, assets/app-abc123.js and the given extra
 * assets, in a temporary folder. No database is given: serving the web app must never touch it.
 */
const withWebDist = (
  assets: Record<string, string> = {},
): { dir: string; app: ReturnType<typeof createApp> } => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-web-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Custos SPA</title>')
  for (const [name, text] of Object.entries({ 'app-abc123.js': 'console.log(1)', ...assets }))
    writeFileSync(join(dir, 'assets', name), text)
  const app = createApp({
    db: undefined as never,
    dialect: 'sqlite',
    logger: silentLogger(),
    clock: systemClock,
    secrets: ephemeralSecrets(),
    webDistDir: dir,
  })
  return { dir, app }
}

describe('serving the built web app', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  before(() => {
    ;({ dir, app } = withWebDist())
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('serves index.html for the root and for client-side routes', async () => {
    for (const path of ['/', '/login', '/settings/organisation', '/invitations/accept']) {
      const res = await request({ app }, 'GET', path)
      assert.equal(res.status, 200, path)
      assert.match(res.text, /Custos SPA/)
    }
  })

  it('serves hashed assets with a long cache and 404s missing files', async () => {
    const res = await request({ app }, 'GET', '/assets/app-abc123.js')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000, immutable/)
    assert.equal((await request({ app }, 'GET', '/assets/missing.js')).status, 404)
    assert.equal((await request({ app }, 'GET', '/favicon-nope.png')).status, 404)
  })

  it('never answers /api or /g paths with the web app', async () => {
    expectError(await request({ app }, 'GET', '/api/unknown'), 404, 'not_found')
    const portal = await request({ app }, 'GET', '/g/some-org')
    assert.equal(portal.status, 404)
    assert.doesNotMatch(portal.text, /Custos SPA/)
  })

  it('refuses path traversal', async () => {
    const res = await app.request('/assets/..%2f..%2fetc/passwd')
    assert.notEqual(res.status, 200)
  })
})

describe('the API reference with a built web app', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  before(() => {
    ;({ dir, app } = withWebDist({ 'redoc.standalone-abc123.js': '/* Redoc */' }))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('renders /api/docs with the Redoc bundle from our origin and the document it reads', async () => {
    const res = await request({ app }, 'GET', '/api/docs')
    assert.equal(res.status, 200)
    const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    assert.deepEqual(
      scripts.map((m) => m[1]!.trim()),
      ['src="/assets/redoc.standalone-abc123.js"'],
    )
    assert.ok(
      scripts.every((m) => m[2] === ''),
      'no inline script',
    )
    assert.match(res.text, /<redoc spec-url="\/api\/openapi.json"/)
    assert.doesNotMatch(res.text, /https?:\/\//i)
    assert.equal((await request({ app }, 'GET', '/assets/redoc.standalone-abc123.js')).status, 200)
  })

  it('relaxes the CSP on /api/docs alone, by style-src unsafe-inline and worker-src blob: only', async () => {
    const strict = SECURITY_HEADERS['Content-Security-Policy']!
    const res = await request({ app }, 'GET', '/api/docs')
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.equal(csp, REFERENCE_CSP)
    const directives = (policy: string) => new Set(policy.split(';').map((d) => d.trim()))
    const added = [...directives(csp)].filter((d) => !directives(strict).has(d))
    const removed = [...directives(strict)].filter((d) => !directives(csp).has(d))
    assert.deepEqual(added.sort(), ["style-src 'self' 'unsafe-inline'", 'worker-src blob:'])
    assert.deepEqual(removed, ["style-src 'self'"])
    // Scripts fall back to default-src 'self': no inline script, no eval.
    assert.match(csp, /default-src 'self';/)
    assert.doesNotMatch(csp, /script-src|unsafe-eval/)
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (name !== 'Content-Security-Policy') assert.equal(res.headers.get(name), value, name)

    for (const path of [
      '/',
      '/login',
      '/api/openapi.json',
      '/api/docs.css',
      '/assets/app-abc123.js',
      '/api/unknown',
    ]) {
      const other = await request({ app }, 'GET', path)
      assert.equal(other.headers.get('content-security-policy'), strict, path)
    }
  })

  it('redirects /favicon.ico to the SVG icon', async () => {
    const res = await request({ app }, 'GET', '/favicon.ico')
    assert.equal(res.status, 301)
    assert.equal(res.headers.get('location'), '/favicon.svg')
  })
})

forEachDatabase('authentication comes before validation', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'owner'))
  })

  /** Invalid on purpose: wrong types, malformed JSON, NUL characters, out-of-range query. */
  const badInput: [string, string, string, Parameters<typeof request>[3]][] = [
    ['wrong types in the body', 'PATCH', '/api/org', { body: { name: 42 } }],
    ['an invalid email', 'POST', '/api/org/invitations', { body: { email: 'nope', role: 'viewer' } }],
    [
      'malformed JSON',
      'PATCH',
      '/api/org',
      { rawBody: '{"name": ', headers: { 'content-type': 'application/json' } },
    ],
    ['a NUL in the body', 'PATCH', '/api/org', { body: { name: 'a\u0000b' } }],
    [
      'a body that is not JSON',
      'POST',
      '/api/auth/switch',
      { rawBody: 'x', headers: { 'content-type': 'text/plain' } },
    ],
    ['an out-of-range query', 'GET', '/api/org/audit?limit=0', {}],
    ['a NUL in a path parameter', 'DELETE', '/api/org/members/a%00b', {}],
  ]

  for (const [name, method, path, options] of badInput) {
    it(`signed out, ${name} on a protected route → 401 unauthenticated, nothing written`, async () => {
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      expectError(await request(ctx, method, path, options), 401, 'unauthenticated')
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
    })
  }

  it('signed in, the same bad input is a 4xx validation answer and writes nothing', async () => {
    for (const [name, method, path, options] of badInput) {
      const counts = await countRows(handle.db, PLATFORM_TABLES)
      const res = await request(ctx, method, path, { ...options, session })
      assert.ok([400, 415, 422].includes(res.status), `${name}: ${res.status} ${res.text}`)
      assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts, name)
    }
    const counts = await countRows(handle.db, PLATFORM_TABLES)
    expectError(
      await request(ctx, 'PATCH', '/api/org', { session, body: { name: 42 } }),
      422,
      'validation_failed',
    )
    assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts)
  })

  it('every operation that requires the session answers 401 to a signed-out request, whatever its input', async () => {
    const doc = (await request(ctx, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>
    }
    let checked = 0
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const security = op.security ?? []
        if (security.length === 0 || security.some((s) => Object.keys(s).length === 0)) continue
        const path = `${template.replaceAll(/\{[^}]+\}/g, 'a%00b')}?limit=-1&cursor=x&q=%00`
        const upper = method.toUpperCase()
        const options =
          upper === 'GET' ? {} : { rawBody: '{"bad": ', headers: { 'content-type': 'application/json' } }
        const counts = await countRows(handle.db, PLATFORM_TABLES)
        const res = await request(ctx, upper, path, options)
        expectError(res, 401, 'unauthenticated')
        assert.deepEqual(await countRows(handle.db, PLATFORM_TABLES), counts, `${upper} ${template}`)
        checked++
      }
    }
    assert.ok(checked >= 10, `checked ${checked} operations`)
  })

  it('public operations still validate a signed-out request (422, not 401)', async () => {
    expectError(
      await request(ctx, 'POST', '/api/auth/login', { body: { email: 'x' } }),
      422,
      'validation_failed',
    )
    expectError(await request(ctx, 'POST', '/api/invitations/accept', { body: {} }), 422, 'validation_failed')
  })
})

forEachDatabase('headers on the Node server', (handle) => {
  let ctx: TTestApp
  let server: TRunningServer
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    server = await listen(ctx.app, { port: 0, host: '127.0.0.1' })
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'owner'))
  })
  after(async () => {
    await server?.close()
  })

  it('sends the security headers and the request id on answers, errors and pages, and no-store on /api', async () => {
    const targets: [string, Record<string, string>, number][] = [
      ['/api/me', { cookie: session.cookie }, 200],
      ['/api/me', {}, 401],
      ['/api/no-such-route', {}, 404],
      ['/api/org/audit?limit=0', { cookie: session.cookie }, 422],
      ['/healthz', {}, 200],
      ['/', {}, 200],
    ]
    for (const [path, headers, status] of targets) {
      const res = await fetch(`${server.url}${path}`, {
        headers: { ...headers, 'x-request-id': 'req-node-1' },
      })
      await res.text()
      assert.equal(res.status, status, path)
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        assert.equal(res.headers.get(name), value, `${name} on ${path}`)
      assert.equal(res.headers.get('x-request-id'), 'req-node-1', path)
      assert.equal(res.headers.get('cache-control'), path.startsWith('/api/') ? 'no-store' : null, path)
    }
  })

  it('also on an unexpected failure', async () => {
    const broken = openDatabase({ kind: 'sqlite', path: ':memory:' })
    const app = createApp({
      db: broken.db,
      dialect: broken.dialect,
      logger: silentLogger(),
      clock: systemClock,
      secrets: ephemeralSecrets(),
      webDistDir: null,
    })
    const brokenServer = await listen(app, { port: 0, host: '127.0.0.1' })
    try {
      const res = await fetch(`${brokenServer.url}/api/me`, { headers: { cookie: session.cookie } })
      assert.equal(res.status, 500)
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'internal_error')
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        assert.equal(res.headers.get(name), value, name)
      assert.ok(res.headers.get('x-request-id'))
      assert.equal(res.headers.get('cache-control'), 'no-store')
    } finally {
      await brokenServer.close()
      await broken.close()
    }
  })
})

forEachDatabase('connection handling and https on the Node server', (handle) => {
  it('closes the connection after a 413, so the next request on it is not read from the rest of the body', async () => {
    const ctx = createTestApp(handle)
    const server = await listen(ctx.app, { port: 0, host: '127.0.0.1' })
    try {
      const { port } = new URL(server.url)
      // One keep-alive socket carrying an oversized JSON body (only its start is sent), then a GET.
      const answers = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1')
        let received = ''
        socket.setEncoding('utf8')
        socket.on('data', (chunk) => {
          received += chunk
        })
        socket.on('close', () => resolve(received))
        socket.on('error', reject)
        const size = 2 * 1024 * 1024
        socket.write(
          `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
        )
        socket.write(`{"email":"${'a'.repeat(1024 * 1024 + 10)}`)
        setTimeout(() => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 200)
        setTimeout(() => socket.destroy(), 5000)
      })
      assert.match(answers, /^HTTP\/1\.1 413 /)
      assert.match(answers, /\r\nconnection: close\r\n/i)
      assert.doesNotMatch(answers, /HTTP\/1\.1 (200|400) /, 'nothing else is answered on that connection')
      // A new connection works at once.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
    } finally {
      await server.close()
    }
  })

  it('sends HSTS only over https (a trusted proxy reporting https, or https itself)', async () => {
    const ctx = createTestApp(handle, { trustProxy: true })
    const plain = await ctx.app.request('http://localhost/healthz')
    assert.equal(plain.headers.get('strict-transport-security'), null)
    const proxied = await ctx.app.request('http://localhost/healthz', {
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.equal(proxied.headers.get('strict-transport-security'), HSTS)
    const direct = await ctx.app.request('https://custos.example/api/me')
    assert.equal(direct.headers.get('strict-transport-security'), HSTS)
    const untrusted = createTestApp(handle)
    const spoofed = await untrusted.app.request('http://localhost/healthz', {
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.equal(spoofed.headers.get('strict-transport-security'), null, 'not without a trusted proxy')
  })
})
