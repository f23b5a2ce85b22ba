/**
 * The error contract at the socket (issue 2 "Done when", docs/contracts.md, docs/quality.md): bad input sent as raw bytes
 * to the real node server on a loopback port — malformed JSON, the wrong media type, a body over
 * the limit (with and without Content-Length), unknown routes with every method, forged sessions
 * and CSRF tokens, a very long URL, bytes that are not UTF-8 — gets a 4xx with its stable code,
 * the contract body, no internals, and writes nothing.
 */
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/http/body-limit.ts'
import { listen, type TRunningServer } from '../../src/http/server.ts'
import { buildOrg, buildUser, createTestApp, login, type TSession, type TTestApp } from '../helpers/app.ts'
import { countRows, forEachDatabase } from '../helpers/db.ts'
import { checkAnswer, findInternal } from './contract.ts'

type TRawResponse = { status: number; headers: Record<string, string>; body: string }

/** Decodes a chunked body (the server streams some answers). */
const dechunk = (raw: Buffer): Buffer => {
  const parts: Buffer[] = []
  let at = 0
  while (at < raw.length) {
    const lineEnd = raw.indexOf('\r\n', at)
    if (lineEnd < 0) break
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size) || size === 0) break
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/**
 * Sends bytes exactly as given (request line, headers, body) and reads the answer until the server
 * closes. `body` may be a list of chunks written one after another, for streamed uploads.
 */
const rawRequest = (
  port: number,
  head: string | Buffer,
  body: Buffer | Buffer[] = Buffer.alloc(0),
): Promise<TRawResponse> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    const received: Buffer[] = []
    socket.on('data', (chunk) => received.push(chunk))
    // The server may answer and close before the whole upload is written; that is expected.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err)
    })
    socket.on('close', () => {
      const all = Buffer.concat(received)
      const split = all.indexOf('\r\n\r\n')
      if (split < 0) return reject(new Error(`no HTTP answer: ${all.toString('latin1').slice(0, 200)}`))
      const [statusLine = '', ...headerLines] = all.subarray(0, split).toString('latin1').split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of headerLines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      const rawBody = all.subarray(split + 4)
      const bodyBytes = headers['transfer-encoding'] === 'chunked' ? dechunk(rawBody) : rawBody
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: bodyBytes.toString('utf8') })
    })
    socket.on('connect', () => {
      socket.write(head)
      const chunks = Array.isArray(body) ? body : [body]
      const writeNext = (i: number) => {
        if (socket.destroyed) return
        if (i >= chunks.length) return
        const chunk = chunks[i] ?? Buffer.alloc(0)
        socket.write(chunk, () => setImmediate(() => writeNext(i + 1)))
      }
      writeNext(0)
    })
  })

/** A request head with `Connection: close`, so the answer ends with the socket. */
const headOf = (method: string, target: string, headers: Record<string, string> = {}): string =>
  `${method} ${target} HTTP/1.1\r\n${Object.entries({ host: '127.0.0.1', connection: 'close', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`

const withBody = (
  method: string,
  target: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): [string, Buffer] => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  return [headOf(method, target, { 'content-length': String(bytes.length), ...headers }), bytes]
}

/** Asserts the contract, then the expected status and code. */
const expectCode = (label: string, res: TRawResponse, status: number, code: string): void => {
  const actual = checkAnswer(label, res.status, res.body)
  assert.equal(res.status, status, `${label}: ${res.status} ${res.body}`)
  assert.equal(actual, code, `${label}: ${res.body}`)
  assert.match(res.headers['content-type'] ?? '', /^application\/json/, `${label}: a JSON answer`)
}

describe('the contract checker itself', () => {
  it('refuses a 5xx, a stack trace, a foreign code, a body with extra top-level keys and SQL', () => {
    const error = (code: string) => JSON.stringify({ error: { code, message: 'No.' } })
    assert.throws(() => checkAnswer('5xx', 500, error('internal_error')))
    assert.throws(() => checkAnswer('unknown code', 400, error('oops')))
    assert.throws(() => checkAnswer('code of another status', 404, error('conflict')))
    assert.throws(() =>
      checkAnswer(
        'extra key',
        404,
        JSON.stringify({ error: { code: 'not_found', message: 'x' }, stack: 'y' }),
      ),
    )
    assert.throws(() => checkAnswer('not JSON', 400, 'Bad Request'))
    assert.throws(() => checkAnswer('empty message', 404, error('').replace('"No."', '""')))
    for (const leak of [
      'TypeError: Cannot read properties of undefined',
      '    at handler (/work/main/src/modules/platform/routes.ts:10:5)',
      'at file:///srv/custos/dist/server.js:1:2',
      '/srv/custos/node_modules/kysely/dist/esm/index.js',
      'select "id" from "users" where "email" = ?',
      'insert into "sessions" ("token_hash") values ($1)',
      'SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email',
      'duplicate key value violates unique constraint "users_email_key"',
    ]) {
      assert.notEqual(
        findInternal(JSON.stringify({ error: { code: 'bad_request', message: leak } })),
        null,
        leak,
      )
    }
    assert.equal(checkAnswer('a clean error', 404, error('not_found')), 'not_found')
    assert.equal(
      checkAnswer(
        'prose is not a stack',
        200,
        '{"text":"people at work (employees) select data from forms"}',
      ),
      null,
    )
  })
})

