/**
 * Cross-cutting middleware: request frame (request id, client, security headers, access log), the
 * /api guard (body limit, session, CSRF), and the per-route guards (session required, storable text).
 * Every request passes through here, so each step is written to cost little: constant headers go out
 * in one go, and the session is one database statement.
 */
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler, Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../core/errors.ts'
import { csrf, identify } from '../modules/platform/index.ts'
import { bodyLimitFor } from './body-limit.ts'
import { resolveClient } from './client.ts'
import {
  nodeResponse,
  requireAuth,
  socketAddress,
  type TAppDeps,
  type TAppEnv,
  type TAuth,
  type TContext,
} from './context.ts'

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Frame-Options': 'DENY',
}

const SECURITY_HEADER_ENTRIES = Object.entries(SECURITY_HEADERS)

const isApiPath = (path: string): boolean => path.startsWith('/api/') || path === '/api'

/**
 * The headers every response carries: the security headers, the request id and, under /api,
 * `Cache-Control: no-store`. A response's own value of the same header wins (no route sets one).
 */
const writeFrameHeaders = (
  target: { setHeader: (name: string, value: string) => unknown },
  requestId: string,
  isApi: boolean,
  isHttps: boolean,
): void => {
  for (const [name, value] of SECURITY_HEADER_ENTRIES) target.setHeader(name, value)
  target.setHeader('X-Request-Id', requestId)
  if (isApi) target.setHeader('Cache-Control', 'no-store')
  // Only over https (directly, or as a trusted proxy reports): browsers ignore it on http anyway.
  if (isHttps) target.setHeader('Strict-Transport-Security', HSTS)
}

/** A finished in-process response's headers as a frame-header target: its own values win. */
const unlessSet = (headers: Headers) => ({
  setHeader: (name: string, value: string) => headers.has(name) || headers.set(name, value),
})

/** A year, subdomains included: Custos is meant to be served over https only. */
export const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Runs first, for every request: request id (x-request-id, echoed back), client address and scheme,
 * the frame headers, and the access log (debug level, LOG_LEVEL=debug; never headers or bodies).
 *
 * On the Node server the frame headers go straight onto the outgoing response before routing, so
 * Node merges them when it writes the head: whatever answers (a route, the error handler, static
 * files), the headers are there, and the response keeps its cheap plain-object form instead of
 * being turned into a `Headers` object and copied. In-process (`app.request`, tests) they are added
 * to the finished response.
 */
