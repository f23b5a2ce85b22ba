/** Server configuration from the environment (docs/contracts.md), parsed once and validated. */
import { resolve } from 'node:path'
import { AppError } from './errors.ts'

/** SQLite durability: NORMAL (the default) can lose the last commits on power loss, never on a crash of Custos; FULL cannot. */
export const SQLITE_SYNCHRONOUS = ['NORMAL', 'FULL'] as const
export type TSqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number]

export type TDatabaseConfig =
  | { kind: 'sqlite'; path: string; synchronous?: TSqliteSynchronous }
  | { kind: 'postgres'; url: string }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type TLogLevel = (typeof LOG_LEVELS)[number]

export type TConfig = {
  database: TDatabaseConfig
  port: number
  host: string
  secretKeyFile: string
  logLevel: TLogLevel
  /** CUSTOS_TRUST_PROXY=1: believe X-Forwarded-For/-Proto (only behind a reverse proxy). */
  trustProxy: boolean
  /** CUSTOS_PUBLIC_URL: the address people open, for the links Custos hands out (never the Host header). */
  publicUrl: string
}

export type TEnv = Record<string, string | undefined>

const bad = (message: string) => new AppError('bad_request', message)

/** `DATABASE_URL`: absent → ./data/custos.db; `sqlite:<path>` or `sqlite::memory:`; `postgres(ql)://…`. */
export const parseDatabaseUrl = (value: string | undefined): TDatabaseConfig => {
  const url = value?.trim()
  if (!url) return { kind: 'sqlite', path: resolve('data', 'custos.db') }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path === ':memory:') return { kind: 'sqlite', path }
    if (path === '') throw bad('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/custos.db')
    return { kind: 'sqlite', path: resolve(path) }
  }
  throw bad('DATABASE_URL must start with sqlite:, postgres:// or postgresql://')
}

export const parsePort = (value: string | undefined, fallback = 8080): number => {
  if (value === undefined || value.trim() === '') return fallback
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw bad(`port must be an integer from 0 to 65535, got "${value}"`)
  return port
}

export const parseLogLevel = (value: string | undefined): TLogLevel => {
  if (value === undefined || value.trim() === '') return 'info'
  const level = value.trim().toLowerCase()
  const known = LOG_LEVELS.find((l) => l === level)
  if (!known) throw bad(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`)
  return known
}

export const parseFlag = (name: string, value: string | undefined): boolean => {
  const text = value?.trim().toLowerCase() ?? ''
  if (text === '' || text === '0' || text === 'false' || text === 'no') return false
  if (text === '1' || text === 'true' || text === 'yes') return true
  throw bad(`${name} must be 1 or 0, got "${value}"`)
}

/** `CUSTOS_PUBLIC_URL`: an http(s) origin, optionally with a path, kept without a trailing slash. */
export const parsePublicUrl = (value: string | undefined, port: number): string => {
  const text = value?.trim()
  if (!text) return `http://localhost:${port}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw bad(`CUSTOS_PUBLIC_URL must be an address such as https://custos.example.org, got "${value}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw bad(`CUSTOS_PUBLIC_URL must start with https:// or http://, got "${value}"`)
  if (url.search || url.hash || url.username || url.password)
    throw bad('CUSTOS_PUBLIC_URL must not carry a query, a fragment or a user name')
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

export const parseSqliteSynchronous = (value: string | undefined): TSqliteSynchronous => {
  const text = value?.trim().toUpperCase() ?? ''
  if (text === '') return 'NORMAL'
  const known = SQLITE_SYNCHRONOUS.find((s) => s === text)
  if (!known) throw bad(`CUSTOS_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got "${value}"`)
  return known
}

/** Reads the configuration from an environment record; throws a readable AppError on bad values. */
export const loadConfig = (env: TEnv = process.env): TConfig => {
  const port = parsePort(env.PORT)
  const database = parseDatabaseUrl(env.DATABASE_URL)
  return {
    database:
      database.kind === 'sqlite'
        ? { ...database, synchronous: parseSqliteSynchronous(env.CUSTOS_SQLITE_SYNCHRONOUS) }
        : database,
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    secretKeyFile: resolve(env.CUSTOS_SECRET_KEY_FILE?.trim() || resolve('data', 'secret.key')),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    trustProxy: parseFlag('CUSTOS_TRUST_PROXY', env.CUSTOS_TRUST_PROXY),
    publicUrl: parsePublicUrl(env.CUSTOS_PUBLIC_URL, port),
  }
}

/** The database location with any password removed, for messages and logs. */
export const describeDatabase = (database: TDatabaseConfig): string => {
  if (database.kind === 'sqlite') return `SQLite ${database.path}`
  try {
    const url = new URL(database.url)
    if (url.password) url.password = '***'
    return `PostgreSQL ${url.toString()}`
  } catch {
    return 'PostgreSQL'
  }
}
