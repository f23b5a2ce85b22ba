/** The `custos` command line, run as a real process on a temporary SQLite database. */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import BetterSqlite from 'better-sqlite3'
import { packageRoot } from '../core/paths.ts'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))

type TRun = { code: number; stdout: string; stderr: string }

describe('custos CLI', () => {
  let dir: string
  let dbPath: string
  const custos = (args: string[], env: Record<string, string> = {}): Promise<TRun> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', MAIN, ...args],
        {
          // tsx resolves from the package; every path the CLI writes is absolute and under `dir`.
          cwd: packageRoot(),
          env: {
            ...process.env,
            DATABASE_URL: `sqlite:${dbPath}`,
            CUSTOS_SECRET_KEY_FILE: join(dir, 'secret.key'),
            ...env,
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
          resolve({ code, stdout, stderr })
        },
      )
    })

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'custos-cli-'))
    dbPath = join(dir, 'custos.db')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('--help lists every command with a description', async () => {
    const run = await custos(['--help'])
    assert.equal(run.code, 0)
    for (const command of ['serve', 'migrate', 'user', 'audit'])
      assert.match(run.stdout, new RegExp(`\\n  ${command}\\b.*\\S+`))
  })

  it('audit verify exits 0 on a fresh database', async () => {
    const run = await custos(['audit', 'verify'])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /intact/)
  })

  it('user create makes the organisation and prints a generated password', async () => {
    const run = await custos([
      'user',
      'create',
      '--email',
      'Ada@Example.org',
      '--name',
      'Ada',
      '--org',
      'acme',
      '--role',
      'owner',
      '--org-kind',
      'client',
    ])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Created organisation acme/)
    assert.match(run.stdout, /Created ada@example\.org as owner of acme/)
    assert.match(run.stdout, /Generated password: \S{20}/)
  })

  it('bad input exits 2 with a message and no stack trace', async () => {
    for (const args of [
      ['user', 'create', '--email', 'x@y.org', '--name', 'X', '--org', 'acme', '--role', 'emperor'],
      ['user', 'create', '--email', 'not-an-email', '--name', 'X', '--org', 'acme', '--role', 'viewer'],
      [
        'user',
        'create',
        '--email',
        'x@y.org',
        '--name',
        'X',
        '--org',
        'nowhere',
        '--role',
        'viewer',
        '--password',
        'long enough password',
      ],
      ['no-such-command'],
    ]) {
      const run = await custos(args)
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`)
      assert.ok(run.stderr.length > 0)
      assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/)
    }
  })

  it('audit verify prints each head, then exits 1 naming an event edited by hand', async () => {
    const ok = await custos(['audit', 'verify'])
    assert.equal(ok.code, 0, ok.stderr)
    const head = /ok {5}acme=2:([0-9a-f]{64})/.exec(ok.stdout)
    assert.ok(head, ok.stdout)
    assert.equal((await custos(['audit', 'verify', '--expect', `acme=2:${head[1]}`])).code, 0)
    const db = new BetterSqlite(dbPath)
    const row = db.prepare('select id from audit_events where seq = 1').get() as { id: string }
    db.prepare(
      'update audit_events set summary = \'{"slug":"acme","name":"Evil","kind":"client"}\' where id = ?',
    ).run(row.id)
    db.close()
    const broken = await custos(['audit', 'verify'])
    assert.equal(broken.code, 1)
    assert.match(broken.stderr, new RegExp(`BROKEN acme .* at seq 1, event ${row.id}: .*altered`))
  })

  it('audit verify exits 1 when the newest events were deleted, and 2 without the key it needs', async () => {
    const made = await custos([
      'user',
      'create',
      '--email',
      'grace@example.org',
      '--name',
      'Grace',
      '--org',
      'globex',
      '--role',
      'owner',
      '--org-kind',
      'provider',
    ])
    assert.equal(made.code, 0, made.stderr)
    const db = new BetterSqlite(dbPath)
    const org = db.prepare("select id from organisations where slug = 'globex'").get() as { id: string }
    db.prepare('delete from audit_events where org_id = ? and seq = 2').run(org.id)
    db.close()
    const truncated = await custos(['audit', 'verify'])
    assert.equal(truncated.code, 1)
    assert.match(truncated.stderr, /BROKEN globex .* at seq 2: the trail was truncated/)
    assert.match((await custos(['audit', 'verify', '--expect', 'globex=nonsense'])).stderr, /org-slug/)
    const noKey = await custos(['audit', 'verify'], { CUSTOS_SECRET_KEY_FILE: join(dir, 'absent.key') })
    assert.equal(noKey.code, 2)
    assert.match(noKey.stderr, /server key file .*absent\.key is missing/)
  })

  it('user reset-password prints a single-use link on the configured public address', async () => {
    const run = await custos(['user', 'reset-password', '--email', 'GRACE@example.org'], {
      CUSTOS_PUBLIC_URL: 'https://custos.example.org/',
    })
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /https:\/\/custos\.example\.org\/password-reset#token=[\w-]{43}/)
    const unknown = await custos(['user', 'reset-password', '--email', 'nobody@example.org'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /Account not found/i)
  })
})
