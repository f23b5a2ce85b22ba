/** Writes one benchmark's section of docs/benchmarks.md, replacing the previous run's section. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { paths } from '../../src/core/paths.ts'

const PREAMBLE =
  '# Benchmarks\n\nEach section is written by its script in bench/; numbers come from one run on the named machine.\n'

/** `section` starts with its `## ` heading line; other sections are kept as they are. */
export function writeBenchmarkSection(section: string): void {
  const heading = section.slice(0, section.indexOf('\n'))
  const file = join(paths.docs(), 'benchmarks.md')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    text = PREAMBLE
  }
  const body = `${section.trim()}\n`
  const start = text.indexOf(`${heading}\n`)
  if (start === -1) text = `${text.trimEnd()}\n\n${body}`
  else {
    const next = text.indexOf('\n## ', start + heading.length)
    text = `${text.slice(0, start)}${body}${next === -1 ? '' : `\n${text.slice(next + 1)}`}`
  }
  writeFileSync(file, text)
  process.stdout.write(`Wrote ${file}\n`)
}
