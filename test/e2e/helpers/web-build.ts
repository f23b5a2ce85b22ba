/**
 * Browser tests need the built web app in dist/web. This builds it with Vite's JS API when it is
 * missing or older than any source file of web/ or of the shared schemas it imports.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
export const WEB_DIST_DIR = join(root, 'dist', 'web')
const INDEX = join(WEB_DIST_DIR, 'index.html')
const INPUTS = [join(root, 'web'), join(root, 'src', 'modules', 'platform')]

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

/** Builds the web app if it is stale; returns the folder the server should serve. */
export async function ensureWebBuild(): Promise<string> {
  if (isWebBuildStale()) {
    const { build } = await import('vite')
    await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' })
  }
  return WEB_DIST_DIR
}
