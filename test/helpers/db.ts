/**
 * Real databases for tests. `forEachDatabase(name, fn)` runs a suite on a fresh SQLite file and —
 * when TEST_DATABASE_URL (postgres://…) is set — again on a fresh PostgreSQL database created for
 * the suite and dropped after it. REQUIRE_POSTGRES=1 without TEST_DATABASE_URL fails loudly.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { openDatabase, type TDatabase, type TDb, type TDialect } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'

export type TTestDatabase = {
  /** Set in `before`; read it inside hooks and tests, not at suite definition time. */
  readonly database: TDatabase
  readonly db: TDb
  readonly dialect: TDialect
  /** Opens a second, independent connection (pool) to the same database. */
  openAnother: () => TDatabase
}

type TTarget = {
  label: TDialect
  create: () => Promise<{ database: TDatabase; openAnother: () => TDatabase; drop: () => Promise<void> }>
}

const sqliteTarget: TTarget = {
  label: 'sqlite',
  create: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-test-'))
    const path = join(dir, 'custos.db')
    return {
      database: openDatabase({ kind: 'sqlite', path }),
      openAnother: () => openDatabase({ kind: 'sqlite', path }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  },
}

const postgresTarget = (serverUrl: string): TTarget => ({
  label: 'postgres',
  create: async () => {
    const name = `custos_t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    return {
      database: openDatabase({ kind: 'postgres', url: url.toString() }),
      openAnother: () => openDatabase({ kind: 'postgres', url: url.toString() }),
      drop: async () => {
        const client = new pg.Client({ connectionString: serverUrl })
        await client.connect()
        await client.query(`drop database if exists ${name} with (force)`)
        await client.end()
      },
    }
  },
})

const postgresUrl = (): string | null => {
  const url = process.env.TEST_DATABASE_URL?.trim()
  if (url && /^postgres(ql)?:\/\//.test(url)) return url
  return null
}

/** Defines the suite once per available database. */
export const forEachDatabase = (name: string, fn: (handle: TTestDatabase) => void): void => {
  const targets: TTarget[] = [sqliteTarget]
  const pgUrl = postgresUrl()
  if (pgUrl) targets.push(postgresTarget(pgUrl))
  else if (process.env.REQUIRE_POSTGRES === '1') {
    describe(`${name} (postgres)`, () => {
      it('needs PostgreSQL', () => {
        throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL (postgres://…) is not set')
      })
    })
  }
  for (const target of targets) {
    describe(`${name} (${target.label})`, () => {
      let created: Awaited<ReturnType<TTarget['create']>> | undefined
      const handle: TTestDatabase = {
        get database() {
          if (!created) throw new Error('the test database is only available inside hooks and tests')
          return created.database
        },
        get db() {
          return handle.database.db
        },
        get dialect() {
          return handle.database.dialect
        },
        openAnother: () => {
          if (!created) throw new Error('the test database is only available inside hooks and tests')
          return created.openAnother()
        },
      }
      before(async () => {
        created = await target.create()
        await migrateToLatest(created.database.db)
      })
      after(async () => {
        if (!created) return
        await created.database.close()
        await created.drop()
      })
      fn(handle)
    })
  }
}

/** Row counts of the given tables, to prove a rejected request wrote nothing. */
export const countRows = async (db: TDb, tables: readonly string[]): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  const untyped = db.withTables<Record<string, Record<string, unknown>>>()
  for (const table of tables) {
    const row = await untyped
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

export const PLATFORM_TABLES = [
  'organisations',
  'users',
  'memberships',
  'invitations',
  'sessions',
  'login_failures',
  'audit_events',
] as const
