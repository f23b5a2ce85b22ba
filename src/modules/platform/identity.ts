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
import { resolveSession, type TResolvedSession, type TSessionMembership } from './sessions.ts'

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

const memberBySession = new WeakMap<TResolvedSession, TMemberIdentity>()

/** The member a live session stands for; shared, like the session, while its rows are unchanged. */
const memberOf = (session: TResolvedSession): TMemberIdentity => {
  const known = memberBySession.get(session)
  if (known) return known
  const member: TMemberIdentity = {
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
  memberBySession.set(session, member)
  return member
}

/**
 * The identity behind a request's Cookie header, or null (no session cookie, or a session that is
 * unknown, expired, or no longer a member of its organisation). At once when the session is (see
 * resolveSession), so the common request takes no async step here; a promise otherwise. Never
 * mutate the identity: requests with the same unchanged session share it.
 */
export const identify = (
  deps: { db: TDb; clock: TClock },
  cookieHeader: string | undefined,
): TAuth | null | Promise<TAuth | null> => {
  const token = sessionTokenFrom(cookieHeader)
  if (token === undefined) return null
  const session = resolveSession(deps, token)
  if (session instanceof Promise) return session.then((found) => found && memberOf(found))
  return session && memberOf(session)
}

/** Whether a request needs the CSRF header, and whether it carries the session's token. */
export const csrf = { header: CSRF_HEADER, isMutation, isValid: isCsrfValid }
