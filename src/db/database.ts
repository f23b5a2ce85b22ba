/**
 * Kysely on SQLite (better-sqlite3) or PostgreSQL (pg), chosen by DATABASE_URL. Both dialects hand
 * back the same JS shapes: timestamps as ISO-8601 UTC strings, JSON columns as strings (read and
 * write them with json.ts), booleans as 0/1.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite from 'better-sqlite3'
import {
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  type Transaction,
} from 'kysely'
import pg from 'pg'
import type { TDatabaseConfig } from '../core/config.ts'
import type { TPlatformTables } from './schema.ts'

export type TDialect = 'sqlite' | 'postgres'
export type TDb = Kysely<TPlatformTables>
export type TTrx = Transaction<TPlatformTables>
/** Either the database or an open transaction: repositories accept both. */
export type TExecutor = Kysely<TPlatformTables>

export type TDatabase = {
  db: TDb
  dialect: TDialect
  close: () => Promise<void>
}

// PostgreSQL type OIDs whose text form we convert ourselves.
const PG_TIMESTAMPTZ = 1184
const PG_TIMESTAMP = 1114
const PG_JSON = 114
const PG_JSONB = 3802
const PG_INT8 = 20

const toIso = (value: string): string => new Date(value).toISOString()

/** Per-pool type parsers (not global), so both dialects return the same shapes. */
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return toIso
    if (oid === PG_JSON || oid === PG_JSONB) return (value: string) => value
    // count(*) and bigint columns: our counts fit in a double.
    if (oid === PG_INT8) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query afresh; preparing costs more than running a small indexed query.
 * Statements are reused by SQL text (a bounded cache). Safe because Kysely runs one query at a
 * time on its single SQLite connection.
 */
const withStatementCache = (sqlite: SqliteDatabase): SqliteDatabase => {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const found = cache.get(text)
      if (found) return found
      const statement = sqlite.prepare(text)
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      cache.set(text, statement)
      return statement
    },
  }
}

/** Reads committed data of a SQLite file outside any transaction (see committedReaderOf). */
export type TCommittedReader = {
  /** The rows of one SELECT. */
  all: (sql: string, parameters: readonly unknown[]) => unknown[]
  /**
   * SQLite's `PRAGMA data_version` on this connection: it changes whenever any other connection, in
   * this process or another, commits to the database. Equal values mean no commit in between.
   */
  version: () => number
}

const committedReaders = new WeakMap<TExecutor, TCommittedReader>()

/**
 * The committed-data reader of a root SQLite file database (undefined for PostgreSQL, `:memory:`
 * and transactions). It is a second, read-only connection: Kysely's single SQLite connection can be
 * inside another request's open transaction, whose uncommitted rows a hot read must not see, and
 * waiting for it would queue every request behind that transaction. WAL lets the reader see every
 * commit at once; used by reusable-query.ts for hot-path SELECTs.
 */
export const committedReaderOf = (db: TExecutor): TCommittedReader | undefined => committedReaders.get(db)

const openSqlite = (path: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): TDatabase => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new BetterSqlite(path)
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // NORMAL in WAL mode survives a crash of the process; FULL also survives a power loss (README).
  sqlite.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`)
  const db = new Kysely<TPlatformTables>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  if (path === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy() }

  // Opened after the writer switched the file to WAL, so the -wal and -shm files exist.
  const reader = new BetterSqlite(path, { readonly: true })
  const statements = withStatementCache(reader)
  const dataVersion = reader.prepare('pragma data_version').pluck()
  committedReaders.set(db, {
    all: (text, parameters) => statements.prepare(text).all(parameters),
    version: () => dataVersion.get() as number,
  })
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      committedReaders.delete(db)
      reader.close()
      await db.destroy()
    },
  }
}

const openPostgres = (url: string): TDatabase => {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  const db = new Kysely<TPlatformTables>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}

/** Opens the database named by the configuration (does not migrate; see migrate.ts). */
export const openDatabase = (config: TDatabaseConfig): TDatabase =>
  config.kind === 'sqlite' ? openSqlite(config.path, config.synchronous) : openPostgres(config.url)
