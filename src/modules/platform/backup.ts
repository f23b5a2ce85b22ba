/**
 * `custos backup` and `custos restore`: a consistent copy of the database taken while the server may
 * be running, and its return into an empty database. SQLite goes through SQLite's online backup API
 * (one read snapshot, so writers carry on); PostgreSQL through the client tools pg_dump and
 * pg_restore, which the operator installs. Every file is written beside its final name and renamed
 * at the end, so a failed run never leaves a half file under the name people look for.
 *
 * The database is only half of what a restore needs: the server key file (CUSTOS_SECRET_KEY_FILE)
 * keys the audit chain and the sign-in limits, and is never in the database.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { devNull } from 'node:os'
import { basename, delimiter, dirname, join, resolve } from 'node:path'
import BetterSqlite from 'better-sqlite3'
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely'
import pg from 'pg'
import { describeDatabase, type TDatabaseConfig, type TEnv } from '../../core/config.ts'
import { AppError } from '../../core/errors.ts'
import { MIGRATIONS } from '../../db/migrations/index.ts'

/** `sqlite`: a self-contained SQLite database file; `pg-custom`: a pg_dump custom-format archive. */
export type TBackupFormat = 'sqlite' | 'pg-custom'

/** A table and its rows; rows are null in a PostgreSQL archive, whose table of contents does not count them. */
export type TTableEntry = { table: string; rows: number | null }
export type TTableCount = { table: string; rows: number }

export type TBackupReport = { file: string; bytes: number; format: TBackupFormat; tables: TTableEntry[] }

export type TRestoreReport = {
  file: string
  format: TBackupFormat
  /** The database restored into, without its password. */
  target: string
  tables: TTableEntry[]
  /** What the target held and no longer does (only ever non-empty with `isForced`). */
  replaced: TTableCount[]
  /** The target was a file that is not a SQLite database (replaced with `isForced`). */
  replacedForeignFile: boolean
}

export type TBackupOptions = {
  database: TDatabaseConfig
  /** The backup file to write. */
  file: string
  /** Overwrite an existing file. */
  isForced: boolean
  /** Where pg_dump is looked up (PATH) and what it inherits; the process environment by default. */
  env?: TEnv
}

export type TRestoreOptions = {
  database: TDatabaseConfig
  /** The backup file to read. */
  file: string
  /** Replace a database that is not empty. */
  isForced: boolean
  env?: TEnv
}

/**
 * Tables whose rows belong to no one: Kysely's migration bookkeeping, and the sign-in throttling
 * counters (keyed hashes of addresses, which even a fresh server collects from failed sign-ins).
 * A database is **empty** when it has no rows outside these tables — no organisation, user,
 * membership, invitation, session, audit event, reset link or bias audit — whether or not it has
 * been migrated. Only an empty database is restored into without `--force`.
 */
const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  DEFAULT_MIGRATION_TABLE,
  DEFAULT_MIGRATION_LOCK_TABLE,
  'login_failures',
  'login_known_addresses',
])

/** The tables that make a database non-empty (see BOOKKEEPING_TABLES). */
export const dataTablesOf = (tables: readonly TTableCount[]): TTableCount[] =>
  tables.filter((t) => t.rows > 0 && !BOOKKEEPING_TABLES.has(t.table))

/** Writes a consistent backup of the configured database to `file`. */
export const backupDatabase = async (options: TBackupOptions): Promise<TBackupReport> => {
  const file = resolve(options.file)
  const { database } = options
  if (database.kind === 'sqlite') return backupSqlite(database.path, file, options.isForced)
  return backupPostgres(database.url, file, options.isForced, options.env ?? process.env)
}

/**
 * Restores `file` into the configured database, which must be empty unless `isForced`. The schema
 * is left as the backup had it: run the migrations afterwards to bring an older backup up to date.
 */
