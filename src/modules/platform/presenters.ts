/** Database rows → API shapes, picking fields explicitly so nothing leaks by accident. */

import type { TOrgKind, TRole } from './limits.ts'
import type { TInvitationRow } from './repositories/invitations.ts'
import type { TInvitation, TMember, TOrganisation } from './schemas.ts'

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