forEachDatabase('raw HTTP bad input through the node server', (handle) => {
  let ctx: TTestApp
  let server: TRunningServer
  let session: TSession
  let tables: string[] = []

  before(async () => {
    ctx = createTestApp(handle)
    server = await listen(ctx.app, { port: 0, host: '127.0.0.1' })
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'owner'))
    tables = (await handle.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'))
  })
  after(async () => {
    await server?.close()
  })

  const signedIn = (extra: Record<string, string> = {}) => ({
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    ...extra,
  })

  /** Runs one raw request and proves it wrote nothing. */
  const send = async (head: string | Buffer, body?: Buffer | Buffer[]): Promise<TRawResponse> => {
    const before = await countRows(handle.db, tables)
    const res = await rawRequest(server.port, head, body)
    assert.deepEqual(await countRows(handle.db, tables), before, 'a refused request writes nothing')
    return res
  }

  it('malformed JSON → 400 invalid_json, signed out and signed in', async () => {
    for (const text of ['{"email": ', '{email: "a"}', "{'a':1}", '[1,]', '\u00ff\u00fe', '{"a":1}}']) {
      expectCode(
        `login ${text}`,
        await send(...withBody('POST', '/api/auth/login', text, { 'content-type': 'application/json' })),
        400,
        'invalid_json',
      )
      expectCode(
        `PATCH /api/org ${text}`,
        await send(...withBody('PATCH', '/api/org', text, signedIn({ 'content-type': 'application/json' }))),
        400,
        'invalid_json',
      )
    }
  })

  it('a JSON body under another media type → 415 unsupported_media_type', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      expectCode(
        type,
        await send(
          ...withBody('PATCH', '/api/org', '{"name":"Renamed"}', signedIn({ 'content-type': type })),
        ),
        415,
        'unsupported_media_type',
      )
    }
    expectCode(
      'no content type',
      await send(...withBody('POST', '/api/auth/login', '{"email":"a@example.org","password":"x"}')),
      415,
      'unsupported_media_type',
    )
  })

  it('a body over the limit → 413 payload_too_large, with Content-Length and streamed without it', async () => {
    const big = Buffer.alloc(DEFAULT_BODY_LIMIT_BYTES + 1024, 'a')
    const json = Buffer.concat([Buffer.from('{"name":"'), big, Buffer.from('"}')])
    expectCode(
      'with Content-Length',
      await send(...withBody('PATCH', '/api/org', json, signedIn({ 'content-type': 'application/json' }))),
      413,
      'payload_too_large',
    )
    // Chunked: the server only learns the size while reading.
    const chunks: Buffer[] = []
    for (let at = 0; at < json.length; at += 64 * 1024) {
      const piece = json.subarray(at, at + 64 * 1024)
      chunks.push(
        Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
      )
    }
    chunks.push(Buffer.from('0\r\n\r\n'))
    const head = headOf(
      'PATCH',
      '/api/org',
      signedIn({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
    )
    expectCode('chunked', await send(head, chunks), 413, 'payload_too_large')
    // A Content-Length that lies about a huge body is refused before the body arrives.
    const liar = headOf('POST', '/api/auth/login', {
      'content-type': 'application/json',
      'content-length': String(50 * 1024 ** 2),
    })
    expectCode('declared too large', await send(liar, Buffer.from('{"email":')), 413, 'payload_too_large')
  })

  it('an unknown route under /api → 404 not_found with every method, signed out and in', async () => {
    for (const path of ['/api/no-such-thing', '/api/org/nothing/here', '/api', '/api/']) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
        for (const headers of [{}, signedIn()]) {
          const [head, body] = withBody(method, path, '{}', {
            'content-type': 'application/json',
            ...headers,
          })
          expectCode(`${method} ${path}`, await send(head, body), 404, 'not_found')
        }
      }
      const res = await send(headOf('HEAD', path))
      assert.equal(res.status, 404, `HEAD ${path}`)
    }
  })

  it('a forged, malformed or stale session cookie is no session → 401 unauthenticated', async () => {
    const cookies = [
      'custos_session=not-a-real-session',
      `custos_session=${'A'.repeat(4000)}`,
      'custos_session=%00%FF',
      'custos_session=',
      `custos_session=${session.cookie.split('=')[1]}x`,
      'custos_session="quoted"; custos_session=second',
    ]
    for (const cookie of cookies) {
      expectCode(
        `GET /api/me with ${cookie.slice(0, 40)}`,
        await send(headOf('GET', '/api/me', { cookie })),
        401,
        'unauthenticated',
      )
      expectCode(
        `PATCH /api/org with ${cookie.slice(0, 40)}`,
        await send(
          ...withBody('PATCH', '/api/org', '{"name":"Hijacked"}', {
            cookie,
            'x-csrf-token': session.csrf,
            'content-type': 'application/json',
          }),
        ),
        401,
        'unauthenticated',
      )
    }
  })

  it('a signed-in mutation without, or with a forged, CSRF token → 403 csrf_failed', async () => {
    const tokens: (string | null)[] = [
      null,
      '',
      'forged',
      `${session.csrf}x`,
      session.csrf.toUpperCase(),
      session.csrf.slice(1),
    ]
    for (const token of tokens) {
      const headers: Record<string, string> = { cookie: session.cookie, 'content-type': 'application/json' }
      if (token !== null) headers['x-csrf-token'] = token
      expectCode(
        `PATCH /api/org csrf=${token}`,
        await send(...withBody('PATCH', '/api/org', '{"name":"Forged"}', headers)),
        403,
        'csrf_failed',
      )
      expectCode(
        `logout csrf=${token}`,
        await send(...withBody('POST', '/api/auth/logout', '', headers)),
        403,
        'csrf_failed',
      )
    }
    // The session survived every forged attempt.
    expectCode('still signed in', await send(headOf('GET', '/api/org/nothing', signedIn())), 404, 'not_found')
    const me = await rawRequest(server.port, headOf('GET', '/api/me', signedIn()))
    assert.equal(me.status, 200)
  })

  it('a long URL within the header limit → a clean 4xx', async () => {
    for (const target of [
      `/api/library/objects/${'u'.repeat(8_000)}`,
      `/api/library/search?q=${'q'.repeat(8_000)}`,
      `/api/gap?technologies=${'cctv,'.repeat(1_500)}&countries=DE`,
      `/api/${'a/'.repeat(4_000)}`,
    ]) {
      const res = await send(headOf('GET', target, signedIn()))
      const code = checkAnswer(`GET ${target.slice(0, 40)}…`, res.status, res.body)
      assert.ok(res.status >= 400 && res.status < 500 && code, `${target.slice(0, 40)}: ${res.status}`)
    }
  })

  it('a URL over the header limit → 431 with the contract body', async () => {
    const res = await send(headOf('GET', `/api/library/search?q=${'q'.repeat(40_000)}`, signedIn()))
    assert.equal(res.status, 431, `status ${res.status}`)
    assert.equal(checkAnswer('over the header limit', res.status, res.body), 'header_too_large')
  })

  /** GET with the request target as raw bytes; asserts a clean 4xx with the contract body. */
  const expectCleanRefusal = async (target: Buffer): Promise<void> => {
    const head = Buffer.concat([
      Buffer.from('GET '),
      target,
      Buffer.from(` HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncookie: ${session.cookie}\r\n\r\n`),
    ])
    const res = await send(head)
    const label = `GET ${target.toString('latin1')}`
    const code = checkAnswer(label, res.status, res.body)
    assert.ok(res.status >= 400 && code !== null, `${label}: ${res.status} ${res.body}`)
  }

  it('percent-encoded bytes that are not UTF-8 (or not bytes) in a query or path → a clean 4xx', async () => {
    for (const target of [
      '/api/library/search?q=%FF%FE',
      '/api/library/search?q=%C0%AF',
      '/api/library/search?q=%ED%A0%80',
      '/api/library/search?q=%',
      '/api/library/search?q=%zz',
      '/api/library/frameworks/%E0%A4%A',
      '/api/library/frameworks/%C0%AF',
      '/api/org/audit?cursor=%00',
    ]) {
      await expectCleanRefusal(Buffer.from(target))
    }
  })

  it('raw bytes that are not ASCII in the request line → a clean 4xx', async () => {
    await expectCleanRefusal(
      Buffer.concat([Buffer.from('/api/library/search?q='), Buffer.from([0xff, 0xfe, 0xc3])]),
    )
    await expectCleanRefusal(
      Buffer.concat([Buffer.from('/api/library/frameworks/'), Buffer.from([0xc0, 0xaf])]),
    )
  })

  it('deeply nested and very wide JSON → a clean 4xx (no stack overflow)', async () => {
    const depth = 200_000
    const bodies = [
      `{"organisationId":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      `{"organisationId":[${'0,'.repeat(300_000)}0]}`,
    ]
    for (const text of bodies) {
      const res = await send(
        ...withBody('POST', '/api/auth/switch', text, signedIn({ 'content-type': 'application/json' })),
      )
      const code = checkAnswer(`switch with ${text.slice(0, 30)}…`, res.status, res.body)
      assert.ok(res.status >= 400 && code !== null, `${res.status} ${res.body.slice(0, 200)}`)
    }
  })

  it('no answer to bad input carries a stack trace, even with the debug header tricks', async () => {
    const variants: Record<string, string>[] = [
      { 'x-request-id': 'a'.repeat(500) },
      { 'x-request-id': '<script>' },
      { 'x-forwarded-for': 'not-an-ip' },
      { accept: 'text/html' },
    ]
    for (const headers of variants) {
      const res = await send(
        ...withBody('POST', '/api/auth/login', '{"email":', {
          'content-type': 'application/json',
          ...headers,
        }),
      )
      expectCode(JSON.stringify(headers), res, 400, 'invalid_json')
      assert.doesNotMatch(res.headers['x-request-id'] ?? '', /<|a{101}/, 'an unsafe request id is not echoed')
    }
  })
})
