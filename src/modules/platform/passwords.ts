/** Password hashing: argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). Never on reads. */
import { hash, verify } from '@node-rs/argon2'

// Argon2id is the library's default algorithm (its const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS)

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password)
  } catch {
    // A malformed stored hash is a failed check, not a crash.
    return false
  }
}

let dummyHash: Promise<string> | undefined

/**
 * Spends the same time as a real check for an unknown email, so response time does not reveal
 * which addresses have accounts.
 */
export const verifyAgainstDummy = async (password: string): Promise<false> => {
  dummyHash ??= hashPassword('custos-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}

/** A random password for `custos user create` without --password (20 characters, ~119 bits). */
export const generatePassword = (): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = crypto.getRandomValues(new Uint8Array(20))
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}
