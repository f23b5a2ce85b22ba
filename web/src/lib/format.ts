/** Dates as people read them, in the current locale; the ISO value stays in the markup. */
import { locale } from '../i18n/i18n.ts'

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateTime.format(time)
}

export function formatDate(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateOnly.format(time)
}
