/**
 * Numbers and dates as people read them, in the interface language (i18n.ts's formattingLocale);
 * the ISO value stays in the markup. Formatters are made once per language.
 */
import { formattingLocale } from '../i18n/i18n.ts'

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function formatterFor<TFormat extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  make: (locale: string) => TFormat,
): TFormat {
  const locale = formattingLocale()
  const key = `${kind}:${locale}`
  let formatter = formatters.get(key) as TFormat | undefined
  if (formatter === undefined) {
    formatter = make(locale)
    formatters.set(key, formatter)
  }
  return formatter
}

// Seconds matter in an audit trail: several changes often happen within one minute.
const dateTime = () =>
  formatterFor('dateTime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }))
const dateOnly = () => formatterFor('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }))
const integer = () => formatterFor('integer', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }))

export function formatDateTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateTime().format(time)
}

export function formatDate(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : dateOnly().format(time)
}

/** A count (rows, people, entries) with the language's grouping: 12,345 · 12 345 · 12.345. */
export function formatCount(value: number): string {
  return integer().format(value)
}
