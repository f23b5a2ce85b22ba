/**
 * Assembles the HTTP application: middleware, module routes, OpenAPI document and reference page,
 * health check, web app. Modules plug in by adding their `register…Routes` to ROUTE_REGISTRARS.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { sql } from 'kysely'
import { AppError } from '../core/errors.ts'
import { paths } from '../core/paths.ts'
import { registerBiasRoutes } from '../modules/bias/routes.ts'
import { registerJurisdictionRoutes } from '../modules/jurisdictions/routes.ts'
import { registerLibraryRoutes } from '../modules/library/routes.ts'
import { registerPlatformRoutes } from '../modules/platform/routes.ts'
import {
  API_DOCS_CSS,
  findReferenceBundle,
  REFERENCE_CSP,
  renderApiDocs,
  renderReferencePage,
} from './api-docs.ts'
import { compressJson } from './compression.ts'
import type { TApp, TAppDeps, TAppEnv } from './context.ts'
import { createErrorHandler, errorBody, validationError } from './errors.ts'
import { apiGuard, operationGuard, requestContext } from './middleware.ts'
import { requiresSession } from './openapi.ts'
import { mountWebApp } from './static.ts'

/** Each module's route registrar, in mount order. Add one line per module. */
export const ROUTE_REGISTRARS: readonly ((app: TApp, deps: TAppDeps) => void)[] = [
  registerPlatformRoutes,
  registerLibraryRoutes,
  registerJurisdictionRoutes,
  registerBiasRoutes,
]

export const API_INFO = { title: 'Custos API', version: '0.1.0' }

type TRouteMiddleware = MiddlewareHandler<TAppEnv> | MiddlewareHandler<TAppEnv>[] | undefined

/**
 * Every operation registered with `app.openapi` that declares a request (body, query, path) gets
 * `operationGuard` ahead of its validators: 401 for a signed-out request to an operation that
 * requires the session (openapi.ts `requiresSession`), then the storable-text check. So
 * authentication comes before any body, query or path validation.
 */
const guardOperations = (app: TApp): void => {
  const register = app.openapi
  const signedIn = operationGuard({ requiresSession: true })
  const open = operationGuard({ requiresSession: false })
  app.openapi = ((route, handler, hook) => {
    // Without a request schema there is no validator to go ahead of, and no input is read: the
    // handler's own requireAuth answers 401 first (every such operation is checked in app-api.test.ts).
    if (route.request === undefined) return register(route, handler, hook)
    const own: TRouteMiddleware = route.middleware
    const guard = requiresSession(route) ? signedIn : open
    const middleware = [guard, ...(own === undefined ? [] : Array.isArray(own) ? own : [own])]
    return register({ ...route, middleware }, handler, hook)
  }) as typeof app.openapi
}

export const createApp = (deps: TAppDeps): TApp => {
  const app: TApp = new OpenAPIHono<TAppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })
  app.onError(createErrorHandler(deps.logger))
  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404))

  app.use('*', requestContext(deps))
  // Compression around the guard, in one layer: each Hono layer is one more async step per request.
  // The guard refuses by throwing (413, 403), never with an answer of its own, so nothing is lost.
  const compress = compressJson()
  const guard = apiGuard(deps)
  app.use('/api/*', (c, next) => compress(c, () => guard(c, next) as Promise<void>))
  guardOperations(app)

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
  const webDistDir = deps.webDistDir === undefined ? paths.webDist() : deps.webDistDir
  let docsPage: { html: string; csp: string | undefined } | undefined
  app.get('/api/docs', (c) => {
    if (!docsPage) {
      const script = findReferenceBundle(webDistDir)
      docsPage = script
        ? { html: renderReferencePage({ title: API_INFO.title, script }), csp: REFERENCE_CSP }
        : { html: renderApiDocs(app.getOpenAPI31Document(documentConfig)), csp: undefined }
    }
    return c.html(docsPage.html, 200, docsPage.csp ? { 'Content-Security-Policy': docsPage.csp } : {})
  })
  app.get('/api/docs.css', (c) => c.body(API_DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }))

  // Anything else under /api is an unknown route, whatever the method.
  app.all('/api/*', (c) => c.json(errorBody('not_found', 'No such API route.'), 404))

  // Browsers ask for /favicon.ico on pages without an icon link (the JSON answers, the PDF report).
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301))

  mountWebApp(app, webDistDir)
  return app
}
