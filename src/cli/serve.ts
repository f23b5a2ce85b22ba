/** `custos serve` and `custos migrate`. */
import type { Command } from 'commander'
import { describeDatabase, parsePort } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { createLogger } from '../core/logger.ts'
import { systemClock } from '../core/time.ts'
import { createApp } from '../http/app.ts'
import { listen } from '../http/server.ts'
import {
  DEMO_ORGANISATIONS,
  demoLogin,
  hasDemo,
  openRuntime,
  say,
  seedDemo,
  withRuntime,
} from '../modules/platform/index.ts'

export const registerServeCommands = (program: Command): void => {
  program
    .command('serve')
    .description('migrate the database, then serve the API and web app on one port')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)')
    .option('--demo', 'seed the demo workspace if absent and print its logins')
    .action(async (options: { port?: string; host?: string; demo?: boolean }) => {
      const started = performance.now()
      const overrides = {
        ...(options.port !== undefined ? { port: parsePort(options.port) } : {}),
        ...(options.host ? { host: options.host } : {}),
      }
      const runtime = await openRuntime({ overrides })
      const { config, database, secrets } = runtime
      const logger = createLogger(config.logLevel)
      if (options.demo) {
        const seeded = await seedDemo(database.db, systemClock, secrets)
        const present = seeded || (await hasDemo(database.db))
        if (present) {
          say(seeded ? 'Demo workspace created. Sign in with:' : 'Demo workspace present. Sign in with:')
          for (const org of DEMO_ORGANISATIONS) {
            const login = demoLogin(org.slug)
            say(`  ${org.slug.padEnd(14)} ${login.email}  password: ${login.password}`)
          }
        }
      }
      const app = createApp({
        db: database.db,
        dialect: database.dialect,
        logger,
        clock: systemClock,
        secrets,
        trustProxy: config.trustProxy,
        publicUrl: config.publicUrl,
      })
      const server = await listen(app, { port: config.port, host: config.host }).catch(
        async (err: unknown) => {
          await database.close()
          const code = (err as { code?: string }).code
          if (code === 'EADDRINUSE') {
            throw new AppError(
              'unavailable',
              `Port ${config.port} on ${config.host} is in use; pass --port or set PORT.`,
            )
          }
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
            throw new AppError('bad_request', `Cannot listen on host "${config.host}".`)
          }
          throw err
        },
      )
      const shownUrl =
        config.host === '127.0.0.1' || config.host === '0.0.0.0'
          ? `http://localhost:${server.port}`
          : server.url
      say(
        `Custos is ready at ${shownUrl} (${describeDatabase(config.database)}, ${Math.round(performance.now() - started)} ms)`,
      )
      logger.info({ url: server.url, migrationsApplied: runtime.migrations.applied }, 'server started')

      let isClosing = false
      const shutdown = (signal: string) => {
        if (isClosing) return
        isClosing = true
        logger.info({ signal }, 'shutting down')
        const force = setTimeout(() => process.exit(1), 10_000)
        force.unref()
        void server
          .close()
          .then(() => database.close())
          .then(() => process.exit(0))
      }
      process.once('SIGINT', () => shutdown('SIGINT'))
      process.once('SIGTERM', () => shutdown('SIGTERM'))
    })

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      await withRuntime(async ({ config, migrations }) => {
        say(
          migrations.applied.length > 0
            ? `Applied ${migrations.applied.length} migration(s) to ${describeDatabase(config.database)}: ${migrations.applied.join(', ')}`
            : `${describeDatabase(config.database)} is up to date.`,
        )
      })
    })
}
