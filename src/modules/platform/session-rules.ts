/** Session lifetime rules and request checks, pure so they can be tested without a server. */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts'
import { safeEqual } from './tokens.ts'

export const SESSION_COOKIE = 'custos_session'
export const CSRF_HEADER = 'x-csrf-token'

/** Idle expiry slides with use; absolute expiry does not. */
export const SESSION_IDLE_MS = 12 * HOUR_MS
export const SESSION_ABSOLUTE_MS = 7 * DAY_MS
/** last_seen_at is written at most this often, so reads rarely write. */
export const SESSION_TOUCH_MS = MINUTE_MS

export type TSessionTimes = { lastSeenAt: string; expiresAt: string }
export type TSessionState = 'active' | 'idle_expired' | 'expired'

export const sessionState = (session: TSessionTimes, now: Date): TSessionState => {
  const t = now.getTime()
  if (t >= new Date(session.expiresAt).getTime()) return 'expired'
  if (t >= new Date(session.lastSeenAt).getTime() + SESSION_IDLE_MS) return 'idle_expired'
  return 'active'
}

export const shouldTouch = (session: TSessionTimes, now: Date): boolean =>
  now.getTime() - new Date(session.lastSeenAt).getTime() >= SESSION_TOUCH_MS

/** Session tokens are base64url (tokens.ts); anything else in the cookie is not a session. */
const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,200}$/

const isCookieSpace = (code: number | undefined): boolean => code === 32 || code === 9

/**
 * The session token from a Cookie header: the value of the first `custos_session` cookie (quotes
 * stripped), or undefined when there is none or its value cannot be a token. Reads only that one
 * cookie, on every request, without splitting the whole header.
 */
export const sessionTokenFrom = (header: string | undefined): string | undefined => {
  if (!header) return undefined
  let at = header.indexOf(SESSION_COOKIE)
  while (at !== -1) {
    let before = at - 1
    while (isCookieSpace(header.charCodeAt(before))) before--
    let equals = at + SESSION_COOKIE.length
    while (isCookieSpace(header.charCodeAt(equals))) equals++
    // A whole cookie name: at the start or after ';', and followed by '=' (not `xcustos_session_2`).
    if ((before < 0 || header[before] === ';') && header[equals] === '=') {
      const stop = header.indexOf(';', equals + 1)
      let value = header.slice(equals + 1, stop === -1 ? header.length : stop).trim()
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
      return SESSION_TOKEN_PATTERN.test(value) ? value : undefined
    }
    at = header.indexOf(SESSION_COOKIE, at + 1)
  }
  return undefined
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const isMutation = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase())

/** A cookie-authenticated mutation passes only with the session's own CSRF token in the header. */
export const isCsrfValid = (expected: string, header: string | undefined): boolean =>
  header !== undefined && header.length > 0 && safeEqual(expected, header)

/**
 * Login CSRF: a browser posting the login form from another site. When the browser tells us
 * (Sec-Fetch-Site, Origin), the request must come from our own origin; clients that send neither
 * (curl, the CLI) are not browsers and carry no ambient cookies to abuse.
 */
export const isCrossSiteRequest = (headers: {
  origin?: string | undefined
  host?: string | undefined
  secFetchSite?: string | undefined
}): boolean => {
  if (headers.secFetchSite && headers.secFetchSite !== 'same-origin' && headers.secFetchSite !== 'none')
    return true
  if (headers.origin) {
    if (headers.origin === 'null') return true
    try {
      return new URL(headers.origin).host !== headers.host
    } catch {
      return true
    }
  }
  return false
}

/** Set-Cookie attributes: HttpOnly, SameSite=Lax, Path=/, Secure under https. */
export const sessionCookieOptions = (isHttps: boolean, maxAgeSeconds: number) =>
  ({ httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps, maxAge: maxAgeSeconds }) as const
