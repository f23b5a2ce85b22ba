// `npm run bench`: runs every benchmark in bench/ (or the ones named: `npm run bench -- http gap`).
// Each benchmark prints its table and the ratio to its peer, and rewrites its own section of
// docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const available = readdirSync(new URL('../bench/', import.meta.url))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort()
const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}\n`)
  process.exit(2)
}

let failed = false
for (const name of requested.length > 0 ? requested : available) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
