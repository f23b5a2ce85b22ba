/**
 * Request and response schemas of the platform API (accounts, sessions, organisation settings,
 * audit log). They drive validation, the OpenAPI document and — through `import type` — the web UI.
 */
import { z } from '@hono/zod-openapi'
import { INTERFACE_LOCALES, LIMITS, ORG_KINDS, ROLES } from './limits.ts'

export const ZRole = z.enum(ROLES).openapi('Role')
export const ZOrgKind = z.enum(ORG_KINDS).openapi('OrganisationKind')
export const ZInterfaceLocale = z.enum(INTERFACE_LOCALES).openapi('InterfaceLocale')

export const ZOrganisation = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), kind: ZOrgKind })
  .openapi('Organisation')

export const ZUser = z.object({ id: z.string(), email: z.string(), name: z.string() }).openapi('User')

export const ZMembershipSummary = z
  .object({ organisation: ZOrganisation, role: ZRole })
  .openapi('MembershipSummary')

/** The signed-in user, with their own preferences (not shown to other members). */
export const ZMeUser = ZUser.extend({
  /** The interface language they chose; null until they choose (the browser's language applies). */
  locale: ZInterfaceLocale.nullable(),
}).openapi('MeUser')

/** GET /api/me — who is signed in, in which organisation, and the CSRF token for mutations. */
export const ZMe = z
  .object({
    user: ZMeUser,
    organisation: ZOrganisation,
    role: ZRole,
    memberships: z.array(ZMembershipSummary),
    csrfToken: z.string(),
  })
  .openapi('Me')

export const ZLoginRequest = z
  .object({
    email: z.string().trim().toLowerCase().max(LIMITS.emailMax).pipe(z.email()),
    password: z.string().min(1).max(LIMITS.passwordMax),
  })
  .openapi('LoginRequest')

export const ZSwitchOrganisationRequest = z
  .object({ organisationId: z.string().min(1).max(64) })
  .openapi('SwitchOrganisationRequest')

export const ZMember = z.object({ user: ZUser, role: ZRole, joinedAt: z.string() }).openapi('Member')

export const ZUpdateMemberRequest = z.object({ role: ZRole }).openapi('UpdateMemberRequest')

export const ZInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: ZRole,
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .openapi('Invitation')

export const ZCreateInvitationRequest = z
  .object({
    email: z.string().trim().toLowerCase().max(LIMITS.emailMax).pipe(z.email()),
    role: ZRole,
  })
  .openapi('CreateInvitationRequest')

/** The invitation link token is returned once, at creation, and stored only as a hash. */
export const ZCreatedInvitation = ZInvitation.extend({ token: z.string(), acceptUrl: z.string() }).openapi(
  'CreatedInvitation',
)

export const ZAcceptInvitationRequest = z
  .object({
    token: z.string().min(16).max(200),
    name: z.string().trim().min(1).max(LIMITS.nameMax),
    password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
  })
  .openapi('AcceptInvitationRequest')

/** The same answer whether or not the address already had an account: sign in next. */
export const ZAcceptedInvitation = z
  .object({
    email: z.string().openapi({
      description:
        'Sign in with this address (a new account: the password just chosen; an existing one: its own password), then POST /api/invitations/join.',
    }),
  })
  .openapi('AcceptedInvitation')

export const ZJoinInvitationRequest = z
  .object({ token: z.string().min(16).max(200) })
  .openapi('JoinInvitationRequest')

export const ZInvitationList = z
  .object({ invitations: z.array(ZInvitation), nextCursor: z.string().nullable() })
  .openapi('InvitationList')

export const ZSessionInfo = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    isCurrent: z.boolean(),
  })
  .openapi('Session')

export const ZSessionList = z.object({ sessions: z.array(ZSessionInfo) }).openapi('SessionList')

const ZNewPassword = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax)

export const ZChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(LIMITS.passwordMax), newPassword: ZNewPassword })
  .openapi('ChangePasswordRequest')

/** A reset link is returned once, at creation, and stored only as a hash. */
export const ZIssuedPasswordReset = z
  .object({ token: z.string(), resetUrl: z.string(), expiresAt: z.string() })
  .openapi('IssuedPasswordReset')

export const ZCompletePasswordResetRequest = z
  .object({ token: z.string().min(16).max(200), newPassword: ZNewPassword })
  .openapi('CompletePasswordResetRequest')

/** PATCH /api/me/preferences — the signed-in user's own settings; null clears the choice. */
export const ZUpdatePreferencesRequest = z
  .object({ locale: ZInterfaceLocale.nullable() })
  .openapi('UpdatePreferencesRequest')

export const ZPreferences = z.object({ locale: ZInterfaceLocale.nullable() }).openapi('Preferences')

export const ZUpdateOrganisationRequest = z
  .object({ name: z.string().trim().min(1).max(LIMITS.orgNameMax) })
  .openapi('UpdateOrganisationRequest')

/** A dotted audit action as events store it (`member.role_changed`); the filter's only shape. */
export const ZAuditAction = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'An action is dotted lower-case words, e.g. member.role_changed.')

export const ZAuditEvent = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    /** Who did it, as the account reads now (null for the system or the server operator). */
    actor: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    /**
     * What the entity is to a person (an email, a name, a file name), from the event's own summary
     * or, for this organisation and its current members, their record; null when neither says.
     */
    entityName: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEvent')

export const ZAuditPage = z
  .object({
    events: z.array(ZAuditEvent),
    nextCursor: z.number().int().nullable(),
    headHash: z.string().nullable(),
    /** The seq of the newest event: record it with headHash to detect a rollback later. */
    headSeq: z.number().int().nullable(),
  })
  .openapi('AuditPage')

export type TOrganisation = z.infer<typeof ZOrganisation>
export type TUser = z.infer<typeof ZUser>
export type TMe = z.infer<typeof ZMe>
export type TPreferences = z.infer<typeof ZPreferences>
export type TLoginRequest = z.infer<typeof ZLoginRequest>
export type TMember = z.infer<typeof ZMember>
export type TInvitation = z.infer<typeof ZInvitation>
export type TCreatedInvitation = z.infer<typeof ZCreatedInvitation>
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequest>
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequest>
export type TAcceptedInvitation = z.infer<typeof ZAcceptedInvitation>
export type TInvitationList = z.infer<typeof ZInvitationList>
export type TAuditEvent = z.infer<typeof ZAuditEvent>
export type TSessionInfo = z.infer<typeof ZSessionInfo>
export type TIssuedPasswordReset = z.infer<typeof ZIssuedPasswordReset>
export type TAuditPage = z.infer<typeof ZAuditPage>
