/** Runs the app on @hono/node-server and closes it cleanly. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { TApp } from './context.ts'

export type TRunningServer = { url: string; port: number; close: () => Promise<void> }

export const listen = (app: TApp, options: { port: number; host: string }): Promise<TRunningServer> =>
  new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              // Keep-alive sockets would hold close() open; end idle ones now.
              if ('closeIdleConnections' in server) server.closeIdleConnections()
            }),
        })
      },
    )
    server.once('error', reject)
  })
