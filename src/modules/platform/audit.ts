/**
 * Writing and reading the audit trail. `recordEvent` must be called with the transaction of the
 * mutation it describes, so a failed mutation leaves no event and an event never lacks its change.
 */
import { newId } from '../../core/ids.ts'
import type { TSecrets } from '../../core/secrets.ts'
import { isoNow, type TClock } from '../../core/time.ts'
import type { TExecutor } from '../../db/database.ts'
import { fromJsonColumn, type TJsonValue, toJsonColumn } from '../../db/json.ts'
import { auditKeyOf, chainHash, findSecretLikeKeys, GENESIS_HASH, headMac } from './audit-chain.ts'
import {
  findAuditCheckpoint,
  findLastAuditEvent,
  insertAuditEvent,
  listAuditEvents,
  lockAuditChain,
  saveAuditCheckpoint,
} from './repositories/audit-events.ts'
import type { TAuditPage } from './schemas.ts'

export type TAuditSummary = { [key: string]: TJsonValue }

export type TRecordEventInput = {
  orgId: string
  actorId: string | null
  /** Dotted verb, e.g. `member.role_changed`, `deployment.created`. */
  action: string
  entityType: string
  entityId: string | null
  /** What changed, in plain data. Never passwords, tokens or other secrets. */
  summary: TAuditSummary
  /** Event time (ISO-8601 UTC); defaults to now. */
  at?: string
}

/**
 * Appends one event to the organisation's chain inside the caller's transaction, keyed with the
 * server secret, and moves the organisation's checkpoint to it in the same transaction.
 */
export const recordEvent = async (
  trx: TExecutor,
  secrets: TSecrets,
  input: TRecordEventInput,
): Promise<{ id: string; seq: number; hash: string }> => {
  const secretKeys = findSecretLikeKeys(input.summary)
  if (secretKeys.length > 0) {
    throw new Error(
      `audit summary of ${input.action} must not carry secrets (keys: ${secretKeys.join(', ')})`,
    )
  }
  // Round-trip through JSON so the hash covers exactly what the database will give back.
  const summary = fromJsonColumn<TAuditSummary>(toJsonColumn(input.summary))
  await lockAuditChain(trx, input.orgId)
  const head = await findLastAuditEvent(trx, input.orgId)
  const seq = (head?.seq ?? 0) + 1
  const prevHash = head?.hash ?? GENESIS_HASH
  const createdAt = input.at ?? new Date().toISOString()
  const event = {
    seq,
    orgId: input.orgId,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    summary,
    createdAt,
  }
  const key = auditKeyOf(secrets)
  const hash = chainHash(key, prevHash, event)
  const id = newId()
  await insertAuditEvent(trx, {
    id,
    org_id: input.orgId,
    seq,
    actor_id: input.actorId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    summary: toJsonColumn(summary),
    created_at: createdAt,
    prev_hash: prevHash,
    hash,
  })
  await saveAuditCheckpoint(trx, {
    org_id: input.orgId,
    seq,
    hash,
    mac: headMac(key, { orgId: input.orgId, seq, hash }),
    updated_at: createdAt,
  })
  return { id, seq, hash }
}

/** What writing an event needs: the server secret (the chain key) and the clock (the event time). */
export type TAuditDeps = { secrets: TSecrets; clock: TClock }

/** The change a member makes in the organisation they are working in. */
export type TMemberChange = Pick<TRecordEventInput, 'action' | 'entityType' | 'entityId' | 'summary'>

/**
 * The usual event: the signed-in member (`auth.userId`) changed something in their current
 * organisation (`auth.orgId`), now. Call it inside the transaction of the change.
 */
export const recordMemberEvent = (
  trx: TExecutor,
  deps: TAuditDeps,
  auth: { orgId: string; userId: string },
  change: TMemberChange,
): Promise<{ id: string; seq: number; hash: string }> =>
  recordEvent(trx, deps.secrets, {
    ...change,
    orgId: auth.orgId,
    actorId: auth.userId,
    at: isoNow(deps.clock),
  })

/** One page of the organisation's trail, newest first; `cursor` is the seq to continue below. */
export const getAuditPage = async (
  deps: { db: TExecutor },
  auth: { orgId: string },
  { cursor, limit }: { cursor: number | null; limit: number },
): Promise<TAuditPage> => {
  const rows = await listAuditEvents(deps.db, auth.orgId, cursor, limit + 1)
  const page = rows.slice(0, limit)
  const head = await findAuditCheckpoint(deps.db, auth.orgId)
  const last = page.at(-1)
  return {
    events: page.map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      actor: row.actor_id ? { id: row.actor_id, email: row.actor_email ?? '' } : null,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      summary: fromJsonColumn<Record<string, unknown>>(row.summary),
      createdAt: row.created_at,
      hash: row.hash,
    })),
    nextCursor: rows.length > limit && last ? Number(last.seq) : null,
    headHash: head?.hash ?? null,
    headSeq: head ? Number(head.seq) : null,
  }
}
