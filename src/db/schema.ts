/**
 * Row types of the platform tables as Kysely sees them. Timestamps are ISO strings and JSON columns
 * are strings on both dialects (see database.ts); booleans are integers 0/1.
 * Modules describe their own tables the same way and query them through `db.withTables<TTheirTables>()`.
 */
export type TOrganisationsTable = {
  id: string
  slug: string
  name: string
  kind: string
  created_at: string
}

export type TUsersTable = {
  id: string
  email: string
  name: string
  password_hash: string | null
  created_at: string
  /** The chosen interface language (INTERFACE_LOCALES), null until chosen. */
  locale: string | null
}

export type TMembershipsTable = {
  org_id: string
  user_id: string
  role: string
  created_at: string
}

export type TInvitationsTable = {
  id: string
  org_id: string
  email: string
  role: string
  token_hash: string
  invited_by: string | null
  created_at: string
  expires_at: string
  accepted_at: string | null
}

export type TSessionsTable = {
  token_hash: string
  user_id: string
  org_id: string
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export type TLoginFailuresTable = {
  id: string
  key_hash: string
  created_at: string
}

export type TAuditEventsTable = {
  id: string
  org_id: string
  seq: number
  actor_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  summary: string
  created_at: string
  prev_hash: string
  hash: string
}

export type TAuditHeadsTable = {
  org_id: string
  seq: number
  hash: string
  mac: string
  updated_at: string
}

export type TLoginKnownAddressesTable = {
  key_hash: string
  last_success_at: string
}

export type TPasswordResetsTable = {
  id: string
  user_id: string
  token_hash: string
  created_by: string | null
  org_id: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

export type TPlatformTables = {
  organisations: TOrganisationsTable
  users: TUsersTable
  memberships: TMembershipsTable
  invitations: TInvitationsTable
  sessions: TSessionsTable
  login_failures: TLoginFailuresTable
  audit_events: TAuditEventsTable
  audit_heads: TAuditHeadsTable
  login_known_addresses: TLoginKnownAddressesTable
  password_resets: TPasswordResetsTable
}
