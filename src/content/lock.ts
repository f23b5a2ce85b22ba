/**
 * content/urns.lock.json records every published URN with its version. A URN in the lock must still
 * exist and its version must not go down: other organisations' assessments and answers point at
 * these URNs, so removing or rewinding one would silently break them (docs/library.md).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { TLibrary, TProblem } from './library.ts'
import { displayDirOf } from './loader.ts'

export const LOCK_FILE = 'urns.lock.json'

const ZLock = z.strictObject({
  note: z.string().optional(),
  urns: z.record(z.string(), z.number().int().min(1)),
})
export type TLock = z.infer<typeof ZLock>

/** Reads the lock; a missing file is an empty lock, a malformed one is a problem. */
export const readLock = (contentDir: string): { lock: TLock; problems: TProblem[] } => {
  const display = `${displayDirOf(contentDir)}/${LOCK_FILE}`
  const empty: TLock = { urns: {} }
  let text: string
  try {
    text = readFileSync(join(contentDir, LOCK_FILE), 'utf8')
  } catch {
    return { lock: empty, problems: [] }
  }
  try {
    const parsed = ZLock.safeParse(JSON.parse(text))
    if (parsed.success) return { lock: parsed.data, problems: [] }
    return {
      lock: empty,
      problems: [{ file: display, message: `malformed lock file: ${parsed.error.issues[0]?.message}` }],
    }
  } catch (error) {
    return {
      lock: empty,
      problems: [{ file: display, message: `not valid JSON: ${(error as Error).message}` }],
    }
  }
}

/** Published URNs that disappeared and versions that went down. */
export const checkLock = (library: TLibrary, lock: TLock): TProblem[] => {
  const problems: TProblem[] = []
  for (const [urn, version] of Object.entries(lock.urns)) {
    const object = library.objects.get(urn)
    if (!object) {
      problems.push({
        file: `${library.displayDir}/${LOCK_FILE}`,
        urn,
        message: 'published URN no longer exists (published URNs never disappear)',
      })
    } else if (object.version < version) {
      problems.push({
        file: object.file,
        urn,
        field: 'version',
        message: `version ${object.version} is below the published ${version}`,
      })
    }
  }
  return problems
}

/** The lock with every current URN added or raised to its current version. */
export const updatedLock = (
  library: TLibrary,
  lock: TLock,
): { lock: TLock; added: number; raised: number } => {
  const urns: Record<string, number> = { ...lock.urns }
  let added = 0
  let raised = 0
  for (const object of library.objects.values()) {
    const previous = urns[object.urn]
    if (previous === undefined) added++
    else if (previous < object.version) raised++
    urns[object.urn] = Math.max(previous ?? 0, object.version)
  }
  const sorted = Object.fromEntries(Object.entries(urns).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return {
    lock: {
      note: 'Published library URNs and their versions. Written by `custos library lock`; never edit by hand.',
      urns: sorted,
    },
    added,
    raised,
  }
}

export const writeLock = (contentDir: string, lock: TLock): void => {
  writeFileSync(join(contentDir, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`)
}
