#!/usr/bin/env node
// The `custos` command: runs the bundled CLI built by scripts/build.mjs (run on `npm install`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(cli)) {
  process.stderr.write('custos: the CLI is not built yet. Run `npm run build` in the project folder.\n')
  process.exit(1)
}
await import(cli)
