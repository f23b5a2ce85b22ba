/**
 * `custos backup` and `custos restore` as an operator runs them (the real CLI, as a process), on
 * SQLite files and — when TEST_DATABASE_URL and the client tools are there — on PostgreSQL.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import BetterSqlite from 'better-sqlite3'
import { type Migration, Migrator } from 'kysely'
import pg from 'pg'
import {
  buildOrg,
  buildUser,
  createTestApp,
  login,
  request,
  type TSession,
  type TTestApp,
  type TTestOrg,
} from '../../../test/helpers/app.ts'
import type { TTestDatabase } from '../../../test/helpers/db.ts'
import type { TDatabaseConfig } from '../../core/config.ts'
import { packageRoot } from '../../core/paths.ts'
import { loadOrCreateSecrets, type TSecrets } from '../../core/secrets.ts'
import { manualClock } from '../../core/time.ts'
import { openDatabase, type TDatabase } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { MIGRATIONS } from '../../db/migrations/index.ts'
import { verifyChain } from './audit-verify.ts'
import { findExecutable } from './backup.ts'
import type { TCreatedInvitation } from './schemas.ts'

const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url))

type TRun = { code: number; stdout: string; stderr: string }

/** Runs `custos …` as a process with the given environment on top of this one. */
const custos = (args: string[], env: Record<string, string>): Promise<TRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { cwd: packageRoot(), env: { ...process.env, LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })

/** What createTestApp needs of a test database, for a database this file opened itself. */
const handleOf = (database: TDatabase, config: TDatabaseConfig): TTestDatabase => ({
  database,
  db: database.db,
  dialect: database.dialect,
  openAnother: () => openDatabase(config),
})

/**
 * A workspace written through the API: a renamed organisation with an admin and a viewer whose role
 * changed, one invitation accepted by a new person, one pending, one withdrawn; a second
 * organisation; audit events for all of it. Returns the owner's session, made before any backup.
 */
const seedWorkspace = async (ctx: TTestApp): Promise<{ org: TTestOrg; session: TSession }> => {
  const org = await buildOrg(ctx, { kind: 'provider' })
  const owner = await buildUser(ctx, org, 'owner')
  await buildUser(ctx, org, 'admin')
  const viewer = await buildUser(ctx, org, 'viewer')
  const other = await buildOrg(ctx, { kind: 'client' })
  await buildUser(ctx, other, 'owner')
  const session = await login(ctx, owner)
  const ok = (res: { status: number; text: string }, status = 200) =>
    assert.equal(res.status, status, res.text)
  ok(await request(ctx, 'PATCH', '/api/org', { session, body: { name: 'Guardian Security Ltd' } }))
  ok(await request(ctx, 'PATCH', `/api/org/members/${viewer.id}`, { session, body: { role: 'reviewer' } }))
  const invite = async (email: string) => {
    const res = await request(ctx, 'POST', '/api/org/invitations', {
      session,
      body: { email, role: 'assessor' },
    })
    ok(res, 201)
    return res.body as TCreatedInvitation
  }
  const accepted = await invite(`joiner-${randomBytes(4).toString('hex')}@example.org`)
  await invite(`pending-${randomBytes(4).toString('hex')}@example.org`)
  const withdrawn = await invite(`withdrawn-${randomBytes(4).toString('hex')}@example.org`)
  ok(await request(ctx, 'DELETE', `/api/org/invitations/${withdrawn.id}`, { session }), 204)
  ok(
    await request(ctx, 'POST', '/api/invitations/accept', {
      body: { token: accepted.token, name: 'New Joiner', password: 'a long enough password' },
    }),
  )
  return { org, session }
}

/** The read routes of the platform, as the owner sees them. */
const READ_ROUTES = [
  '/api/me',
  '/api/org',
  '/api/org/members',
  '/api/org/invitations',
  '/api/org/audit',
  '/api/auth/sessions',
] as const

const readAll = async (ctx: TTestApp, session: TSession): Promise<Record<string, unknown>> => {
  const answers: Record<string, unknown> = {}
  for (const path of READ_ROUTES) {
    const res = await request(ctx, 'GET', path, { session })
    assert.equal(res.status, 200, `${path}: ${res.text}`)
    answers[path] = res.body
  }
  return answers
}

