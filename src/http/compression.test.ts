import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { silentLogger } from '../core/logger.ts'
import { ephemeralSecrets } from '../core/secrets.ts'
import { systemClock } from '../core/time.ts'
import { createApp } from './app.ts'
import { COMPRESSION_THRESHOLD_BYTES, preferredEncoding } from './compression.ts'

describe('preferredEncoding', () => {
  const cases: [string | undefined, 'br' | 'gzip' | null][] = [
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['gzip;q=0, *', 'br'],
    ['*;q=0.1', 'br'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=nonsense, gzip', 'gzip'],
  ]
  for (const [header, expected] of cases) {
    it(`Accept-Encoding ${JSON.stringify(header)} → ${expected ?? 'none'}`, () => {
      assert.equal(preferredEncoding(header), expected)
    })
  }
})

/** An app without a database: the OpenAPI document and signed-out answers never touch it. */
const appServing = (webDistDir: string | null) =>
  createApp({
    db: undefined as never,
    dialect: 'sqlite',
    logger: silentLogger(),
    clock: systemClock,
    secrets: ephemeralSecrets(),
    webDistDir,
  })

const get = async (
  app: ReturnType<typeof appServing>,
  path: string,
  headers: Record<string, string> = {},
) => {
  const res = await app.request(path, { headers })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('compressing API JSON', () => {
  const app = appServing(null)
  let plain: Buffer

  before(async () => {
    plain = (await get(app, '/api/openapi.json')).bytes
    assert.ok(plain.byteLength > COMPRESSION_THRESHOLD_BYTES, 'the OpenAPI document is over the threshold')
  })

  it('answers Accept-Encoding: gzip with gzip that decompresses to the same JSON', async () => {
    const { res, bytes } = await get(app, '/api/openapi.json', { 'accept-encoding': 'gzip' })
    assert.equal(res.headers.get('content-encoding'), 'gzip')
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
    assert.match(res.headers.get('vary') ?? '', /accept-encoding/i)
    assert.ok(bytes.byteLength < plain.byteLength / 3, `${bytes.byteLength} of ${plain.byteLength} bytes`)
    assert.deepEqual(JSON.parse(gunzipSync(bytes).toString('utf8')), JSON.parse(plain.toString('utf8')))
  })

  it('answers Accept-Encoding: br with brotli, and prefers it when both are offered', async () => {
    for (const accept of ['br', 'gzip, deflate, br']) {
      const { res, bytes } = await get(app, '/api/openapi.json', { 'accept-encoding': accept })
      assert.equal(res.headers.get('content-encoding'), 'br', accept)
      assert.deepEqual(brotliDecompressSync(bytes), plain)
    }
  })

  it('sends no encoding without the header, or when every encoding is refused', async () => {
    const refusals: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ]
    for (const headers of refusals) {
      const { res, bytes } = await get(app, '/api/openapi.json', headers)
      assert.equal(res.headers.get('content-encoding'), null, JSON.stringify(headers))
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/i)
      assert.deepEqual(bytes, plain)
    }
  })

  it('leaves answers below the threshold as they are', async () => {
    const { res, bytes } = await get(app, '/api/me', { 'accept-encoding': 'gzip, br' })
    assert.equal(res.status, 401)
    assert.equal(res.headers.get('content-encoding'), null)
    assert.equal(res.headers.get('vary'), null)
    assert.ok(bytes.byteLength < COMPRESSION_THRESHOLD_BYTES)
    assert.equal(JSON.parse(bytes.toString('utf8')).error.code, 'unauthenticated')
  })

  it('keeps the frame headers on a compressed answer', async () => {
    const { res } = await get(app, '/api/openapi.json', { 'accept-encoding': 'br' })
    assert.equal(res.headers.get('cache-control'), 'no-store')
    assert.ok(res.headers.get('content-security-policy'))
    assert.ok(res.headers.get('x-request-id'))
  })

  it('does not compress HTML (the API reference page)', async () => {
    const { res } = await get(app, '/api/docs', { 'accept-encoding': 'br' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-encoding'), null)
  })
})

describe('serving the web app precompressed', () => {
  let dir: string
  let app: ReturnType<typeof appServing>
  const script = `export const greeting = ${JSON.stringify('hello '.repeat(400))}\n`

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'custos-precompressed-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Custos SPA</title>')
    const file = join(dir, 'assets', 'app-abc123.js')
    writeFileSync(file, script)
    writeFileSync(`${file}.br`, brotliCompressSync(script))
    writeFileSync(`${file}.gz`, gzipSync(script))
    app = appServing(dir)
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('serves the .br copy to a client that accepts brotli, typed as JavaScript and cached for a year', async () => {
    const { res, bytes } = await get(app, '/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-encoding'), 'br')
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript|^application\/javascript/)
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000, immutable/)
    assert.match(res.headers.get('vary') ?? '', /accept-encoding/i)
    assert.equal(brotliDecompressSync(bytes).toString('utf8'), script)
  })

  it('serves the .gz copy to a gzip-only client and the file itself to the rest', async () => {
    const gzipped = await get(app, '/assets/app-abc123.js', { 'accept-encoding': 'gzip' })
    assert.equal(gzipped.res.headers.get('content-encoding'), 'gzip')
    assert.equal(gunzipSync(gzipped.bytes).toString('utf8'), script)
    const plain = await get(app, '/assets/app-abc123.js')
    assert.equal(plain.res.headers.get('content-encoding'), null)
    assert.match(plain.res.headers.get('vary') ?? '', /accept-encoding/i)
    assert.match(plain.res.headers.get('cache-control') ?? '', /max-age=31536000, immutable/)
    assert.equal(plain.bytes.toString('utf8'), script)
  })
})
