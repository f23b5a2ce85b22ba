// `npm test`: every *.test.ts under src/ and test/, run by node's test runner through tsx.
// Extra arguments narrow the run: `npm test -- src/modules/bias` runs only files under that path.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const filters = process.argv.slice(2)

function collect(dir, out) {
  if (!existsSync(dir)) return out
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'fixtures') continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) out.push(relative(root, path))
  }
  return out
}

const files = [
  ...collect(join(root, 'src'), []),
  ...collect(join(root, 'test'), []),
  ...collect(join(root, 'web'), []),
]
  .filter(
    (file) => filters.length === 0 || filters.some((filter) => file.startsWith(filter.replace(/^\.\//, ''))),
  )
  .sort()

if (files.length === 0) {
  process.stderr.write('No test files matched.\n')
  process.exit(1)
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
})
process.exit(result.status ?? 1)
