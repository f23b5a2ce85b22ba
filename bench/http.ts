/**
 * HTTP benchmark (docs/quality.md): an authenticated read (GET /api/me with a session cookie) on the real
 * app against a bare Hono hello-world on @hono/node-server, same run, same load. Target: ≥ 40 % of
 * the hello-world throughput and p99 < 50 ms at 50 connections on SQLite.
 *
 *   npx tsx bench/http.ts [--connections 50] [--duration 10] [--warmup 2] [--rounds 3] [--no-write]
 *
 * The load generator runs in a worker thread so it does not share the servers' event loop. The two
 * servers are measured in alternating rounds (default 3) and each row shows its median round.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { Hono } from 'hono'
import { createLogger } from '../src/core/logger.ts'
import { ephemeralSecrets } from '../src/core/secrets.ts'
import { systemClock } from '../src/core/time.ts'
import { openDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createApp } from '../src/http/app.ts'
import { listen } from '../src/http/server.ts'
import { demoLogin, seedDemo } from '../src/modules/platform/demo.ts'
import { writeBenchmarkSection } from './lib/docs-section.ts'

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    'no-write': { type: 'boolean', default: false },
  },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const warmup = Number(values.warmup)
const rounds = Math.max(1, Number(values.rounds))

type TMeasure = { name: string; rps: number; p50: number; p99: number; errors: number }

const run = (url: string, seconds: number, headers: Record<string, string>) =>
  autocannon({ url, connections, duration: seconds, headers, workers: 1 })

const measureOnce = async (name: string, url: string, headers: Record<string, string>): Promise<TMeasure> => {
  if (warmup > 0) await run(url, warmup, headers)
  const result = await run(url, duration, headers)
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

/** The round with the median throughput (rounds alternate between servers to share any drift in load). */
const median = (runs: TMeasure[]): TMeasure => {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps)
  const middle = sorted[Math.floor(sorted.length / 2)]!
  return { ...middle, errors: runs.reduce((sum, r) => sum + r.errors, 0) }
}

const dir = mkdtempSync(join(tmpdir(), 'custos-bench-'))
const database = openDatabase({ kind: 'sqlite', path: join(dir, 'custos.db') })
try {
  await migrateToLatest(database.db)
  const secrets = ephemeralSecrets()
  await seedDemo(database.db, systemClock, secrets)
  const app = createApp({
    db: database.db,
    dialect: database.dialect,
    logger: createLogger('warn'),
    clock: systemClock,
    secrets,
    webDistDir: null,
  })
  const custos = await listen(app, { port: 0, host: '127.0.0.1' })

  const hello = new Hono().get('/', (c) => c.json({ hello: 'world' }))
  const bare = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}/`, close: () => server.close() }),
    )
  })

  const res = await fetch(`${custos.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoLogin('demo-provider')),
  })
  const cookie = /custos_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0]
  if (res.status !== 200 || !cookie) throw new Error(`bench login failed with ${res.status}`)

  // Both servers get what a browser sends: the API's answers are then eligible for compression,
  // and /api/me (below the threshold) shows what the check costs an answer that is not compressed.
  const browserHeaders = { 'accept-encoding': 'gzip, deflate, br' }
  const baselineRuns: TMeasure[] = []
  const meRuns: TMeasure[] = []
  for (let round = 0; round < rounds; round++) {
    baselineRuns.push(await measureOnce('bare Hono hello-world (GET /)', bare.url, browserHeaders))
    meRuns.push(
      await measureOnce('Custos GET /api/me (session cookie, SQLite)', `${custos.url}/api/me`, {
        ...browserHeaders,
        cookie,
      }),
    )
    process.stderr.write(
      `round ${round + 1}/${rounds}: ${Math.round(baselineRuns.at(-1)!.rps)} vs ${Math.round(meRuns.at(-1)!.rps)} req/s\n`,
    )
  }
  const baseline = median(baselineRuns)
  const me = median(meRuns)
  bare.close()
  await custos.close()

  const ratio = me.rps / baseline.rps
  const rows = [baseline, me].map(
    (m) => `| ${m.name} | ${Math.round(m.rps)} | ${m.p50} | ${m.p99} | ${m.errors} |`,
  )
  const table = [
    '| Server | req/s | p50 ms | p99 ms | errors/non-2xx |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
  const verdict = `Ratio (authenticated read / hello-world): **${(ratio * 100).toFixed(1)} %** (target ≥ 40 %); p99 ${me.p99} ms (target < 50 ms) — ${ratio >= 0.4 && me.p99 < 50 ? 'meets' : 'misses'} docs/quality.md.`
  process.stdout.write(`${table}\n\n${verdict}\n`)

  if (!values['no-write']) {
    const section = [
      '## HTTP: authenticated read vs bare Hono',
      '',
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadavg()[0]!.toFixed(1)} at the end of the run (other work on the machine skews both rows, the heavier one more).`,
      `Command: \`npx tsx bench/http.ts\` (or \`npm run bench -- http\`). Load: autocannon, ${connections} connections, ${duration} s after a ${warmup} s warm-up, loopback, load generator in a worker thread of the same process; ${rounds} alternating rounds, median round shown.`,
      '',
      table,
      '',
      verdict,
      '',
      '',
    ].join('\n')
    writeBenchmarkSection(section)
  }
} finally {
  await database.close()
  rmSync(dir, { recursive: true, force: true })
}
