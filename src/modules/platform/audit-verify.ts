/**
 * Recomputes every organisation's audit chain from the database (`custos audit verify`) with the
 * server key, checks it against the organisation's keyed checkpoint and, when given, against heads
 * recorded elsewhere; and keys the chains written before keyed chains existed (once, on upgrade).
 */
import type { TSecrets } from '../../core/secrets.ts'
import type { TExecutor } from '../../db/database.ts'
import { fromJsonColumn } from '../../db/json.ts'
import {
  auditKeyOf,
  chainHash,
  checkChainSegment,
  checkHead,
  GENESIS_HASH,
  headMac,
  legacyChainHash,
  type TAuditKey,
  type TChainBreak,
  type TStoredEvent,
} from './audit-chain.ts'
import {
  findAuditCheckpoint,
  listAuditEventsForVerify,
  listAuditedOrganisationIds,
  listOrganisationsWithoutCheckpoint,
  rehashAuditEvent,
  saveAuditCheckpoint,
} from './repositories/audit-events.ts'
import { listOrganisations } from './repositories/organisations.ts'

export type TChainReport = { orgId: string; slug: string | null; count: number; headHash: string | null }

/** A head recorded outside the database (a report, an export, an earlier `audit verify`). */
export type TExpectedHead = { org: string; seq: number; hash: string }

export type TBrokenChain = TChainBreak & { orgId: string; slug: string | null }

export type TVerifyResult = {
  organisations: TChainReport[]
  /** Every organisation whose chain does not hold, with its first problem. */
  broken: TBrokenChain[]
}

const PAGE = 1000

type TEventRow = Awaited<ReturnType<typeof listAuditEventsForVerify>>[number]

const storedEventOf = (row: TEventRow): TStoredEvent => ({
  id: row.id,
  seq: Number(row.seq),
  orgId: row.org_id,
  actorId: row.actor_id,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  summary: parseSummary(row.summary),
  createdAt: row.created_at,
  prevHash: row.prev_hash,
  hash: row.hash,
})

/** Walks one organisation's events in seq order, page by page, handing each page to `visit`. */
const walkEvents = async (
  db: TExecutor,
  orgId: string,
  visit: (events: TStoredEvent[]) => Promise<boolean> | boolean,
): Promise<void> => {
  let afterSeq = 0
  for (;;) {
    const rows = await listAuditEventsForVerify(db, orgId, afterSeq, PAGE)
    if (rows.length === 0) return
    const events = rows.map(storedEventOf)
    if (!(await visit(events))) return
    afterSeq = events.at(-1)?.seq ?? afterSeq
    if (rows.length < PAGE) return
  }
}

const verifyOrganisation = async (
  db: TExecutor,
  key: TAuditKey,
  orgId: string,
): Promise<{ count: number; headHash: string | null; broken: TChainBreak | null }> => {
  let head = { seq: 0, hash: GENESIS_HASH }
  let broken: TChainBreak | null = null
  await walkEvents(db, orgId, (events) => {
    const checked = checkChainSegment(key, head, events)
    head = checked.head
    broken = checked.broken
    return broken === null
  })
  if (!broken) broken = checkHead(key, orgId, head, await findAuditCheckpoint(db, orgId))
  return { count: head.seq, headHash: head.seq === 0 ? null : head.hash, broken }
}

/**
 * Verifies each organisation's chain and checkpoint; `expected` heads (by slug or id) must be
 * present in the chain unchanged, which also catches a rollback to an older copy of the database.
 */
