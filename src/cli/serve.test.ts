/**
 * `custos serve` and `custos migrate` as an operator runs them: a real process on a temporary SQLite
 * file and a free loopback port, checked from outside over HTTP, stopped with a signal.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { packageRoot } from '../core/paths.ts'
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, demoLogin } from '../modules/platform/demo.ts'

const MAIN = join(packageRoot(), 'src/cli/main.ts')
const READY = /Custos is ready at http:\/\/localhost:(\d+) \(SQLite [^,]+, \d+ ms\)\n/

type TProcess = {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

describe('custos serve', () => {
  let dir: string
  const env = () => ({
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'custos.db')}`,
    CUSTOS_SECRET_KEY_FILE: join(dir, 'secret.key'),
    LOG_LEVEL: 'silent',
    NO_COLOR: '1',
  })
  const running: TProcess[] = []

  const start = (args: string[]): TProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: packageRoot(),
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8')
    })
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    )
    const proc = { child, stdout: () => out, stderr: () => err, exited }
    running.push(proc)
    return proc
  }

  /** Runs a command to its end. */
  const run = async (args: string[]) => {
    const proc = start(args)
    const { code } = await proc.exited
    return { code, stdout: proc.stdout(), stderr: proc.stderr() }
  }

  /** Waits for the ready line; fails with what the process said if it ends first. */
  const ready = async (proc: TProcess): Promise<string> => {
    const deadline = Date.now() + 60_000
    for (;;) {
      const match = READY.exec(proc.stdout())
      if (match) return `http://127.0.0.1:${match[1]}`
      if (proc.child.exitCode !== null || Date.now() > deadline)
        assert.fail(`serve did not start: ${proc.stdout()}${proc.stderr()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'custos-serve-'))
  })
  after(async () => {
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('--help names its options', async () => {
    const { code, stdout } = await run(['serve', '--help'])
    assert.equal(code, 0)
    for (const option of ['--port <port>', '--host <host>', '--demo'])
      assert.ok(stdout.includes(option), option)
  })

  it('migrate applies every migration once, then finds the database up to date', async () => {
    const first = await run(['migrate'])
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /^Applied \d+ migration\(s\) to SQLite .*custos\.db: 0001_/)
    const second = await run(['migrate'])
    assert.equal(second.code, 0, second.stderr)
    assert.match(second.stdout, /^SQLite .*custos\.db is up to date\.\n$/)
  })

  it('--demo seeds the demo, answers /healthz, lets a demo owner sign in, and exits 0 on SIGTERM', async () => {
    const server = start(['serve', '--demo', '--port', '0', '--host', '127.0.0.1'])
    const url = await ready(server)
    assert.match(server.stdout(), /^Demo workspace created\. Sign in with:\n/)
    for (const org of DEMO_ORGANISATIONS)
      assert.ok(
        server
          .stdout()
          .includes(`${org.slug.padEnd(14)} admin@${org.slug}.example  password: ${DEMO_PASSWORD}`),
      )

    const health = await fetch(`${url}/healthz`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok' })
    assert.equal(health.headers.get('x-content-type-options'), 'nosniff')

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoLogin('demo-client')),
    })
    assert.equal(login.status, 200, await login.clone().text())
    const cookie = /custos_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0]
    assert.ok(cookie, 'a session cookie')
    const me = await fetch(`${url}/api/me`, { headers: { cookie } })
    assert.equal(me.status, 200)
    assert.match(await me.text(), /"slug":"demo-client"/)

    const wrong = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...demoLogin('demo-client'), password: 'not the password' }),
    })
    assert.equal(wrong.status, 401)

    server.child.kill('SIGTERM')
    assert.deepEqual(await server.exited, { code: 0, signal: null })
    assert.equal(server.stderr(), '')
  })

  it('refuses a port in use (exit 1), finds the demo present on a second start, and exits 0 on SIGINT', async () => {
    const first = start(['serve', '--demo', '--port', '0'])
    const url = await ready(first)
    assert.match(first.stdout(), /^Demo workspace present\. Sign in with:\n/)
    const port = new URL(url).port

    const clash = await run(['serve', '--port', port])
    assert.equal(clash.code, 1)
    assert.equal(clash.stderr, `custos: Port ${port} on 127.0.0.1 is in use; pass --port or set PORT.\n`)
    assert.doesNotMatch(clash.stdout, READY)

    first.child.kill('SIGINT')
    assert.deepEqual(await first.exited, { code: 0, signal: null })
  })

  const bad: [string, string[], number, RegExp][] = [
    ['a port out of range', ['--port', '70000'], 2, /port must be an integer from 0 to 65535, got "70000"/],
    [
      'an address not on this machine',
      ['--host', '192.0.2.1', '--port', '0'],
      2,
      /Cannot listen on host "192\.0\.2\.1"\./,
    ],
  ]
  for (const [name, args, exit, message] of bad) {
    it(`exits ${exit} with one line on stderr for ${name}`, async () => {
      const { code, stdout, stderr } = await run(['serve', ...args])
      assert.equal(code, exit, stderr)
      assert.match(stderr, message)
      assert.equal(stderr.split('\n').length, 2, 'one line')
      assert.doesNotMatch(stdout, READY)
    })
  }
})