export const restoreDatabase = async (options: TRestoreOptions): Promise<TRestoreReport> => {
  const file = resolve(options.file)
  if (!existsSync(file)) throw new AppError('not_found', `There is no backup file ${file}.`)
  if (!statSync(file).isFile()) throw bad(`${file} is not a file.`)
  const { database } = options
  if (database.kind === 'sqlite') return restoreSqlite(file, database.path, options.isForced)
  return restorePostgres(file, database.url, options.isForced, options.env ?? process.env)
}

// ---------------------------------------------------------------------------------------------------
// Files

const bad = (message: string) => new AppError('bad_request', message)

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const PG_CUSTOM_MAGIC = Buffer.from('PGDMP', 'latin1')

type TFileKind = 'sqlite' | 'pg-custom' | 'other'

const kindOfFile = (file: string): TFileKind => {
  const head = Buffer.alloc(SQLITE_MAGIC.length)
  const fd = openSync(file, 'r')
  try {
    const read = readSync(fd, head, 0, head.length, 0)
    if (read === SQLITE_MAGIC.length && head.equals(SQLITE_MAGIC)) return 'sqlite'
    if (read >= PG_CUSTOM_MAGIC.length && head.subarray(0, PG_CUSTOM_MAGIC.length).equals(PG_CUSTOM_MAGIC))
      return 'pg-custom'
    return 'other'
  } finally {
    closeSync(fd)
  }
}

const isSamePath = (a: string, b: string): boolean => resolve(a) === resolve(b)

/** A private, fresh name beside `file` (same folder, so the final rename cannot cross file systems). */
const partialNameFor = (file: string, purpose: string): string =>
  join(dirname(file), `.${basename(file)}.${purpose}-${randomBytes(6).toString('hex')}.partial`)

/** Flushes a file (or, where the platform allows, a folder's entries) to the disk. */
const flushToDisk = (path: string): void => {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // Folders cannot be opened for fsync on every platform; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The file and the SQLite side files that can appear beside it. */
const removeWithSideFiles = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
}

/**
 * Writes `file` through `write(temp)`: the temporary file is created empty with mode 0600 (a backup
 * holds password hashes and session hashes), and renamed to `file` only once `write` succeeded.
 */
const writeBesideThenRename = async <T>(
  file: string,
  isForced: boolean,
  write: (temp: string) => Promise<T>,
): Promise<T> => {
  const folder = dirname(file)
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw bad(`The folder ${folder} does not exist; create it first.`)
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw bad(`${file} is a folder; name the backup file.`)
    if (!isForced) throw new AppError('conflict', `${file} exists; pass --force to overwrite it.`)
  }
  const temp = partialNameFor(file, 'backup')
  closeSync(openSync(temp, 'wx', 0o600))
  try {
    const result = await write(temp)
    chmodSync(temp, 0o600)
    flushToDisk(temp)
    renameSync(temp, file)
    flushToDisk(folder)
    return result
  } catch (err) {
    removeWithSideFiles(temp)
    throw err
  }
}

// ---------------------------------------------------------------------------------------------------
// SQLite

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

const sqliteTableCounts = (sqlite: BetterSqlite.Database): TTableCount[] => {
  const names = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'")
    .pluck()
    .all() as string[]
  return names.sort().map((table) => ({
    table,
    rows: Number(
      sqlite
        .prepare(`select count(*) from ${quoteIdent(table)}`)
        .pluck()
        .get(),
    ),
  }))
}

const unknownMigrations = (names: readonly string[]): string[] =>
  names.filter((n) => !Object.hasOwn(MIGRATIONS, n))

const newerVersionMessage = (file: string, unknown: readonly string[]) =>
  `${file} comes from a newer version of Custos (migrations ${unknown.join(', ')} are unknown here); restore it with that version or a later one.`

/** All pages in one step: one read snapshot, which writers in WAL mode never wait for or invalidate. */
const ALL_PAGES = 0x7fffffff

/**
 * Checks a SQLite copy we are about to hand out or put in place, makes it self-contained (rollback
 * journal instead of WAL, so the one file is the whole database) and counts its rows.
 */
