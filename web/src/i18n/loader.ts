/**
 * Loading translated catalogues on demand: one JSON file per language and namespace
 * (`locales/<lng>/<namespace>.json`), each its own chunk, fetched only when that language is shown
 * and that namespace is needed — `app` before the first render, a page family's when its route
 * loads. English is never fetched: it is bundled with the code that uses it.
 */
import { FALLBACK_LOCALE, type TLocale } from './locales.ts'

export type TCatalogue = Record<string, string>

/** Path of a catalogue file (as `import.meta.glob` names it) → a function that imports it. */
export type TCatalogueImporters = Record<string, () => Promise<TCatalogue>>

/** The part of an i18next instance the loader writes to. */
export type TCatalogueStore = {
  hasResourceBundle: (lng: string, ns: string) => boolean
  addResourceBundle: (lng: string, ns: string, resources: TCatalogue) => unknown
}

export const cataloguePath = (lng: string, namespace: string): string => `./locales/${lng}/${namespace}.json`

export type TCatalogueLoader = {
  /** Loads the catalogues of `namespaces` in `lng` that exist and are not loaded yet. */
  load: (lng: TLocale, namespaces: readonly string[]) => Promise<void>
  /** Every namespace asked for so far: what a change of language has to load. */
  namespaces: () => string[]
}

export function createCatalogueLoader(
  store: TCatalogueStore,
  importers: TCatalogueImporters,
): TCatalogueLoader {
  const wanted = new Set<string>()
  const inFlight = new Map<string, Promise<void>>()

  const loadOne = (lng: TLocale, namespace: string): Promise<void> => {
    if (lng === FALLBACK_LOCALE || store.hasResourceBundle(lng, namespace)) return Promise.resolve()
    const path = cataloguePath(lng, namespace)
    const importer = importers[path]
    // No file yet: every key of that namespace falls back to English.
    if (importer === undefined) return Promise.resolve()
    const pending =
      inFlight.get(path) ??
      importer()
        .then((catalogue) => {
          store.addResourceBundle(lng, namespace, catalogue)
        })
        .finally(() => inFlight.delete(path))
    inFlight.set(path, pending)
    return pending
  }

  return {
    load: async (lng, namespaces) => {
      for (const namespace of namespaces) wanted.add(namespace)
      await Promise.all(namespaces.map((namespace) => loadOne(lng, namespace)))
    },
    namespaces: () => [...wanted],
  }
}
