/** `custos gap` as a user runs it: the JSON contract, CSV, and bad input → exit 2 without a stack. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
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
      'an unknown format',
      ['--technology', 'cctv', '--countries', 'DE', '--format', 'xml'],
      /Allowed choices are table, json, csv/,
    ],
  ]
  for (const [name, args, message] of bad) {
    it(`exits 2 with a message and no stack trace for ${name}`, () => {
      const { code, stderr, stdout } = custos('gap', ...args)
      assert.equal(code, 2)
      assert.match(stderr, message)
      assert.doesNotMatch(stderr + stdout, /\n\s+at .+:\d+:\d+/)
    })
  }
})
