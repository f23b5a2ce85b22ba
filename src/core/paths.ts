/** Where things live on disk, resolved from the package root rather than the working directory. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_NAME = 'custos'

/** Walks up from `start` to the folder whose package.json is named "custos". */
export const findPackageRoot = (start: string): string => {
  let dir = resolve(start)
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'))
        if (
          typeof parsed === 'object' &&
          parsed !== null &&
          'name' in parsed &&
          parsed.name === PACKAGE_NAME
        ) {
          return dir
        }
      } catch {
        // An unreadable manifest on the way up is not ours; keep walking.
      }
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`package root of ${PACKAGE_NAME} not found above ${start}`)
    dir = parent
  }
}

let cachedRoot: string | undefined

/** The package root (works from src/ under tsx and from dist/ once bundled). */
export const packageRoot = (): string => {
  cachedRoot ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)))
  return cachedRoot
}

export const paths = {
  /** The built SPA (vite output). */
  webDist: (): string => join(packageRoot(), 'dist', 'web'),
  /** Project documentation (benchmarks write their sections here). */
  docs: (): string => join(packageRoot(), 'docs'),
  /** Library content (YAML). */
  content: (): string => join(packageRoot(), 'content'),
  /**
   * Caches of derived data (e.g. the checked library), inside the package so that no other user
   * of the machine can plant an entry, as a shared temporary folder would allow.
   */
  cache: (): string => join(packageRoot(), 'node_modules', '.cache', 'custos'),
  /** Default data folder, relative to the working directory like DATABASE_URL paths. */
  defaultDataDir: (): string => resolve('data'),
}
