/** Server secrets (CUSTOS_SECRET_KEY_FILE): a 32-byte key for keyed hashes, made on first start. */
import { createHmac, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from './errors.ts'

export type TSecrets = { key: Buffer }

/** Loads the key file (hex), creating it with mode 0600 if absent. */
export const loadOrCreateSecrets = (file: string): TSecrets => {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  const text = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new AppError('bad_request', `The secret key file ${file} must hold 64 hex characters (32 bytes).`)
  }
  return { key: Buffer.from(text, 'hex') }
}

/** Secrets for tests and benchmarks: random, never written to disk. */
export const ephemeralSecrets = (): TSecrets => ({ key: randomBytes(32) })

/** A keyed hash (HMAC-SHA-256, hex) so stored identifiers cannot be reversed by guessing. */
export const keyedHash = (secrets: TSecrets, purpose: string, value: string): string =>
  createHmac('sha256', secrets.key).update(`${purpose}\n${value}`).digest('hex')
