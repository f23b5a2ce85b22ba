/**
 * Hot-path queries built and compiled once per database handle, then run with a new parameter.
 * Building a Kysely query costs more than running it on SQLite; the session lookup runs on every
 * request. Limited to queries with exactly one parameter, so parameter order cannot go wrong.
 *
 * On a root SQLite file database a SELECT runs on the committed-data reader (database.ts), skipping
 * Kysely's connection queue, and its rows are reused while the database's data version is unchanged:
 * each call still asks the database whether anything was committed since (any connection, any
 * process), which costs a fraction of the query, and runs the query again if so. A logout or a
 * removed membership is therefore seen by the very next call. In a transaction, on PostgreSQL and on
 * `:memory:` the query runs through Kysely every time. Returned rows are shared: never mutate them.
 */
import { type Compilable, type CompiledQuery, SelectQueryNode } from 'kysely'
import { committedReaderOf, type TExecutor } from './database.ts'

/** Rows kept per query (oldest dropped first); only non-empty results are kept. */
const MAX_REMEMBERED = 1000

type TRemembered<R> = { version: number; rows: readonly R[] }

/** A reusable query: run it (a promise), or ask for its rows at once when the reader can answer. */
export type TReusableQuery<R> = {
  (db: TExecutor, param: string): Promise<readonly R[]>
  /**
   * The rows without waiting, read through the committed-data reader (a root SQLite file database,
   * outside a transaction); undefined where the query must go through Kysely. Lets a hot path that
   * needs nothing else from the database skip its async steps on SQLite.
   */
  now: (db: TExecutor, param: string) => readonly R[] | undefined
}

export const reusableQuery = <R>(
  build: (db: TExecutor, param: string) => Compilable<R>,
): TReusableQuery<R> => {
  const compiledByDb = new WeakMap<TExecutor, CompiledQuery<R>>()
  const rememberedByDb = new WeakMap<TExecutor, Map<string, TRemembered<R>>>()
  const compiledFor = (db: TExecutor, param: string): CompiledQuery<R> => {
    let compiled = compiledByDb.get(db)
    if (!compiled) {
      compiled = build(db, param).compile()
      if (compiled.parameters.length !== 1)
        throw new Error('reusableQuery needs a query with exactly one parameter')
      compiledByDb.set(db, compiled)
    }
    return compiled
  }
  const now = (db: TExecutor, param: string): readonly R[] | undefined => {
    const compiled = compiledFor(db, param)
    const reader = SelectQueryNode.is(compiled.query) ? committedReaderOf(db) : undefined
    if (!reader) return undefined

    let remembered = rememberedByDb.get(db)
    if (!remembered) {
      remembered = new Map()
      rememberedByDb.set(db, remembered)
    }
    // Read before the query: a commit between the two makes the entry stale at once, never wrongly fresh.
    const version = reader.version()
    const known = remembered.get(param)
    if (known?.version === version) return known.rows
    const rows = reader.all(compiled.sql, [param]) as R[]
    if (rows.length > 0) {
      if (!known && remembered.size >= MAX_REMEMBERED) {
        const oldest = remembered.keys().next().value
        if (oldest !== undefined) remembered.delete(oldest)
      }
      remembered.set(param, { version, rows })
    } else if (known) remembered.delete(param)
    return rows
  }
  const run = async (db: TExecutor, param: string): Promise<readonly R[]> =>
    now(db, param) ?? (await db.executeQuery<R>({ ...compiledFor(db, param), parameters: [param] })).rows
  return Object.assign(run, { now })
}
