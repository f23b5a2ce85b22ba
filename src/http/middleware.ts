/** Cross-cutting middleware: request id, security headers, body limit, session, CSRF. */
import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { AppError } from '../core/errors.ts'
import { ROLES, type TOrgKind, type TRole } from '../modules/platform/limits.ts'
import { CSRF_HEADER, isCsrfValid, isMutation, SESSION_COOKIE } from '../modules/platform/session-rules.ts'
import { resolveSession } from '../modules/platform/sessions.ts'
import { bodyLimitFor } from './body-limit.ts'
import { resolveClient } from './client.ts'
import { socketAddress, type TAppDeps, type TAppEnv } from './context.ts'

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/

/** Request id (x-request-id, echoed back), client address and scheme; runs first. */
export const requestContext =
  (deps: TAppDeps): MiddlewareHandler<TAppEnv> =>
  async (c, next) => {
    const incoming = c.req.header('x-request-id')
    const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID()
    c.set('requestId', id)
    c.set('auth', null)
    const client = resolveClient({
      socketAddress: socketAddress(c),
      forwardedFor: c.req.header('x-forwarded-for'),
      forwardedProto: c.req.header('x-forwarded-proto'),
      urlProtocol: c.req.url.startsWith('https:') ? 'https:' : 'http:',
      trustProxy: deps.trustProxy ?? false,
    })
    c.set('clientAddress', client.address)
    c.set('isHttps', client.isHttps)
    c.header('X-Request-Id', id)
    await next()
  }

/** Logs each request at debug level (LOG_LEVEL=debug) with its duration; never headers or bodies. */
export const accessLog =
  (deps: TAppDeps): MiddlewareHandler<TAppEnv> =>
  async (c, next) => {
    const started = performance.now()
    await next()
    if (deps.logger.isLevelEnabled('debug')) {
      deps.logger.debug(
        {
          requestId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  }

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

/** Security headers on every response, and no caching of API answers. */
export const securityHeaders = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
  await next()
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value)
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') c.res.headers.set('Cache-Control', 'no-store')
}

/** Body size limit per path (body-limit.ts); over it → 413 `payload_too_large`. */
export const apiBodyLimit = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
  const limiter = bodyLimit({
    maxSize: bodyLimitFor(c.req.path),
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is too large.')
    },
  })
  return limiter(c, next)
}

const isRole = (value: string | null): value is TRole =>
  value !== null && (ROLES as readonly string[]).includes(value)

/** Resolves the session cookie into `c.var.auth` (null when absent, unknown, expired or orphaned). */
export const sessionLoader =
  (deps: TAppDeps): MiddlewareHandler<TAppEnv> =>
  async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) {
      const session = await resolveSession(deps, token)
      if (session && isRole(session.role)) {
        c.set('auth', {
          userId: session.user_id,
          email: session.user_email,
          name: session.user_name,
          orgId: session.org_id,
          orgSlug: session.org_slug,
          orgName: session.org_name,
          orgKind: session.org_kind as TOrgKind,
          role: session.role,
          sessionTokenHash: session.token_hash,
          csrfToken: session.csrf_token,
        })
      }
    }
    await next()
  }

/** Public mutations that have no session yet; they check Origin instead (login CSRF). */
export const CSRF_EXEMPT_PATHS = new Set(['/api/auth/login', '/api/invitations/accept'])

/** Every cookie-authenticated mutation must echo the session's CSRF token in `x-csrf-token`. */
export const csrfGuard = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
  const auth = c.get('auth')
  if (auth && isMutation(c.req.method) && !CSRF_EXEMPT_PATHS.has(c.req.path)) {
    if (!isCsrfValid(auth.csrfToken, c.req.header(CSRF_HEADER))) {
      throw new AppError(
        'csrf_failed',
        'The request is missing a valid CSRF token. Reload the page and try again.',
      )
    }
  }
  await next()
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
 * Refuses NUL characters and broken Unicode in the path, query and JSON body with a 422, the same
 * on both databases (SQLite would store them; PostgreSQL would fail with a 500).
 */
export const storableTextGuard = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
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
    isMutation(c.req.method) &&
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
