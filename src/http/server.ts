/** Runs the app on @hono/node-server and closes it cleanly. */
import type { AddressInfo, Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { ERROR_STATUS } from '../core/errors.ts'
import type { TApp } from './context.ts'
import { SECURITY_HEADERS } from './middleware.ts'

/**
 * Requests that node's HTTP parser refuses (headers over its limit, bytes that are not HTTP) never
 * reach Hono; they still get the error contract's body instead of an empty answer.
 */
export const answerClientError = (err: Error & { code?: string }, socket: Socket): void => {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const isTooLarge = err.code === 'HPE_HEADER_OVERFLOW'
  const code = isTooLarge ? 'header_too_large' : 'bad_request'
  const message = isTooLarge ? 'The request headers or URL are too long.' : 'The request is not valid HTTP.'
  const body = JSON.stringify({ error: { code, message } })
  const status = ERROR_STATUS[code]
  const headers = [
    `HTTP/1.1 ${status} ${isTooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ]
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`)
}

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
    server.on('clientError', answerClientError)
    server.once('error', reject)
  })
