/**
 * Jurisdictions API: the gap analysis (same JSON as `custos gap`), the jurisdiction list and detail,
 * and the data sources with the WGI attribution. Any signed-in member may read; unknown
 * technologies or countries answer 422 `unknown_value` with suggestions.
 */
import { createRoute } from '@hono/zod-openapi'
import { AppError } from '../../core/errors.ts'
import { requireAuth, type TApp, type TAppDeps, type TContext } from '../../http/context.ts'
import { errorResponses, jsonBody, jsonContent, SESSION_SECURITY } from '../../http/openapi.ts'
import { ZLocaleQuery } from '../../http/params.ts'
import { authorize } from '../platform/index.ts'
import {
  ZCodeParam,
  ZDataSources,
  ZGapMap,
  ZGapQuery,
  ZGapResult,
  ZJurisdictionDetail,
  ZJurisdictionList,
  ZMapQuery,
  ZPortfolioRequest,
  ZPortfolioResult,
} from './api-schemas.ts'
import {
  analyseGapRequest,
  analysePortfolioRequest,
  dataSources,
  getJurisdictionContext,
  jurisdictionDetail,
  listJurisdictions,
  type TJurisdictionContext,
  technologyMap,
} from './service.ts'

const base = { method: 'get' as const, tags: ['Jurisdictions'], security: SESSION_SECURITY }

/** Options for `registerJurisdictionRoutes`; tests may hand in their own loaded data. */
export type TJurisdictionRouteOptions = { context?: () => TJurisdictionContext }

const allowRead = (c: TContext): void => authorize(requireAuth(c), 'read', 'jurisdiction')

/** Query values as typed (one string, or the parameter repeated) → one list; input.ts splits commas. */
const listOf = (...values: (string | readonly string[] | undefined)[]): string[] =>
  values.flatMap((value) => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]))

export const registerJurisdictionRoutes = (
  app: TApp,
  _deps: TAppDeps,
  options: TJurisdictionRouteOptions = {},
): void => {
  // Loaded on first use, so the server is ready before the dataset is read.
  const context = options.context ?? (() => getJurisdictionContext())

  app.openapi(
    createRoute({
      ...base,
      path: '/api/gap',
      summary:
        'Gap analysis of technologies across jurisdictions (docs/gap-analysis.md; same JSON as `custos gap`)',
      request: { query: ZGapQuery },
      responses: {
        200: jsonContent(ZGapResult, 'Matrix, gaps, restrictions, baseline and coverage'),
        ...errorResponses(401, 403, 422),
      },
    }),
    (c) => {
      allowRead(c)
      const { technologies, technology, countries, locale } = c.req.valid('query')
      return c.json(
        analyseGapRequest(
          { technologies: listOf(technologies, technology), countries: listOf(countries) },
          { locale, context: context() },
        ),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      tags: base.tags,
      security: base.security,
      path: '/api/gap/portfolio',
      summary: 'Gap summaries of many deployments at once, with aggregates by country and topic (dashboards)',
      request: jsonBody(ZPortfolioRequest),
      responses: {
        200: jsonContent(ZPortfolioResult, 'Per-deployment summaries and aggregates'),
        ...errorResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    (c) => {
      allowRead(c)
      const { deployments } = c.req.valid('json')
      return c.json(analysePortfolioRequest(deployments, { context: context() }), 200)
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/gap/map',
      summary: 'One technology across every jurisdiction: summary gap level and coverage, for the world map',
      request: { query: ZMapQuery },
      responses: {
        200: jsonContent(ZGapMap, 'Level and coverage per jurisdiction'),
        ...errorResponses(401, 403, 422),
      },
    }),
    (c) => {
      allowRead(c)
      const { technology, locale } = c.req.valid('query')
      return c.json(technologyMap(technology, { locale, context: context() }), 200)
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/jurisdictions',
      summary: 'Every jurisdiction with governance indicators and a summary of its facts',
      request: { query: ZLocaleQuery },
      responses: {
        200: jsonContent(ZJurisdictionList, 'Jurisdictions in code order'),
        ...errorResponses(401, 403, 422),
      },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const loaded = context()
      return c.json(
        {
          items: listJurisdictions({ locale, context: loaded }),
          attribution: loaded.dataset.governance.attribution,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/jurisdictions/{code}',
      summary: 'One jurisdiction: facts with sources and as-of dates, memberships, governance, restrictions',
      request: { query: ZLocaleQuery, params: ZCodeParam },
      responses: {
        200: jsonContent(ZJurisdictionDetail, 'The jurisdiction'),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    (c) => {
      allowRead(c)
      const { locale } = c.req.valid('query')
      const { code } = c.req.valid('param')
      try {
        return c.json(jurisdictionDetail(code, { locale, context: context() }), 200)
      } catch (error) {
        // An unknown code in a path is a missing resource; the message and the issues still
        // suggest the code meant, so the page can offer a link to it.
        if (error instanceof AppError && error.code === 'unknown_value')
          throw new AppError('not_found', error.userMessage, error.details ? { details: error.details } : {})
        throw error
      }
    },
  )

  app.openapi(
    createRoute({
      ...base,
      path: '/api/data-sources',
      summary: 'Sources of the jurisdiction data, with the World Bank WGI attribution (CC BY 4.0)',
      responses: { 200: jsonContent(ZDataSources, 'Sources and attribution'), ...errorResponses(401, 403) },
    }),
    (c) => {
      allowRead(c)
      return c.json(dataSources({ context: context() }), 200)
    },
  )
}
