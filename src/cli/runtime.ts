/** What every CLI command needs: configuration, an open and migrated database, a clean close. */
import { describeDatabase, loadConfig, type TConfig } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { openDatabase, type TDatabase } from '../db/database.ts'
import { migrateToLatest, type TMigrationReport } from '../db/migrate.ts'

export type TRuntime = { config: TConfig; database: TDatabase; migrations: TMigrationReport }

/** Opens and migrates the configured database; a connection failure becomes a readable error. */
export const openRuntime = async (overrides: Partial<TConfig> = {}): Promise<TRuntime> => {
  const config = { ...loadConfig(), ...overrides }
  const database = openDatabase(config.database)
  try {
    const migrations = await migrateToLatest(database.db)
    return { config, database, migrations }
  } catch (err) {
    await database.close().catch(() => {})
    if (err instanceof AppError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw new AppError(
      'unavailable',
      `Cannot open the database (${describeDatabase(config.database)}): ${reason}`,
    )
  }
}

/** Runs `fn` with a runtime and always closes the database. */
export const withRuntime = async <T>(fn: (runtime: TRuntime) => Promise<T>): Promise<T> => {
  const runtime = await openRuntime()
  try {
    return await fn(runtime)
  } finally {
    await runtime.database.close()
  }
}

/** Writes a line to stdout (CLI output is not logging). */
export const say = (line: string): void => {
  process.stdout.write(`${line}\n`)
}
