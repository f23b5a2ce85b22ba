/** Database sessions: create, resolve (with idle and absolute expiry), end. */
import { isoNow, type TClock } from '../../core/time.ts'
import type { TDb, TExecutor } from '../../db/database.ts'
import {
  deleteSession,
  findSessionIdentity,
  insertSession,
  touchSession,
} from '../../db/repositories/sessions.ts'
import { SESSION_ABSOLUTE_MS, sessionState, shouldTouch } from './session-rules.ts'
import { newToken, sha256Hex } from './tokens.ts'

export type TNewSession = { token: string; tokenHash: string; csrfToken: string; maxAgeSeconds: number }

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

/**
 * The identity behind a cookie token, or null. Expired sessions are deleted on sight; an active one
 * has last_seen_at moved forward at most once a minute.
 */
export const resolveSession = async (deps: { db: TDb; clock: TClock }, token: string) => {
  if (token.length > 200) return null
  const tokenHash = sha256Hex(token)
  const row = await findSessionIdentity(deps.db, tokenHash)
  if (!row) return null
  const now = deps.clock.now()
  const times = { lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }
  if (sessionState(times, now) !== 'active') {
    await deleteSession(deps.db, tokenHash)
    return null
  }
  if (shouldTouch(times, now)) await touchSession(deps.db, tokenHash, isoNow(deps.clock))
  return row
}

export const endSession = (db: TExecutor, tokenHash: string): Promise<void> => deleteSession(db, tokenHash)
