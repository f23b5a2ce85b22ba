/** Bearer secrets (session cookies, invitation links): random, shown once, stored as SHA-256. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const newToken = (): string => randomBytes(32).toString('base64url')

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex')

/** Constant-time string comparison (for CSRF tokens). */
export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
