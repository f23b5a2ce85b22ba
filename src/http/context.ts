/** What every request handler can reach: the app's dependencies and the signed-in identity. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { errors } from '../core/errors.ts'
import type { TLogger } from '../core/logger.ts'
import type { TSecrets } from '../core/secrets.ts'
import type { TClock } from '../core/time.ts'
import type { TDb, TDialect } from '../db/database.ts'
import type { TAuth } from '../modules/platform/index.ts'

/** Dependencies handed to `createApp` and to every `register…Routes(app, deps)`. */
export type TAppDeps = {
  db: TDb
  dialect: TDialect
  logger: TLogger
  clock: TClock
  secrets: TSecrets
  /** Believe X-Forwarded-For/-Proto (set CUSTOS_TRUST_PROXY=1 only behind a reverse proxy). */
  trustProxy?: boolean
  /** The address people open (CUSTOS_PUBLIC_URL), for links handed out. Defaults to http://localhost:8080. */
  publicUrl?: string
  /** Folder of the built SPA; null → serve the "run npm run build" page. Defaults to dist/web. */
  webDistDir?: string | null
}

export type { TAuth }

export type TAppEnv = {
  Variables: {
    requestId: string
    auth: TAuth | null
    clientAddress: string
    isHttps: boolean
  }
}

export type TApp = OpenAPIHono<TAppEnv>
export type TContext = Context<TAppEnv>

/** The identity of the request, or 401 `unauthenticated`. Call it first in every private route. */
export const requireAuth = (c: TContext): TAuth => {
  const auth = c.get('auth')
  if (!auth) throw errors.unauthenticated()
  return auth
}

/** Whether the request arrived over https (directly, or as a trusted proxy reports). */
export const isHttps = (c: TContext): boolean => c.get('isHttps')

/** The client address (socket, or a trusted proxy's X-Forwarded-For; 'unknown' in-process). */
export const clientAddress = (c: TContext): string => c.get('clientAddress')

/** The socket's remote address when running on @hono/node-server. */
export const socketAddress = (c: TContext): string | undefined => {
  const env: unknown = c.env
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = env.incoming as { socket?: { remoteAddress?: string } }
    return incoming.socket?.remoteAddress
  }
  return undefined
}

/** Where the frame headers can be set before routing: the Node response on @hono/node-server. */
export type TNodeResponse = { setHeader: (name: string, value: string) => unknown; headersSent: boolean }

/** The Node response being answered, when running on @hono/node-server (undefined in-process). */
export const nodeResponse = (c: TContext): TNodeResponse | undefined => {
  const env: unknown = c.env
  if (typeof env === 'object' && env !== null && 'outgoing' in env) {
    const outgoing = env.outgoing as Partial<TNodeResponse> | undefined
    if (typeof outgoing?.setHeader === 'function' && outgoing.headersSent === false)
      return outgoing as TNodeResponse
  }
  return undefined
}
