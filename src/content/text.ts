/**
 * Localised text: every prose field in content/ is a map `{ en, fr?, es?, ar? }` with English
 * required, so a missing translation falls back to English rather than to nothing.
 */
import { z } from 'zod'

export const LOCALES = ['en', 'fr', 'es', 'ar'] as const
export type TLocale = (typeof LOCALES)[number]

export const isLocale = (value: string): value is TLocale => (LOCALES as readonly string[]).includes(value)

const ZNonEmpty = z.string().trim().min(1, 'must not be empty')

export const ZText = z.strictObject({
  en: ZNonEmpty,
  fr: ZNonEmpty.optional(),
  es: ZNonEmpty.optional(),
  ar: ZNonEmpty.optional(),
})
export type TText = z.infer<typeof ZText>

/**
 * The text in the wanted locale, or English when that translation is missing. `used`, when given,
 * collects the language each text was actually given in, so an answer can say which languages it
 * holds (the library API's Content-Language header, docs/contracts.md).
 */
export const localise = (text: TText, locale: TLocale = 'en', used?: Set<TLocale>): string => {
  const translated = text[locale]
  used?.add(translated === undefined ? 'en' : locale)
  return translated ?? text.en
}

/** True for a value shaped like a localised text map (used to localise whole objects for the API). */
export const isTextMap = (value: unknown): value is TText => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const keys = Object.keys(value)
  if (!keys.includes('en')) return false
  return keys.every((key) => isLocale(key) && typeof (value as Record<string, unknown>)[key] === 'string')
}

/** A deep copy of `value` with every localised text map replaced by its string in `locale`. */
export const localiseDeep = (value: unknown, locale: TLocale, used?: Set<TLocale>): unknown => {
  if (Array.isArray(value)) return value.map((item) => localiseDeep(item, locale, used))
  if (isTextMap(value)) return localise(value, locale, used)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = localiseDeep(item, locale, used)
    return out
  }
  return value
}

/** The type of `value` once every localised text map in it has become a string. */
export type TLocalised<T> = T extends TText
  ? string
  : T extends (infer U)[]
    ? TLocalised<U>[]
    : T extends Map<unknown, unknown>
      ? never
      : T extends object
        ? { [K in keyof T]: TLocalised<T[K]> }
        : T

/** `localiseDeep` with the result typed from the input. */
export const localised = <T>(value: T, locale: TLocale, used?: Set<TLocale>): TLocalised<T> =>
  localiseDeep(value, locale, used) as TLocalised<T>

/**
 * The Content-Language of an answer whose texts were given in `used`: the wanted locale first when
 * some text had it, then English for the texts that fell back ("fr, en"); the wanted locale alone
 * for an answer without text.
 */
export const contentLanguage = (used: ReadonlySet<TLocale>, locale: TLocale): string =>
  used.size === 0 ? locale : [...used].sort((a, b) => Number(b === locale) - Number(a === locale)).join(', ')
