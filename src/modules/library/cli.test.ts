/** `custos library …` end to end: exit codes, messages, table alignment. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { formatTable } from './cli.ts'

const ROOT = join(import.meta.dirname, '../../..')
const BROKEN = 'test/fixtures/library/broken'

const spawn = (entry: string, args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
/** Through the real entry point (slow to start: it loads every module). */
const custos = (...args: string[]) => spawn('src/cli/main.ts', args)
/** Through the library commands alone: same commands, faster start. */
const library = (...args: string[]) => spawn('src/modules/library/cli.ts', args)

describe('custos library', () => {
  it('validate exits 1 on a broken library and names file, URN and field', () => {
    const run = custos('library', 'validate', '--content', BROKEN)
    assert.equal(run.code, 1)
    assert.match(
      run.stdout,
      /^test\/fixtures\/library\/broken\/frameworks\/toolkit\.yaml: urn:custos:toolkit:requirement:T2\.03 links\[0\]\.target: unknown URN urn:custos:icoc:provision:p999$/m,
    )
    assert.match(run.stderr, /problem\(s\) in the library/)
    assert.doesNotMatch(run.stderr, /\s+at .+:\d+:\d+/)
  })

  it('validate --format json lists the problems as data', () => {
    const run = library('library', 'validate', '--content', BROKEN, '--format', 'json')
    assert.equal(run.code, 1)
    const report = JSON.parse(run.stdout) as {
      isValid: boolean
      problems: { file: string; urn?: string; field?: string }[]
    }
    assert.equal(report.isValid, false)
    assert.ok(
      report.problems.some(
        (p) =>
          p.urn === 'urn:custos:toolkit:requirement:T2.03' &&
          p.field === 'links[0].target' &&
          p.file.endsWith('frameworks/toolkit.yaml'),
      ),
    )
  })

  it('bad arguments exit 2 without a stack trace', () => {
    const viaMain = custos('library', 'list', '--kind', 'spaceship')
    assert.equal(viaMain.code, 2)
    assert.match(viaMain.stderr, /unknown kind "spaceship"/)
    for (const args of [
      ['library', 'list', '--kind', 'spaceship'],
      ['library', 'list', '--format', 'xml'],
      ['library', 'list', '--locale', 'tlh'],
      ['library', 'validate', '--no-such-option'],
      ['library', 'validate', '--content', 'test/fixtures/library/no-such-folder'],
    ]) {
      const run = library(...args)
      assert.equal(run.code, 2, `${args.join(' ')} → ${run.code}: ${run.stderr}`)
      assert.doesNotMatch(run.stderr, /\s+at .+:\d+:\d+/)
    }
  })

  it('show of an unknown URN exits 2 and suggests the nearest URNs', () => {
    const run = library('library', 'show', 'urn:custos:method:topic:cctv_rule')
    assert.equal(run.code, 2)
    assert.match(run.stderr, /unknown URN urn:custos:method:topic:cctv_rule/)
    assert.match(run.stderr, /nearest: urn:custos:method:topic:cctv_rules/)
  })

  it('show --format json prints the object with its crosswalk links', () => {
    const run = library(
      'library',
      'show',
      'urn:custos:toolkit:requirement:T2.01',
      '--format',
      'json',
      '--locale',
      'en',
    )
    assert.equal(run.code, 0, run.stderr)
    const view = JSON.parse(run.stdout) as { kind: string; title: unknown; crosswalk: unknown[] }
    assert.equal(view.kind, 'requirement')
    assert.equal(typeof view.title, 'string')
    assert.ok(view.crosswalk.length >= 1)
  })

  it('list --kind topic --format json lists the nine topics', () => {
    const run = library('library', 'list', '--kind', 'topic', '--format', 'json')
    assert.equal(run.code, 0, run.stderr)
    const entries = JSON.parse(run.stdout) as { urn: string }[]
    assert.equal(entries.length, 9)
  })
})

describe('formatTable', () => {
  it('aligns every column to its widest cell', () => {
    const text = formatTable(
      ['A', 'LONG HEADER', 'C'],
      [
        ['xxxxx', 'y', 'last'],
        ['x', 'yyyyyyyyyyyyyyy', 'z'],
      ],
    )
    const lines = text.split('\n')
    const starts = (line: string) => [line.indexOf(line.trim().split(/\s{2,}/)[1] ?? '')]
    assert.equal(lines.length, 4)
    assert.deepEqual(starts(lines[0] as string), starts(lines[2] as string))
    assert.equal(lines[3], 'x      yyyyyyyyyyyyyyy  z')
    assert.equal(lines[1], '-----  ---------------  ----')
  })
})
