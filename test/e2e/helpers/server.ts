/**
 * The real Custos server, in-process, for browser tests: a fresh SQLite file in a temporary folder,
 * migrated and seeded with the demo workspace, serving the built web app on a random loopback port.
 * The links it hands out (invitations, password resets) point at that port.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../../src/core/logger.ts'
import { ephemeralSecrets } from '../../../src/core/secrets.ts'
import { systemClock } from '../../../src/core/time.ts'
import { openDatabase } from '../../../src/db/database.ts'
import { migrateToLatest } from '../../../src/db/migrate.ts'
import { createApp } from '../../../src/http/app.ts'
import { listen } from '../../../src/http/server.ts'
import { seedDemo } from '../../../src/modules/platform/demo.ts'

export type TTestServer = { url: string; close: () => Promise<void> }

const HOST = '127.0.0.1'

/** A loopback port that is free now: the app must know its public address before it listens. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })

export async function startDemoServer(options: { webDistDir: string }): Promise<TTestServer> {
  const folder = await mkdtemp(join(tmpdir(), 'custos-e2e-db-'))
  const database = openDatabase({ kind: 'sqlite', path: join(folder, 'custos.db') })
  try {
    await migrateToLatest(database.db)
    const secrets = ephemeralSecrets()
    await seedDemo(database.db, systemClock, secrets)
    const port = await freePort()
    const app = createApp({
      db: database.db,
      dialect: database.dialect,
      logger: silentLogger(),
      clock: systemClock,
      secrets,
      publicUrl: `http://${HOST}:${port}`,
      webDistDir: options.webDistDir,
    })
    const server = await listen(app, { port, host: HOST })
    return {
      url: server.url,
      close: async () => {
        await server.close()
        await database.close()
        await rm(folder, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await database.close()
    await rm(folder, { recursive: true, force: true })
    throw error
  }
}
