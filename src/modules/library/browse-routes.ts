/**
 * Three small read-only endpoints the library pages of the web app need besides the main library
 * API (routes.ts): the sources that references cite (to show their titles), the rights list (to
 * name the right a risk touches) and a compact index of every object (URN, kind, title, parent) so
 * a page can name and link any URN it shows without loading whole frameworks.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { requireAuth, type TApp, type TAppDeps, type TContext } from '../../http/context.ts'
import { errorResponses, jsonContent, SESSION_SECURITY } from '../../http/openapi.ts'
import { ZLocaleQuery } from '../../http/params.ts'
import { getLibrary, type TLibrary } from '../../library/index.ts'
import { localise, localised } from '../../library/text.ts'
import { OBJECT_KIND_IDS } from '../../library/urn.ts'
import { authorize } from '../platform/index.ts'
import { ZIndexEntry, ZRightView, ZSourceView } from './browse-schemas.ts'
import { listEntries } from './service.ts'

const tags = ['Library']

const ZIndexQuery = ZLocaleQuery.extend({
  kind: z
    .enum(OBJECT_KIND_IDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' }, example: 'requirement' }),
})

const route = (path: string, summary: string, response: z.ZodType, query: z.ZodObject = ZLocaleQuery) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    security: SESSION_SECURITY,
    request: { query },
    responses: { 200: jsonContent(response, summary), ...errorResponses(401, 403, 422) },
  })

const allowRead = (c: TContext): void => authorize(requireAuth(c), 'read', 'library')

/** Options for `registerLibraryBrowseRoutes`; tests may pass their own loaded library. */
export type TLibraryBrowseOptions = { library?: () => TLibrary }

export const registerLibraryBrowseRoutes = (
  app: TApp,
  _deps: TAppDeps,
  options: TLibraryBrowseOptions = {},
): void => {
  const library = options.library ?? (() => getLibrary())

  app.openapi(
    route(
      '/api/library/sources',
      'Sources cited by library references',
      z.object({ items: z.array(ZSourceView) }).openapi('LibrarySourceList'),
    ),
    (c) => {
      allowRead(c)
      return c.json({ items: [...library().sources.values()] }, 200)
    },
  )

  app.openapi(
    route(
      '/api/library/rights',
      'Human rights that risk templates name',
      z.object({ items: z.array(ZRightView) }).openapi('LibraryRightList'),
    ),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query') as z.infer<typeof ZLocaleQuery>
      return c.json({ items: localised([...library().rights.values()], locale) }, 200)
    },
  )

  app.openapi(
    route(
      '/api/library/index',
      'Every library object (or those of one kind) with its title and parent',
      z.object({ items: z.array(ZIndexEntry) }).openapi('LibraryIndex'),
      ZIndexQuery,
    ),
    (c) => {
      allowRead(c)
      const { locale, kind } = c.req.valid('query') as z.infer<typeof ZIndexQuery>
      const lib = library()
      const items = listEntries(lib, kind).map((entry) => {
        const parent = lib.objects.get(entry.urn)?.parent
        return {
          urn: entry.urn,
          kind: entry.kind,
          version: entry.version,
          title: localise(entry.title, locale),
          ...(parent ? { parent } : {}),
        }
      })
      return c.json({ items }, 200)
    },
  )
}
