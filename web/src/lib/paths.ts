/** Client-side paths, and the rule for where to go after signing in. */

export const paths = {
  overview: '/',
  login: '/login',
  organisation: '/settings/organisation',
  audit: '/audit',
  account: '/account',
  /** Where invitation links point (the token travels in the fragment: `#token=…`). */
  acceptInvitation: '/invitations/accept',
  /** Where password reset links point (the token travels in the fragment: `#token=…`). */
  passwordReset: '/password-reset',
  /** Served by the server, not the app: open with a plain link. */
  apiReference: '/api/docs',
} as const

const PUBLIC_PATHS: ReadonlySet<string> = new Set([paths.login, paths.acceptInvitation, paths.passwordReset])

/** Paths that work without a session: signing in, accepting an invitation, resetting a password. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.has(pathname) || pathname.startsWith('/invite/')
}

/**
 * The `token` of a link's fragment (`#token=…`), or null. Links with secrets put them in the
 * fragment because a fragment never reaches a server log or a Referer header.
 */
export function fragmentToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return token && token.length > 0 ? token : null
}

/**
 * The in-app path to return to after sign-in, or `/`. Only same-origin absolute paths are accepted,
 * so a crafted `?next=//evil.example` or `?next=https://…` cannot send a user elsewhere (open
 * redirect), and public pages are never a destination.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return paths.overview
  // Browsers read `/\host` as `//host`; control characters have no place in a path.
  if (raw.includes('\\') || [...raw].some((char) => char.charCodeAt(0) < 0x20)) return paths.overview
  const pathname = raw.split(/[?#]/)[0] ?? ''
  if (isPublicPath(pathname)) return paths.overview
  return raw
}

/** The sign-in page, remembering where the user meant to go. */
export function loginPathFor(intended: string): string {
  const next = safeNextPath(intended)
  return next === paths.overview ? paths.login : `${paths.login}?next=${encodeURIComponent(next)}`
}
