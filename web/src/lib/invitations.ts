/** Invitations as the web app shows and accepts them. */
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import type {
  TAcceptedInvitation,
  TAcceptInvitationRequest,
  TInvitation,
  TLoginRequest,
  TMe,
} from '../../../src/modules/platform/schemas.ts'
import { ApiError, isApiError } from '../api/errors.ts'
import { t } from '../i18n/i18n.ts'
import { fragmentToken } from './paths.ts'

export type TInvitationStatus = 'open' | 'accepted' | 'expired'

/** Accepted wins over expired: an invitation used in time stays "accepted" after its expiry date. */
export function invitationStatus(
  invitation: Pick<TInvitation, 'acceptedAt' | 'expiresAt'>,
  now: Date,
): TInvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted'
  return Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : 'open'
}

/** The full link to send, whether the server returned an absolute URL or a path. */
export function absoluteLink(acceptUrl: string, origin: string): string {
  return new URL(acceptUrl, origin).toString()
}

/** A problem with a new password that the form can see before asking the server, or null. */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (password.length < LIMITS.passwordMin) return t('password.tooShort', { min: LIMITS.passwordMin })
  if (password !== confirmation) return t('password.mismatch')
  return null
}

/** A problem with the accept form that the page can see before asking the server, or null. */
export function acceptProblem(name: string, password: string, confirmation: string): string | null {
  // The server asks for a name even from an existing account (which keeps its own): answering
  // differently would tell the link's holder whether the address has an account.
  if (name.trim() === '') return t('invite.nameMissing')
  return passwordProblem(password, confirmation)
}

/**
 * The invitation token of the page's address: `/invitations/accept#token=…` (the link the server
 * creates — a fragment never reaches a server log or a Referer header) or `/invite/<token>`.
 */
export function invitationTokenFrom(pathToken: string | undefined, hash: string): string | null {
  return pathToken ? pathToken : fragmentToken(hash)
}

/** The three calls of taking up an invitation from its link (the platform API in the app, fakes in tests). */
export type TJoinCalls = {
  accept: (body: TAcceptInvitationRequest) => Promise<TAcceptedInvitation>
  login: (body: TLoginRequest) => Promise<TMe>
  join: (token: string) => Promise<TMe>
}

export type TJoinInput = TAcceptInvitationRequest & {
  /** The address an earlier attempt's accept answered with: a retry signs in straight away. */
  acceptedEmail: string | null
}

/**
 * Accepts the invitation, signs in with the address it answers and the typed password, and joins
 * the inviting organisation; resolves with the session there. Accept answers alike for a new
 * address (its account now has this password) and an existing one (its own password stands), so a
 * refused sign-in means an existing account with another password — said so, since the server's
 * "email or password" would point at an address the visitor never typed. A retry skips accept
 * (`onAccepted` hands back the address): for a new account the first accept used the invitation.
 */
export async function acceptAndJoin(
  calls: TJoinCalls,
  input: TJoinInput,
  onAccepted: (email: string) => void,
): Promise<TMe> {
  let email = input.acceptedEmail
  if (email === null) {
    email = (await calls.accept({ token: input.token, name: input.name, password: input.password })).email
    onAccepted(email)
  }
  try {
    await calls.login({ email, password: input.password })
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      throw new ApiError(401, error.code, t('invite.wrongPassword', { email }), error.requestId)
    }
    throw error
  }
  return calls.join(input.token)
}
