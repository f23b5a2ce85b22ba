/** Database rows → API shapes, picking fields explicitly so nothing leaks by accident. */

import { fromJsonColumn } from '../../db/json.ts'
import type { TOrgKind, TRole } from './limits.ts'
import type { TAuditListRow } from './repositories/audit-events.ts'
import type { TInvitationRow } from './repositories/invitations.ts'
import type { TAuditEvent, TInvitation, TMember, TOrganisation } from './schemas.ts'

export const presentOrganisation = (row: {
  id: string
  slug: string
  name: string
  kind: string
}): TOrganisation => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind as TOrgKind,
})

export const presentMember = (row: {
  userId: string
  email: string
  name: string
  role: string
  joinedAt: string
}): TMember => ({
  user: { id: row.userId, email: row.email, name: row.name },
  role: row.role as TRole,
  joinedAt: row.joinedAt,
})

export const presentInvitation = (row: TInvitationRow): TInvitation => ({
  id: row.id,
  email: row.email,
  role: row.role as TRole,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
})

/** A non-empty string field of an event summary. */
const summaryText = (summary: Record<string, unknown>, key: string): string | undefined => {
  const value = summary[key]
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** Summary fields that name the object an event is about, in the order they are tried. */
const NAMING_FIELDS = ['name', 'title', 'email', 'invitedEmail', 'fileName'] as const

/**
 * What the entity of an event is to a person. A member of this organisation by their name as it
 * reads now (their email when they have none), anyone else by the email the event recorded; the
 * organisation by its current name; other objects by the name, email or file name in the summary.
 * Stored events are never rewritten: this is read beside them.
 */
export const auditEntityName = (
  row: Pick<TAuditListRow, 'entity_type' | 'entity_id' | 'entity_user_name' | 'entity_user_email'>,
  summary: Record<string, unknown>,
  organisation: { id: string; name: string },
): string | null => {
  if (row.entity_type === 'user') {
    return row.entity_user_name || summaryText(summary, 'email') || row.entity_user_email || null
  }
  if (row.entity_type === 'organisation' && row.entity_id === organisation.id) return organisation.name
  for (const field of NAMING_FIELDS) {
    const text = summaryText(summary, field)
    if (text) return text
  }
  return null
}

export const presentAuditEvent = (
  row: TAuditListRow,
  organisation: { id: string; name: string },
): TAuditEvent => {
  const summary = fromJsonColumn<Record<string, unknown>>(row.summary)
  return {
    id: row.id,
    seq: Number(row.seq),
    actor: row.actor_id
      ? { id: row.actor_id, email: row.actor_email ?? '', name: row.actor_name ?? '' }
      : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityName: auditEntityName(row, summary, organisation),
    summary,
    createdAt: row.created_at,
    hash: row.hash,
  }
}
