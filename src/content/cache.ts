/**
 * A cache of parsed and schema-checked content files (the library's, the jurisdictions'), so the
 * server and the CLI do not pay for YAML parsing and schema checks on every start. Entries are keyed by a hash of the loader's own code, the
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

const CACHE_FORMAT = 'custos-content-cache-2'

/**
 * One cache: its name (one file per name and content folder) and the code that decides what a
 * checked file looks like, as URLs of source files; a change to any of them invalidates the cache.
 * The `yaml` and `zod` packages are not hashed: the cache lives in node_modules, which a package
 * upgrade replaces.
 */
export type TCacheSpec = { name: string; code: URL[] }

const fingerprints = new Map<string, string>()

/** The hash of a cache's code, worked out once per process. */
const codeFingerprint = (spec: TCacheSpec): string => {
  const known = fingerprints.get(spec.name)
  if (known) return known
  const hash = createHash('sha256').update(CACHE_FORMAT).update(spec.name)
  for (const url of [new URL(import.meta.url), ...spec.code]) {
    try {
      hash.update(readFileSync(fileURLToPath(url)))
    } catch {
      // Bundled: the sources are not beside the code; the bundle itself is the fingerprint.
      hash.update(readFileSync(fileURLToPath(import.meta.url)))
      break
    }
  }
  const fingerprint = hash.digest('hex')
  fingerprints.set(spec.name, fingerprint)
  return fingerprint
}

type TCacheFile = { format: string; entries: Record<string, unknown> }

export const cacheFileFor = (spec: TCacheSpec, contentDir: string): string => {
  const key = createHash('sha256').update(contentDir).digest('hex').slice(0, 16)
  return join(paths.cache(), `${spec.name}-${key}.json`)
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
  spec: TCacheSpec,
  contentDir: string,
  sources: S[],
  check: (source: S) => R,
): R[] => {
  const path = cacheFileFor(spec, contentDir)
  const cached = readCache(path)
  const fingerprint = codeFingerprint(spec)
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
