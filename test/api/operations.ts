/**
 * The app's own OpenAPI document read as plain data: every operation with its path and query
 * parameters and JSON body schema ($refs resolved), so tests cover new routes without a list.
 */
import type { TApp } from '../../src/http/context.ts'

export type TSchema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: TSchema
  properties?: Record<string, TSchema>
  required?: string[]
  anyOf?: TSchema[]
  oneOf?: TSchema[]
  allOf?: TSchema[]
}
export type TParameter = { name: string; in: string; required?: boolean; schema?: TSchema }
type TOperationDoc = {
  security?: unknown[]
  parameters?: TParameter[]
  requestBody?: { content?: Record<string, { schema?: TSchema }> }
}
export type TDocument = {
  paths: Record<string, Record<string, TOperationDoc>>
  components?: { schemas?: Record<string, TSchema> }
}

export type TOperation = {
  method: string
  path: string
  pathParams: TParameter[]
  queryParams: TParameter[]
  jsonBody: TSchema | null
  /** Declares the session cookie as its security requirement. */
  needsSession: boolean
}

export const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const resolver = (doc: TDocument) => {
  const resolve = (schema: TSchema | undefined, depth = 0): TSchema => {
    if (!schema) return {}
    if (schema.$ref && depth < 20) {
      const name = schema.$ref.replace('#/components/schemas/', '')
      return resolve(doc.components?.schemas?.[name], depth + 1)
    }
    return schema
  }
  return resolve
}

/** Every operation of the document, with its parameters and JSON body schema resolved. */
export const operationsOf = (doc: TDocument): TOperation[] => {
  const resolve = resolver(doc)
  const operations: TOperation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const parameters = (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) }))
      const json = op.requestBody?.content?.['application/json']?.schema
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        jsonBody: json ? deepResolve(resolve, json, 0) : null,
        needsSession: (op.security ?? []).length > 0,
      })
    }
  }
  return operations
}

const deepResolve = (
  resolve: (s: TSchema | undefined) => TSchema,
  schema: TSchema,
  depth: number,
): TSchema => {
  const s = resolve(schema)
  if (depth > 6) return s
  const next = (inner: TSchema) => deepResolve(resolve, inner, depth + 1)
  return {
    ...s,
    ...(s.items ? { items: next(s.items) } : {}),
    ...(s.properties
      ? { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, next(v)])) }
      : {}),
    ...(s.anyOf ? { anyOf: s.anyOf.map(next) } : {}),
    ...(s.oneOf ? { oneOf: s.oneOf.map(next) } : {}),
    ...(s.allOf ? { allOf: s.allOf.map(next) } : {}),
  }
}

/** The operations of an app, read from its /api/openapi.json in-process. */
export const fetchOperations = async (app: TApp): Promise<TOperation[]> => {
  const res = await app.request('/api/openapi.json')
  if (res.status !== 200) throw new Error(`/api/openapi.json answered ${res.status}`)
  return operationsOf((await res.json()) as TDocument)
}
