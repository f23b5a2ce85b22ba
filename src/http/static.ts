/**
 * The built web app (dist/web) on the same port: long-lived caching for hashed assets, index.html
 * for client-side routes. Without a build, a small page explains how to make one.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import type { TApp, TAppEnv } from './context.ts'

/** Paths that belong to the server, never to the SPA fallback. */
export const isServerPath = (path: string): boolean =>
  path === '/api' ||
  path.startsWith('/api/') ||
  path === '/g' ||
  path.startsWith('/g/') ||
  path === '/healthz'

/** A client-side route: no file extension and not under /assets. */
export const isClientRoute = (path: string): boolean =>
  !isServerPath(path) && !path.startsWith('/assets/') && !/\.[A-Za-z0-9]+$/.test(path.split('/').at(-1) ?? '')

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )

export const NO_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Custos — web app not built</title></head>
<body>
<h1>Custos is running</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload this page.</p>
<p>The API is available: see <a href="/api/docs">the API reference</a> and <a href="/healthz">the health check</a>.</p>
</body></html>`

/** Files the build writes `.br` and `.gz` copies of (web/vite.config.ts); the rest go out as they are. */
const PRECOMPRESSED = /\.(?:js|mjs|css|json|svg|html|txt|map)$/

const cacheHeaders = (): MiddlewareHandler<TAppEnv> => async (c, next) => {
  await next()
  if (c.res.status !== 200) return
  const headers = c.res.headers
  headers.set(
    'Cache-Control',
    c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  )
  // Whether or not this client got a compressed copy, a shared cache must key it by Accept-Encoding.
  if (PRECOMPRESSED.test(c.req.path) && !/accept-encoding/i.test(headers.get('Vary') ?? ''))
    headers.append('Vary', 'Accept-Encoding')
}

/** Mounts static serving and the SPA fallback; call after all API routes are registered. */
export const mountWebApp = (app: TApp, webDistDir: string | null): void => {
  const indexFile = webDistDir ? join(webDistDir, 'index.html') : null
  if (!webDistDir || !indexFile || !existsSync(indexFile)) {
    app.get('*', (c, next) => {
      if (!isClientRoute(c.req.path)) return next()
      return c.html(NO_BUILD_PAGE, 200)
    })
    return
  }
  // Built once, not per request.
  const withCacheHeaders = cacheHeaders()
  // precompressed: a request accepting br or gzip gets the build's `.br` / `.gz` copy, with
  // Content-Encoding set and the Content-Type of the original file.
  const serveFiles = serveStatic<TAppEnv>({ root: webDistDir, precompressed: true })
  app.use('*', async (c, next) => {
    if (isServerPath(c.req.path)) return next()
    return withCacheHeaders(c, next)
  })
  app.use('*', async (c, next) => {
    if (isServerPath(c.req.path)) return next()
    return serveFiles(c, next)
  })
  // index.html is small and changes only with a new build: read it per request so a rebuild shows.
  app.get('*', (c, next) => {
    if (!isClientRoute(c.req.path)) return next()
    return c.html(readFileSync(indexFile, 'utf8'), 200)
  })
}

export { escapeHtml }
