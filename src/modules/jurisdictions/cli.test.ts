/** `custos gap` as a user runs it: the JSON contract, CSV, and bad input → exit 2 without a stack. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
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
  it('prints the docs/contracts.md JSON shape, EU ai_rules covered and the emotion-recognition restriction', () => {
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
      /'DEU' is a three-letter code; countries are given by their two-letter code\. Did you mean DE \(Germany\)\?/,
    ],
    [
      'an unknown technology',
      ['--technology', 'face-recog', '--countries', 'DE'],
      /Unknown technology 'face-recog'.*Valid technologies: cctv,/,
    ],
    ['no country at all', ['--technology', 'cctv'], /Add at least one country/],
    [
      'a made-up country code',
      ['--technology', 'cctv', '--countries', 'DE,XX'],
      /Unknown country code 'XX'\. Valid codes: AD, AE, /,
    ],
    [
      'a code the dataset does not hold',
      ['--technology', 'cctv', '--countries', 'TW'],
      /No jurisdiction data for 'TW' \(Taiwan.*Valid codes: /,
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

/** The dataset as files: one YAML file per jurisdiction, so counts below are read from the folder. */
const JURISDICTION_FILES = EVERY_COUNTRY.split(',')
const restrictionsIn = (code: string): number =>
  (readFileSync(join(root, 'content/jurisdictions', `${code}.yaml`), 'utf8').match(/^ {2}- id: /gm) ?? [])
    .length

describe('custos jurisdictions', () => {
  it('--help names the three subcommands, exit 0', () => {
    const { code, stdout } = custos('jurisdictions', '--help')
    assert.equal(code, 0)
    for (const command of ['validate', 'list', 'show']) assert.match(stdout, new RegExp(`\\n  ${command}\\b`))
  })

  it('validate accepts the shipped dataset and counts every file, exit 0', () => {
    const { code, stdout, stderr } = custos('jurisdictions', 'validate')
    assert.equal(code, 0, stderr)
    assert.equal(stderr, '')
    assert.match(
      stdout,
      new RegExp(`^jurisdictions valid: ${JURISDICTION_FILES.length} jurisdictions, \\d+ facts`),
    )
    assert.match(stdout, /governance Source: World Bank/)
  })

  it('list prints one aligned row per jurisdiction under a header', () => {
    const { code, stdout } = custos('jurisdictions', 'list')
    assert.equal(code, 0)
    const lines = stdout.trimEnd().split('\n')
    assert.match(
      lines[0] ?? '',
      /^CODE {2}NAME +RULE OF LAW {2}ENFORCEMENT {2}YES {2}PARTIAL {2}NO {2}UNKNOWN {2}COVERED$/,
    )
    assert.equal(lines.length, 1 + JURISDICTION_FILES.length)
    // Germany's rule of law is 1.5512 in content/governance/wgi-2023.csv: strong.
    assert.match(lines.find((line) => line.startsWith('DE ')) ?? '', /^DE +Germany +1\.55 +strong +\d/)
    // The Holy See has no WGI value: its rule of law is n/a, its enforcement unknown.
    assert.match(lines.find((line) => line.startsWith('VA ')) ?? '', /Holy See.* n\/a +unknown /)
  })

  it('list --format json --locale fr gives French names', () => {
    const { code, stdout } = custos('jurisdictions', 'list', '--format', 'json', '--locale', 'fr')
    assert.equal(code, 0)
    const rows = JSON.parse(stdout) as { code: string; name: string }[]
    assert.equal(rows.length, JURISDICTION_FILES.length)
    assert.equal(rows.find((row) => row.code === 'DE')?.name, 'Allemagne')
  })

  it('show prints governance, memberships, nine topics and the restrictions of one jurisdiction', () => {
    const { code, stdout } = custos('jurisdictions', 'show', 'de')
    assert.equal(code, 0)
    assert.match(stdout, /^DE Germany \(DEU\)\n/)
    assert.match(stdout, /Governance \(WGI 2023\): rule of law 1\.5512 \(enforcement strong\)/)
    assert.match(stdout, /\n {2}eu {8}true {4}source /)
    assert.equal(stdout.match(/^ {2}[a-z_]+ +(yes|partial|no|unknown) +\[.\] /gm)?.length, 9)
    assert.match(stdout, new RegExp(`\\nRestrictions \\(${restrictionsIn('DE')}\\):\\n`))
    assert.match(stdout, /prohibited \(strictness 3\) eu-ai-act-emotion-recognition-workplace \[/)
  })

  it('show names a UN observer state and a missing indicator', () => {
    const { code, stdout } = custos('jurisdictions', 'show', 'VA')
    assert.equal(code, 0)
    assert.match(stdout, /^VA Holy See \(Vatican City State\) \(VAT\), UN observer state\n/)
    assert.match(stdout, /rule of law n\/a \(enforcement unknown\)/)
  })

  it('show --format json prints the detail as data', () => {
    const { code, stdout } = custos('jurisdictions', 'show', 'NG', '--format', 'json')
    assert.equal(code, 0)
    const detail = JSON.parse(stdout) as { code: string; facts: unknown[]; restrictions: unknown[] }
    assert.equal(detail.code, 'NG')
    assert.equal(detail.facts.length, 9)
    assert.equal(detail.restrictions.length, restrictionsIn('NG'))
  })

  const bad: [string, string[], RegExp][] = [
    ['an alpha-3 code to show', ['show', 'DEU'], /Did you mean DE \(Germany\)\?/],
    ['an unknown locale', ['list', '--locale', 'xx'], /unknown locale 'xx': use one of en, /],
    ['an unknown list format', ['list', '--format', 'xml'], /Allowed choices are table, json/],
    ['show without a code', ['show'], /missing required argument 'code'/],
  ]
  for (const [name, args, message] of bad) {
    it(`exits 2 with the message on stderr and nothing on stdout for ${name}`, () => {
      const { code, stdout, stderr } = custos('jurisdictions', ...args)
      assert.equal(code, 2, stderr)
      assert.equal(stdout, '')
      assert.match(stderr, message)
      assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/)
    })
  }
})
