/** Invitations as the web app shows and accepts them. */
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import type { TInvitation } from '../../../src/modules/platform/schemas.ts'
import { t } from '../i18n/i18n.ts'

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
  if (password.length < LIMITS.passwordMin) return t('invite.tooShort', { min: LIMITS.passwordMin })
  if (password !== confirmation) return t('invite.mismatch')
  return null
}

/**
 * The invitation token of the page's address: `/invitations/accept#token=…` (the link the server
 * creates — a fragment never reaches a server log or a Referer header) or `/invite/<token>`.
 */
export function invitationTokenFrom(pathToken: string | undefined, hash: string): string | null {
  if (pathToken) return pathToken
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return token && token.length > 0 ? token : null
}
