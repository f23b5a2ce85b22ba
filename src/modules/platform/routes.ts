/** Platform API: sign-in, the signed-in user, organisation settings, invitations, audit log. */
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { AppError } from '../../core/errors.ts'
import { isoNow } from '../../core/time.ts'
import {
  clientAddress,
  isHttps,
  requireAuth,
  type TApp,
  type TAppDeps,
  type TContext,
} from '../../http/context.ts'
import {
  errorResponses,
  jsonBody,
  jsonContent,
  OPTIONAL_SESSION_SECURITY,
  SESSION_SECURITY,
} from '../../http/openapi.ts'
import { pathId } from '../../http/params.ts'
import {
  changeMyPassword,
  completePasswordReset,
  endMyOtherSessions,
  endMySession,
  issueMemberPasswordReset,
  listMySessions,
  updateMyPreferences,
} from './account-service.ts'
import { auditCsv, getAuditPage } from './audit.ts'
import { login, logout, presentMe, switchOrganisation } from './auth-service.ts'
import {
  acceptInvitation,
  createInvitation,
  getInvitations,
  joinInvitation,
  revokeInvitation,
} from './invitation-service.ts'
import {
  changeMemberRole,
  getMembers,
  getOrganisation,
  removeMember,
  renameOrganisation,
} from './org-service.ts'
import { authorize } from './policy.ts'
import type { TAuditFilter } from './repositories/audit-events.ts'
import {
  ZAcceptedInvitation,
  ZAcceptInvitationRequest,
  ZAuditAction,
  ZAuditPage,
  ZChangePasswordRequest,
  ZCompletePasswordResetRequest,
  ZCreatedInvitation,
  ZCreateInvitationRequest,
  ZInvitationList,
  ZIssuedPasswordReset,
  ZJoinInvitationRequest,
  ZLoginRequest,
  ZMe,
  ZMember,
  ZOrganisation,
  ZPreferences,
  ZSessionList,
  ZSwitchOrganisationRequest,
  ZUpdateMemberRequest,
  ZUpdateOrganisationRequest,
  ZUpdatePreferencesRequest,
} from './schemas.ts'
import { isCrossSiteRequest, SESSION_COOKIE, sessionCookieOptions } from './session-rules.ts'
import type { TNewSession } from './sessions.ts'

const ZUserIdParam = pathId('userId', { max: 64 })
const ZIdParam = pathId('id', { max: 64 })
export const ZInvitationQuery = z.object({
  cursor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: 'limit', in: 'query' } }),
})
/** Which events to show or export: one action, one member's doing, or all but successful sign-ins. */
export const ZAuditFilterQuery = z.object({
  action: ZAuditAction.optional().openapi({
    param: { name: 'action', in: 'query' },
    description: 'Only events of this action',
    example: 'member.role_changed',
  }),
  actor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'actor', in: 'query' }, description: 'Only events by this user id' }),
  hideSignIns: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      param: { name: 'hideSignIns', in: 'query' },
      description: 'true leaves out successful sign-ins (refused sign-ins stay)',
    }),
})
export const ZAuditQuery = ZAuditFilterQuery.extend({
  // seq is a 32-bit integer column; a larger cursor would be a database error, not a 422.
  cursor: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
})

const auditFilterOf = (query: z.infer<typeof ZAuditFilterQuery>): TAuditFilter => ({
  ...(query.action === undefined ? {} : { action: query.action }),
  ...(query.actor === undefined ? {} : { actorId: query.actor }),
  hideSignIns: query.hideSignIns === 'true',
})

/** A generator of text chunks as a response body; `first` was already taken (so errors before it are JSON). */
const textStream = (first: string, rest: AsyncGenerator<string>): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first))
    },
    async pull(controller) {
      const next = await rest.next()
      if (next.done) controller.close()
      else if (next.value !== '') controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await rest.return(undefined)
    },
  })
}

const rejectCrossSite = (c: TContext) => {
  const crossSite = isCrossSiteRequest({
    origin: c.req.header('origin'),
    host: c.req.header('host') ?? new URL(c.req.url).host,
    secFetchSite: c.req.header('sec-fetch-site'),
  })
  if (crossSite) throw new AppError('csrf_failed', 'Sign-in requests must come from this site.')
}

const startSession = (c: TContext, session: TNewSession) => {
  setCookie(c, SESSION_COOKIE, session.token, sessionCookieOptions(isHttps(c), session.maxAgeSeconds))
}

const tags = { auth: ['Authentication'], org: ['Organisation'], audit: ['Audit trail'] }

