/** Presentation of audit events: the summary of a change as short label/value pairs. */

export type TSummaryItem = { label: string; value: string }

const MAX_VALUE_LENGTH = 120

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(describe).join(', ')
  return JSON.stringify(value)
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text
}

/**
 * Turns an event summary (`{ from: 'viewer', to: 'admin' }`) into label/value pairs, in the order the
 * server wrote them, each value cut to a readable length.
 */
export function summaryItems(summary: Record<string, unknown>): TSummaryItem[] {
  return Object.entries(summary).map(([label, value]) => ({ label, value: shorten(describe(value)) }))
}

/** `member.role_changed` → `member role changed`: readable, and still the exact code underneath. */
export function actionLabel(action: string): string {
  return action.replace(/[._]+/g, ' ').trim()
}
