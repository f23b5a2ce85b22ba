/**
 * Presentation of audit events: what happened as a sentence a person reads, the filter's label of
 * each action, and the summary of a change as labelled values. Actions without a sentence of their
 * own (a newer server, an old event) still read as words, built from the dotted action.
 */
import { ORG_KINDS, type TOrgKind } from '../../../src/modules/platform/limits.ts'
import type { TAuditEvent } from '../../../src/modules/platform/schemas.ts'
import { t } from '../i18n/i18n.ts'
import type { TMessageKey } from '../i18n/messages.ts'
import { kindLabel } from './labels.ts'

export type TSummaryItem = { label: string; value: string }

const MAX_VALUE_LENGTH = 120

/** Per action: the sentence describing one event, and its name in the action filter. */
export const AUDIT_ACTIONS = {
  'auth.login': ['audit.event.auth.login', 'audit.filter.auth.login'],
  'auth.login_failed': ['audit.event.auth.login_failed', 'audit.filter.auth.login_failed'],
  'auth.password_reset': ['audit.event.auth.password_reset', 'audit.filter.auth.password_reset'],
  'member.added': ['audit.event.member.added', 'audit.filter.member.added'],
  'member.role_changed': ['audit.event.member.role_changed', 'audit.filter.member.role_changed'],
  'member.removed': ['audit.event.member.removed', 'audit.filter.member.removed'],
  'member.password_reset_issued': [
    'audit.event.member.password_reset_issued',
    'audit.filter.member.password_reset_issued',
  ],
  'invitation.created': ['audit.event.invitation.created', 'audit.filter.invitation.created'],
  'invitation.revoked': ['audit.event.invitation.revoked', 'audit.filter.invitation.revoked'],
  'invitation.join_refused': ['audit.event.invitation.join_refused', 'audit.filter.invitation.join_refused'],
  'organisation.created': ['audit.event.organisation.created', 'audit.filter.organisation.created'],
  'organisation.renamed': ['audit.event.organisation.renamed', 'audit.filter.organisation.renamed'],
  'account.preferences_changed': [
    'audit.event.account.preferences_changed',
    'audit.filter.account.preferences_changed',
  ],
  'bias_audit.created': ['audit.event.bias_audit.created', 'audit.filter.bias_audit.created'],
  'bias_audit.deleted': ['audit.event.bias_audit.deleted', 'audit.filter.bias_audit.deleted'],
} as const satisfies Record<string, readonly [TMessageKey, TMessageKey]>

export type TKnownAction = keyof typeof AUDIT_ACTIONS

const isKnownAction = (action: string): action is TKnownAction => Object.hasOwn(AUDIT_ACTIONS, action)

/** Labels of the summary fields the server writes; others are split into words. */
const SUMMARY_LABELS: Record<string, TMessageKey> = {
  email: 'audit.field.email',
  invitedEmail: 'audit.field.email',
  role: 'audit.field.role',
  from: 'audit.field.from',
  to: 'audit.field.to',
  reason: 'audit.field.reason',
  expiresAt: 'audit.field.expiresAt',
  by: 'audit.field.by',
  endedSessions: 'audit.field.endedSessions',
  fileName: 'audit.field.fileName',
  rows: 'audit.field.rows',
  skipped: 'audit.field.skipped',
  resultBytes: 'audit.field.resultBytes',
  name: 'audit.field.name',
  slug: 'audit.field.slug',
  kind: 'audit.field.kind',
}

const isOrgKind = (value: unknown): value is TOrgKind =>
  typeof value === 'string' && (ORG_KINDS as readonly string[]).includes(value)

const ROLES = new Set(['owner', 'admin', 'assessor', 'reviewer', 'viewer', 'grievance_handler'])

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return ROLES.has(value) ? t(`role.${value}` as TMessageKey) : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(describe).join(', ')
  return JSON.stringify(value)
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text
}

/** `endedSessions` → `Ended sessions`, `login_failed` → `Login failed`. */
function words(code: string): string {
  const spaced = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .trim()
    .toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/**
 * The summary of a change as label/value pairs, in the order the server wrote them, each value cut
 * to a readable length; roles and organisation kinds by their names, field names in words.
 */
export function summaryItems(summary: Record<string, unknown>): TSummaryItem[] {
  return Object.entries(summary).map(([key, value]) => {
    const labelKey = SUMMARY_LABELS[key]
    const shown = key === 'kind' && isOrgKind(value) ? kindLabel(value) : describe(value)
    return { label: labelKey ? t(labelKey) : words(key), value: shorten(shown) }
  })
}

/** The name of an action in the filter: `Role changes`; unknown actions in words. */
export function actionLabel(action: string): string {
  return isKnownAction(action) ? t(AUDIT_ACTIONS[action][1]) : words(action)
}

/** What happened, as a sentence: `Invited x@example.org as Assessor`. */
export function eventSentence(event: TAuditEvent): string {
  if (!isKnownAction(event.action)) return words(event.action)
  const summary = event.summary
  const text = (key: string) => {
    const value = summary[key]
    return value === undefined || value === null ? '—' : describe(value)
  }
  return t(AUDIT_ACTIONS[event.action][0], {
    entity: event.entityName ?? t('audit.someone'),
    role: text('role'),
    from: text('from'),
    to: text('to'),
  })
}