const checkSqliteCopy = (copy: string, shownName: string): TTableCount[] => {
  let sqlite: BetterSqlite.Database | undefined
  try {
    sqlite = new BetterSqlite(copy, { fileMustExist: true })
    const problems = sqlite.prepare('pragma integrity_check(5)').pluck().all() as string[]
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw bad(`${shownName} is damaged (SQLite integrity check: ${problems.join('; ')}).`)
    const tables = sqliteTableCounts(sqlite)
    if (!tables.some((t) => t.table === DEFAULT_MIGRATION_TABLE))
      throw bad(`${shownName} is a SQLite database but not a Custos backup (it has no migrations table).`)
    const names = sqlite.prepare(`select name from ${DEFAULT_MIGRATION_TABLE}`).pluck().all() as string[]
    const unknown = unknownMigrations(names)
    if (unknown.length > 0) throw bad(newerVersionMessage(shownName, unknown))
    sqlite.pragma('journal_mode = DELETE')
    return tables
  } catch (err) {
    if (err instanceof AppError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw bad(`${shownName} is damaged or not a SQLite database (${reason}).`)
  } finally {
    sqlite?.close()
  }
}

const backupSqlite = async (path: string, file: string, isForced: boolean): Promise<TBackupReport> => {
  if (path === ':memory:') throw bad('An in-memory database (sqlite::memory:) cannot be backed up.')
  if (!existsSync(path)) throw new AppError('not_found', `There is no database at ${path} (DATABASE_URL).`)
  if (['', '-wal', '-shm'].some((suffix) => isSamePath(file, `${path}${suffix}`)))
    throw bad('The backup file must not be the database itself.')
  const tables = await writeBesideThenRename(file, isForced, async (temp) => {
    // Read-write, as the server opens it: a read-only connection cannot remove the -wal and -shm
    // files it creates, and would leave them behind when no server is running.
    const source = new BetterSqlite(path, { fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      const isCustos = source
        .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
        .pluck()
        .get(DEFAULT_MIGRATION_TABLE)
      if (!isCustos) throw bad(`${path} is not a Custos database (it has no migrations table).`)
      await source.backup(temp, { progress: () => ALL_PAGES })
    } finally {
      source.close()
    }
    return checkSqliteCopy(temp, `The copy of ${path}`)
  })
  return { file, bytes: statSync(file).size, format: 'sqlite', tables }
}

type TSqliteTarget = { data: TTableCount[]; isForeignFile: boolean; isInUse: boolean }

/**
 * What the target file holds, and whether another process has it open. A Custos server keeps the
 * database in WAL mode; SQLite removes the -wal file when the last connection closes, so a -wal
 * still there after our own connection closed means another connection (a running server) is open.
 */
const inspectSqliteTarget = (path: string): TSqliteTarget => {
  if (!existsSync(path)) return { data: [], isForeignFile: false, isInUse: false }
  if (statSync(path).size > 0 && kindOfFile(path) !== 'sqlite')
    return { data: [], isForeignFile: true, isInUse: false }
  let tables: TTableCount[]
  const sqlite = new BetterSqlite(path, { fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    tables = sqliteTableCounts(sqlite)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw bad(`Cannot read the database at ${path} to check that it is empty (${reason}).`)
  } finally {
    sqlite.close()
  }
  return { data: dataTablesOf(tables), isForeignFile: false, isInUse: existsSync(`${path}-wal`) }
}

const restoreSqlite = async (file: string, path: string, isForced: boolean): Promise<TRestoreReport> => {
  if (path === ':memory:') throw bad('Cannot restore into an in-memory database (sqlite::memory:).')
  if (isSamePath(file, path)) throw bad('The backup file is the database itself.')
  const kind = kindOfFile(file)
  if (kind === 'pg-custom')
    throw bad(`${file} is a PostgreSQL backup (pg_dump archive); restore it into a postgres:// DATABASE_URL.`)
  if (kind !== 'sqlite') throw bad(`${file} is not a Custos backup: it is not a SQLite database file.`)

  const folder = dirname(path)
  if (!existsSync(folder)) throw bad(`The folder ${folder} of the database does not exist; create it first.`)
  // The copy is checked, not the backup itself: opening the backup could change it (a WAL file, a
  // recovered journal), and the checked copy is exactly what goes in place.
  const temp = partialNameFor(path, 'restore')
  try {
    copyFileSync(file, temp)
    chmodSync(temp, 0o600)
    const tables = checkSqliteCopy(temp, file)
    const target = inspectSqliteTarget(path)
    const shownTarget = describeDatabase({ kind: 'sqlite', path })
    if (target.isInUse)
      throw new AppError(
        'conflict',
        `${shownTarget} is open in another process (its -wal file stays while a connection is open): stop the Custos server first, then restore.`,
      )
    if (!isForced && target.isForeignFile)
      throw new AppError(
        'conflict',
        `${path} exists and is not a SQLite database; move it away, or pass --force to replace it.`,
      )
    if (!isForced && target.data.length > 0)
      throw new AppError(
        'conflict',
        `${shownTarget} is not empty (${listCounts(target.data)}); restore into an empty database, or pass --force to replace all of it.`,
      )
    // A -wal left beside the new file would be replayed into it: SQLite does not check that a WAL
    // belongs to the database it finds it next to.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true })
    flushToDisk(temp)
    renameSync(temp, path)
    flushToDisk(folder)
    return {
      file,
      format: 'sqlite',
      target: shownTarget,
      tables,
      replaced: target.data,
      replacedForeignFile: target.isForeignFile,
    }
  } catch (err) {
    removeWithSideFiles(temp)
    if (err instanceof AppError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw new AppError('internal_error', `The restore failed, and ${path} was left as it was (${reason}).`)
  }
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

const CLIENT_TOOLS_HINT =
  'Install the PostgreSQL client tools, of the server version or newer (Debian and Ubuntu: apt-get install postgresql-client)'

/** The executable `name` on the PATH of `env`, or null. */
export const findExecutable = (name: string, env: TEnv): string | null => {
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue
    const candidate = join(folder, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // Not here, or not executable.
    }
  }
  return null
}

const requireTool = (name: 'pg_dump' | 'pg_restore', env: TEnv, instead: string): string => {
  const found = findExecutable(name, env)
  if (!found) throw bad(`${name} was not found on PATH. ${CLIENT_TOOLS_HINT}, or ${instead}.`)
  return found
}

/**
 * The connection for libpq tools: the URL without its password on the command line (which other
 * users of the machine can read), the password in PGPASSWORD of the child's environment only.
 */
const libpqConnection = (url: string, env: TEnv): { dbname: string; env: TEnv; password: string } => {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return {
    dbname: parsed.toString(),
    env: password === '' ? { ...env } : { ...env, PGPASSWORD: password },
    password,
  }
}

const STDERR_KEPT = 4000

/** Runs a tool (never through a shell); resolves with its stdout, or throws with its last stderr lines. */
const runTool = (
  tool: string,
  args: readonly string[],
  env: TEnv,
  secret: string,
): Promise<{ stdout: string; failure: string | null }> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString('utf8')}`.slice(-STDERR_KEPT)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const redacted = secret === '' ? stderr : stderr.replaceAll(secret, '***')
      const failure =
        code === 0 ? null : redacted.trim() || `${basename(tool)} ended with ${signal ?? `exit code ${code}`}`
      resolvePromise({ stdout: Buffer.concat(out).toString('utf8'), failure })
    })
  })

/** The tables of a custom-format archive, from its table of contents (`pg_restore --list`). */
const archiveTables = async (pgRestore: string, file: string, env: TEnv): Promise<TTableEntry[] | null> => {
  const { stdout, failure } = await runTool(pgRestore, ['--list', file], env, '')
  if (failure) return null
  const tables: TTableEntry[] = []
  for (const line of stdout.split('\n')) {
    const match = /^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) /.exec(line)
    if (match?.[1]) tables.push({ table: match[1], rows: null })
  }
  return tables.sort((a, b) => a.table.localeCompare(b.table))
}

/** The migration names recorded in an archive (the COPY data of its migrations table). */
const archivedMigrations = async (pgRestore: string, file: string, env: TEnv): Promise<string[]> => {
  const { stdout, failure } = await runTool(
    pgRestore,
    ['--data-only', `--table=${DEFAULT_MIGRATION_TABLE}`, '--file=-', file],
    env,
    '',
  )
  if (failure) throw bad(`${file} could not be read by pg_restore (${failure}).`)
  const names: string[] = []
  let isInCopy = false
  for (const line of stdout.split('\n')) {
    if (line.startsWith('COPY ')) isInCopy = true
    else if (line === '\\.') isInCopy = false
    else if (isInCopy && line !== '') names.push(line.split('\t')[0] ?? '')
  }
  return names
}

const backupPostgres = async (
  url: string,
  file: string,
  isForced: boolean,
  env: TEnv,
): Promise<TBackupReport> => {
  const pgDump = requireTool('pg_dump', env, 'run pg_dump --format=custom yourself')
  const pgRestore = findExecutable('pg_restore', env)
  const connection = libpqConnection(url, env)
  const tables = await writeBesideThenRename(file, isForced, async (temp) => {
    const { failure } = await runTool(
      pgDump,
      ['--format=custom', '--no-password', `--file=${temp}`, `--dbname=${connection.dbname}`],
      connection.env,
      connection.password,
    )
    if (failure)
      throw new AppError(
        'unavailable',
        `pg_dump of ${describeDatabase({ kind: 'postgres', url })} failed: ${failure}`,
      )
    // The table of contents names what was written; it also proves the archive reads back.
    const listed = pgRestore ? await archiveTables(pgRestore, temp, env) : []
    if (listed === null)
      throw new AppError('internal_error', 'pg_dump wrote an archive that pg_restore cannot read.')
    if (pgRestore && !listed.some((t) => t.table === DEFAULT_MIGRATION_TABLE))
      throw bad(
        `${describeDatabase({ kind: 'postgres', url })} is not a Custos database (it has no migrations table).`,
      )
    return listed
  })
  return { file, bytes: statSync(file).size, format: 'pg-custom', tables }
}

const connectPostgres = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    return client
  } catch (err) {
    await client.end().catch(() => {})
    const reason = err instanceof Error ? err.message : String(err)
    throw new AppError(
      'unavailable',
      `Cannot connect to ${describeDatabase({ kind: 'postgres', url })}: ${reason}`,
    )
  }
}

/** The base tables of the connection's current schema (where Custos creates its own) with their rows. */
const postgresTableCounts = async (client: pg.Client): Promise<TTableCount[]> => {
  const listed = await client.query<{ table_name: string }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  )
  const tables: TTableCount[] = []
  for (const { table_name: table } of listed.rows) {
    const counted = await client.query<{ n: string }>(`select count(*) as n from ${quoteIdent(table)}`)
    tables.push({ table, rows: Number(counted.rows[0]?.n ?? 0) })
  }
  return tables
}

const restorePostgres = async (
  file: string,
  url: string,
  isForced: boolean,
  env: TEnv,
): Promise<TRestoreReport> => {
  const kind = kindOfFile(file)
  if (kind === 'sqlite') throw bad(`${file} is a SQLite backup; restore it into a sqlite: DATABASE_URL.`)
  if (kind !== 'pg-custom')
    throw bad(
      `${file} is not a Custos PostgreSQL backup (a pg_dump custom-format archive, as custos backup writes); a plain SQL dump is restored with psql.`,
    )
  const pgRestore = requireTool(
    'pg_restore',
    env,
    'run pg_restore --no-owner yourself into an empty database',
  )
  const tables = await archiveTables(pgRestore, file, env)
  if (tables === null) throw bad(`${file} is damaged: pg_restore cannot read its table of contents.`)
  if (!tables.some((t) => t.table === DEFAULT_MIGRATION_TABLE))
    throw bad(`${file} is a PostgreSQL archive but not a Custos backup (it has no migrations table).`)
  // Reading every data block now, before anything in the target is touched, catches damage that
  // the table of contents does not show.
  const { failure: unreadable } = await runTool(pgRestore, [`--file=${devNull}`, file], env, '')
  if (unreadable) throw bad(`${file} is damaged: pg_restore cannot read it through (${unreadable}).`)
  const unknown = unknownMigrations(await archivedMigrations(pgRestore, file, env))
  if (unknown.length > 0) throw bad(newerVersionMessage(file, unknown))

  const shownTarget = describeDatabase({ kind: 'postgres', url })
  const client = await connectPostgres(url)
  let replaced: TTableCount[]
  try {
    const others = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    )
    const otherConnections = others.rows[0]?.n ?? 0
    if (otherConnections > 0)
      throw new AppError(
        'conflict',
        `${shownTarget} has ${otherConnections} other connection(s) (a running Custos server?): stop them first, then restore.`,
      )
    const existing = await postgresTableCounts(client)
    replaced = dataTablesOf(existing)
    if (!isForced && replaced.length > 0)
      throw new AppError(
        'conflict',
        `${shownTarget} is not empty (${listCounts(replaced)}); restore into an empty database, or pass --force to replace all of it.`,
      )
    // Even an empty but migrated database has the tables the archive creates.
    if (existing.length > 0) {
      await client.query('begin')
      await client.query(`drop table ${existing.map((t) => quoteIdent(t.table)).join(', ')} cascade`)
      await client.query('commit')
    }
  } finally {
    await client.end().catch(() => {})
  }

  const connection = libpqConnection(url, env)
  const { failure } = await runTool(
    pgRestore,
    [
      '--no-owner',
      '--no-password',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${connection.dbname}`,
      file,
    ],
    connection.env,
    connection.password,
  )
  if (failure)
    throw new AppError(
      'unavailable',
      `pg_restore into ${shownTarget} failed, and the database's tables had been removed first: it is empty now. Fix the cause and restore again. pg_restore said: ${failure}`,
    )
  return { file, format: 'pg-custom', target: shownTarget, tables, replaced, replacedForeignFile: false }
}