export const registerPlatformRoutes = (app: TApp, deps: TAppDeps): void => {
  const publicUrl = deps.publicUrl ?? 'http://localhost:8080'
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: tags.auth,
      summary: 'Sign in with email and password',
      request: jsonBody(ZLoginRequest),
      responses: {
        200: jsonContent(ZMe, 'Signed in; the session cookie is set'),
        ...errorResponses(400, 401, 403, 415, 422, 429),
      },
    }),
    async (c) => {
      rejectCrossSite(c)
      const input = c.req.valid('json')
      const { session, me } = await login(deps, { ...input, clientAddress: clientAddress(c) })
      startSession(c, session)
      return c.json(me, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: tags.auth,
      summary: 'Sign out (ends the session, if any, and clears the cookie)',
      security: OPTIONAL_SESSION_SECURITY,
      responses: { 204: { description: 'Signed out' }, ...errorResponses(403) },
    }),
    async (c) => {
      const auth = c.get('auth')
      if (auth) await logout(deps, auth)
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: tags.auth,
      summary: 'The signed-in user, current organisation, memberships and CSRF token',
      security: SESSION_SECURITY,
      responses: { 200: jsonContent(ZMe, 'The signed-in user'), ...errorResponses(401) },
    }),
    (c) => {
      // The session loader read the memberships with the session: no second query.
      const auth = requireAuth(c)
      return c.json(presentMe(auth, auth.memberships), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/me/preferences',
      tags: tags.auth,
      summary: 'Change your own preferences (the interface language)',
      description: 'Recorded in the audit trail of the organisation you are working in.',
      security: SESSION_SECURITY,
      request: jsonBody(ZUpdatePreferencesRequest),
      responses: {
        200: jsonContent(ZPreferences, 'The saved preferences'),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => c.json(await updateMyPreferences(deps, requireAuth(c), c.req.valid('json')), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/switch',
      tags: tags.auth,
      summary: 'Switch the current organisation',
      security: SESSION_SECURITY,
      request: jsonBody(ZSwitchOrganisationRequest),
      responses: {
        200: jsonContent(ZMe, 'Now working in that organisation'),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      const { organisationId } = c.req.valid('json')
      return c.json(await switchOrganisation(deps, auth, { organisationId }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org',
      tags: tags.org,
      summary: 'The current organisation',
      security: SESSION_SECURITY,
      responses: { 200: jsonContent(ZOrganisation, 'The organisation'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'organisation')
      return c.json(await getOrganisation(deps, auth), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/org',
      tags: tags.org,
      summary: 'Rename the current organisation',
      security: SESSION_SECURITY,
      request: jsonBody(ZUpdateOrganisationRequest),
      responses: {
        200: jsonContent(ZOrganisation, 'The renamed organisation'),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'update', 'organisation')
      return c.json(await renameOrganisation(deps, auth, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org/members',
      tags: tags.org,
      summary: 'Members of the current organisation',
      security: SESSION_SECURITY,
      responses: {
        200: jsonContent(z.object({ members: z.array(ZMember) }), 'The members'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'member')
      return c.json({ members: await getMembers(deps, auth) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/org/members/{userId}',
      tags: tags.org,
      summary: "Change a member's role",
      security: SESSION_SECURITY,
      request: { params: ZUserIdParam, ...jsonBody(ZUpdateMemberRequest) },
      responses: { 200: jsonContent(ZMember, 'The member'), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'update', 'member')
      const { userId } = c.req.valid('param')
      return c.json(await changeMemberRole(deps, auth, { userId, role: c.req.valid('json').role }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/org/members/{userId}',
      tags: tags.org,
      summary: 'Remove a member from the organisation',
      security: SESSION_SECURITY,
      request: { params: ZUserIdParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'remove', 'member')
      await removeMember(deps, auth, c.req.valid('param'))
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org/invitations',
      tags: tags.org,
      summary: 'Invitations of the current organisation, newest first, a page at a time',
      security: SESSION_SECURITY,
      request: { query: ZInvitationQuery },
      responses: {
        200: jsonContent(ZInvitationList, 'One page of invitations'),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'invitation')
      const { cursor, limit } = c.req.valid('query')
      return c.json(await getInvitations(deps, auth, { cursor: cursor ?? null, limit }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/org/invitations',
      tags: tags.org,
      summary: 'Invite someone (the token and link are returned once)',
      security: SESSION_SECURITY,
      request: jsonBody(ZCreateInvitationRequest),
      responses: {
        201: jsonContent(ZCreatedInvitation, 'The invitation'),
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'create', 'invitation')
      return c.json(await createInvitation(deps, auth, { ...c.req.valid('json'), publicUrl }), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/org/invitations/{id}',
      tags: tags.org,
      summary: 'Revoke an invitation',
      security: SESSION_SECURITY,
      request: { params: ZIdParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'revoke', 'invitation')
      await revokeInvitation(deps, auth, { invitationId: c.req.valid('param').id })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/invitations/accept',
      tags: tags.auth,
      summary: 'Accept an invitation: a new address gets its account; then sign in and join',
      description:
        'A new address gets an account with this name and password and joins the organisation. For an address that already has an account nothing changes and the password is not checked here: sign in with POST /api/auth/login, then POST /api/invitations/join. The answer is the same in both cases.',
      request: jsonBody(ZAcceptInvitationRequest),
      responses: {
        200: jsonContent(ZAcceptedInvitation, 'Sign in with this address next'),
        ...errorResponses(400, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      rejectCrossSite(c)
      return c.json(await acceptInvitation(deps, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/invitations/join',
      tags: tags.auth,
      summary: 'Join the organisation of an invitation addressed to the signed-in account',
      security: SESSION_SECURITY,
      request: jsonBody(ZJoinInvitationRequest),
      responses: {
        200: jsonContent(ZMe, 'Now a member, working in that organisation'),
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      return c.json(await joinInvitation(deps, auth, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/sessions',
      tags: tags.auth,
      summary: "The signed-in person's open sessions",
      security: SESSION_SECURITY,
      responses: { 200: jsonContent(ZSessionList, 'The sessions'), ...errorResponses(401) },
    }),
    async (c) => c.json({ sessions: await listMySessions(deps, requireAuth(c)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/auth/sessions/{id}',
      tags: tags.auth,
      summary: 'End one of your sessions',
      security: SESSION_SECURITY,
      request: { params: ZIdParam },
      responses: { 204: { description: 'Ended' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      await endMySession(deps, requireAuth(c), { sessionId: c.req.valid('param').id })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/sessions/end-others',
      tags: tags.auth,
      summary: 'Sign out everywhere else (every session but this one)',
      security: SESSION_SECURITY,
      responses: {
        200: jsonContent(z.object({ ended: z.number().int() }), 'How many sessions ended'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json(await endMyOtherSessions(deps, requireAuth(c)), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/password',
      tags: tags.auth,
      summary: 'Change your password (ends your other sessions)',
      description: 'The current password is checked like a sign-in: the same limits and security events.',
      security: SESSION_SECURITY,
      request: jsonBody(ZChangePasswordRequest),
      responses: {
        200: jsonContent(z.object({ endedSessions: z.number().int() }), 'Changed'),
        ...errorResponses(401, 403, 422, 429),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      const input = c.req.valid('json')
      return c.json(await changeMyPassword(deps, auth, { ...input, clientAddress: clientAddress(c) }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/org/members/{userId}/password-reset',
      tags: tags.org,
      summary: 'Issue a single-use password reset link for a member (returned once, valid one day)',
      description:
        'Only for a member who belongs to this organisation alone; for anyone else the server operator runs `custos user reset-password`.',
      security: SESSION_SECURITY,
      request: { params: ZUserIdParam },
      responses: {
        201: jsonContent(ZIssuedPasswordReset, 'The reset link'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'resetPassword', 'member')
      const { userId } = c.req.valid('param')
      return c.json(await issueMemberPasswordReset(deps, auth, { userId, publicUrl }), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/password-reset',
      tags: tags.auth,
      summary: 'Set a new password with a reset link (ends every session of the account)',
      request: jsonBody(ZCompletePasswordResetRequest),
      responses: {
        200: jsonContent(z.object({ email: z.string() }), 'Changed; sign in with the new password'),
        ...errorResponses(400, 403, 404, 422),
      },
    }),
    async (c) => {
      rejectCrossSite(c)
      return c.json(await completePasswordReset(deps, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org/audit',
      tags: tags.audit,
      summary: 'Audit events of the current organisation, newest first, optionally filtered',
      security: SESSION_SECURITY,
      request: { query: ZAuditQuery },
      responses: {
        200: jsonContent(ZAuditPage, 'One page of events'),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'audit')
      const { cursor, limit, ...filter } = c.req.valid('query')
      return c.json(
        await getAuditPage(deps, auth, { cursor: cursor ?? null, limit, filter: auditFilterOf(filter) }),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org/audit/export.csv',
      tags: tags.audit,
      summary: 'The filtered audit events of the current organisation as CSV, newest first',
      description:
        'RFC 4180 with a header row, every field quoted; a field starting with = + - @ is prefixed with an apostrophe so a spreadsheet does not run it. Streamed, as an attachment.',
      security: SESSION_SECURITY,
      request: { query: ZAuditFilterQuery },
      responses: {
        200: {
          content: { 'text/csv': { schema: { type: 'string' } } },
          description: 'The events (Content-Disposition: attachment; audit-trail-<date>.csv)',
        },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'audit')
      const records = auditCsv(deps, auth, { filter: auditFilterOf(c.req.valid('query')) })
      const header = await records.next()
      const fileName = `audit-trail-${isoNow(deps.clock).slice(0, 10)}.csv`
      return c.body(textStream(header.done ? '' : header.value, records), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'private, no-store',
      })
    },
  )
}