/** Every row of every table of a SQLite file, in rowid order. */
const sqliteContents = (path: string): Record<string, unknown[]> => {
  const sqlite = new BetterSqlite(path, { fileMustExist: true })
  try {
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all() as string[]
    return Object.fromEntries(
      tables.map((t) => [t, sqlite.prepare(`select * from "${t}" order by rowid`).all()]),
    )
  } finally {
    sqlite.close()
  }
}

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Files a run may leave behind only by mistake: partial copies and SQLite side files. */
const leftovers = (dir: string): string[] =>
  readdirSync(dir).filter(
    (f) => f.endsWith('.partial') || /-(wal|shm|journal)$/.test(f) || f.includes('.partial-'),
  )

describe('custos backup and restore (sqlite)', () => {
  let dir: string
  let keyFile: string
  let secrets: TSecrets
  let sourcePath: string
  let source: TDatabase
  let ctx: TTestApp
  let org: TTestOrg
  let session: TSession
  let backupFile: string
  const clock = manualClock(new Date())
  const envFor = (path: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: `sqlite:${path}`,
    CUSTOS_SECRET_KEY_FILE: keyFile,
    ...extra,
  })
  const opened: TDatabase[] = []
  const openApp = (path: string): TTestApp => {
    const config: TDatabaseConfig = { kind: 'sqlite', path }
    const database = openDatabase(config)
    opened.push(database)
    return createTestApp(handleOf(database, config), { secrets, clock })
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-backup-'))
    keyFile = join(dir, 'secret.key')
    secrets = loadOrCreateSecrets(keyFile)
    sourcePath = join(dir, 'source.db')
    source = openDatabase({ kind: 'sqlite', path: sourcePath })
    await migrateToLatest(source.db)
    ctx = createTestApp(handleOf(source, { kind: 'sqlite', path: sourcePath }), { secrets, clock })
    ;({ org, session } = await seedWorkspace(ctx))
    backupFile = join(dir, 'backup.db')
  })
  after(async () => {
    for (const database of opened) await database.close().catch(() => {})
    await source.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('backs up the running database to a private, self-contained file and reminds of the key file', async () => {
    const run = await custos(['backup', backupFile], envFor(sourcePath))
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      /Backed up SQLite .*source\.db to .*backup\.db: [\d.]+ KiB, SQLite, \d+ tables, \d+ rows/,
    )
    assert.match(run.stdout, /organisations 2, .*users 5/)
    assert.match(run.stdout, new RegExp(`Back up the server key file ${keyFile.replaceAll('.', '\\.')}`))
    assert.equal(statSync(backupFile).mode & 0o777, 0o600, 'a backup holds password hashes')
    const header = readFileSync(backupFile).subarray(0, 20)
    assert.equal(header.toString('latin1', 0, 15), 'SQLite format 3')
    assert.deepEqual([header[18], header[19]], [1, 1], 'rollback journal: the one file is the whole database')
    assert.deepEqual(
      leftovers(dir).filter((f) => !f.startsWith('source.db')),
      [],
    )
  })

  it('refuses to overwrite a backup unless --force', async () => {
    const before = digest(backupFile)
    const refused = await custos(['backup', backupFile], envFor(sourcePath))
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /backup\.db exists; pass --force to overwrite it/)
    assert.equal(digest(backupFile), before)
    const forced = await custos(['backup', '--force', backupFile], envFor(sourcePath))
    assert.equal(forced.code, 0, forced.stderr)
    assert.deepEqual(sqliteContents(backupFile), sqliteContents(sourcePath))
  })

  it('restores into a new database that reads back the same, with an intact audit trail', async () => {
    const restoredPath = join(dir, 'restored', 'custos.db')
    mkdirSync(join(dir, 'restored'))
    const run = await custos(['restore', backupFile], envFor(restoredPath))
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Restored .*backup\.db into SQLite .*restored\/custos\.db: SQLite, \d+ tables/)
    assert.match(run.stdout, /The schema is up to date\./)
    assert.match(run.stdout, /Audit trail intact: 2 organisation\(s\)/)
    assert.doesNotMatch(run.stdout, /Replaced/)
    assert.equal(statSync(restoredPath).mode & 0o777, 0o600)
    assert.deepEqual(readdirSync(join(dir, 'restored')), ['custos.db'], 'no partial or side files')

    const verified = await custos(['audit', 'verify'], envFor(restoredPath))
    assert.equal(verified.code, 0, verified.stderr)
    const original = await custos(['audit', 'verify'], envFor(sourcePath))
    assert.equal(verified.stdout, original.stdout, 'the same heads, organisation by organisation')
    assert.match(verified.stdout, new RegExp(`ok     ${org.slug}=\\d+:[0-9a-f]{64}`))

    assert.deepEqual(sqliteContents(restoredPath), sqliteContents(sourcePath))
    // The session made before the backup is in it: the same cookie reads the same answers.
    const restored = openApp(restoredPath)
    assert.deepEqual(await readAll(restored, session), await readAll(ctx, session))
  })

  it('refuses a database that is not empty, and leaves it as it was', async () => {
    const targetPath = join(dir, 'busy.db')
    const made = await custos(
      [
        ...['user', 'create', '--email', 'keep@example.org', '--name', 'Keep', '--org', 'keep'],
        ...['--role', 'owner', '--org-kind', 'vendor', '--password', 'a long enough password'],
      ],
      envFor(targetPath),
    )
    assert.equal(made.code, 0, made.stderr)
    const before = digest(targetPath)
    const refused = await custos(['restore', backupFile], envFor(targetPath))
    assert.equal(refused.code, 2)
    assert.match(
      refused.stderr,
      /busy\.db is not empty \(.*memberships 1, organisations 1, users 1\); restore into an empty database, or pass --force/,
    )
    assert.equal(refused.stdout, '')
    assert.equal(digest(targetPath), before)
    assert.deepEqual(
      leftovers(dir).filter((f) => f.startsWith('.busy') || f.startsWith('busy')),
      [],
    )

    const forced = await custos(['restore', '--force', backupFile], envFor(targetPath))
    assert.equal(forced.code, 0, forced.stderr)
    assert.match(
      forced.stdout,
      /Replaced everything that was in SQLite .*busy\.db: .*organisations 1, users 1\./,
    )
    assert.match(forced.stdout, /Audit trail intact: 2 organisation\(s\)/)
    const contents = sqliteContents(targetPath)
    assert.deepEqual(contents, sqliteContents(sourcePath))
    assert.equal(
      (contents.organisations as { slug: string }[]).some((o) => o.slug === 'keep'),
      false,
      'the replaced organisation is gone',
    )
  })

  it('restores into a database that is migrated but holds no one’s data', async () => {
    const targetPath = join(dir, 'fresh.db')
    const fresh = openDatabase({ kind: 'sqlite', path: targetPath })
    await migrateToLatest(fresh.db)
    // A fresh server records failed sign-ins too; those counters are no one's data.
    await fresh.db
      .insertInto('login_failures')
      .values({ id: 'f1', key_hash: 'x'.repeat(64), created_at: new Date().toISOString() })
      .execute()
    await fresh.close()
    const run = await custos(['restore', backupFile], envFor(targetPath))
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(sqliteContents(targetPath), sqliteContents(sourcePath))
  })

  it('refuses, even with --force, a database a running server has open', async () => {
    const targetPath = join(dir, 'live.db')
    const live = openApp(targetPath)
    await migrateToLatest(live.db)
    const refused = await custos(['restore', '--force', backupFile], envFor(targetPath))
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /live\.db is open in another process .*stop the Custos server first/)
    const organisations = await live.db.selectFrom('organisations').select('id').execute()
    assert.deepEqual(organisations, [], 'the open database is untouched and still works')
  })

  it('takes a consistent backup while another connection keeps writing', async () => {
    const rename = async (name: string) => {
      const res = await request(ctx, 'PATCH', '/api/org', { session, body: { name } })
      assert.equal(res.status, 200, res.text)
    }
    for (let i = 0; i < 150; i++) await rename(`Before ${i}`)
    let isWriting = true
    let written = 0
    const writer = (async () => {
      while (isWriting) {
        await rename(`During ${written++}`)
        // The app answers in microtasks only (better-sqlite3 is synchronous): let the exit of the
        // backup process be noticed.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const copy = join(dir, 'during.db')
    const run = await custos(['backup', copy], envFor(sourcePath))
    isWriting = false
    await writer
    assert.equal(run.code, 0, run.stderr)
    assert.ok(written > 0, 'the writer wrote while the backup ran')

    const sqlite = new BetterSqlite(copy, { readonly: true, fileMustExist: true })
    assert.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok')
    sqlite.close()
    const backup = openDatabase({ kind: 'sqlite', path: copy })
    opened.push(backup)
    const verified = await verifyChain(backup.db, secrets)
    assert.deepEqual(verified.broken, [], 'every chain ends at its checkpoint: no half transaction')
    const renamed = await backup.db
      .selectFrom('audit_events')
      .select('summary')
      .where('org_id', '=', org.id)
      .where('action', '=', 'organisation.renamed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    const name = await backup.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow()
    assert.equal(name.name, (JSON.parse(renamed.summary) as { to: string }).to, 'row and event agree')
  })

  it('refuses files that are not Custos backups, damaged ones and ones from a newer version', async () => {
    const target = join(dir, 'never.db')
    const bytes = readFileSync(backupFile)
    const foreign = join(dir, 'foreign.db')
    const other = new BetterSqlite(foreign)
    other.exec('create table notes (body text); insert into notes values (1)')
    other.close()
    const newer = join(dir, 'newer.db')
    writeFileSync(newer, bytes)
    const later = new BetterSqlite(newer)
    later.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_future', 'now')
    later.close()
    const halves = Buffer.from(bytes)
    const half = Math.floor(halves.length / 2)
    randomBytes(half).copy(halves, half)
    const cases: [string, Buffer | null, RegExp][] = [
      ['notes.txt', Buffer.from('name,amount\n'), /is not a Custos backup: it is not a SQLite database file/],
      ['foreign.db', null, /is a SQLite database but not a Custos backup \(it has no migrations table\)/],
      ['truncated.db', bytes.subarray(0, Math.floor(bytes.length / 2)), /is damaged/],
      ['scrambled.db', halves, /is damaged/],
      ['archive.dump', Buffer.concat([Buffer.from('PGDMP'), randomBytes(64)]), /is a PostgreSQL backup/],
      ['newer.db', null, /comes from a newer version of Custos \(migrations 9999_future are unknown here\)/],
    ]
    for (const [name, content, message] of cases) {
      const file = join(dir, name)
      if (content) writeFileSync(file, content)
      const before = digest(file)
      const run = await custos(['restore', file], envFor(target))
      assert.equal(run.code, 2, `${name}: ${run.stderr}`)
      assert.match(run.stderr, message, name)
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
      assert.equal(digest(file), before, `${name} is only read`)
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.includes('never')),
        [],
        `${name}: no database and no partial file`,
      )
    }
  })

  it('never leaves a file under the backup name when the backup fails', async () => {
    const notCustos = join(dir, 'foreign.db')
    const target = join(dir, 'from-foreign.backup')
    const run = await custos(['backup', target], envFor(notCustos))
    assert.equal(run.code, 2)
    assert.match(run.stderr, /foreign\.db is not a Custos database/)
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('from-foreign')),
      [],
    )
    const missing = await custos(['backup', join(dir, 'x.backup')], envFor(join(dir, 'missing.db')))
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /There is no database at .*missing\.db/)
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('missing') || f.includes('x.backup')),
      [],
      'a backup never creates the database it was asked to copy',
    )
  })

  it('brings a backup from an older version up to date', async () => {
    const oldPath = join(dir, 'old.db')
    const old = openDatabase({ kind: 'sqlite', path: oldPath })
    const migrator = new Migrator({
      db: old.db,
      provider: {
        getMigrations: async () => ({
          '0001_platform': MIGRATIONS['0001_platform'] as Migration,
          '0005_bias_audits': MIGRATIONS['0005_bias_audits'] as Migration,
        }),
      },
    })
    const migrated = await migrator.migrateToLatest()
    assert.equal(migrated.error, undefined)
    const at = new Date().toISOString()
    await old.db
      .insertInto('organisations')
      .values({ id: 'o1', slug: 'old-org', name: 'Old', kind: 'client', created_at: at })
      .execute()
    await old.close()
    const oldBackup = join(dir, 'old.backup')
    assert.equal((await custos(['backup', oldBackup], envFor(oldPath))).code, 0)
    const run = await custos(['restore', oldBackup], envFor(join(dir, 'upgraded.db')))
    assert.equal(run.code, 0, run.stderr)
    const pending = Object.keys(MIGRATIONS).filter((n) => n !== '0001_platform' && n !== '0005_bias_audits')
    assert.ok(pending.includes('0006_security'), 'the upgrade keys the audit chains')
    assert.ok(run.stdout.includes(`Brought the schema up to date: ${pending.join(', ')}.`), run.stdout)
    assert.match(run.stdout, /Audit trail intact: 1 organisation\(s\)/)
  })

  it('says so, exit 1, when the restored trail does not verify with the key file in place', async () => {
    const run = await custos(
      ['restore', backupFile],
      envFor(join(dir, 'wrong-key.db'), { CUSTOS_SECRET_KEY_FILE: join(dir, 'new', 'other.key') }),
    )
    assert.equal(run.code, 1)
    assert.match(run.stdout, /Restored .*wrong-key\.db/)
    assert.match(run.stdout, /Created a new server key file .*other\.key/)
    assert.match(run.stderr, new RegExp(`BROKEN ${org.slug} `))
    assert.match(
      run.stderr,
      /does not verify with the key file .*other\.key\. Put the key file backed up with this database there/,
    )
  })

  it('without the PostgreSQL client tools, says what to install and never shows the password', async () => {
    const env = {
      DATABASE_URL: 'postgres://custos:pa55-w0rd-x@127.0.0.1:1/custos',
      CUSTOS_SECRET_KEY_FILE: keyFile,
      PATH: join(dir, 'no-tools'),
    }
    const backup = await custos(['backup', join(dir, 'pg.dump')], env)
    assert.equal(backup.code, 2)
    assert.match(
      backup.stderr,
      /pg_dump was not found on PATH\. Install the PostgreSQL client tools.*or run pg_dump/,
    )
    writeFileSync(join(dir, 'pg.dump'), Buffer.concat([Buffer.from('PGDMP'), randomBytes(64)]))
    const restore = await custos(['restore', join(dir, 'pg.dump')], env)
    assert.equal(restore.code, 2)
    assert.match(restore.stderr, /pg_restore was not found on PATH\. Install the PostgreSQL client tools/)
    for (const run of [backup, restore]) assert.doesNotMatch(run.stdout + run.stderr, /pa55-w0rd-x/)
  })
})