export const verifyChain = async (
  db: TExecutor,
  secrets: TSecrets,
  expected: readonly TExpectedHead[] = [],
): Promise<TVerifyResult> => {
  const key = auditKeyOf(secrets)
  const orgs = await listOrganisations(db)
  const slugById = new Map(orgs.map((o) => [o.id, o.slug]))
  const ids = [...new Set([...orgs.map((o) => o.id), ...(await listAuditedOrganisationIds(db))])]
  const organisations: TChainReport[] = []
  const broken: TBrokenChain[] = []
  for (const orgId of ids) {
    const slug = slugById.get(orgId) ?? null
    const result = await verifyOrganisation(db, key, orgId)
    organisations.push({ orgId, slug, count: result.count, headHash: result.headHash })
    if (result.broken) broken.push({ ...result.broken, orgId, slug })
  }
  for (const head of expected) {
    const org = organisations.find((o) => o.slug === head.org || o.orgId === head.org)
    if (!org) {
      broken.push({ seq: head.seq, id: null, orgId: head.org, slug: null, reason: 'no such organisation' })
      continue
    }
    if (broken.some((b) => b.orgId === org.orgId)) continue
    const problem = await checkExpectedHead(db, org, head)
    if (problem) broken.push({ ...problem, orgId: org.orgId, slug: org.slug })
  }
  return { organisations, broken }
}

const checkExpectedHead = async (
  db: TExecutor,
  org: TChainReport,
  head: TExpectedHead,
): Promise<TChainBreak | null> => {
  if (head.seq > org.count) {
    return {
      seq: org.count + 1,
      id: null,
      reason: `the trail was rolled back: a head recorded at seq ${head.seq} is later than the newest event (${org.count})`,
    }
  }
  const [row] = await listAuditEventsForVerify(db, org.orgId, head.seq - 1, 1)
  if (!row || Number(row.seq) !== head.seq || row.hash !== head.hash.toLowerCase()) {
    return {
      seq: head.seq,
      id: row?.id ?? null,
      reason: `event ${head.seq} differs from the head recorded earlier (the trail was replaced)`,
    }
  }
  return null
}

/** Parses `<org>=<seq>:<hash>` (org is a slug or an id). */
export const parseExpectedHead = (text: string): TExpectedHead | null => {
  const match = /^([^=\s]+)=(\d{1,10}):([0-9a-f]{64})$/i.exec(text.trim())
  if (!match) return null
  return { org: match[1] as string, seq: Number(match[2]), hash: (match[3] as string).toLowerCase() }
}

/**
 * Keys the chains written before keyed chains existed: each organisation with events and no
 * checkpoint whose unkeyed chain is intact gets its hashes recomputed with the server key and a
 * checkpoint. A chain that is already broken is left as it is, so `audit verify` still names the
 * break. Runs only in the migration run that adds checkpoints (runtime.ts), never later:
 * afterwards a missing checkpoint is a finding, not something to repair.
 */
export const keyLegacyChains = async (
  db: TExecutor,
  secrets: TSecrets,
  at: string,
): Promise<{ keyed: number; broken: string[] }> => {
  const key = auditKeyOf(secrets)
  let keyed = 0
  const broken: string[] = []
  for (const orgId of await listOrganisationsWithoutCheckpoint(db)) {
    const events: TStoredEvent[] = []
    await walkEvents(db, orgId, (page) => {
      events.push(...page)
      return true
    })
    let prev = GENESIS_HASH
    let intact = true
    for (const [index, event] of events.entries()) {
      if (event.seq !== index + 1 || event.prevHash !== prev || legacyChainHash(prev, event) !== event.hash) {
        intact = false
        break
      }
      prev = event.hash
    }
    if (!intact) {
      broken.push(orgId)
      continue
    }
    let keyedPrev = GENESIS_HASH
    for (const event of events) {
      const hash = chainHash(key, keyedPrev, event)
      await rehashAuditEvent(db, event.id, { prev_hash: keyedPrev, hash })
      keyedPrev = hash
    }
    const seq = events.length
    await saveAuditCheckpoint(db, {
      org_id: orgId,
      seq,
      hash: keyedPrev,
      mac: headMac(key, { orgId, seq, hash: keyedPrev }),
      updated_at: at,
    })
    keyed += 1
  }
  return { keyed, broken }
}

/** A summary edited into invalid JSON is itself a break; keep it as a string so the hash differs. */
const parseSummary = (text: string): unknown => {
  try {
    return fromJsonColumn(text)
  } catch {
    return { unparsable: text }
  }
}
