/**
 * The translated catalogues as Vite sees them: each file becomes its own chunk, imported only when
 * asked for (web/vite.config.ts names these chunks `locale-<lng>-<namespace>`). Browser build only;
 * tests hand the loader their own importers.
 */
import type { TCatalogue, TCatalogueImporters } from './loader.ts'

export const catalogueImporters: TCatalogueImporters = import.meta.glob<TCatalogue>('./locales/*/*.json', {
  import: 'default',
})