export const requestContext = (deps: TAppDeps): MiddlewareHandler<TAppEnv> => {
  const trustProxy = deps.trustProxy ?? false
  return async (c, next) => {
    const isLogged = deps.logger.isLevelEnabled('debug')
    const started = isLogged ? performance.now() : 0
    const incoming = c.req.header('x-request-id')
    const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID()
    c.set('requestId', id)
    c.set('auth', null)
    const client = resolveClient({
      socketAddress: socketAddress(c),
      forwardedFor: trustProxy ? c.req.header('x-forwarded-for') : undefined,
      forwardedProto: trustProxy ? c.req.header('x-forwarded-proto') : undefined,
      urlProtocol: c.req.url.startsWith('https:') ? 'https:' : 'http:',
      trustProxy,
    })
    c.set('clientAddress', client.address)
    c.set('isHttps', client.isHttps)
    const isApi = isApiPath(c.req.path)
    const outgoing = nodeResponse(c)
    if (outgoing) writeFrameHeaders(outgoing, id, isApi, client.isHttps)
    await next()
    if (!outgoing) writeFrameHeaders(unlessSet(c.res.headers), id, isApi, client.isHttps)
    if (isLogged) {
      deps.logger.debug(
        {
          requestId: id,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  }
}

const tooLarge = () => {
  throw new AppError('payload_too_large', 'The request body is too large.')
}

/** Public mutations that have no session yet; they check Origin instead (login CSRF). */
export const CSRF_EXEMPT_PATHS = new Set([
  '/api/auth/login',
  '/api/invitations/accept',
  '/api/auth/password-reset',
])

/**
 * Everything under /api, in order: the body size limit for mutations (body-limit.ts; over it →
 * 413 `payload_too_large`), the session cookie resolved into `c.var.auth` (null when absent,
 * unknown, expired or orphaned), and the CSRF check: every cookie-authenticated mutation must echo
 * the session's CSRF token in `x-csrf-token`.
 */
export const apiGuard = (deps: TAppDeps): MiddlewareHandler<TAppEnv> => {
  const limiters = new Map<number, MiddlewareHandler<TAppEnv>>()
  const limiterFor = (path: string): MiddlewareHandler<TAppEnv> => {
    const maxSize = bodyLimitFor(path)
    let limiter = limiters.get(maxSize)
    if (!limiter) {
      limiter = bodyLimit({ maxSize, onError: tooLarge })
      limiters.set(maxSize, limiter)
    }
    return limiter
  }
  const admit = (c: TContext, auth: TAuth | null, next: Next): Promise<void> => {
    if (auth) {
      c.set('auth', auth)
      if (csrf.isMutation(c.req.method) && !CSRF_EXEMPT_PATHS.has(c.req.path)) {
        if (!csrf.isValid(auth.csrfToken, c.req.header(csrf.header))) {
          throw new AppError(
            'csrf_failed',
            'The request is missing a valid CSRF token. Reload the page and try again.',
          )
        }
      }
    }
    return next()
  }
  // Not async: on SQLite the session is usually known at once, and an await would cost a step anyway.
  const sessionAndCsrf: MiddlewareHandler<TAppEnv> = (c, next) => {
    const auth = identify(deps, c.req.header('cookie'))
    return auth instanceof Promise ? auth.then((found) => admit(c, found, next)) : admit(c, auth, next)
  }
  return (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return sessionAndCsrf(c, next)
    return limiterFor(c.req.path)(c, async () => {
      await sessionAndCsrf(c, next)
    })
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text a database can store: PostgreSQL rejects NUL in text and lone surrogates in jsonb. */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && !LONE_SURROGATE.test(text)

/** Walks the value with an explicit stack: deeply nested JSON must not overflow the call stack. */
const hasUnstorableString = (root: unknown): boolean => {
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value === 'string') {
      if (!isStorableText(value)) return true
    } else if (Array.isArray(value)) {
      // One push per item: spreading a huge array into push() would overflow the stack too.
      for (const item of value) pending.push(item)
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (!isStorableText(key)) return true
        pending.push(inner)
      }
    }
  }
  return false
}

const unstorable = () =>
  new AppError('validation_failed', 'Text must not contain NUL characters or invalid Unicode.')

/**
 * The guard in front of every operation's validators (app.ts), one middleware per route:
 * 1. when the operation requires the session (openapi.ts `requiresSession`), a signed-out request
 *    gets 401 `unauthenticated` before its body, query or path is looked at;
 * 2. NUL characters and broken Unicode in the path, query and JSON body are refused with a 422, the
 *    same on both databases (SQLite would store them; PostgreSQL would fail with a 500).
 */
export const operationGuard = (options: { requiresSession: boolean }): MiddlewareHandler<TAppEnv> => {
  const { requiresSession } = options
  return async (c, next) => {
    if (requiresSession) requireAuth(c)
    // Only percent-escapes can smuggle NUL or broken UTF-8 into a URL; most URLs have none.
    if (c.req.url.includes('%')) {
      let target: string
      try {
        target = decodeURIComponent(c.req.url)
      } catch {
        throw new AppError('bad_request', 'The request URL is not valid.')
      }
      if (!isStorableText(target)) throw unstorable()
    }
    if (
      csrf.isMutation(c.req.method) &&
      /^application\/([\w.-]+\+)?json/i.test(c.req.header('content-type') ?? '')
    ) {
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch {
        // Malformed JSON is the route validator's to report (400 invalid_json).
        body = undefined
      }
      if (hasUnstorableString(body)) throw unstorable()
    }
    await next()
  }
}
