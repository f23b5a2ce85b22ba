/**
 * The API reference at /api/docs: Redoc (the redoc package's standalone bundle, built into the web
 * app's assets by web/vite.config.ts and served from our own origin) rendering /api/openapi.json;
 * without a built web app, a plain reference rendered here from the same document (no scripts).
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { SECURITY_HEADERS } from './middleware.ts'
import { escapeHtml } from './static.ts'

/** The hashed file name of the Redoc bundle in the built web app's assets, or null without one. */
export const findReferenceBundle = (webDistDir: string | null): string | null => {
  if (!webDistDir) return null
  try {
    const file = readdirSync(join(webDistDir, 'assets')).find((name) =>
      /^redoc\.standalone-[\w-]+\.js$/.test(name),
    )
    return file ? `/assets/${file}` : null
  } catch {
    return null
  }
}

/**
 * The app's CSP with two additions for this one page, both forced by the published Redoc bundle:
 * - style-src 'unsafe-inline': Redoc styles itself with styled-components, which writes <style>
 *   elements at run time; the bundle fixes their nonce at build time (to none), so neither a nonce
 *   nor hashes can allow them. Scripts stay 'self' only: no inline script, no eval.
 * - worker-src blob:: the search index runs in a worker that Redoc starts from a blob of its own code.
 * Everything else (and every other page) keeps SECURITY_HEADERS' policy.
 */
export const REFERENCE_CSP = (SECURITY_HEADERS['Content-Security-Policy'] ?? '')
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .concat('; worker-src blob:')

/** The Redoc page: one element naming the document, one script from our origin, nothing inline. */
export const renderReferencePage = (options: { title: string; script: string }): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} — reference</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
</head><body>
<redoc spec-url="/api/openapi.json" hide-hostname="true" path-in-middle-panel="true"></redoc>
<noscript><p>The reference needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p></noscript>
<script src="${escapeHtml(options.script)}"></script>
</body></html>`

type TSchema = Record<string, unknown>
type TOperation = {
  summary?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; schema?: TSchema }[]
  requestBody?: { content?: Record<string, { schema?: TSchema }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: TSchema }> }>
  security?: unknown[]
}
type TDocument = {
  info?: { title?: string; version?: string }
  paths?: Record<string, Record<string, TOperation>>
  components?: { schemas?: Record<string, TSchema> }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** A one-line type description of a JSON schema, linking named schemas. */
export const describeSchema = (schema: TSchema | undefined): string => {
  if (!schema) return ''
  const ref = schema.$ref
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1) ?? ref
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`
  }
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ')
  if (schema.type === 'array') return `${describeSchema(schema.items as TSchema)}[]`
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).map(describeSchema).join(' | ')
  if (schema.type === 'object' && schema.properties) {
    const props = Object.entries(schema.properties as Record<string, TSchema>)
    return `{ ${props.map(([k, v]) => `${escapeHtml(k)}: ${describeSchema(v)}`).join(', ')} }`
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any')
  return escapeHtml(type)
}

const renderOperation = (method: string, path: string, op: TOperation): string => {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''}): ${describeSchema(p.schema)}</li>`,
    )
    .join('')
  const body = op.requestBody?.content?.['application/json']?.schema
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const schema = r.content?.['application/json']?.schema
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description ?? '')}${schema ? ` — ${describeSchema(schema)}` : ''}</li>`
    })
    .join('')
  return `<section class="op" id="${escapeHtml(`${method}-${path}`)}">
<h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}${op.security?.length ? ' <em>(session cookie; mutations need x-csrf-token)</em>' : ''}</p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Request body (application/json)</h4><p>${describeSchema(body)}</p>` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`
}

/** The whole reference page as HTML. */
export const renderApiDocs = (document: object): string => {
  const doc = document as TDocument
  const title = `${doc.info?.title ?? 'API'} ${doc.info?.version ?? ''}`.trim()
  const operations: string[] = []
  const toc: string[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      operations.push(renderOperation(method, path, op))
      toc.push(
        `<li><a href="#${escapeHtml(`${method}-${path}`)}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`,
      )
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><p>${describeSchema({ ...schema, $ref: undefined })}</p></section>`,
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — reference</title>
<link rel="stylesheet" href="/api/docs.css"></head><body>
<h1>${escapeHtml(title)}</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>{"error":{"code","message"}}</code>.</p>
<h2>Operations</h2><ul>${toc.join('')}</ul>${operations.join('')}
<h2>Schemas</h2>${schemas}</body></html>`
}

/** The reference page's stylesheet, served as a file so the CSP needs no 'unsafe-inline'. */
export const API_DOCS_CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
.op{border-top:1px solid #ccc;padding-top:.5rem}.method{font-family:monospace;background:#eef;padding:0 .3rem}
code{background:#f4f4f4;padding:0 .2rem}
`
