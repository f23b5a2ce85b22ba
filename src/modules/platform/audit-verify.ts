/** Recomputes every organisation's audit chain from the database (`custos audit verify`). */
import type { TExecutor } from '../../db/database.ts'
import { fromJsonColumn } from '../../db/json.ts'
import { listAuditEventsForVerify, listAuditedOrganisationIds } from '../../db/repositories/audit-events.ts'
import { listOrganisations } from '../../db/repositories/organisations.ts'
import { checkChainSegment, GENESIS_HASH, type TChainBreak } from './audit-chain.ts'

export type TChainReport = { orgId: string; slug: string | null; count: number; headHash: string | null }
export type TVerifyResult = {
  organisations: TChainReport[]
  broken: (TChainBreak & { orgId: string; slug: string | null }) | null
}

const PAGE = 1000

/** Verifies each chain in seq order; stops at the first broken event. Reads in pages of 1000. */
export const verifyChain = async (db: TExecutor): Promise<TVerifyResult> => {
  const orgs = await listOrganisations(db)
  const slugById = new Map(orgs.map((o) => [o.id, o.slug]))
  const ids = [...new Set([...orgs.map((o) => o.id), ...(await listAuditedOrganisationIds(db))])]
  const organisations: TChainReport[] = []
  for (const orgId of ids) {
    const slug = slugById.get(orgId) ?? null
    let head = { seq: 0, hash: GENESIS_HASH }
    for (;;) {
      const rows = await listAuditEventsForVerify(db, orgId, head.seq, PAGE)
      if (rows.length === 0) break
      const events = rows.map((row) => ({
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
      }))
      const checked = checkChainSegment(head, events)
      if (checked.broken) return { organisations, broken: { ...checked.broken, orgId, slug } }
      head = checked.head
      if (rows.length < PAGE) break
    }
    organisations.push({ orgId, slug, count: head.seq, headHash: head.seq === 0 ? null : head.hash })
  }
  return { organisations, broken: null }
}

/** A summary edited into invalid JSON is itself a break; keep it as a string so the hash differs. */
const parseSummary = (text: string): unknown => {
  try {
    return fromJsonColumn(text)
  } catch {
    return { unparsable: text }
  }
}
