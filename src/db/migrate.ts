/** Applies the migrations of migrations/index.ts (at `custos serve` start and by `custos migrate`). */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely'
import { AppError } from '../core/errors.ts'
import { MIGRATIONS } from './migrations/index.ts'

export type TMigrationReport = { applied: string[] }

/** Brings the schema up to date; throws an AppError naming the failed migration. */
export const migrateToLatest = async <T>(db: Kysely<T>): Promise<TMigrationReport> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS as Record<string, Migration> },
  })
  const result: MigrationResultSet = await migrator.migrateToLatest()
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName
    // No migration failed: the database itself could not be reached or locked.
    if (!failed) throw result.error
    throw new AppError('internal_error', `Migration ${failed} failed.`, {
      message: `migration ${failed} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
      cause: result.error,
    })
  }
  return { applied }
}
