/**
 * The translation function and the text direction of the current locale. English only for now; the
 * shape (`t(key, params)`, `dir` on <html>) is what i18next will fill in later.
 */
import { en, type TCountedMessage, type TMessageKey, type TMessages } from './messages.ts'

/** Scripts written right to left, by primary language subtag (BCP 47). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'])

/** `rtl` for locales whose script runs right to left, `ltr` for the rest. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'
}

/** Replaces `{name}` placeholders with the given values; unknown placeholders stay visible. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/**
 * The translation function of a page family's own messages (library, jurisdictions, bias audit):
 * `const lt = translatorFor(libraryEn)` gives `lt(key, params)` typed by that family's keys.
 */
export function translatorFor<TKey extends string>(
  messages: Record<TKey, string>,
): (key: TKey, params?: Record<string, string | number>) => string {
  return (key, params) => interpolate(messages[key], params)
}

const catalogues: Record<string, TMessages> = { en }

export const locale = 'en'

/** The message for `key` in the current locale, with parameters filled in. */
export function t(key: TMessageKey, params?: Record<string, string | number>): string {
  const catalogue = catalogues[locale] ?? en
  return interpolate(catalogue[key], params)
}

/** Sets `lang` and `dir` on <html> so the browser lays out text (and logical CSS) correctly. */
export function applyDocumentLocale(
  doc: { documentElement: { lang: string; dir: string } },
  localeTag: string = locale,
): void {
  doc.documentElement.lang = localeTag
  doc.documentElement.dir = directionOf(localeTag)
}

const pluralRules = new Intl.PluralRules(locale)

/** The form of a counted message that the locale's plural rules pick for `count`, with `{count}` filled. */
export function tCount(base: TCountedMessage, count: number): string {
  const catalogue: Record<string, string> = catalogues[locale] ?? en
  const exact = `${base}.${pluralRules.select(count)}`
  const key = (Object.hasOwn(catalogue, exact) ? exact : `${base}.other`) as TMessageKey
  return t(key, { count })
}
