/**
 * Login rate limiting, stored in the database so every instance shares it. Failures are counted per
 * keyed hash of the email and of the client address over a sliding window.
 */
import { newId } from '../../core/ids.ts'
import { keyedHash, type TSecrets } from '../../core/secrets.ts'
import { MINUTE_MS } from '../../core/time.ts'
import type { TExecutor } from '../../db/database.ts'
import {
  countLoginFailuresSince,
  deleteLoginFailuresBefore,
  deleteLoginFailuresForKey,
  insertLoginFailures,
} from '../../db/repositories/login-failures.ts'

/** Named limits: 10 failures per email and 50 per client address in 15 minutes. */
export const LOGIN_LIMITS = {
  windowMs: 15 * MINUTE_MS,
  perEmail: 10,
  perAddress: 50,
} as const

export type TLoginKeys = { email: string; address: string }

const keysOf = (secrets: TSecrets, keys: TLoginKeys) => ({
  email: keyedHash(secrets, 'login-email', keys.email),
  address: keyedHash(secrets, 'login-address', keys.address),
})

/** Seconds until a login may be tried again, or 0 when it may be tried now. */
export const loginRetryAfter = async (
  db: TExecutor,
  secrets: TSecrets,
  keys: TLoginKeys,
  now: Date,
): Promise<number> => {
  const hashed = keysOf(secrets, keys)
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs).toISOString()
  const checks = [
    { hash: hashed.email, limit: LOGIN_LIMITS.perEmail },
    { hash: hashed.address, limit: LOGIN_LIMITS.perAddress },
  ]
  let retryAfter = 0
  for (const check of checks) {
    const { count, oldest } = await countLoginFailuresSince(db, check.hash, since)
    if (count >= check.limit && oldest) {
      const freeAt = new Date(oldest).getTime() + LOGIN_LIMITS.windowMs
      retryAfter = Math.max(retryAfter, Math.ceil((freeAt - now.getTime()) / 1000), 1)
    }
  }
  return retryAfter
}

export const recordLoginFailure = async (
  db: TExecutor,
  secrets: TSecrets,
  keys: TLoginKeys,
  now: Date,
): Promise<void> => {
  const hashed = keysOf(secrets, keys)
  const at = now.toISOString()
  await insertLoginFailures(db, [
    { id: newId(), key_hash: hashed.email, created_at: at },
    { id: newId(), key_hash: hashed.address, created_at: at },
  ])
  // Old rows are useless; pruning here keeps the table small without a background job.
  await deleteLoginFailuresBefore(db, new Date(now.getTime() - LOGIN_LIMITS.windowMs).toISOString())
}

/** A successful sign-in forgets the email's failures (the address count stays). */
export const clearEmailFailures = async (db: TExecutor, secrets: TSecrets, email: string): Promise<void> => {
  await deleteLoginFailuresForKey(db, keyedHash(secrets, 'login-email', email))
}
