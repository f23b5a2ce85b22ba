/**
 * Read-only library API: frameworks with their requirements and crosswalk links, the technology
 * catalogue, questionnaires, topics, affected groups, search, any object by URN, and for the web
 * app's pages the sources that references cite, the rights list and a compact index of every object.
 * Any signed-in member may read; text comes back in `?locale=` (falling back to English).
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  contentLanguage,
  formatProblem,
  getLibrary,
  loadProblems,
  localised,
  OBJECT_KIND_IDS,
  type TLibrary,
  type TLocale,
  type TProblem,
} from '../../content/index.ts'
import { AppError, errors } from '../../core/errors.ts'
import { requireAuth, type TApp, type TAppDeps, type TContext } from '../../http/context.ts'
import { errorResponses, jsonContent, SESSION_SECURITY } from '../../http/openapi.ts'
import { ZLocaleQuery } from '../../http/params.ts'
import { authorize } from '../platform/index.ts'
import { presentIndexEntry, presentQuestionnaireSummary, presentTopic } from './presenters.ts'
import {
  listOf,
  ZFrameworkDetail,
  ZFrameworkSummary,
  ZGroupView,
  ZIdParam,
  ZIndexEntry,
  ZObjectView,
  ZQuestionnaireSummary,
  ZQuestionnaireView,
  ZRightView,
  ZSearchQuery,
  ZSearchResult,
  ZSourceView,
  ZTechnologyView,
  ZTopicView,
  ZUrnParam,
} from './schemas.ts'
import {
  describeObject,
  frameworkDetail,
  frameworkSummaries,
  listEntries,
  nearestUrns,
  publicFilePath,
  searchLibrary,
} from './service.ts'

const tags = ['Library']

const ZIndexQuery = ZLocaleQuery.extend({
  kind: z
    .enum(OBJECT_KIND_IDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' }, example: 'requirement' }),
})

const browseRoute = (path: string, summary: string, response: z.ZodType, query: z.ZodObject = ZLocaleQuery) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    security: SESSION_SECURITY,
    request: { query },
    responses: { 200: jsonContent(response, summary), ...errorResponses(401, 403, 422) },
  })

/** Options for `registerLibraryRoutes`; tests may pass their own loaded library. */
export type TLibraryRouteOptions = { library?: () => TLibrary }

const ZFrameworkList = listOf(ZFrameworkSummary, 'FrameworkList')
const ZTechnologyList = listOf(ZTechnologyView, 'TechnologyList')
const ZQuestionnaireList = listOf(ZQuestionnaireSummary, 'QuestionnaireList')
const ZTopicList = listOf(ZTopicView, 'RegulatoryTopicList')
const ZGroupList = listOf(ZGroupView, 'AffectedGroupList')

const base = { method: 'get' as const, tags, security: SESSION_SECURITY }
const listErrors = errorResponses(401, 403, 422)
const itemErrors = errorResponses(401, 403, 404, 422)

/** Every library read needs a signed-in member (any role). */
const allowRead = (c: TContext): void => authorize(requireAuth(c), 'read', 'library')

/**
 * An answer of library text in `locale`, built by `build` with the set it fills with the languages
 * its texts were given in; those go out as Content-Language ("fr, en" when some text fell back to
 * English), so the web app can mark text shown in English (docs/contracts.md).
 */
const inLanguage = <T>(c: TContext, locale: TLocale, build: (used: Set<TLocale>) => T): T => {
  const used = new Set<TLocale>()
  const body = build(used)
  c.header('Content-Language', contentLanguage(used, locale))
  return body
}

