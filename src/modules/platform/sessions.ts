/** Database sessions: create, resolve (with idle and absolute expiry), end. */
import { isoNow, type TClock } from '../../core/time.ts'
import type { TDb, TExecutor } from '../../db/database.ts'
import { ROLES, type TOrgKind, type TRole } from './limits.ts'
import {
  deleteSession,
  findSessionIdentity,
  insertSession,
  type TSessionIdentityRow,
  touchSession,
} from './repositories/sessions.ts'
import { SESSION_ABSOLUTE_MS, sessionState, shouldTouch } from './session-rules.ts'
import { newToken, sha256Hex } from './tokens.ts'

export type TNewSession = { token: string; tokenHash: string; csrfToken: string; maxAgeSeconds: number }

/** One organisation the signed-in user belongs to, with their role there. */
export type TSessionMembership = { id: string; slug: string; name: string; kind: TOrgKind; role: TRole }

/** A live session: who, where they work now, every organisation they belong to. */
export type TResolvedSession = {
  tokenHash: string
  csrfToken: string
  user: { id: string; email: string; name: string; locale: string | null }
  current: TSessionMembership
  /** All of the user's memberships by organisation name, read in the same statement. */
  memberships: TSessionMembership[]
}

/** Opens a session; the caller sets the cookie with `token` (the database keeps only its hash). */
export const createSession = async (
  db: TExecutor,
  options: { userId: string; orgId: string; clock: TClock },
): Promise<TNewSession> => {
  const token = newToken()
  const tokenHash = sha256Hex(token)
  const csrfToken = newToken()
  const now = options.clock.now()
  await insertSession(db, {
    token_hash: tokenHash,
    user_id: options.userId,
    org_id: options.orgId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  })
  return { token, tokenHash, csrfToken, maxAgeSeconds: Math.floor(SESSION_ABSOLUTE_MS / 1000) }
}

const isRole = (value: string | null): value is TRole =>
  value !== null && (ROLES as readonly string[]).includes(value)

const membershipsOf = (rows: readonly TSessionIdentityRow[]): TSessionMembership[] => {
  const memberships: TSessionMembership[] = []
  for (const row of rows) {
    if (row.org_id === null || !isRole(row.role)) continue
    memberships.push({
      id: row.org_id,
      slug: row.org_slug as string,
      name: row.org_name as string,
      kind: row.org_kind as TOrgKind,
      role: row.role,
    })
  }
  return memberships
}

/**
 * Rows read into a session, kept per rows list: the committed reader hands back the same list while
 * nothing was committed, so the common request builds nothing here.
 */
const sessionByRows = new WeakMap<readonly TSessionIdentityRow[], TResolvedSession | null>()

/** The session the rows describe, time aside; null when its organisation is not a membership. */
const sessionOf = (tokenHash: string, rows: readonly TSessionIdentityRow[]): TResolvedSession | null => {
  const known = sessionByRows.get(rows)
  if (known !== undefined) return known
  const first = rows[0]!
  const memberships = membershipsOf(rows)
  const current = memberships.find((m) => m.id === first.session_org_id)
  const session = current
    ? {
        tokenHash,
        csrfToken: first.csrf_token,
        user: {
          id: first.user_id,
          email: first.user_email,
          name: first.user_name,
          locale: first.user_locale,
        },
        current,
        memberships,
      }
    : null
  sessionByRows.set(rows, session)
  return session
}

/** The session the rows describe if it is live now; expired ones are deleted, active ones touched. */
const liveSession = (
  deps: { db: TDb; clock: TClock },
  tokenHash: string,
  rows: readonly TSessionIdentityRow[],
): TResolvedSession | null | Promise<TResolvedSession | null> => {
  const first = rows[0]
  if (!first) return null
  const now = deps.clock.now()
  const times = { lastSeenAt: first.last_seen_at, expiresAt: first.expires_at }
  if (sessionState(times, now) !== 'active') return deleteSession(deps.db, tokenHash).then(() => null)
  const session = sessionOf(tokenHash, rows)
  if (!session) return null
  if (shouldTouch(times, now)) return touchSession(deps.db, tokenHash, isoNow(deps.clock)).then(() => session)
  return session
}

/**
 * The live session behind a cookie token, or null (unknown, expired, or no longer a member of its
 * organisation). Read from the database on every request, so a logout or a removed membership takes
 * effect at once on every instance. Expired sessions are deleted on sight; an active one has
 * last_seen_at moved forward at most once a minute (SESSION_TOUCH_MS), so reads rarely write.
 *
 * Answers at once, without a promise, when the SQLite reader has the rows and nothing needs writing
 * (the common request); a promise otherwise. The session returned is shared between requests while
 * its rows are unchanged: never mutate it.
 */
export const resolveSession = (
  deps: { db: TDb; clock: TClock },
  token: string,
): TResolvedSession | null | Promise<TResolvedSession | null> => {
  if (token.length > 200) return null
  const tokenHash = sha256Hex(token)
  const rows = findSessionIdentity(deps.db, tokenHash)
  return rows instanceof Promise
    ? rows.then((found) => liveSession(deps, tokenHash, found))
    : liveSession(deps, tokenHash, rows)
}

export const endSession = (db: TExecutor, tokenHash: string): Promise<void> => deleteSession(db, tokenHash)
