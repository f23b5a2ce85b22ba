/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cataloguePath, createCatalogueLoader, type TCatalogue, type TCatalogueImporters } from './loader.ts'

/** A store like i18next's, and importers that count what they were asked for. */
function setup(files: Record<string, TCatalogue | Error>) {
  const bundles = new Map<string, TCatalogue>()
  const store = {
    hasResourceBundle: (lng: string, ns: string) => bundles.has(`${lng}/${ns}`),
    addResourceBundle: (lng: string, ns: string, resources: TCatalogue) =>
      bundles.set(`${lng}/${ns}`, resources),
  }
  const imported: string[] = []
  const importers: TCatalogueImporters = {}
  for (const [path, content] of Object.entries(files)) {
    importers[path] = async () => {
      imported.push(path)
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (content instanceof Error) throw content
      return content
    }
  }
  return { bundles, imported, loader: createCatalogueLoader(store, importers) }
}

describe('createCatalogueLoader', () => {
  const files: Record<string, TCatalogue> = {
    [cataloguePath('fr', 'app')]: { 'nav.audit': 'Journal' },
    [cataloguePath('fr', 'library')]: { 'library.title': 'Bibliothèque' },
    [cataloguePath('ar', 'app')]: { 'nav.audit': 'سجل' },
  }

  it('never fetches English', async () => {
    const { loader, imported } = setup(files)
    await loader.load('en', ['app', 'library'])
    assert.deepEqual(imported, [])
  })

  it('fetches only the asked language and namespaces, once, even when asked twice at the same time', async () => {
    const { loader, imported, bundles } = setup(files)
    await Promise.all([loader.load('fr', ['app']), loader.load('fr', ['app'])])
    await loader.load('fr', ['app'])
    assert.deepEqual(imported, ['./locales/fr/app.json'])
    assert.deepEqual(bundles.get('fr/app'), { 'nav.audit': 'Journal' })
    assert.equal(bundles.has('fr/library'), false)
  })

  it('remembers every namespace asked for, in English too, for the next change of language', async () => {
    const { loader, imported } = setup(files)
    await loader.load('en', ['app'])
    await loader.load('en', ['library'])
    assert.deepEqual(loader.namespaces(), ['app', 'library'])
    await loader.load('fr', loader.namespaces())
    assert.deepEqual(imported.sort(), ['./locales/fr/app.json', './locales/fr/library.json'])
  })

  it('skips a namespace that has no file in that language (English stays)', async () => {
    const { loader, imported } = setup(files)
    await loader.load('ar', ['app', 'library'])
    assert.deepEqual(imported, ['./locales/ar/app.json'])
  })

  it('passes a failed fetch on and tries again next time', async () => {
    const path = cataloguePath('es', 'app')
    let attempts = 0
    const bundles = new Map<string, TCatalogue>()
    const loader = createCatalogueLoader(
      {
        hasResourceBundle: (lng, ns) => bundles.has(`${lng}/${ns}`),
        addResourceBundle: (lng, ns, resources) => bundles.set(`${lng}/${ns}`, resources),
      },
      {
        [path]: async () => {
          attempts += 1
          if (attempts === 1) throw new Error('offline')
          return { 'nav.audit': 'Registro' }
        },
      },
    )
    await assert.rejects(loader.load('es', ['app']), /offline/)
    await loader.load('es', ['app'])
    assert.equal(attempts, 2)
    assert.deepEqual(bundles.get('es/app'), { 'nav.audit': 'Registro' })
  })
})
