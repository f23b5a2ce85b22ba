/**
 * Sign-in rate limiting, stored in the database so every instance shares it (docs/security.md,
 * "Sign-in"). Failures are counted over a sliding window under keyed hashes of three keys:
 *
 * - the account from this address (10): the owner's own mistakes, or one attacker on one address;
 * - the address (50): one address trying many accounts;
 * - the account from every address it has not signed in from lately (100): many addresses against one
 *   account. The owner, from an address they signed in from in the last 30 days, is not held by this
 *   one, so someone else's failures cannot lock them out.
 */
import { newId } from '../../core/ids.ts'
import { keyedHash, type TSecrets } from '../../core/secrets.ts'
import { DAY_MS, MINUTE_MS } from '../../core/time.ts'
import type { TExecutor } from '../../db/database.ts'
import {
  countLoginFailuresSince,
  deleteKnownAddressesBefore,
  deleteLoginFailuresBefore,
  deleteLoginFailuresForKey,
  insertLoginFailures,
  isKnownAddress,
  saveKnownAddress,
} from './repositories/login-failures.ts'

/** Named limits: failures allowed per key in `windowMs`, and how long an address stays known. */
export const LOGIN_LIMITS = {
  windowMs: 15 * MINUTE_MS,
  perAccountAddress: 10,
  perAddress: 50,
  perAccountFromUnknownAddresses: 100,
  knownAddressMs: 30 * DAY_MS,
} as const

export type TLoginKeys = { email: string; address: string }

const keysOf = (secrets: TSecrets, keys: TLoginKeys) => ({
  accountAddress: keyedHash(secrets, 'login-account-address', `${keys.email}\n${keys.address}`),
  address: keyedHash(secrets, 'login-address', keys.address),
  account: keyedHash(secrets, 'login-email', keys.email),
  known: keyedHash(secrets, 'login-known-address', `${keys.email}\n${keys.address}`),
})

/** Seconds until a sign-in may be tried again, or 0 when it may be tried now. */
export const loginRetryAfter = async (
  db: TExecutor,
  secrets: TSecrets,
  keys: TLoginKeys,
  now: Date,
): Promise<number> => {
  const hashed = keysOf(secrets, keys)
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs).toISOString()
  const knownSince = new Date(now.getTime() - LOGIN_LIMITS.knownAddressMs).toISOString()
  const checks: { hash: string; limit: number }[] = [
    { hash: hashed.accountAddress, limit: LOGIN_LIMITS.perAccountAddress },
    { hash: hashed.address, limit: LOGIN_LIMITS.perAddress },
  ]
  if (!(await isKnownAddress(db, hashed.known, knownSince))) {
    checks.push({ hash: hashed.account, limit: LOGIN_LIMITS.perAccountFromUnknownAddresses })
  }
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
    { id: newId(), key_hash: hashed.accountAddress, created_at: at },
    { id: newId(), key_hash: hashed.address, created_at: at },
    { id: newId(), key_hash: hashed.account, created_at: at },
  ])
  // Old rows are useless; pruning here keeps the table small without a background job.
  await deleteLoginFailuresBefore(db, new Date(now.getTime() - LOGIN_LIMITS.windowMs).toISOString())
}

/**
 * A successful sign-in forgets this address's failures for the account (the address and account
 * counts stay) and marks the address as one the account signs in from.
 */
export const recordLoginSuccess = async (
  db: TExecutor,
  secrets: TSecrets,
  keys: TLoginKeys,
  now: Date,
): Promise<void> => {
  const hashed = keysOf(secrets, keys)
  await deleteLoginFailuresForKey(db, hashed.accountAddress)
  await saveKnownAddress(db, hashed.known, now.toISOString())
  await deleteKnownAddressesBefore(db, new Date(now.getTime() - LOGIN_LIMITS.knownAddressMs).toISOString())
}
