/** `custos library …` end to end: exit codes, messages, table alignment. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
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

describe('custos library on valid content', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'custos-library-cli-'))
  after(() => rmSync(tmp, { recursive: true, force: true }))
  const LOCK = 'urns.lock.json'
  const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { urns: object }
  const shipped = Object.keys(lockOf(join(ROOT, 'content')).urns).length

  /** A copy of the shipped content whose lock forgets its first `forget` URNs. */
  const contentForgetting = (name: string, forget: number): string => {
    const dir = join(tmp, name)
    cpSync(join(ROOT, 'content'), dir, { recursive: true })
    const lock = lockOf(dir)
    const urns = Object.entries(lock.urns).slice(forget)
    writeFileSync(
      join(dir, LOCK),
      `${JSON.stringify({ ...lock, urns: Object.fromEntries(urns) }, null, 2)}\n`,
    )
    return dir
  }

  it('validate says the shipped library is valid and counts its objects, exit 0', () => {
    const run = library('library', 'validate')
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^library valid: \d+ objects in \d+ files \(\d+ frameworks, \d+ requirements, /)
    assert.match(run.stdout, /, 9 topics, 11 groups, \d+ sources\)\n$/)
  })

  it('lock adds the URNs the lock forgot, and nothing twice', () => {
    const dir = contentForgetting('lock', 3)
    const first = library('library', 'lock', '--content', dir)
    assert.equal(first.code, 0, first.stderr)
    assert.equal(first.stdout, `urns.lock.json: 3 URN(s) added, 0 version(s) raised, ${shipped} in all\n`)
    assert.equal(Object.keys(lockOf(dir).urns).length, shipped)
    const again = library('library', 'validate', '--content', dir, '--update-lock')
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /library valid: .*\nurns\.lock\.json: 0 URN\(s\) added, 0 version\(s\) raised/)
  })

  it('lock refuses a broken library and writes no lock, exit 1', () => {
    const run = library('library', 'lock', '--content', BROKEN)
    assert.equal(run.code, 1)
    assert.match(run.stdout, /unknown URN urn:custos:icoc:provision:p999/)
    assert.match(run.stderr, /the lock is only updated when the library is valid/)
    assert.equal(existsSync(join(ROOT, BROKEN, LOCK)), false)
  })

  it('list prints a table of kind, URN, version and title, in the language asked for', () => {
    const run = library('library', 'list', '--kind', 'topic', '--locale', 'fr')
    assert.equal(run.code, 0, run.stderr)
    const lines = run.stdout.trimEnd().split('\n')
    assert.match(lines[0] ?? '', /^KIND +URN +VERSION +TITLE$/)
    assert.match(lines[1] ?? '', /^-+ {2}-+ {2}-+ {2}-+$/)
    assert.equal(lines.length, 2 + 9, 'a header, a rule and the nine topics')
    assert.ok(lines.slice(2).every((line) => /^topic +urn:custos:method:topic:\w+ +\d+ +\S/.test(line)))
  })

  it('stats prints the counts as a table and as JSON', () => {
    const table = library('library', 'stats')
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /^KIND +OBJECTS\n/)
    assert.match(table.stdout, /\ntopic +9\n/)
    assert.match(table.stdout, /\nrequirements per area: T1 \d+, /)
    assert.match(table.stdout, /\nquestionnaire \S+ \(\w+\): \d+ questions, \d+ with effects; per section: /)
    const json = library('library', 'stats', '--format', 'json')
    assert.equal(json.code, 0, json.stderr)
    const stats = JSON.parse(json.stdout) as { objects: Record<string, number> }
    assert.equal(stats.objects.topic, 9)
    assert.equal(stats.objects.group, 11)
  })

  it('show prints the object as YAML with its crosswalk as arrows', () => {
    const run = library('library', 'show', 'urn:custos:toolkit:requirement:T2.01')
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^urn: urn:custos:toolkit:requirement:T2\.01\n/)
    assert.match(run.stdout, /\ncrosswalk:\n {2}- [→←] (subset|superset|equal|related) urn:custos:/)
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
