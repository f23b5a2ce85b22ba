/** Bearer secrets (session cookies, invitation links): random, shown once, stored as SHA-256. */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto'

export const newToken = (): string => randomBytes(32).toString('base64url')

// One-shot hash (Node ≥ 20.12): cheaper than createHash on every request's session lookup.
export const sha256Hex = (value: string): string => hash('sha256', value, 'hex')

/** Constant-time string comparison (for CSRF tokens). */
export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
