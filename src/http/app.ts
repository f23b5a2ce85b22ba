/**
 * Assembles the HTTP application: middleware, module routes, OpenAPI document and reference page,
 * health check, web app. Modules plug in by adding their `register…Routes` to ROUTE_REGISTRARS.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { AppError } from '../core/errors.ts'
import { paths } from '../core/paths.ts'
import { registerBiasRoutes } from '../modules/bias/routes.ts'
import { registerJurisdictionRoutes } from '../modules/jurisdictions/routes.ts'
import { registerLibraryBrowseRoutes } from '../modules/library/browse-routes.ts'
import { registerLibraryRoutes } from '../modules/library/routes.ts'
import { registerPlatformRoutes } from '../modules/platform/routes.ts'
import { API_DOCS_CSS, renderApiDocs } from './api-docs.ts'
import type { TApp, TAppDeps, TAppEnv } from './context.ts'
import { createErrorHandler, errorBody, validationError } from './errors.ts'
import {
  accessLog,
  apiBodyLimit,
  csrfGuard,
  requestContext,
  securityHeaders,
  sessionLoader,
  storableTextGuard,
} from './middleware.ts'
import { mountWebApp } from './static.ts'

/** Each module's route registrar, in mount order. Add one line per module. */
export const ROUTE_REGISTRARS: readonly ((app: TApp, deps: TAppDeps) => void)[] = [
  registerPlatformRoutes,
  registerLibraryRoutes,
  registerLibraryBrowseRoutes,
  registerJurisdictionRoutes,
  registerBiasRoutes,
]

export const API_INFO = { title: 'Custos API', version: '0.1.0' }

export const createApp = (deps: TAppDeps): TApp => {
  const app: TApp = new OpenAPIHono<TAppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })
  app.onError(createErrorHandler(deps.logger))
  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404))

  app.use('*', requestContext(deps), securityHeaders(), accessLog(deps))
  app.use('/api/*', apiBodyLimit(), sessionLoader(deps), csrfGuard(), storableTextGuard())

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'custos_session',
  })

  for (const register of ROUTE_REGISTRARS) register(app, deps)

  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.db)
    } catch (err) {
      deps.logger.error({ err }, 'health check: database unreachable')
      throw new AppError('unavailable', 'The database is unreachable.')
    }
    return c.json({ status: 'ok' })
  })

  const documentConfig = { openapi: '3.1.0', info: API_INFO }
  app.doc31('/api/openapi.json', documentConfig)
  let docsPage: string | undefined
  app.get('/api/docs', (c) => {
    docsPage ??= renderApiDocs(app.getOpenAPI31Document(documentConfig))
    return c.html(docsPage)
  })
  app.get('/api/docs.css', (c) => c.body(API_DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }))

  // Anything else under /api is an unknown route, whatever the method.
  app.all('/api/*', (c) => c.json(errorBody('not_found', 'No such API route.'), 404))

  mountWebApp(app, deps.webDistDir === undefined ? paths.webDist() : deps.webDistDir)
  return app
}
