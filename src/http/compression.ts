/**
 * Response compression. API JSON is compressed per request with Node's zlib (brotli or gzip, as the
 * client's Accept-Encoding prefers); the web app's assets are compressed once at build time
 * (web/vite.config.ts writes `.br` and `.gz` beside each file) and static.ts serves those files.
 */
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'
import type { TAppEnv } from './context.ts'

export type TEncoding = 'br' | 'gzip'

/**
 * Below this many bytes an answer is sent as it is: it fits one TCP segment either way, so
 * compressing it saves no round trip and only costs CPU (most session and list answers are here).
 */
export const COMPRESSION_THRESHOLD_BYTES = 1400

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * Brotli quality 4 and gzip level 6: for answers built per request, quality 11 (brotli's default,
 * right for build-time assets) costs tens of times more CPU for a few per cent fewer bytes.
 * The work runs on libuv's thread pool, so a large answer does not hold up the event loop.
 */
const compressors: Record<TEncoding, (body: Uint8Array) => Promise<Uint8Array>> = {
  br: (body) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (body) => gzipAsync(body, { level: 6 }),
}

/**
 * The encoding to answer with: brotli over gzip when both are acceptable (it is smaller at the same
 * cost), none when the header is absent or refuses both (`q=0`). `*` stands for any encoding not
 * named.
 */
export const preferredEncoding = (acceptEncoding: string | undefined): TEncoding | null => {
  if (!acceptEncoding) return null
  const quality = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    quality.set(token.trim(), Number.isFinite(value) ? value : 0)
  }
  const wildcard = quality.get('*') ?? 0
  const br = quality.get('br') ?? wildcard
  const gz = quality.get('gzip') ?? quality.get('x-gzip') ?? wildcard
  if (br <= 0 && gz <= 0) return null
  return br >= gz ? 'br' : 'gzip'
}

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\b/i

type THeaderArg = Record<string, string | string[]> | undefined

const contentTypeOf = (headers: THeaderArg): string | undefined => {
  if (!headers) return undefined
  for (const name in headers) {
    if (name.length === 12 && name.toLowerCase() === 'content-type') {
      const value = headers[name]
      return Array.isArray(value) ? value[0] : value
    }
  }
  return undefined
}

/**
 * Compresses JSON answers under /api of at least COMPRESSION_THRESHOLD_BYTES characters, for a
 * client that accepts brotli or gzip.
 *
 * The answer is caught where its text is made, in `c.json` and `c.body` (the bias audit sends its
 * stored JSON text through `c.body`), so the common small answer costs one length check: it is never
 * read back out of its Response or rebuilt. Everything else goes out untouched: other types (the
 * bias report's HTML and PDF), streamed bodies, HEAD and bodiless answers. The request body is never
 * read here, so streamed uploads stream as before.
 */
export const compressJson = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
  let large: { text: string; res: Response } | undefined
  const body = c.body
  const watched = ((data: unknown, arg?: unknown, headers?: THeaderArg) => {
    const res = (body as (...args: unknown[]) => Response)(data, arg, headers)
    if (
      typeof data === 'string' &&
      data.length >= COMPRESSION_THRESHOLD_BYTES &&
      JSON_TYPE.test(contentTypeOf(headers) ?? '')
    )
      large = { text: data, res }
    return res
  }) as typeof c.body
  c.body = watched
  // Hono's own c.json, spelt out: the JSON text with Content-Type application/json and the caller's headers.
  c.json = ((object: unknown, arg?: unknown, headers?: THeaderArg) =>
    (watched as (...args: unknown[]) => Response)(JSON.stringify(object), arg, {
      'Content-Type': 'application/json',
      ...headers,
    })) as typeof c.json
  await next()
  if (!large || c.res !== large.res || c.req.method === 'HEAD') return
  const res = c.res
  const headers = res.headers
  // From the threshold up the answer depends on Accept-Encoding; below it, it never does.
  headers.append('Vary', 'Accept-Encoding')
  // Read only now: most answers are small, and parsing the header would be wasted on them.
  const encoding = preferredEncoding(c.req.header('accept-encoding'))
  if (!encoding || headers.has('content-encoding')) return
  const compressed = await compressors[encoding](Buffer.from(large.text))
  headers.set('Content-Encoding', encoding)
  headers.delete('Content-Length')
  replaceResponse(c, new Response(compressed, { status: res.status, headers }))
}

/**
 * Hono's `c.res` setter copies the old answer's headers onto a new one and turns its body into a
 * stream; the new answer already has those headers, so clear the old one first and keep the body
 * bytes, which @hono/node-server writes in one go.
 */
const replaceResponse = (c: Context, res: Response): void => {
  c.res = undefined
  c.res = res
}
