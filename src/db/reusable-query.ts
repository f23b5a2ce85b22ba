/**
 * Hot-path queries built and compiled once per database handle, then run with a new parameter.
 * Building a Kysely query costs more than running it on SQLite; /api/me runs two per request.
 * Limited to queries with exactly one parameter, so parameter order cannot go wrong.
 */
import type { Compilable, CompiledQuery } from 'kysely'
import type { TExecutor } from './database.ts'

export const reusableQuery = <R>(build: (db: TExecutor, param: string) => Compilable<R>) => {
  const compiledByDb = new WeakMap<TExecutor, CompiledQuery<R>>()
  return async (db: TExecutor, param: string): Promise<R[]> => {
    let compiled = compiledByDb.get(db)
    if (!compiled) {
      compiled = build(db, param).compile()
      if (compiled.parameters.length !== 1)
        throw new Error('reusableQuery needs a query with exactly one parameter')
      compiledByDb.set(db, compiled)
    }
    const result = await db.executeQuery<R>({ ...compiled, parameters: [param] })
    return result.rows
  }
}
