/**
 * The interface language in the browser: chosen before the first render (the choice remembered here,
 * else the browser's languages, else English), replaced by the signed-in user's saved choice when
 * /api/me brings one, and changed from the language menus. Changing it loads the catalogues of every
 * namespace in use first, then tells i18next, which re-renders the tree (main.tsx) and sets
 * `lang`/`dir` on <html>.
 */
import { APP_NAMESPACE, applyDocumentLocale, currentLocale, i18n } from './i18n.ts'
import { createCatalogueLoader } from './loader.ts'
import { catalogueImporters } from './locale-files.ts'
import { chooseLocale, type TLocale } from './locales.ts'

const STORAGE_KEY = 'custos.locale'

const catalogues = createCatalogueLoader(i18n, catalogueImporters)

/** The language last chosen in this browser, if storage can be read. */
function storedLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** Remembers the choice in this browser (a private window may refuse; the choice then lasts the visit). */
export function rememberLocale(locale: TLocale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Nothing to do: the language still changes for this visit.
  }
}

/**
 * Loads what `namespaces` need in `locale`; a catalogue that cannot be fetched leaves English in
 * its place (the next change of page or language tries again) rather than stopping the page.
 */
async function loadCatalogues(locale: TLocale, namespaces: readonly string[]): Promise<void> {
  try {
    await catalogues.load(locale, namespaces)
  } catch {
    // English is already there for every key.
  }
}

/** Shows the interface in `locale`: its catalogues first, then the switch. */
export async function showLocale(locale: TLocale): Promise<void> {
  await loadCatalogues(locale, [APP_NAMESPACE, ...catalogues.namespaces()])
  if (i18n.language !== locale) await i18n.changeLanguage(locale)
  applyDocumentLocale(document, locale)
}

/** Before the first render: this browser's choice, else its languages, else English. */
export function startLanguage(): Promise<void> {
  return showLocale(chooseLocale({ stored: storedLocale(), browser: navigator.languages }))
}

/**
 * A route's `lazy` that also loads a page family's catalogue in the current language, so the page
 * renders translated from the start and English users fetch no other language.
 */
export function withCatalogue<TRoute>(namespace: string, loadRoute: () => Promise<TRoute>) {
  return async (): Promise<TRoute> => {
    const [route] = await Promise.all([loadRoute(), loadCatalogues(currentLocale(), [namespace])])
    return route
  }
}
