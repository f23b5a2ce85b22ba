/** The signed-in person's own sessions as the account page lists them. */
import type { TSessionInfo } from '../../../src/modules/platform/schemas.ts'

/** This session first, then the others in the server's order (the newest sign-in first). */
export function currentFirst(sessions: readonly TSessionInfo[]): TSessionInfo[] {
  return [
    ...sessions.filter((session) => session.isCurrent),
    ...sessions.filter((session) => !session.isCurrent),
  ]
}
