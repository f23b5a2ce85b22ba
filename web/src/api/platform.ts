/**
 * Typed calls of the platform API (accounts, sessions, organisation settings, audit log). The types
 * come from the server's zod schemas; nothing here restates them.
 */

import type { z } from '@hono/zod-openapi'
import type { TRole } from '../../../src/modules/platform/limits.ts'
import type {
  TAcceptedInvitation,
  TAcceptInvitationRequest,
  TAuditPage,
  TCreatedInvitation,
  TCreateInvitationRequest,
  TInvitationList,
  TIssuedPasswordReset,
  TLoginRequest,
  TMe,
  TMember,
  TOrganisation,
  TPreferences,
  TSessionInfo,
  ZChangePasswordRequest,
  ZCompletePasswordResetRequest,
} from '../../../src/modules/platform/schemas.ts'
import { rememberCsrfToken, request } from './client.ts'

export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>
export type TCompletePasswordResetRequest = z.infer<typeof ZCompletePasswordResetRequest>

/** Every call that answers with a TMe starts (or continues) a session: keep its CSRF token. */
async function session(pending: Promise<TMe>): Promise<TMe> {
  const me = await pending
  rememberCsrfToken(me.csrfToken)
  return me
}

const segment = (id: string) => encodeURIComponent(id)

export const AUDIT_PAGE_SIZE = 50
export const INVITATIONS_PAGE_SIZE = 100

export const platformApi = {
  me: (signal?: AbortSignal) =>
    session(request<TMe>('GET', '/api/me', { isSessionProbe: true, ...(signal ? { signal } : {}) })),
  login: (body: TLoginRequest) =>
    session(request<TMe>('POST', '/api/auth/login', { body, isSessionProbe: true })),
  logout: async () => {
    await request<void>('POST', '/api/auth/logout', { isSessionProbe: true })
    rememberCsrfToken(null)
  },
  switchOrganisation: (organisationId: string) =>
    session(request<TMe>('POST', '/api/auth/switch', { body: { organisationId } })),
  /** Never signs in: the answer names the address to sign in with before joining. */
  acceptInvitation: (body: TAcceptInvitationRequest) =>
    request<TAcceptedInvitation>('POST', '/api/invitations/accept', { body, isSessionProbe: true }),
  joinInvitation: (token: string) =>
    session(request<TMe>('POST', '/api/invitations/join', { body: { token } })),

  sessions: () => request<{ sessions: TSessionInfo[] }>('GET', '/api/auth/sessions'),
  endSession: (id: string) => request<void>('DELETE', `/api/auth/sessions/${segment(id)}`),
  endOtherSessions: () => request<{ ended: number }>('POST', '/api/auth/sessions/end-others'),
  updatePreferences: (body: TPreferences) => request<TPreferences>('PATCH', '/api/me/preferences', { body }),
  changePassword: (body: TChangePasswordRequest) =>
    request<{ endedSessions: number }>('POST', '/api/auth/password', { body }),
  completePasswordReset: (body: TCompletePasswordResetRequest) =>
    request<{ email: string }>('POST', '/api/auth/password-reset', { body, isSessionProbe: true }),

  organisation: () => request<TOrganisation>('GET', '/api/org'),
  renameOrganisation: (name: string) => request<TOrganisation>('PATCH', '/api/org', { body: { name } }),

  members: () => request<{ members: TMember[] }>('GET', '/api/org/members'),
  changeRole: (userId: string, role: TRole) =>
    request<TMember>('PATCH', `/api/org/members/${segment(userId)}`, { body: { role } }),
  removeMember: (userId: string) => request<void>('DELETE', `/api/org/members/${segment(userId)}`),
  issuePasswordReset: (userId: string) =>
    request<TIssuedPasswordReset>('POST', `/api/org/members/${segment(userId)}/password-reset`),

  invitationsPage: (cursor: string | null, signal?: AbortSignal) => {
    const query = new URLSearchParams({ limit: String(INVITATIONS_PAGE_SIZE) })
    if (cursor !== null) query.set('cursor', cursor)
    return request<TInvitationList>('GET', `/api/org/invitations?${query}`, signal ? { signal } : {})
  },
  createInvitation: (body: TCreateInvitationRequest) =>
    request<TCreatedInvitation>('POST', '/api/org/invitations', { body }),
  revokeInvitation: (id: string) => request<void>('DELETE', `/api/org/invitations/${segment(id)}`),

  auditPage: (filter: TAuditFilter, cursor: number | null, signal?: AbortSignal) => {
    const query = auditFilterQuery(filter)
    query.set('limit', String(AUDIT_PAGE_SIZE))
    if (cursor !== null) query.set('cursor', String(cursor))
    return request<TAuditPage>('GET', `/api/org/audit?${query}`, signal ? { signal } : {})
  },
}

/**
 * Query keys: everything scoped to the current organisation sits under `org`, so a switch drops it;
 * the person's own sessions belong to the account, whichever organisation is current.
 */
/** The audit log's filter as the API's query parameters take it (and the page's address keeps it). */
export type TAuditFilter = { action?: string; actor?: string; hideSignIns?: boolean }

export function auditFilterQuery(filter: TAuditFilter): URLSearchParams {
  const query = new URLSearchParams()
  if (filter.action) query.set('action', filter.action)
  if (filter.actor) query.set('actor', filter.actor)
  if (filter.hideSignIns) query.set('hideSignIns', 'true')
  return query
}

/** Where the filtered audit trail downloads as CSV (a plain link: the session cookie goes with it). */
export const auditExportUrl = (filter: TAuditFilter): string => {
  const query = auditFilterQuery(filter).toString()
  return `/api/org/audit/export.csv${query ? `?${query}` : ''}`
}

export const queryKeys = {
  me: ['me'] as const,
  sessions: ['account', 'sessions'] as const,
  org: ['org'] as const,
  organisation: ['org', 'details'] as const,
  members: ['org', 'members'] as const,
  invitations: ['org', 'invitations'] as const,
  audit: ['org', 'audit'] as const,
  auditFiltered: (filter: TAuditFilter) => ['org', 'audit', filter] as const,
}
