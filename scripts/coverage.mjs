// `npm run coverage`: the non-browser tests (everything but test/e2e) under c8, measured over src/,
// with two thresholds: branch coverage of src/ at least 90 %, and no source file of 40 lines or more
// below 70 % of its lines. A developer script, not part of `npm test` or CI (it doubles the run time).
// Extra arguments narrow the run like `npm test -- <path>` (the thresholds are then only advisory).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MIN_BRANCHES = 90
export const MIN_FILE_LINES = 70
/** Files shorter than this are left to the total: a 10-line file at 60 % is two lines. */
export const FILE_CHECK_FROM_LINES = 40

const root = fileURLToPath(new URL('..', import.meta.url))
const filters = process.argv.slice(2)

/** Every top folder with tests except the browser journeys, as `npm test` path filters. */
function nonBrowserPaths() {
  const tests = readdirSync(join(root, 'test')).filter(
    (entry) => entry !== 'e2e' && entry !== 'fixtures' && statSync(join(root, 'test', entry)).isDirectory(),
  )
  return ['src/', ...tests.map((entry) => `test/${entry}/`)]
}

/** Every source file under src/ (tests left out), relative to the root. */
function sourceFiles(dir = join(root, 'src'), out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) sourceFiles(path, out)
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts'))
      out.push(relative(root, path))
  }
  return out
}

/**
 * Files that hold only types (`src/db/schema.ts`): erased when compiled, never loaded, so they would
 * count as wholly uncovered. Found by compiling each file and seeing no code left.
 */
async function typeOnlyFiles() {
  const { transformSync } = await import('esbuild')
  return sourceFiles().filter((file) => {
    const code = transformSync(readFileSync(join(root, file), 'utf8'), { loader: 'ts', format: 'esm' }).code
    return /^\s*(export\s*\{\s*\};?)?\s*$/.test(code)
  })
}

/** Files below the thresholds, from c8's json-summary (keyed by absolute path, plus "total"). */
export function findShortfalls(summary, base = root) {
  const problems = []
  const total = summary.total
  if (total.branches.pct < MIN_BRANCHES)
    problems.push(`branch coverage of src/ is ${total.branches.pct} %, below ${MIN_BRANCHES} %`)
  for (const [file, entry] of Object.entries(summary)) {
    if (file === 'total' || entry.lines.total < FILE_CHECK_FROM_LINES) continue
    if (entry.lines.pct < MIN_FILE_LINES)
      problems.push(
        `${relative(base, file)}: ${entry.lines.pct} % of ${entry.lines.total} lines, below ${MIN_FILE_LINES} %`,
      )
  }
  return problems
}

async function main() {
  const c8 = createRequire(import.meta.url).resolve('c8/bin/c8.js')
  const typeOnly = await typeOnlyFiles()
  const work = mkdtempSync(join(tmpdir(), 'custos-coverage-'))
  const isNarrowed = filters.length > 0
  try {
    const run = spawnSync(
      process.execPath,
      [
        c8,
        `--temp-directory=${join(work, 'raw')}`,
        `--report-dir=${work}`,
        '--reporter=text',
        '--reporter=json-summary',
        // The whole run counts files no test loads; a narrowed run reports only what it loaded.
        ...(isNarrowed ? [] : ['--all', '--src=src']),
        '--include=src/**',
        '--exclude=**/*.test.ts',
        '--exclude=**/*.test.tsx',
        '--exclude=**/*.d.ts',
        ...typeOnly.map((file) => `--exclude=${file}`),
        '--skip-full',
        process.execPath,
        join(root, 'scripts/test.mjs'),
        ...(isNarrowed ? filters : nonBrowserPaths()),
      ],
      { cwd: root, stdio: 'inherit' },
    )
    const summary = JSON.parse(readFileSync(join(work, 'coverage-summary.json'), 'utf8'))
    const { lines, branches } = summary.total
    process.stdout.write(
      `\n${isNarrowed ? 'files this run loaded' : 'src/'}: ${lines.pct} % of lines (${lines.covered}/${lines.total}), ${branches.pct} % of branches (${branches.covered}/${branches.total})\n`,
    )
    const problems = findShortfalls(summary)
    for (const problem of problems) process.stderr.write(`coverage: ${problem}\n`)
    if (run.status !== 0) process.stderr.write('coverage: some tests failed\n')
    if (isNarrowed && problems.length > 0)
      process.stderr.write('coverage: a narrowed run; thresholds not enforced\n')
    return run.status !== 0 || (!isNarrowed && problems.length > 0) ? 1 : 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main()
