/** What every CLI command needs: configuration, server secrets, an open and migrated database, a clean close. */
import { existsSync } from 'node:fs'
import { describeDatabase, loadConfig, type TConfig } from '../../core/config.ts'
import { AppError } from '../../core/errors.ts'
import { ephemeralSecrets, loadOrCreateSecrets, type TSecrets } from '../../core/secrets.ts'
import { openDatabase, type TDatabase } from '../../db/database.ts'
import { migrateToLatest, type TMigrationReport } from '../../db/migrate.ts'
import { keyLegacyChains } from './audit-verify.ts'

export type TRuntime = {
  config: TConfig
  secrets: TSecrets
  /** False only with `secrets: 'existing'` when the key file is absent (the secrets are then throwaway). */
  hasKeyFile: boolean
  database: TDatabase
  migrations: TMigrationReport
}

export type TRuntimeOptions = {
  overrides?: Partial<TConfig>
  /**
   * `existing`: never create the key file (for `audit verify`: a new key would make every genuine
   * event look altered); without it the runtime carries throwaway secrets and `hasKeyFile: false`.
   * Default `create`: made on first use, as `custos serve` does.
   */
  secrets?: 'create' | 'existing'
}

/** The migration that adds keyed audit checkpoints; the run that applies it keys older chains. */
const KEYED_AUDIT_MIGRATION = '0006_security'

/** Opens and migrates the configured database; a connection failure becomes a readable error. */
export const openRuntime = async (options: TRuntimeOptions = {}): Promise<TRuntime> => {
  const config = { ...loadConfig(), ...options.overrides }
  const hasKeyFile = options.secrets !== 'existing' || existsSync(config.secretKeyFile)
  const secrets = hasKeyFile ? loadOrCreateSecrets(config.secretKeyFile) : ephemeralSecrets()
  const database = openDatabase(config.database)
  try {
    const migrations = await migrateToLatest(database.db)
    if (migrations.applied.includes(KEYED_AUDIT_MIGRATION)) {
      await database.db
        .transaction()
        .execute((trx) => keyLegacyChains(trx, secrets, new Date().toISOString()))
    }
    return { config, secrets, hasKeyFile, database, migrations }
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
export const withRuntime = async <T>(
  fn: (runtime: TRuntime) => Promise<T>,
  options: TRuntimeOptions = {},
): Promise<T> => {
  const runtime = await openRuntime(options)
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
