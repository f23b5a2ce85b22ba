/**
 * Writing and reading the audit trail. `recordEvent` must be called with the transaction of the
 * mutation it describes, so a failed mutation leaves no event and an event never lacks its change.
 */
import { errors } from '../../core/errors.ts'
import { newId } from '../../core/ids.ts'
import type { TSecrets } from '../../core/secrets.ts'
import { isoNow, type TClock } from '../../core/time.ts'
import type { TExecutor } from '../../db/database.ts'
import { fromJsonColumn, type TJsonValue, toJsonColumn } from '../../db/json.ts'
import { auditKeyOf, chainHash, findSecretLikeKeys, GENESIS_HASH, headMac } from './audit-chain.ts'
import { csvRecord } from './csv.ts'
import { presentAuditEvent } from './presenters.ts'
import {
  findAuditCheckpoint,
  findLastAuditEvent,
  insertAuditEvent,
  listAuditEvents,
  lockAuditChain,
  saveAuditCheckpoint,
  type TAuditFilter,
} from './repositories/audit-events.ts'
import { findOrganisationById } from './repositories/organisations.ts'
import type { TAuditEvent, TAuditPage } from './schemas.ts'

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

/** The organisation the trail belongs to, by the name events about it are shown with. */
const trailOwner = async (db: TExecutor, orgId: string): Promise<{ id: string; name: string }> => {
  const organisation = await findOrganisationById(db, orgId)
  if (!organisation) throw errors.notFound('Organisation')
  return { id: organisation.id, name: organisation.name }
}

/** One page of the organisation's trail, newest first; `cursor` is the seq to continue below. */
export const getAuditPage = async (
  deps: { db: TExecutor },
  auth: { orgId: string },
  { cursor, limit, filter }: { cursor: number | null; limit: number; filter: TAuditFilter },
): Promise<TAuditPage> => {
  const owner = await trailOwner(deps.db, auth.orgId)
  const rows = await listAuditEvents(deps.db, auth.orgId, { beforeSeq: cursor, limit: limit + 1, filter })
  const page = rows.slice(0, limit)
  const head = await findAuditCheckpoint(deps.db, auth.orgId)
  const last = page.at(-1)
  return {
    events: page.map((row) => presentAuditEvent(row, owner)),
    nextCursor: rows.length > limit && last ? Number(last.seq) : null,
    headHash: head?.hash ?? null,
    headSeq: head ? Number(head.seq) : null,
  }
}

/** The columns of the CSV export, in order (the header row). */
export const AUDIT_CSV_COLUMNS = [
  'Time (UTC)',
  'Actor',
  'Actor email',
  'Action',
  'Entity type',
  'Entity',
  'Entity id',
  'Details',
  'Sequence',
  'Hash',
] as const

/** Events read per query while exporting: a bounded amount in memory whatever the trail's length. */
const EXPORT_PAGE_SIZE = 500

/** `key: value; key: value` — the summary as one cell, values written as JSON when not text. */
const detailsCell = (summary: Record<string, unknown>): string =>
  Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')

const csvRecordOf = (event: TAuditEvent): string =>
  csvRecord([
    event.createdAt,
    event.actor ? event.actor.name || event.actor.email : 'system',
    event.actor?.email ?? '',
    event.action,
    event.entityType,
    event.entityName ?? '',
    event.entityId ?? '',
    detailsCell(event.summary),
    String(event.seq),
    event.hash,
  ])

/**
 * The organisation's filtered trail as CSV records, newest first, read page by page. The export
 * stops at the chain's head as it was when it started, so events written meanwhile are not mixed in.
 */
export async function* auditCsv(
  deps: { db: TExecutor },
  auth: { orgId: string },
  { filter, pageSize = EXPORT_PAGE_SIZE }: { filter: TAuditFilter; pageSize?: number },
): AsyncGenerator<string> {
  const owner = await trailOwner(deps.db, auth.orgId)
  const head = await findLastAuditEvent(deps.db, auth.orgId)
  yield csvRecord(AUDIT_CSV_COLUMNS)
  if (!head) return
  let beforeSeq = Number(head.seq) + 1
  for (;;) {
    const rows = await listAuditEvents(deps.db, auth.orgId, { beforeSeq, limit: pageSize, filter })
    if (rows.length > 0) yield rows.map((row) => csvRecordOf(presentAuditEvent(row, owner))).join('')
    const last = rows.at(-1)
    if (rows.length < pageSize || !last) return
    beforeSeq = Number(last.seq)
  }
}
