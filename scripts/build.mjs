// Builds what is out of date: the server/CLI bundle (dist/cli.js, esbuild) and the web app
// (dist/web, Vite, whose config also writes a .br and a .gz copy of each text asset for the server
// to send precompressed). `--force` rebuilds both. Used by `npm install` (prepare), `npm start`
// and `npm run build`, so a newcomer never has to know which part needs building.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const force = process.argv.includes('--force')

/** Newest modification time (ms) of any file under the given paths; 0 when none exist. */
function newestMtime(paths) {
  let newest = 0
  const visit = (path) => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry))
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs
  }
  for (const path of paths) visit(join(root, path))
  return newest
}

const isStale = (output, inputs) => {
  if (force || !existsSync(join(root, output))) return true
  return newestMtime(inputs) > statSync(join(root, output)).mtimeMs
}

const started = Date.now()
const built = []

if (isStale('dist/cli.js', ['src', 'package.json', 'tsconfig.json'])) {
  const { build } = await import('esbuild')
  await build({
    // The bias audit's worker threads load their own entry beside the CLI bundle.
    entryPoints: {
      cli: join(root, 'src/cli/main.ts'),
      'count-worker': join(root, 'src/modules/bias/counting/worker.ts'),
    },
    outdir: join(root, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
  })
  built.push('server')
}

const webConfig = join(root, 'web/vite.config.ts')
if (existsSync(webConfig) && isStale('dist/web/index.html', ['web', 'src/modules', 'package.json'])) {
  const { build } = await import('vite')
  await build({ configFile: webConfig, logLevel: 'warn' })
  built.push('web')
}

// Parse and check the library and the jurisdiction files once now, so the first start (or first
// page) does not pay for it: the loaders keep checked files in node_modules/.cache/custos, keyed by
// content and code. `jurisdictions list` loads both.
const libraryCache = join(root, 'node_modules', '.cache', 'custos')
if (built.includes('server') || newestMtime(['content']) > newestMtime(['node_modules/.cache/custos'])) {
  const { spawnSync } = await import('node:child_process')
  spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'jurisdictions', 'list', '--format', 'json'], {
    cwd: root,
    stdio: 'ignore',
  })
  if (existsSync(libraryCache)) built.push('library cache')
}

if (built.length > 0) {
  process.stdout.write(
    `custos: built ${built.join(' and ')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  )
}
