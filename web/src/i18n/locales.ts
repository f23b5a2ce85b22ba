/**
 * The interface languages and the order in which one is chosen: the signed-in user's saved choice,
 * then the choice remembered in this browser, then the browser's own languages, then English.
 * Pure functions, so the order is tested without a browser.
 */

/** Every interface language. English is the source of every message and the fallback for each key. */
export const LOCALES = ['en', 'fr', 'es', 'ar'] as const
export type TLocale = (typeof LOCALES)[number]

export const FALLBACK_LOCALE: TLocale = 'en'

/**
 * Each language in its own name, as a language menu lists them. Not a message: the same in every
 * interface language, so that anyone can find their own.
 */
export const LOCALE_NAMES: Record<TLocale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
}

export const isLocale = (value: unknown): value is TLocale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** The first of the browser's languages (`navigator.languages`, by primary subtag) that Custos has. */
export function browserLocale(languages: readonly string[]): TLocale | undefined {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
    if (isLocale(primary)) return primary
  }
  return undefined
}

/**
 * The interface language: the signed-in user's saved choice wins, then the one remembered in this
 * browser, then the browser's languages, then English. Anything that is not a locale is skipped.
 */
export function chooseLocale(sources: {
  saved?: string | null | undefined
  stored?: string | null | undefined
  browser?: readonly string[]
}): TLocale {
  if (isLocale(sources.saved)) return sources.saved
  if (isLocale(sources.stored)) return sources.stored
  return browserLocale(sources.browser ?? []) ?? FALLBACK_LOCALE
}