// ---------------------------------------------------------------------------------------------------
// What to tell the operator

const listCounts = (tables: readonly TTableCount[]): string =>
  tables.map((t) => `${t.table} ${t.rows}`).join(', ')

/** A size in bytes for people: 512 B, 3.4 KiB, 12.0 MiB. */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/** "12 tables, 340 rows (organisations 2, users 5, …)", or the table count of an archive. */
export const describeContents = (format: TBackupFormat, tables: readonly TTableEntry[]): string => {
  if (format === 'pg-custom')
    return tables.length > 0
      ? `PostgreSQL custom-format archive of ${tables.length} tables`
      : 'PostgreSQL custom-format archive'
  const counted = tables.map((t) => ({ table: t.table, rows: t.rows ?? 0 }))
  const rows = counted.reduce((sum, t) => sum + t.rows, 0)
  const data = dataTablesOf(counted)
  return `SQLite, ${counted.length} tables, ${rows} rows${data.length > 0 ? ` (${listCounts(data)})` : ''}`
}

/** The reminder after every backup: the key file is the other half of a restore. */
export const secretKeyReminder = (secretKeyFile: string): string =>
  existsSync(secretKeyFile)
    ? `Back up the server key file ${secretKeyFile} (CUSTOS_SECRET_KEY_FILE) too, and keep it apart from the database backups: the audit trail can only be verified, and sign-in limits kept, with that key; whoever holds both could rewrite the trail undetected.`
    : `There is no server key file at ${secretKeyFile} (CUSTOS_SECRET_KEY_FILE): if the server uses another one, back that file up too; the audit trail can only be verified with it.`

/** What a restore did, in lines for the operator. */
export const describeRestore = (report: TRestoreReport): string[] => [
  ...(report.replacedForeignFile
    ? [`Replaced a file that was not a SQLite database at ${report.target}.`]
    : []),
  ...(report.replaced.length > 0
    ? [`Replaced everything that was in ${report.target}: ${listCounts(report.replaced)}.`]
    : []),
  `Restored ${report.file} into ${report.target}: ${describeContents(report.format, report.tables)}.`,
]
