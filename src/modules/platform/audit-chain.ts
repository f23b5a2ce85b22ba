/**
 * The audit chain (DESIGN §5.7), pure: h_i = SHA-256(h_{i−1} ‖ canonical JSON of event_i), per
 * organisation, starting from 64 zeros. Canonical JSON sorts object keys at every depth, so the same
 * event always hashes the same whatever order its fields were written or stored in (jsonb reorders).
 */
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

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

/** The hash of an event given the hash before it. */
export const chainHash = (prevHash: string, event: TChainedEvent): string =>
  createHash('sha256')
    .update(prevHash)
    .update(
      canonicalJson({
        seq: event.seq,
        org: event.orgId,
        actor: event.actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        summary: event.summary,
        createdAt: event.createdAt,
      }),
    )
    .digest('hex')

export type TChainBreak = { seq: number; id: string; reason: string }

export type TStoredEvent = TChainedEvent & { id: string; prevHash: string; hash: string }

/**
 * Checks a run of stored events that continues a chain at (`prevSeq`, `prevHash`). Returns the
 * first break, or null with the new head.
 */
export const checkChainSegment = (
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
    const expected = chainHash(head.hash, event)
    if (expected !== event.hash) {
      return {
        broken: {
          seq: event.seq,
          id: event.id,
          reason: 'stored hash does not match the recomputed hash (the event was altered)',
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