export const registerLibraryRoutes = (
  app: TApp,
  deps: TAppDeps,
  options: TLibraryRouteOptions = {},
): void => {
  // Loaded on first use, not at start, so the server is ready without waiting for the library.
  let isLogged = false
  const library =
    options.library ??
    (() => {
      const loaded = getLibrary()
      const problems = loadProblems()
      if (!isLogged && problems.length > 0) {
        deps.logger.warn(
          { problems: problems.length, first: formatProblem(problems[0] as TProblem) },
          'library content has problems; objects that fail their schema are left out (run custos library validate)',
        )
      }
      isLogged = true
      return loaded
    })

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/frameworks',
      summary: 'List frameworks',
      request: { query: ZLocaleQuery },
      responses: { 200: jsonContent(ZFrameworkList, 'Frameworks'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      return c.json(
        inLanguage(c, locale, (used) => ({ items: localised(frameworkSummaries(library()), locale, used) })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/frameworks/{id}',
      summary:
        'A framework with its areas and requirements (or provisions) and crosswalk links in both directions',
      request: { query: ZLocaleQuery, params: ZIdParam },
      responses: { 200: jsonContent(ZFrameworkDetail, 'The framework'), ...itemErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const { id } = c.req.valid('param')
      const detail = frameworkDetail(library(), id)
      if (!detail) throw errors.notFound('Framework')
      return c.json(
        inLanguage(c, locale, (used) => localised(detail, locale, used)),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/technologies',
      summary: 'The technology catalogue',
      request: { query: ZLocaleQuery },
      responses: { 200: jsonContent(ZTechnologyList, 'Technologies'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      return c.json(
        inLanguage(c, locale, (used) => ({
          items: localised([...library().technologies.values()], locale, used),
        })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/technologies/{id}',
      summary: 'One technology with its risk templates',
      request: { query: ZLocaleQuery, params: ZIdParam },
      responses: { 200: jsonContent(ZTechnologyView, 'The technology'), ...itemErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const { id } = c.req.valid('param')
      const technology = library().technologies.get(id)
      if (!technology) throw errors.notFound('Technology')
      return c.json(
        inLanguage(c, locale, (used) => localised(technology, locale, used)),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/questionnaires',
      summary: 'List questionnaires',
      request: { query: ZLocaleQuery },
      responses: { 200: jsonContent(ZQuestionnaireList, 'Questionnaires'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      return c.json(
        inLanguage(c, locale, (used) => ({
          items: [...library().questionnaires.values()].map((q) =>
            presentQuestionnaireSummary(q, locale, used),
          ),
        })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/questionnaires/{id}',
      summary: 'A questionnaire with its sections and questions (conditions and effects included)',
      request: { query: ZLocaleQuery, params: ZIdParam },
      responses: { 200: jsonContent(ZQuestionnaireView, 'The questionnaire'), ...itemErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const { id } = c.req.valid('param')
      const questionnaire = library().questionnaires.get(id)
      if (!questionnaire) throw errors.notFound('Questionnaire')
      return c.json(
        inLanguage(c, locale, (used) => localised(questionnaire, locale, used)),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/topics',
      summary: 'Regulatory topics with their baseline safeguards',
      request: { query: ZLocaleQuery },
      responses: { 200: jsonContent(ZTopicList, 'Topics'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const lib = library()
      return c.json(
        inLanguage(c, locale, (used) => ({
          items: [...lib.topics.values()].map((topic) => presentTopic(lib, topic, locale, used)),
        })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/groups',
      summary: 'Affected groups',
      request: { query: ZLocaleQuery },
      responses: { 200: jsonContent(ZGroupList, 'Groups'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      return c.json(
        inLanguage(c, locale, (used) => ({ items: localised([...library().groups.values()], locale, used) })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/search',
      summary: 'Search requirements, provisions, questions and technologies by title and text',
      request: { query: ZSearchQuery },
      responses: { 200: jsonContent(ZSearchResult, 'Best matches first'), ...listErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale, q, kind } = c.req.valid('query')
      const hits = searchLibrary(library(), q, locale).filter(
        (hit) => kind === undefined || hit.kind === kind,
      )
      return c.json(
        inLanguage(c, locale, (used) => ({ query: q, hits: localised(hits, locale, used) })),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/library/objects/{urn}',
      summary: 'Any library object by URN, with its crosswalk links',
      request: { query: ZLocaleQuery, params: ZUrnParam },
      responses: { 200: jsonContent(ZObjectView, 'The object'), ...itemErrors },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const { urn } = c.req.valid('param')
      const lib = library()
      const view = describeObject(lib, urn)
      if (!view) {
        const nearest = nearestUrns(lib, urn).join(', ')
        throw new AppError('not_found', `Library object not found: ${urn}. Nearest: ${nearest}.`, {
          details: { nearest },
        })
      }
      // The file is named from the content folder, never by its place on the server's disk.
      return c.json(
        inLanguage(c, locale, (used) =>
          localised({ ...view, file: publicFilePath(lib, view.file) }, locale, used),
        ),
        200,
      )
    },
  )

  app.openapi(
    browseRoute(
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
    browseRoute(
      '/api/library/rights',
      'Human rights that risk templates name',
      z.object({ items: z.array(ZRightView) }).openapi('LibraryRightList'),
    ),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query') as z.infer<typeof ZLocaleQuery>
      return c.json(
        inLanguage(c, locale, (used) => ({ items: localised([...library().rights.values()], locale, used) })),
        200,
      )
    },
  )

  app.openapi(
    browseRoute(
      '/api/library/index',
      'Every library object (or those of one kind) with its title and parent',
      z.object({ items: z.array(ZIndexEntry) }).openapi('LibraryIndex'),
      ZIndexQuery,
    ),
    (c) => {
      allowRead(c)
      const { locale, kind } = c.req.valid('query') as z.infer<typeof ZIndexQuery>
      const lib = library()
      return c.json(
        inLanguage(c, locale, (used) => ({
          items: listEntries(lib, kind).map((entry) => presentIndexEntry(lib, entry, locale, used)),
        })),
        200,
      )
    },
  )
}
