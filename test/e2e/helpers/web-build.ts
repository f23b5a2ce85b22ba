/**
 * Browser tests need the built web app. This builds dist/web with Vite's JS API when it is missing
 * or older than any source file of web/ or of the shared schemas it imports, and hands each test
 * process its own copy.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
export const WEB_DIST_DIR = join(root, 'dist', 'web')
const INDEX = join(WEB_DIST_DIR, 'index.html')
/** Test files run in parallel processes; only one may rebuild dist/web at a time. */
const LOCK = join(root, 'dist', '.web-build.lock')
const LOCK_STALE_MS = 120_000
// The same inputs as scripts/build.mjs: the app and the server modules whose types and rules it imports.
const INPUTS = [join(root, 'web'), join(root, 'src', 'modules')]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

/** True when dist/web is missing or older than its sources. */
export function isWebBuildStale(): boolean {
  if (!existsSync(INDEX)) return true
  const built = statSync(INDEX).mtimeMs
  return INPUTS.some((input) => newestMtime(input) > built)
}

/** Takes the build lock (waiting for another process to finish); returns the release function. */
async function acquireLock(): Promise<() => void> {
  mkdirSync(dirname(LOCK), { recursive: true })
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx')
      closeSync(fd)
      return () => rmSync(LOCK, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // A lock left by a killed process must not block every later run.
      const lock = statSync(LOCK, { throwIfNoEntry: false })
      if (lock && Date.now() - lock.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { force: true })
      await sleep(200)
    }
  }
}

/**
 * Builds the web app if it is stale, then returns a private copy of it for this test process to
 * serve: a later rebuild of dist/web (by another test file, `npm run build` or a developer) empties
 * that folder and would pull the files from under a running browser test.
 */
export async function ensureWebBuild(): Promise<string> {
  const release = await acquireLock()
  try {
    if (isWebBuildStale()) {
      const { build } = await import('vite')
      await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' })
    }
    const snapshot = mkdtempSync(join(tmpdir(), 'custos-e2e-web-'))
    cpSync(WEB_DIST_DIR, snapshot, { recursive: true })
    process.once('exit', () => rmSync(snapshot, { recursive: true, force: true }))
    return snapshot
  } finally {
    release()
  }
}
