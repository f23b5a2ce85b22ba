/** Dates as people read them, in the current locale; the ISO value stays in the markup. */
import { locale } from '../i18n/i18n.ts'

// Seconds matter in an audit trail: several changes often happen within one minute.
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateTime.format(time)
}

export function formatDate(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateOnly.format(time)
}
