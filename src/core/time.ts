/** Time as a dependency, so tests can move the clock (session expiry, rate-limit windows). */
export type TClock = { now: () => Date }

export const systemClock: TClock = { now: () => new Date() }

/** A clock tests can set and advance. */
export const manualClock = (start: Date | string = '2026-01-01T00:00:00.000Z') => {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms
    },
    set: (at: Date | string) => {
      current = new Date(at).getTime()
    },
  }
}

/** ISO-8601 UTC with milliseconds; the one timestamp format stored and returned. */
export const isoNow = (clock: TClock): string => clock.now().toISOString()

export const addMs = (iso: string, ms: number): string => new Date(new Date(iso).getTime() + ms).toISOString()

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
