/**
 * Who is acting, as the platform establishes it: today the signed-in member of an organisation. The
 * `kind` leaves room for the second kind that provider due diligence brings (the holder of a
 * single-use questionnaire link, acting for one organisation on one campaign, with no account).
 * HTTP reads identity through `identify` and checks CSRF with the session's token; services receive
 * the identity and never look at requests.
 */
import type { TClock } from '../../core/time.ts'
import type { TDb } from '../../db/database.ts'
import type { TOrgKind, TRole } from './limits.ts'
import { CSRF_HEADER, isCsrfValid, isMutation, sessionTokenFrom } from './session-rules.ts'
import { resolveSession, type TSessionMembership } from './sessions.ts'

/** A signed-in member, in the organisation the session is working in. */
export type TMemberIdentity = {
  kind: 'member'
  userId: string
  email: string
  name: string
  /** The interface language they chose, or null. */
  locale: string | null
  orgId: string
  orgSlug: string
  orgName: string
  orgKind: TOrgKind
  role: TRole
  sessionTokenHash: string
  csrfToken: string
  /** Every organisation the user belongs to, read with the session (so /api/me needs no query). */
  memberships: readonly TSessionMembership[]
}

/** The identity a service acts for. */
export type TAuth = TMemberIdentity

/**
 * The identity behind a request's Cookie header, or null (no session cookie, or a session that is
 * unknown, expired, or no longer a member of its organisation).
 */
export const identify = async (
  deps: { db: TDb; clock: TClock },
  cookieHeader: string | undefined,
): Promise<TAuth | null> => {
  const token = sessionTokenFrom(cookieHeader)
  const session = token === undefined ? null : await resolveSession(deps, token)
  if (!session) return null
  return {
    kind: 'member',
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    locale: session.user.locale,
    orgId: session.current.id,
    orgSlug: session.current.slug,
    orgName: session.current.name,
    orgKind: session.current.kind,
    role: session.current.role,
    sessionTokenHash: session.tokenHash,
    csrfToken: session.csrfToken,
    memberships: session.memberships,
  }
}

/** Whether a request needs the CSRF header, and whether it carries the session's token. */
export const csrf = { header: CSRF_HEADER, isMutation, isValid: isCsrfValid }
