/**
 * Typed calls of the platform API (accounts, organisation settings, audit log). The types come from
 * the server's zod schemas; nothing here restates them.
 */

import type { TRole } from '../../../src/modules/platform/limits.ts'
import type {
  TAcceptInvitationRequest,
  TAuditPage,
  TCreatedInvitation,
  TCreateInvitationRequest,
  TInvitation,
  TLoginRequest,
  TMe,
  TMember,
  TOrganisation,
} from '../../../src/modules/platform/schemas.ts'
import { rememberCsrfToken, request } from './client.ts'

/** Every call that answers with a TMe starts (or continues) a session: keep its CSRF token. */
async function session(pending: Promise<TMe>): Promise<TMe> {
  const me = await pending
  rememberCsrfToken(me.csrfToken)
  return me
}

const segment = (id: string) => encodeURIComponent(id)

export const AUDIT_PAGE_SIZE = 50

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
  acceptInvitation: (body: TAcceptInvitationRequest) =>
    session(request<TMe>('POST', '/api/invitations/accept', { body, isSessionProbe: true })),

  organisation: () => request<TOrganisation>('GET', '/api/org'),
  renameOrganisation: (name: string) => request<TOrganisation>('PATCH', '/api/org', { body: { name } }),

  members: () => request<{ members: TMember[] }>('GET', '/api/org/members'),
  changeRole: (userId: string, role: TRole) =>
    request<TMember>('PATCH', `/api/org/members/${segment(userId)}`, { body: { role } }),
  removeMember: (userId: string) => request<void>('DELETE', `/api/org/members/${segment(userId)}`),

  invitations: () => request<{ invitations: TInvitation[] }>('GET', '/api/org/invitations'),
  createInvitation: (body: TCreateInvitationRequest) =>
    request<TCreatedInvitation>('POST', '/api/org/invitations', { body }),
  revokeInvitation: (id: string) => request<void>('DELETE', `/api/org/invitations/${segment(id)}`),

  auditPage: (cursor: number | null, signal?: AbortSignal) => {
    const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) })
    if (cursor !== null) query.set('cursor', String(cursor))
    return request<TAuditPage>('GET', `/api/org/audit?${query}`, signal ? { signal } : {})
  },
}

/** Query keys: everything scoped to the current organisation sits under `org`, so a switch drops it. */
export const queryKeys = {
  me: ['me'] as const,
  org: ['org'] as const,
  organisation: ['org', 'details'] as const,
  members: ['org', 'members'] as const,
  invitations: ['org', 'invitations'] as const,
  audit: ['org', 'audit'] as const,
}
