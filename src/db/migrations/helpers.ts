/**
 * What a migration author needs to write one migration for both dialects: the column types to use
 * and the dialect in hand. Timestamps, JSON and booleans differ in storage; the JS shapes do not.
 */
import { type Kysely, PostgresAdapter } from 'kysely'
import type { TDialect } from '../database.ts'

export type TColumnTypes = {
  /** Text ids (UUID v7) and foreign keys to them. */
  id: 'text'
  text: 'text'
  /** ISO-8601 UTC; text on SQLite, timestamptz on PostgreSQL. */
  timestamp: 'text' | 'timestamptz'
  /** JSON document; text on SQLite, jsonb on PostgreSQL. */
  json: 'text' | 'jsonb'
  /** 0/1 on both. */
  bool: 'integer'
  integer: 'integer'
  bigint: 'bigint'
  real: 'real'
}

export const columnTypes = (dialect: TDialect): TColumnTypes => ({
  id: 'text',
  text: 'text',
  timestamp: dialect === 'postgres' ? 'timestamptz' : 'text',
  json: dialect === 'postgres' ? 'jsonb' : 'text',
  bool: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  real: 'real',
})

/** The dialect of a Kysely instance handed to a migration. */
export const dialectOf = (db: Pick<Kysely<unknown>, 'getExecutor'>): TDialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'

/** One migration: `up` receives an untyped Kysely (the schema is being built). */
export type TMigration = {
  up: (db: Kysely<unknown>) => Promise<void>
  down?: (db: Kysely<unknown>) => Promise<void>
}
