/** `custos gap` as a user runs it: the JSON contract, CSV, and bad input → exit 2 without a stack. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { TGapResult } from './gap.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const custos = (...args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Every jurisdiction of the dataset, so the JSON is far larger than a pipe buffer. */
const EVERY_COUNTRY = readdirSync(join(root, 'content/jurisdictions'))
  .filter((file) => /^[A-Z]{2}\.yaml$/.test(file))
  .map((file) => file.slice(0, 2))
  .join(',')

describe('custos gap', () => {
  it('prints the DESIGN §6 JSON shape, EU ai_rules covered and the emotion-recognition restriction', () => {
    const { code, stdout } = custos(
      'gap',
      '--technology',
      'facial-recognition',
      '--countries',
      'de,NG,BR',
      '--format',
      'json',
    )
    assert.equal(code, 0)
    const result = JSON.parse(stdout) as TGapResult
    for (const key of [
      'technologies',
      'jurisdictions',
      'matrix',
      'gaps',
      'restrictions',
      'baseline',
      'coverage',
    ])
      assert.ok(key in result, key)
    assert.deepEqual(
      result.jurisdictions.map((j) => j.code),
      ['DE', 'NG', 'BR'],
    )
    assert.equal(result.matrix.find((row) => row.topic === 'ai_rules')?.cells.DE?.level, 'covered')
    assert.ok(result.restrictions.some((r) => r.id === 'eu-ai-act-emotion-recognition-workplace'))
    for (const row of result.matrix)
      for (const cell of Object.values(row.cells))
        if (cell.status === 'unknown') assert.equal(cell.level, 'unknown')
  })

  it('prints CSV with a header and one row per (topic, jurisdiction)', () => {
    const { code, stdout } = custos('gap', '--technology', 'cctv', '--countries', 'DE,NG', '--format', 'csv')
    assert.equal(code, 0)
    const lines = stdout.trimEnd().split('\n')
    assert.match(lines[0] ?? '', /^topic,importance,inconsistent,jurisdiction,/)
    assert.equal((lines.length - 1) % 2, 0)
    assert.ok(lines.length > 3)
  })

  const accepted: [string, string[], string[], string[]][] = [
    [
      'lower-case codes with spaces and duplicates, --format in capitals',
      ['--technology', 'facial-recognition', '--countries', 'de, NG,DE', '--format', 'JSON'],
      ['facial-recognition'],
      ['DE', 'NG'],
    ],
    [
      'repeated --technology and --countries flags with comma lists',
      ['--technology', 'cctv', '--technology', 'drones,CCTV', '--countries', 'BR', '--countries', 'ng'],
      ['cctv', 'drones'],
      ['BR', 'NG'],
    ],
  ]
  for (const [name, args, technologies, codes] of accepted) {
    it(`accepts ${name}: exit 0, JSON alone on stdout, nothing on stderr`, () => {
      const { code, stdout, stderr } = custos('gap', ...args, '--format', 'json')
      assert.equal(code, 0, stderr)
      assert.equal(stderr, '')
      const result = JSON.parse(stdout) as TGapResult
      assert.deepEqual(result.technologies, technologies)
      assert.deepEqual(
        result.jurisdictions.map((j) => j.code),
        codes,
      )
    })
  }

  it('prints a table that does not rely on colour when stdout is not a terminal', () => {
    const { code, stdout } = custos('gap', '--technology', 'facial-recognition', '--countries', 'DE,NG')
    assert.equal(code, 0)
    assert.ok(!stdout.includes(`${String.fromCharCode(27)}[`), 'no ANSI colour codes')
    assert.match(stdout, /ai_rules\s+essential\s+\[\+\] covered\s+\[\?\] unknown\s+\[!\] inconsistent/)
    assert.match(
      stdout,
      /\[PROPOSED\] prohibited \(strictness 3\) eu-ai-act-emotion-recognition-workplace in DE/,
    )
  })

  it('stops quietly when the reader closes the pipe early (no EPIPE stack trace)', () => {
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" --import tsx src/cli/main.ts gap --technology cctv,drones,facial-recognition,gps-tracking --countries ${EVERY_COUNTRY} --format json | head -c 10 >/dev/null`,
      ],
      { cwd: root, encoding: 'utf8' },
    )
    assert.equal(result.status, 0)
    assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at /)
  })

  const bad: [string, string[], RegExp][] = [
    [
      'an alpha-3 country code',
      ['--technology', 'cctv', '--countries', 'DEU'],
      /unknown country 'DEU': use ISO 3166-1 alpha-2, did you mean DE\?/,
    ],
    [
      'an unknown technology',
      ['--technology', 'face-recog', '--countries', 'DE'],
      /unknown technology 'face-recog'.*Valid technologies: cctv,/,
    ],
    ['no country at all', ['--technology', 'cctv'], /no country given/],
    [
      'a made-up country code',
      ['--technology', 'cctv', '--countries', 'DE,XX'],
      /unknown country 'XX': use ISO 3166-1 alpha-2 codes\. Valid codes: AD, AE, /,
    ],
    [
      'a code the dataset does not hold',
      ['--technology', 'cctv', '--countries', 'TW'],
      /no jurisdiction data for 'TW'.*Valid codes: /,
    ],
    [
      'an unknown format',
      ['--technology', 'cctv', '--countries', 'DE', '--format', 'xml'],
      /Allowed choices are table, json, csv/,
    ],
  ]
  for (const [name, args, message] of bad) {
    it(`exits 2 with a message and no stack trace for ${name}`, () => {
      const { code, stderr, stdout } = custos('gap', ...args)
      assert.equal(code, 2, stderr)
      assert.equal(stdout, '')
      assert.match(stderr, message)
      assert.doesNotMatch(stderr + stdout, /\n\s+at .+:\d+:\d+/)
    })
  }
})
