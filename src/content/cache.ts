/**
 * A cache of parsed and schema-checked library files, so the server and the CLI do not pay for YAML
 * parsing and schema checks on every start. Entries are keyed by a hash of the loader's own code, the
 * file's displayed path and its exact bytes: any change to either re-checks that file. The cache lives
 * under the package's node_modules/.cache (never a shared temporary folder, where another user could
 * plant entries) and is only ever an optimisation: a missing, stale or corrupt cache file is ignored
 * and rebuilt.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { paths } from '../core/paths.ts'

const CACHE_FORMAT = 'custos-library-cache-1'

/** The code that decides what a checked file looks like; a change to it invalidates the cache. */
const codeFingerprint = (() => {
  let fingerprint: string | undefined
  return (): string => {
    if (fingerprint) return fingerprint
    const hash = createHash('sha256').update(CACHE_FORMAT)
    for (const name of [
      'loader.ts',
      'schemas.ts',
      'fastcheck.ts',
      'text.ts',
      'urn.ts',
      'yaml.ts',
      'cache.ts',
    ]) {
      try {
        hash.update(readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url))))
      } catch {
        // Bundled: the sources are not beside the code; the bundle itself is the fingerprint.
        hash.update(readFileSync(fileURLToPath(import.meta.url)))
        break
      }
    }
    fingerprint = hash.digest('hex')
    return fingerprint
  }
})()

type TCacheFile = { format: string; entries: Record<string, unknown> }

export const cacheFileFor = (contentDir: string): string => {
  const key = createHash('sha256').update(contentDir).digest('hex').slice(0, 16)
  return join(paths.cache(), `library-${key}.json`)
}

const readCache = (path: string): Record<string, unknown> => {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as TCacheFile
    return parsed.format === CACHE_FORMAT && typeof parsed.entries === 'object' && parsed.entries
      ? parsed.entries
      : {}
  } catch {
    return {}
  }
}

const writeCache = (path: string, entries: Record<string, unknown>): void => {
  try {
    mkdirSync(join(path, '..'), { recursive: true })
    const temp = `${path}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify({ format: CACHE_FORMAT, entries } satisfies TCacheFile))
    renameSync(temp, path)
  } catch {
    // A read-only temp folder only costs speed.
  }
}

/** Runs `check` on each file whose result is not cached, and keeps the cache to the current files. */
export const checkWithCache = <S extends { file: string; kind: string; text: string }, R>(
  contentDir: string,
  sources: S[],
  check: (source: S) => R,
): R[] => {
  const path = cacheFileFor(contentDir)
  const cached = readCache(path)
  const fingerprint = codeFingerprint()
  const next: Record<string, unknown> = {}
  let misses = 0
  const results = sources.map((source) => {
    const key = createHash('sha256')
      .update(fingerprint)
      .update(source.file)
      .update(source.kind)
      .update(source.text)
      .digest('hex')
    if (key in cached) {
      next[key] = cached[key]
      return cached[key] as R
    }
    misses++
    const result = check(source)
    next[key] = result
    return result
  })
  if (misses > 0 || Object.keys(cached).length !== Object.keys(next).length) writeCache(path, next)
  return results
}
