// `npm run check` step: the layering rules of ARCHITECTURE.md ("The module shape"), checked on the
// import statements of src/ so that a slip fails the build instead of waiting for a review.
//   1. Only a module's edges (routes, schemas, tests) import src/http/; services and repositories
//      never do.
//   2. A module reaches another module only through that module's index.ts (its front door).
//   3. The content library (src/content/) is imported only through src/content/index.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')

const walk = (dir, out = []) => {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (/\.tsx?$/.test(entry)) out.push(path)
  }
  return out
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]/g
const isTest = (file) => /\.test\.tsx?$/.test(file)
/** Files of a module that form its HTTP edge and may use src/http/. */
const isHttpEdge = (file) => /(^|[\\/])(routes|schemas|api-schemas)\.ts$/.test(file)
const moduleOf = (file) => {
  const rel = relative(join(src, 'modules'), file)
  return rel.startsWith('..') ? null : rel.split(sep)[0]
}

const problems = []
for (const file of walk(src)) {
  if (isTest(file)) continue
  const text = readFileSync(file, 'utf8')
  const from = moduleOf(file)
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), match[1])
    const shown = `${relative(root, file)} imports ${relative(root, target)}`
    const inHttp = !relative(join(src, 'http'), target).startsWith('..')
    if (from && inHttp && !isHttpEdge(file))
      problems.push(`${shown}: only routes and schemas may use src/http/`)
    const to = moduleOf(target)
    if (from && to && from !== to && relative(join(src, 'modules', to), target) !== 'index.ts')
      problems.push(`${shown}: reach the ${to} module through src/modules/${to}/index.ts`)
    const inContent = !relative(join(src, 'content'), target).startsWith('..')
    const fromContent = !relative(join(src, 'content'), file).startsWith('..')
    if (inContent && !fromContent && relative(join(src, 'content'), target) !== 'index.ts')
      problems.push(`${shown}: use the content library through src/content/index.ts`)
  }
}
if (problems.length > 0) {
  process.stderr.write(`${problems.length} import(s) break the module shape (ARCHITECTURE.md):\n`)
  for (const problem of problems) process.stderr.write(`  ${problem}\n`)
  process.exit(1)
}
