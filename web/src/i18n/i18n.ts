/**
 * The translation functions of the web app, on one i18next instance: `t(key, params)` for the app's
 * own messages (namespace `app`, web/src/i18n/messages.ts), a translator per page family made by
 * `translatorFor(namespace, messages)`, and `tCount` for counted messages. English lives in the
 * TypeScript catalogues and is the fallback for every key; other languages are JSON files loaded on
 * demand (loader.ts). `{name}` placeholders are i18next's interpolation with `{` `}` delimiters.
 */
import i18next from 'i18next'
import { FALLBACK_LOCALE, isLocale, LOCALES, type TLocale } from './locales.ts'
import { en, type TCountedMessage, type TMessageKey } from './messages.ts'

type TParams = Record<string, string | number>

/** Scripts written right to left, by primary language subtag (BCP 47). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'])

/** `rtl` for locales whose script runs right to left, `ltr` for the rest. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'
}

export const APP_NAMESPACE = 'app'

export const i18n = i18next.createInstance()
void i18n.init({
  lng: FALLBACK_LOCALE,
  fallbackLng: FALLBACK_LOCALE,
  supportedLngs: [...LOCALES],
  ns: [APP_NAMESPACE],
  defaultNS: APP_NAMESPACE,
  resources: { [FALLBACK_LOCALE]: { [APP_NAMESPACE]: en } },
  // Keys are flat and contain dots ("members.count.one"): no nesting, no namespace prefix.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  // A placeholder without a value stays visible, as it did before i18next.
  missingInterpolationHandler: (_text: string, match: RegExpExecArray) => match[0],
  // An empty translation is an unfinished one: English instead.
  returnEmptyString: false,
  initAsync: false,
})

/** The language the interface is shown in now. */
export function currentLocale(): TLocale {
  return isLocale(i18n.language) ? i18n.language : FALLBACK_LOCALE
}

/**
 * The locale for Intl formatting of numbers and dates. Arabic keeps Latin digits, so that figures
 * in sentences read like those in tables, plots and intervals, and like the data they come from.
 */
export function formattingLocale(locale: TLocale = currentLocale()): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale
}

/** First-strong isolate … pop directional isolate (Unicode bidi): the value keeps its own direction. */
const isolate = (value: string | number): string => `\u2068${value}\u2069`

function translate(namespace: string, key: string, params?: TParams, lng?: string): string {
  // Parameters go through `replace`, so a parameter called `count` or `context` is only a value.
  const replace = Object.create(null) as TParams
  // In a right-to-left language each value is isolated, so a name in Latin letters or a range
  // such as "[0.12, 0.34]" reads in its own order instead of being reordered with the sentence.
  const isRtl = directionOf(lng ?? currentLocale()) === 'rtl'
  for (const [name, value] of Object.entries(params ?? {})) replace[name] = isRtl ? isolate(value) : value
  return i18n.t(key, { ns: namespace, replace, ...(lng ? { lng } : {}) }) as string
}

/**
 * The translation function of a page family's own messages (library, jurisdictions, bias audit):
 * `const lt = translatorFor('library', libraryEn)` registers the English catalogue as namespace
 * `library` and gives `lt(key, params)` typed by that family's keys, in the current language.
 */
export function translatorFor<TKey extends string>(
  namespace: string,
  messages: Record<TKey, string>,
): (key: TKey, params?: TParams) => string {
  i18n.addResourceBundle(FALLBACK_LOCALE, namespace, messages, true, true)
  return (key, params) => translate(namespace, key, params)
}

/** The message for `key` in the current locale, with parameters filled in. */
export function t(key: TMessageKey, params?: TParams): string {
  return translate(APP_NAMESPACE, key, params)
}

/** Sets `lang` and `dir` on <html> so the browser lays out text (and logical CSS) correctly. */
export function applyDocumentLocale(
  doc: { documentElement: { lang: string; dir: string } },
  localeTag: string = currentLocale(),
): void {
  doc.documentElement.lang = localeTag
  doc.documentElement.dir = directionOf(localeTag)
}

const hasMessage = (lng: string, namespace: string, key: string): boolean => {
  const value: unknown = i18n.getResource(lng, namespace, key)
  return typeof value === 'string' && value.length > 0
}

/**
 * Which form of a counted message to show for `count`: the current language's plural category
 * (Arabic has six, French three), else its `other`, else English by English rules.
 */
export function countedKey(
  base: string,
  count: number,
  namespace: string = APP_NAMESPACE,
): { key: string; lng: string } {
  const current = currentLocale()
  for (const lng of current === FALLBACK_LOCALE ? [current] : [current, FALLBACK_LOCALE]) {
    const category = new Intl.PluralRules(lng).select(count)
    for (const key of [`${base}.${category}`, `${base}.other`]) {
      if (hasMessage(lng, namespace, key)) return { key, lng }
    }
  }
  return { key: `${base}.other`, lng: FALLBACK_LOCALE }
}

/** The form of a counted message that the locale's plural rules pick for `count`, with `{count}` filled. */
export function tCount(base: TCountedMessage, count: number): string {
  const { key, lng } = countedKey(base, count)
  const formatted = new Intl.NumberFormat(formattingLocale()).format(count)
  return translate(APP_NAMESPACE, key, { count: formatted }, lng)
}
