/**
 * The installed `custos` program: bin/custos.js running the bundle that `npm install` builds
 * (dist/cli.js). Exit codes 0 ok, 1 failure, 2 bad input; help on stdout, errors on stderr.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { packageRoot } from '../core/paths.ts'

const ROOT = packageRoot()
const BIN = join(ROOT, 'bin/custos.js')
const BUNDLE = join(ROOT, 'dist/cli.js')
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
/** The commands the README's command table documents. */
const COMMANDS = ['serve', 'migrate', 'user', 'audit', 'library', 'bias-audit', 'gap', 'jurisdictions']

const custos = (args: string[], bin = BIN) => {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const unbuilt = existsSync(BUNDLE) ? false : `${BUNDLE} is not built (npm run build); bin tests skipped`
if (unbuilt) process.stderr.write(`main.test.ts: ${unbuilt}\n`)

describe('bin/custos.js', { skip: unbuilt }, () => {
  it('--version prints the package version, exit 0', () => {
    assert.deepEqual(custos(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('--help lists every documented command on stdout, exit 0', () => {
    const { code, stdout, stderr } = custos(['--help'])
    assert.equal(code, 0)
    assert.equal(stderr, '')
    assert.match(stdout, /^Usage: custos \[options\] \[command\]\n/)
    for (const command of COMMANDS) assert.match(stdout, new RegExp(`\\n  ${command}\\b`), command)
  })

  it('an unknown command exits 2 with the error and the usage on stderr, nothing on stdout', () => {
    const { code, stdout, stderr } = custos(['no-such-command'])
    assert.equal(code, 2)
    assert.equal(stdout, '')
    assert.match(stderr, /^error: unknown command 'no-such-command'\n/)
    assert.match(stderr, /\nUsage: custos /)
  })

  it('runs a command from the bundle: gap --format json, exit 0, JSON alone on stdout', () => {
    const { code, stdout, stderr } = custos([
      'gap',
      '--technology',
      'cctv',
      '--countries',
      'de',
      '--format',
      'json',
    ])
    assert.equal(code, 0, stderr)
    assert.equal(stderr, '')
    const result = JSON.parse(stdout) as { technologies: string[]; jurisdictions: { code: string }[] }
    assert.deepEqual(result.technologies, ['cctv'])
    assert.deepEqual(
      result.jurisdictions.map((j) => j.code),
      ['DE'],
    )
  })

  it('bad input exits 2 with one message on stderr and no stack trace', () => {
    const { code, stdout, stderr } = custos(['gap', '--technology', 'cctv'])
    assert.equal(code, 2)
    assert.equal(stdout, '')
    assert.match(stderr, /^custos: Add at least one country, by its two-letter ISO 3166-1 code/)
    assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/)
  })
})

describe('bin/custos.js without a build', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'custos-bin-'))
  after(() => rmSync(tmp, { recursive: true, force: true }))

  it('says how to build the CLI and exits 1', () => {
    mkdirSync(join(tmp, 'bin'))
    cpSync(BIN, join(tmp, 'bin/custos.js'))
    const { code, stdout, stderr } = custos(['--help'], join(tmp, 'bin/custos.js'))
    assert.equal(code, 1)
    assert.equal(stdout, '')
    assert.equal(stderr, 'custos: the CLI is not built yet. Run `npm run build` in the project folder.\n')
  })
})
