/** Identifiers: UUID version 7 (RFC 9562) — time-ordered, so ids sort roughly by creation. */
import { randomBytes } from 'node:crypto'

let lastMs = -1
let sequence = 0

/** A new UUID v7 string. Within one millisecond a 12-bit counter keeps ids increasing. */
export const newId = (now: number = Date.now()): string => {
  const bytes = randomBytes(16)
  let ms = now
  if (ms <= lastMs) {
    ms = lastMs
    sequence = (sequence + 1) & 0xfff
    if (sequence === 0) ms = lastMs + 1
  } else {
    sequence = bytes.readUInt16BE(6) & 0x7ff
  }
  lastMs = ms
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = 0x70 | (sequence >> 8)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value)
