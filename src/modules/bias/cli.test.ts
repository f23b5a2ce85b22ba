import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'

const ROOT = join(import.meta.dirname, '../../..')
const FIXTURES = join(ROOT, 'test/fixtures/bias')
const tmp = mkdtempSync(join(tmpdir(), 'custos-bias-cli-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

// A minimal program with only this module's commands, handling commander errors as src/cli/main.ts does
// (usage errors exit 2), so these tests do not depend on other modules being mid-way through a change.
const ENTRY = `
import { Command } from 'commander'
import { registerBiasCommands } from ${JSON.stringify(join(ROOT, 'src/modules/bias/cli.ts'))}
const program = new Command('custos').exitOverride()
registerBiasCommands(program)
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }) } catch (err) { process.exitCode = err.exitCode === 0 ? 0 : 2 }
`

function custos(args: string[], input?: Buffer): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', ENTRY, '--', 'bias-audit', ...args],
    {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A decision log with known answers: rows repeated from a count table. */
function knownLog(): string {
  const table: [string, string, string, string, number][] = [
    // sex, region, label, pred, how many
    ['F', 'north', '1', '1', 12],
    ['F', 'north', '0', '1', 8],
    ['F', 'north', '0', '0', 20],
    ['M', 'north', '1', '0', 5],
    ['M', 'north', '0', '0', 35],
    ['M', 'south', '1', '1', 30],
    ['M', 'south', '0', '0', 10],
    ['F', 'south', 'yes', 'no', 3],
  ]
  const lines = ['region,sex,label,pred']
  for (const [sex, region, label, pred, times] of table)
    for (let i = 0; i < times; i++) lines.push(`${region},${sex},${label},${pred}`)
  lines.push('north,F,2,1')
  return `${lines.join('\n')}\n`
}

describe('custos bias-audit JSON contract', () => {
  const path = join(tmp, 'known.csv')
  writeFileSync(path, knownLog())
  const run = custos([
    path,
    '--group',
    'sex,region',
    '--label',
    'label',
    '--pred',
    'pred',
    '--format',
    'json',
  ])

  it('exits 0 with JSON on stdout', () => {
    assert.equal(run.code, 0, run.stderr)
  })
  const report = JSON.parse(run.stdout || '{}')

  it('counts rows, skipped rows and overall n = rows − skipped', () => {
    assert.equal(report.rows, 124)
    assert.equal(report.skipped, 1)
    assert.equal(report.overall.n, 123)
    assert.deepEqual(
      [report.overall.tp, report.overall.fp, report.overall.tn, report.overall.fn],
      [42, 8, 65, 8],
    )
  })

  it('keys groups as col=value joined by | in --group order, with attributes', () => {
    assert.deepEqual(
      report.groups.map((g: { key: string }) => g.key),
      ['sex=F|region=north', 'sex=F|region=south', 'sex=M|region=north', 'sex=M|region=south'],
    )
    assert.deepEqual(report.groups[0].attributes, { sex: 'F', region: 'north' })
  })

  it('reports every rate by name, null where undefined, with intervals and the insufficient mark', () => {
    const fs = report.groups[1]
    assert.deepEqual([fs.n, fs.tp, fs.fp, fs.tn, fs.fn], [3, 0, 0, 0, 3])
    assert.equal(fs.selectionRate, 0)
    assert.equal(fs.fpr, null)
    assert.equal(fs.ppv, null)
    assert.equal(fs.ci.fpr, null)
    assert.equal(fs.insufficient, true)
    const fnorth = report.groups[0]
    assert.equal(fnorth.selectionRate, 0.5)
    assert.equal(fnorth.tpr, 1)
    assert.equal(fnorth.fpr, 8 / 28)
    assert.equal(fnorth.insufficient, false)
    for (const name of [
      'selectionRate',
      'baseRate',
      'tpr',
      'fpr',
      'tnr',
      'fnr',
      'ppv',
      'npv',
      'fdr',
      'for',
    ]) {
      assert.ok(name in fnorth && name in fnorth.ci, name)
    }
  })

  it('has marginals per column and the named measures in the summary', () => {
    assert.deepEqual(
      report.marginals.sex.map((g: { key: string; n: number }) => [g.key, g.n]),
      [
        ['sex=F', 43],
        ['sex=M', 80],
      ],
    )
    assert.deepEqual(Object.keys(report.marginals), ['sex', 'region'])
    const s = report.summary
    // Selection rates: F|north 0.5, F|south 0 (3 rows, under the default 30), M|north 0, M|south 0.75.
    assert.deepEqual(s.comparedGroups, ['sex=F|region=north', 'sex=M|region=north', 'sex=M|region=south'])
    assert.deepEqual(s.excludedGroups, [{ key: 'sex=F|region=south', rows: 3 }])
    assert.equal(s.tooFewGroups, false)
    assert.equal(s.demographicParityDifference, 0.75)
    assert.equal(s.demographicParityRatio, 0)
    assert.deepEqual(s.measures.demographicParityDifference.max, { key: 'sex=M|region=south', value: 0.75 })
    assert.deepEqual(s.measures.demographicParityDifference.min, { key: 'sex=M|region=north', value: 0 })
    assert.equal(typeof s.equalizedOddsDifference, 'number')
    assert.equal(typeof s.equalizedOddsRatio, 'number')
    // 20/40 against 30/40: the Katz interval reaches past 0.8, so the data cannot tell; 0/40 has an
    // upper bound far under 0.8 (½ added to each cell).
    assert.deepEqual(
      s.adverseImpact.map((a: { key: string; ratio: number; flag: string; flagged: boolean }) => [
        a.key,
        a.ratio,
        a.flag,
        a.flagged,
      ]),
      [
        ['sex=F|region=north', 0.5 / 0.75, 'inconclusive', false],
        ['sex=M|region=north', 0, 'below', true],
        ['sex=M|region=south', 1, 'within', false],
      ],
    )
    assert.deepEqual(
      s.allGroups.adverseImpact.map((a: { key: string }) => a.key),
      ['sex=F|region=north', 'sex=F|region=south', 'sex=M|region=north', 'sex=M|region=south'],
    )
  })
})

describe('custos bias-audit edges', () => {
  it('gives exit code 2 and a message without a stack trace for bad input', () => {
    const cases: [string[], RegExp][] = [
      [[join(FIXTURES, 'empty.csv'), '--group', 'sex', '--label', 'label', '--pred', 'pred'], /empty/],
      [
        [
          join(FIXTURES, 'no-score.csv'),
          '--group',
          'sex',
          '--label',
          'label',
          '--score',
          'score',
          '--threshold',
          '0.5',
        ],
        /not in the header/,
      ],
      [
        [
          join(FIXTURES, 'no-score.csv'),
          '--group',
          'sex',
          '--label',
          'label',
          '--score',
          'pred',
          '--threshold',
          'high',
        ],
        /--threshold must be a number/,
      ],
      [
        [join(FIXTURES, 'header-only.csv'), '--group', 'sex', '--label', 'label', '--pred', 'pred'],
        /no data rows/,
      ],
      [
        [join(FIXTURES, 'garbage.bin'), '--group', 'sex', '--label', 'label', '--pred', 'pred'],
        /does not look like a CSV/,
      ],
      [[join(FIXTURES, 'no-score.csv'), '--group', 'sex', '--pred', 'pred'], /label/],
    ]
    for (const [args, message] of cases) {
      const r = custos(args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
    }
  })

  it('reads gzip from stdin and prints an aligned table without colour when not on a terminal', () => {
    const r = custos(
      ['-', '--group', 'sex', '--label', 'label', '--pred', 'pred'],
      gzipSync(readFileSync(join(FIXTURES, 'labels.csv'))),
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /7 rows read, 3 skipped/)
    // Two rows a group: shown, not compared, and no cross-group figure from them.
    assert.match(r.stdout, /sex=M .* not compared \(2 rows < 30\)/)
    assert.match(r.stdout, /Fewer than two groups have at least 30 rows/)
    assert.match(r.stdout, /Four-fifths rule: not computed/)
    assert.ok(!r.stdout.includes('\u001b['), 'no ANSI colour codes')
  })

  it('writes a self-contained HTML report with an SVG interval plot', () => {
    const out = join(tmp, 'report.html')
    const r = custos([
      join(FIXTURES, 'labels.csv'),
      '--group',
      'sex',
      '--label',
      'label',
      '--pred',
      'pred',
      '--out',
      out,
      '--format',
      'json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const html = readFileSync(out, 'utf8')
    assert.match(html, /<svg[^>]*role="img"/)
    assert.match(html, /indicator, not a verdict/)
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no external assets')
  })
})
