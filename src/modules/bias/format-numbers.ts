/** How the terminal table and the HTML report write rates, intervals and counts. */
import type { TInterval } from './intervals.ts'

export const fmtRate = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v.toFixed(4)
export const fmtCi = (ci: TInterval | null | undefined): string =>
  ci ? `[${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]` : '—'
export const fmtCount = (v: number): string =>
  Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toLocaleString('en-GB', { maximumFractionDigits: 2 })
