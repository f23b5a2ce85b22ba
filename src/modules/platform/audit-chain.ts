/**
 * The audit chain, pure (docs/security.md, "Audit trail"): h_i = HMAC-SHA-256(k, h_{i−1} ‖ canonical
 * JSON of event_i) per organisation, starting from 64 zeros, with k derived from the server secret
 * (never in the database). A keyed head (seq, hash, MAC) per organisation records where the chain
 * ends, so deleting the newest events shows. Canonical JSON sorts object keys at every depth, so the
 * same event always hashes the same whatever order its fields were stored in (jsonb reorders).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { TSecrets } from '../../core/secrets.ts'

export const GENESIS_HASH = '0'.repeat(64)

/** The chain key: derived from the server secret for this one purpose. */
export type TAuditKey = { readonly chainKey: Buffer }

export const auditKeyOf = (secrets: TSecrets): TAuditKey => ({
  chainKey: createHmac('sha256', secrets.key).update('custos audit chain v2').digest(),
})

/** The fields of an event that the hash covers. */
export type TChainedEvent = {
  seq: number
  orgId: string
  actorId: string | null
  action: string
  entityType: string
  entityId: string | null
  summary: unknown
  createdAt: string
}

/** Deterministic JSON: sorted keys, no whitespace; rejects values JSON cannot carry faithfully. */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold a non-finite number')
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`)
  }
}

const eventJson = (event: TChainedEvent): string =>
  canonicalJson({
    seq: event.seq,
    org: event.orgId,
    actor: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    summary: event.summary,
    createdAt: event.createdAt,
  })

/** The keyed hash of an event given the hash before it. */
export const chainHash = (key: TAuditKey, prevHash: string, event: TChainedEvent): string =>
  createHmac('sha256', key.chainKey).update(prevHash).update(eventJson(event)).digest('hex')

/** The unkeyed hash of chains written before keyed chains (read once, when they are keyed). */
export const legacyChainHash = (prevHash: string, event: TChainedEvent): string =>
  createHash('sha256').update(prevHash).update(eventJson(event)).digest('hex')

/** The MAC of an organisation's head: binds the seq to the hash, so neither can be set alone. */
export const headMac = (key: TAuditKey, head: { orgId: string; seq: number; hash: string }): string =>
  createHmac('sha256', key.chainKey).update(`head\n${head.orgId}\n${head.seq}\n${head.hash}`).digest('hex')

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export type TChainBreak = { seq: number; id: string | null; reason: string }

export type TStoredHead = { seq: number; hash: string; mac: string }

/**
 * Compares where the events end with the stored head. Returns the problem in words, or null when the
 * head is genuine and names the last event.
 */
export const checkHead = (
  key: TAuditKey,
  orgId: string,
  last: { seq: number; hash: string },
  head: TStoredHead | undefined,
): TChainBreak | null => {
  if (!head) {
    if (last.seq === 0) return null
    return {
      seq: last.seq,
      id: null,
      reason: `the checkpoint of this organisation is missing (its ${last.seq} events cannot be shown complete)`,
    }
  }
  if (!sameHex(headMac(key, { orgId, seq: Number(head.seq), hash: head.hash }), head.mac)) {
    return { seq: Number(head.seq), id: null, reason: 'the checkpoint was altered (its MAC does not match)' }
  }
  const headSeq = Number(head.seq)
  if (headSeq > last.seq) {
    const missing = headSeq === last.seq + 1 ? `event ${headSeq} is` : `events ${last.seq + 1}–${headSeq} are`
    return {
      seq: last.seq + 1,
      id: null,
      reason: `the trail was truncated: the checkpoint records ${headSeq} events but ${missing} missing`,
    }
  }
  if (headSeq < last.seq) {
    return {
      seq: headSeq + 1,
      id: null,
      reason: `events after the checkpoint (seq ${headSeq + 1}–${last.seq}) were added outside Custos`,
    }
  }
  if (!sameHex(head.hash, last.hash)) {
    return { seq: headSeq, id: null, reason: 'the checkpoint does not match the newest event' }
  }
  return null
}

export type TStoredEvent = TChainedEvent & { id: string; prevHash: string; hash: string }

/**
 * Checks a run of stored events that continues a chain at (`prevSeq`, `prevHash`). Returns the
 * first break, or null with the new head.
 */
export const checkChainSegment = (
  key: TAuditKey,
  prev: { seq: number; hash: string },
  events: readonly TStoredEvent[],
): { broken: TChainBreak | null; head: { seq: number; hash: string } } => {
  let head = prev
  for (const event of events) {
    if (event.seq !== head.seq + 1) {
      return {
        broken: {
          seq: event.seq,
          id: event.id,
          reason: `expected seq ${head.seq + 1}, found ${event.seq} (an event is missing)`,
        },
        head,
      }
    }
    if (event.prevHash !== head.hash) {
      return {
        broken: {
          seq: event.seq,
          id: event.id,
          reason: 'prev_hash does not match the hash of the event before it',
        },
        head,
      }
    }
    const expected = chainHash(key, head.hash, event)
    if (!sameHex(expected, event.hash)) {
      return {
        broken: {
          seq: event.seq,
          id: event.id,
          reason:
            'the stored hash is not the keyed hash of the event (the event was altered, or the chain was recomputed without the server key)',
        },
        head,
      }
    }
    head = { seq: event.seq, hash: event.hash }
  }
  return { broken: null, head }
}

const SECRET_KEY_PATTERN = /pass(word)?|secret|token|cookie|authori[sz]ation/i

/** Summary keys that look like they carry a secret (summaries are read by every admin, forever). */
export const findSecretLikeKeys = (summary: unknown, path = ''): string[] => {
  if (summary === null || typeof summary !== 'object') return []
  const found: string[] = []
  for (const [key, value] of Object.entries(summary)) {
    const here = path ? `${path}.${key}` : key
    if (SECRET_KEY_PATTERN.test(key)) found.push(here)
    found.push(...findSecretLikeKeys(value, here))
  }
  return found
}