const postgresServer = process.env.TEST_DATABASE_URL?.trim() ?? ''
const hasPostgres = /^postgres(ql)?:\/\//.test(postgresServer)
const missingTools = ['pg_dump', 'pg_restore'].filter((tool) => !findExecutable(tool, process.env))
const isPostgresRequired = process.env.REQUIRE_POSTGRES === '1'

if (isPostgresRequired && (!hasPostgres || missingTools.length > 0)) {
  describe('custos backup and restore (postgres)', () => {
    it('needs PostgreSQL and its client tools', () => {
      throw new Error(
        hasPostgres
          ? `REQUIRE_POSTGRES=1 but ${missingTools.join(' and ')} not on PATH (install postgresql-client)`
          : 'REQUIRE_POSTGRES=1 but TEST_DATABASE_URL (postgres://…) is not set',
      )
    })
  })
}

const postgresSkip = !hasPostgres
  ? 'TEST_DATABASE_URL (postgres://…) is not set'
  : missingTools.length > 0
    ? `${missingTools.join(' and ')} not on PATH (install postgresql-client)`
    : false

describe('custos backup and restore (postgres)', { skip: postgresSkip }, () => {
  // Trust authentication ignores the password; it is there to prove it is never shown.
  const PASSWORD = 'not-shown-9f3k'
  const names = { source: '', target: '' }
  const urls = { source: '', target: '' }
  let dir: string
  let keyFile: string
  let secrets: TSecrets
  let source: TDatabase
  let ctx: TTestApp
  let session: TSession
  const clock = manualClock(new Date())
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresServer })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  const envFor = (url: string) => ({ DATABASE_URL: url, CUSTOS_SECRET_KEY_FILE: keyFile })
  const withApp = async <T>(url: string, fn: (app: TTestApp) => Promise<T>): Promise<T> => {
    const config: TDatabaseConfig = { kind: 'postgres', url }
    const database = openDatabase(config)
    try {
      return await fn(createTestApp(handleOf(database, config), { secrets, clock }))
    } finally {
      await database.close()
    }
  }
  const countOf = (url: string, table: string) =>
    withApp(url, async (app) => {
      const row = await app.db
        .withTables<Record<string, Record<string, unknown>>>()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    })

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-pg-backup-'))
    keyFile = join(dir, 'secret.key')
    secrets = loadOrCreateSecrets(keyFile)
    const suffix = randomBytes(5).toString('hex')
    names.source = `custos_bk_src_${suffix}`
    names.target = `custos_bk_dst_${suffix}`
    await admin(async (client) => {
      await client.query(`create database ${names.source}`)
      await client.query(`create database ${names.target}`)
    })
    for (const key of ['source', 'target'] as const) {
      const url = new URL(postgresServer)
      url.pathname = `/${names[key]}`
      url.password = PASSWORD
      urls[key] = url.toString()
    }
    source = openDatabase({ kind: 'postgres', url: urls.source })
    await migrateToLatest(source.db)
    ctx = createTestApp(handleOf(source, { kind: 'postgres', url: urls.source }), { secrets, clock })
    ;({ session } = await seedWorkspace(ctx))
  })
  after(async () => {
    await source?.close()
    await admin(async (client) => {
      for (const name of [names.source, names.target])
        if (name) await client.query(`drop database if exists ${name} with (force)`)
    })
    rmSync(dir, { recursive: true, force: true })
  })

  it('round trip through pg_dump and pg_restore: same answers, intact trail, refused when not empty', async () => {
    const file = join(dir, 'custos.dump')
    const backup = await custos(['backup', file], envFor(urls.source))
    assert.equal(backup.code, 0, backup.stderr)
    assert.match(
      backup.stdout,
      /to .*custos\.dump: [\d.]+ KiB, PostgreSQL custom-format archive of \d+ tables\./,
    )
    assert.match(backup.stdout, /Back up the server key file/)
    assert.equal(statSync(file).mode & 0o777, 0o600)

    const restore = await custos(['restore', file], envFor(urls.target))
    assert.equal(restore.code, 0, restore.stderr)
    assert.match(restore.stdout, /Audit trail intact: 2 organisation\(s\)/)
    const verified = await custos(['audit', 'verify'], envFor(urls.target))
    assert.equal(verified.code, 0, verified.stderr)
    assert.equal(verified.stdout, (await custos(['audit', 'verify'], envFor(urls.source))).stdout)
    const original = await readAll(ctx, session)
    assert.deepEqual(await withApp(urls.target, (app) => readAll(app, session)), original)

    const organisations = await countOf(urls.target, 'organisations')
    const refused = await custos(['restore', file], envFor(urls.target))
    assert.equal(refused.code, 2)
    assert.match(
      refused.stderr,
      /is not empty \(.*organisations 2.*\); restore into an empty database, or pass --force/,
    )
    assert.equal(await countOf(urls.target, 'organisations'), organisations)

    const forced = await custos(['restore', '--force', file], envFor(urls.target))
    assert.equal(forced.code, 0, forced.stderr)
    assert.match(forced.stdout, /Replaced everything that was in PostgreSQL .*: .*organisations 2/)
    assert.deepEqual(await withApp(urls.target, (app) => readAll(app, session)), original)

    for (const run of [backup, restore, refused, forced])
      assert.doesNotMatch(run.stdout + run.stderr, new RegExp(PASSWORD), 'the password is never shown')
  })
})
