/**
 * The `custos bias-audit --format json` contract (docs/contracts.md) and the methods of docs/bias-audit.md, checked
 * on decision logs whose answers were derived independently of this code:
 *
 * - Counts: the fixtures are generated from the count tables written out below (one CSV row per
 *   counted decision, plus hand-written rows that must be skipped); `awk -F, 'NR>1 && NF'` on
 *   contract-known.csv gives 64 data rows, 4 of them malformed.
 * - Rates and summaries: written as the fractions the formulas of docs/bias-audit.md give on those tables, worked
 *   by hand (e.g. TPR of region=north|sex=M = 9/(9+6)).
 * - Intervals: evaluated in Python 3 with scipy 1.17.1 — Wilson from its closed form with
 *   z = norm.ppf(0.975), Clopper–Pearson as beta.ppf(0.025, x, n−x+1) / beta.ppf(0.975, x+1, n−x).
 * - The whole JSON was also compared with an independent Python re-implementation (csv module,
 *   the same formulas) on random logs of 60 to 2,000 rows with messy values: no difference above 1e-12.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isAppError } from '../../core/errors.ts'
import { RATE_NAMES, type TRateName } from './metrics.ts'
import { MAX_LISTED_KEYS, oddsReplicates, type TBiasReport, type TGroupResult } from './report.ts'
import { runBiasAudit, type TBiasAuditFlags } from './service.ts'

const ROOT = join(import.meta.dirname, '../../..')
const FIXTURES = join(ROOT, 'test/fixtures/bias')
const KNOWN = join(FIXTURES, 'contract-known.csv')
const WEIGHTED = join(FIXTURES, 'contract-weighted.csv')

const close = (actual: number | null | undefined, expected: number, what: string, tol = 1e-12): void => {
  assert.equal(typeof actual, 'number', `${what}: got ${actual}, expected ${expected}`)
  assert.ok(Math.abs((actual as number) - expected) <= tol, `${what}: got ${actual}, expected ${expected}`)
}
/** Expected rate: a number, or null for a zero denominator (strictly null: never 0, NaN or undefined). */
const expectRate = (actual: unknown, expected: number | null, what: string): void => {
  if (expected === null) assert.strictEqual(actual, null, `${what}: expected null, got ${actual}`)
  else close(actual as number, expected, what)
}
const run = (file: string, flags: Partial<TBiasAuditFlags>): Promise<TBiasReport> =>
  runBiasAudit(
    file,
    { group: '', label: '', format: 'json', ...flags } as TBiasAuditFlags,
    undefined,
    undefined,
    1,
  )

type TTable = { tp: number; fp: number; tn: number; fn: number }
/** The ten rates of docs/bias-audit.md by hand from one count table; null where the denominator is 0. */
function ratesOf(c: TTable): Record<TRateName, number | null> {
  const q = (num: number, den: number): number | null => (den === 0 ? null : num / den)
  const n = c.tp + c.fp + c.tn + c.fn
  return {
    selectionRate: q(c.tp + c.fp, n),
    baseRate: q(c.tp + c.fn, n),
    tpr: q(c.tp, c.tp + c.fn),
    fpr: q(c.fp, c.fp + c.tn),
    tnr: q(c.tn, c.fp + c.tn),
    fnr: q(c.fn, c.tp + c.fn),
    ppv: q(c.tp, c.tp + c.fp),
    npv: q(c.tn, c.tn + c.fn),
    fdr: q(c.fp, c.tp + c.fp),
    for: q(c.fn, c.tn + c.fn),
  }
}

// The count table behind contract-known.csv (--group region,sex --label truth --pred decision).
const KNOWN_TABLE: { key: string; rows: number; counts: TTable }[] = [
  { key: 'region=north|sex=F', rows: 20, counts: { tp: 6, fp: 2, tn: 10, fn: 2 } },
  { key: 'region=north|sex=M', rows: 30, counts: { tp: 9, fp: 3, tn: 12, fn: 6 } },
  // No positives at all: TPR, FNR (no actual positives), PPV, FDR (no predicted positives) undefined.
  { key: 'region=south|sex=F', rows: 5, counts: { tp: 0, fp: 0, tn: 5, fn: 0 } },
  // No actual negatives: FPR and TNR undefined.
  { key: 'region=south|sex=M', rows: 5, counts: { tp: 4, fp: 0, tn: 0, fn: 1 } },
]
const MARGINAL_TABLE: Record<string, { key: string; counts: TTable }[]> = {
  region: [
    { key: 'region=north', counts: { tp: 15, fp: 5, tn: 22, fn: 8 } },
    { key: 'region=south', counts: { tp: 4, fp: 0, tn: 5, fn: 1 } },
  ],
  sex: [
    { key: 'sex=F', counts: { tp: 6, fp: 2, tn: 15, fn: 2 } },
    { key: 'sex=M', counts: { tp: 13, fp: 3, tn: 12, fn: 7 } },
  ],
}
const OVERALL: TTable = { tp: 19, fp: 5, tn: 27, fn: 9 }

function checkGroup(g: TGroupResult, key: string, c: TTable): void {
  assert.equal(g.key, key)
  assert.deepEqual([g.n, g.tp, g.fp, g.tn, g.fn], [c.tp + c.fp + c.tn + c.fn, c.tp, c.fp, c.tn, c.fn], key)
  const expected = ratesOf(c)
  for (const name of RATE_NAMES) {
    expectRate(g[name], expected[name], `${key} ${name}`)
    // An undefined rate has a null interval; a defined one a [lo, hi] around it.
    if (expected[name] === null) assert.strictEqual(g.ci[name], null, `${key} ci.${name}`)
    else {
      const [lo, hi] = g.ci[name]!
      assert.ok(lo <= expected[name]! && expected[name]! <= hi, `${key} ci.${name} = [${lo}, ${hi}]`)
    }
  }
}

describe('bias-audit contract: counts, keys, rates (contract-known.csv)', async () => {
  const report = await run(KNOWN, { group: 'region,sex', label: 'truth', pred: 'decision' })

  it('counts rows (awk: 64), skipped (4 malformed rows) and overall n = rows − skipped', () => {
    assert.equal(report.rows, 64)
    assert.equal(report.skipped, 4)
    assert.equal(report.overall.n, 60)
    assert.deepEqual(
      [report.overall.tp, report.overall.fp, report.overall.tn, report.overall.fn],
      [OVERALL.tp, OVERALL.fp, OVERALL.tn, OVERALL.fn],
    )
    assert.deepEqual(
      report.skippedReasons.map((r) => r.count).reduce((a, b) => a + b, 0),
      4,
      'skippedReasons add up to skipped',
    )
  })

  it('has every rate of the overall log by name', () => {
    const expected = ratesOf(OVERALL)
    for (const name of RATE_NAMES) expectRate(report.overall[name], expected[name], `overall ${name}`)
  })

  it('keys groups col=value joined by | in --group order (group values trimmed), with attributes', () => {
    assert.deepEqual(
      report.groups.map((g) => g.key),
      KNOWN_TABLE.map((t) => t.key),
    )
    assert.deepEqual(report.groups[1]!.attributes, { region: 'north', sex: 'M' })
  })

  it('gives each group its counts, all ten rates (null for a zero denominator) and intervals', () => {
    for (const [i, t] of KNOWN_TABLE.entries()) checkGroup(report.groups[i]!, t.key, t.counts)
  })

  it('has marginals keyed by column, with the same group shape', () => {
    assert.deepEqual(Object.keys(report.marginals), ['region', 'sex'])
    for (const [col, table] of Object.entries(MARGINAL_TABLE)) {
      const got = report.marginals[col]!
      assert.equal(got.length, table.length)
      table.forEach((t, i) => {
        checkGroup(got[i]!, t.key, t.counts)
        assert.deepEqual(got[i]!.attributes, { [col]: t.key.split('=')[1] })
        assert.equal(typeof got[i]!.insufficient, 'boolean')
      })
    }
  })

  it('marks groups with fewer than 30 rows insufficient by default (30 rows is enough)', () => {
    assert.deepEqual(
      report.groups.map((g) => g.insufficient),
      [true, false, true, true],
    )
    assert.deepEqual(report.summary.insufficientGroups, [
      'region=north|sex=F',
      'region=south|sex=F',
      'region=south|sex=M',
    ])
  })

  // Interval method rule: Clopper–Pearson when the count is 0 or equals n or n < 30, else Wilson.
  const INTERVALS: [string, () => [number, number] | null, [number, number]][] = [
    // Wilson, 12/30 (n = 30 is not small).
    [
      'north|M selectionRate 12/30',
      () => report.groups[1]!.ci.selectionRate,
      [0.24590628116801852, 0.5767963974667752],
    ],
    // Clopper–Pearson, 9/15 (n < 30).
    ['north|M tpr 9/15', () => report.groups[1]!.ci.tpr, [0.3228697662062816, 0.8366356761404865]],
    // Clopper–Pearson at x = 0: upper = 1 − 0.025^(1/5).
    ['south|F selectionRate 0/5', () => report.groups[2]!.ci.selectionRate, [0, 0.5218237501049814]],
    // Wilson on the whole log: 24/60 and TNR 27/32.
    [
      'overall selectionRate 24/60',
      () => report.overall.ci.selectionRate,
      [0.2856949053488255, 0.5263394650795924],
    ],
    ['overall tnr 27/32', () => report.overall.ci.tnr, [0.682458504024696, 0.9313557971749429]],
  ]
  for (const [what, get, expected] of INTERVALS) {
    it(`gives the known interval for ${what}`, () => {
      const ci = get()
      assert.ok(ci, `${what}: null`)
      close(ci[0], expected[0], `${what} lower`, 1e-9)
      close(ci[1], expected[1], `${what} upper`, 1e-9)
    })
  }
})

describe('bias-audit contract: summary (contract-known.csv)', async () => {
  const report = await run(KNOWN, { group: 'region,sex', label: 'truth', pred: 'decision' })
  // Rows: north|F 20, north|M 30, south|F 5, south|M 5. Only north|M reaches the default minimum of
  // 30 rows, so the summary compares nothing and the figures below are those over all groups.
  const s = report.summary.allGroups

  it('compares no group when fewer than two reach the minimum size, and says so', () => {
    const top = report.summary
    assert.equal(top.tooFewGroups, true)
    assert.deepEqual(top.comparedGroups, ['region=north|sex=M'])
    assert.deepEqual(top.excludedGroups, [
      { key: 'region=north|sex=F', rows: 20 },
      { key: 'region=south|sex=F', rows: 5 },
      { key: 'region=south|sex=M', rows: 5 },
    ])
    for (const field of [
      'demographicParityDifference',
      'equalizedOddsDifference',
      'averageOddsDifference',
    ] as const)
      assert.strictEqual(top[field], null, field)
    assert.strictEqual(top.reference, null)
    assert.deepEqual(top.adverseImpact, [])
  })

  // Selection rates: north|F 8/20 = 0.4, north|M 12/30 = 0.4, south|F 0/5 = 0, south|M 4/5 = 0.8.
  // TPR: 6/8, 9/15, undefined, 4/5. FPR: 2/12, 3/15, 0/5, undefined.

  it('takes the group with most rows as reference when none is named', () => {
    assert.equal(s.reference, 'region=north|sex=M')
  })

  const NAMED: [keyof typeof s, number | null, string][] = [
    ['demographicParityDifference', 0.8 - 0, 'max SR − min SR'],
    ['demographicParityRatio', 0 / 0.8, 'min SR / max SR'],
    ['equalOpportunityDifference', 4 / 5 - 9 / 15, 'TPR max − min, south|F (undefined) left out'],
    ['equalOpportunityRatio', 9 / 15 / (4 / 5), 'TPR min / max'],
    ['equalizedOddsDifference', Math.max(4 / 5 - 9 / 15, 3 / 15 - 0), 'max of the TPR and FPR differences'],
    ['equalizedOddsRatio', Math.min(9 / 15 / (4 / 5), 0), 'min of the TPR and FPR ratios'],
    // ½[(FPR_g − FPR_ref) + (TPR_g − TPR_ref)] against north|M; only north|F has both rates defined.
    ['averageOddsDifference', (2 / 12 - 3 / 15 + (6 / 8 - 9 / 15)) / 2, 'average odds, largest magnitude'],
  ]
  for (const [field, expected, how] of NAMED) {
    it(`has ${String(field)} = ${how}`, () => expectRate(s[field], expected, String(field)))
  }

  it('lists the adverse impact ratio per group (SR / highest SR), read against 0.8 through its interval', () => {
    assert.deepEqual(
      s.adverseImpact.map((a) => [a.key, a.ratio, a.flag, a.flagged]),
      [
        ['region=north|sex=F', 0.5, 'inconclusive', false],
        ['region=north|sex=M', 0.5, 'inconclusive', false],
        ['region=south|sex=F', 0, 'inconclusive', false],
        ['region=south|sex=M', 1, 'within', false],
      ],
    )
    // Katz in Python: 8/20 and 12/30 over 4/5; 0/5 over 4/5 with ½ added to each cell for the upper bound.
    const KATZ: [number, [number, number]][] = [
      [0, [0.2500488218628046, 0.9998047506785239]],
      [1, [0.2690273550635448, 0.9292735303476833]],
      [2, [0, 1.6429415548694677]],
    ]
    for (const [i, [lo, hi]] of KATZ) {
      close(s.adverseImpact[i]!.ci![0], lo, `${s.adverseImpact[i]!.key} lower`)
      close(s.adverseImpact[i]!.ci![1], hi, `${s.adverseImpact[i]!.key} upper`)
    }
  })

  it('summarises every rate: max−min, min/max, largest |difference| to overall, ratio to reference', () => {
    const per = s.rates
    assert.deepEqual(Object.keys(per), [...RATE_NAMES])
    // NPV: 10/12, 12/18, 5/5, 0/1; overall 27/36.
    close(per.npv.difference, 1 - 0, 'npv difference')
    close(per.npv.ratio, 0, 'npv ratio')
    close(per.npv.maxAbsDifferenceToOverall!.value, 27 / 36, 'npv max |g − overall| (south|M)')
    assert.equal(per.npv.maxAbsDifferenceToOverall!.key, 'region=south|sex=M')
    // Ratio to north|M: (10/12)/(12/18) = 180/144 = 1.25 exactly, on the band's edge. Katz (Python):
    // north|F [0.827, 1.890] and south|F 5/5 [1.082, 2.079] both hold 1.25; south|M 0/1 [0, 4.28].
    assert.deepEqual(
      per.npv.toReference.map((r) => [r.key, r.ratio, r.flag, r.flagged]),
      [
        ['region=north|sex=F', 1.25, 'inconclusive', false],
        ['region=north|sex=M', 1, 'within', false],
        ['region=south|sex=F', 1.5, 'inconclusive', false],
        ['region=south|sex=M', 0, 'inconclusive', false],
      ],
    )
    close(per.npv.toReference[0]!.ci![0], 0.8269151930752449, 'npv north|F lower')
    close(per.npv.toReference[2]!.ci![1], 2.0794964482115104, 'npv south|F upper')
    close(per.npv.toReference[3]!.ci![1], 4.283077180201337, 'npv south|M upper')
    // FPR is undefined for south|M: left out and listed; its ratio to the reference is null.
    assert.deepEqual(per.fpr.undefinedGroups, ['region=south|sex=M'])
    assert.strictEqual(per.fpr.toReference[3]!.ratio, null)
    assert.equal(per.fpr.toReference[3]!.flagged, false)
  })

  // Newcombe hybrid score for max − min and Katz log for min / max, evaluated in Python from the
  // two Wilson intervals (closed form, z = norm.ppf(0.975)) and exp(±z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)).
  const PAIRS: [string, () => [number, number] | null, [number, number] | null][] = [
    [
      'TPR difference 4/5 − 9/15 (Newcombe)',
      () => s.rates.tpr.differenceCi,
      [-0.26997441007560247, 0.4926502477583545],
    ],
    ['TPR ratio (9/15)/(4/5) (Katz)', () => s.rates.tpr.ratioCi, [0.4106497673006538, 1.3697803938804383]],
    [
      'SR difference 4/5 − 0/5 (Newcombe)',
      () => s.rates.selectionRate.differenceCi,
      [0.19259086051089158, 0.9637758913675698],
    ],
    // south|F selected nobody: lower bound 0, upper bound with ½ added to each cell (Haldane–Anscombe).
    [
      'SR ratio 0/5 over 4/5 (Katz, zero count)',
      () => s.rates.selectionRate.ratioCi,
      [0, 1.6429415548694677],
    ],
  ]
  for (const [what, get, expected] of PAIRS) {
    it(`gives the known interval for the ${what}`, () => {
      const ci = get()
      if (expected === null) return assert.strictEqual(ci, null)
      assert.ok(ci, `${what}: null`)
      close(ci[0], expected[0], `${what} lower`, 1e-12)
      close(ci[1], expected[1], `${what} upper`, 1e-12)
    })
  }

  it('summarises the marginals the same way, each against its own largest group', () => {
    const marginals = report.summary.marginals
    assert.deepEqual(Object.keys(marginals), ['region', 'sex'])
    // Rows: F 25, M 35 — F is under 30, so sex compares nothing by default; region north 50 / south 10 neither.
    assert.equal(marginals.sex!.tooFewGroups, true)
    assert.deepEqual(marginals.sex!.excludedGroups, [{ key: 'sex=F', rows: 25 }])
    const sex = marginals.sex!.allGroups
    assert.equal(sex.reference, 'sex=M')
    // SR: F 8/25, M 16/35.
    close(sex.demographicParityDifference, 16 / 35 - 8 / 25, 'sex DP difference')
    close(sex.demographicParityRatio, 8 / 25 / (16 / 35), 'sex DP ratio')
  })
})

describe('bias-audit contract: a tiny group with the extreme rates does not set the headline', async () => {
  // Five groups of 40 to 3,000 rows and one of 11 rows with the highest selection rate and TPR = 1
  // (5 of 5), as in a real decision log where 11 people drove every cross-group figure. The log is
  // written from these count tables; the expected values are the formulas of docs/bias-audit.md
  // worked on them in Python (math module only), the fractions shown beside each.
  const TABLES: Record<string, TTable> = {
    A: { tp: 450, fp: 300, tn: 1950, fn: 300 },
    B: { tp: 30, fp: 30, tn: 70, fn: 20 },
    C: { tp: 20, fp: 5, tn: 60, fn: 15 },
    D: { tp: 15, fp: 12, tn: 25, fn: 8 },
    E: { tp: 6, fp: 2, tn: 28, fn: 4 },
    F: { tp: 5, fp: 3, tn: 3, fn: 0 },
  }
  const dir = mkdtempSync(join(tmpdir(), 'custos-bias-small-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'tiny-group.csv')
  const lines = ['g,y,p']
  for (const [g, t] of Object.entries(TABLES)) {
    const add = (n: number, y: number, p: number): void => {
      for (let i = 0; i < n; i++) lines.push(`${g},${y},${p}`)
    }
    add(t.tp, 1, 1)
    add(t.fp, 0, 1)
    add(t.tn, 0, 0)
    add(t.fn, 1, 0)
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  const flags = { group: 'g', label: 'y', pred: 'p' }
  const report = await run(file, flags)
  const s = report.summary
  const pair = (ci: [number, number] | null | undefined, expected: [number, number], what: string): void => {
    assert.ok(ci, `${what}: null`)
    close(ci[0], expected[0], `${what} lower`)
    close(ci[1], expected[1], `${what} upper`)
  }

  it('compares the five groups of 30 rows or more and lists the small one as excluded', () => {
    assert.equal(s.tooFewGroups, false)
    assert.deepEqual(s.comparedGroups, ['g=A', 'g=B', 'g=C', 'g=D', 'g=E'])
    assert.deepEqual(s.excludedGroups, [{ key: 'g=F', rows: 11 }])
    // Its rates are still shown, with their intervals.
    close(report.groups[5]!.selectionRate, 8 / 11, 'F selection rate')
    close(report.groups[5]!.tpr, 1, 'F TPR')
  })

  it('takes demographic parity over the compared groups: D 27/60 against E 8/40', () => {
    const m = s.measures.demographicParityDifference
    close(s.demographicParityDifference, 0.25, 'DP difference')
    assert.deepEqual(
      [m.max, m.min, m.rate, m.method],
      [{ key: 'g=D', value: 0.45 }, { key: 'g=E', value: 0.2 }, 'selectionRate', 'newcombe'],
    )
    pair(m.ci, [0.060384822340809996, 0.4070674578368722], 'Newcombe')
    close(s.demographicParityRatio, 4 / 9, 'DP ratio')
    pair(s.measures.demographicParityRatio.ci, [0.22516346847484034, 0.8772775865264436], 'Katz')
  })

  it('takes equal opportunity and equalized odds over the compared groups, naming the rate and groups', () => {
    close(s.equalOpportunityDifference, 15 / 23 - 20 / 35, 'EOp difference (D − C TPR)')
    pair(
      s.measures.equalOpportunityDifference.ci,
      [-0.17112420403797396, 0.30884602583410875],
      'EOp Newcombe',
    )
    // TPR gap 15/23 − 20/35 = 0.081 < FPR gap 12/37 − 2/30 = 0.258: the FPR gives equalized odds.
    const eod = s.measures.equalizedOddsDifference
    close(s.equalizedOddsDifference, 12 / 37 - 2 / 30, 'EO difference')
    assert.deepEqual([eod.rate, eod.max?.key, eod.min?.key, eod.method], ['fpr', 'g=D', 'g=E', 'bootstrap'])
    assert.ok(
      eod.ci && eod.ci[0] < eod.value! && eod.value! < eod.ci[1],
      `EO interval ${eod.ci} around ${eod.value}`,
    )
    const eor = s.measures.equalizedOddsRatio
    close(s.equalizedOddsRatio, 2 / 30 / (12 / 37), 'EO ratio (FPR E / D)')
    assert.deepEqual([eor.rate, eor.max?.key, eor.min?.key], ['fpr', 'g=D', 'g=E'])
  })

  it('takes the average odds against the largest group over the compared groups', () => {
    close(s.averageOddsDifference, 0.12158245201723465, 'average odds (D against A)')
    assert.deepEqual(s.measures.averageOddsDifference.max?.key, 'g=D')
    assert.equal(s.reference, 'g=A')
  })

  it('reads the four-fifths rule against the highest compared group, D, through each interval', () => {
    assert.deepEqual(
      s.adverseImpact.map((a) => [a.key, a.ratio, a.flag]),
      [
        ['g=A', 5 / 9, 'below'],
        ['g=B', 8 / 9, 'inconclusive'],
        ['g=C', 5 / 9, 'inconclusive'],
        ['g=D', 1, 'within'],
        ['g=E', 4 / 9, 'inconclusive'],
      ],
    )
    // A: 750/3000 over 27/60, Katz [0.417, 0.740] lies below 0.8; C: 25/100, [0.358, 0.863] holds it.
    pair(s.adverseImpact[0]!.ci, [0.4171513725561545, 0.7398800426267192], 'A against D')
    pair(s.adverseImpact[2]!.ci, [0.3578404256876719, 0.8625128776758976], 'C against D')
    assert.deepEqual(
      s.adverseImpact.filter((a) => a.flagged).map((a) => a.key),
      ['g=A'],
    )
  })

  it('keeps the all-groups figures, which the 11 rows drive, under allGroups', () => {
    const all = s.allGroups
    close(all.demographicParityDifference, 8 / 11 - 8 / 40, 'all DP difference (F − E)')
    assert.equal(all.measures.demographicParityDifference.max?.key, 'g=F')
    close(all.equalOpportunityDifference, 1 - 20 / 35, 'all EOp difference (F − C)')
    close(all.equalizedOddsDifference, 0.5 - 2 / 30, 'all EO difference (F − E FPR)')
    close(all.averageOddsDifference, 0.38333333333333336, 'all average odds (F against A)')
    // Against F, the 3,000 rows of A would be "below" too, with three more groups.
    assert.deepEqual(
      all.adverseImpact.map((a) => [a.key, a.flag]),
      [
        ['g=A', 'below'],
        ['g=B', 'inconclusive'],
        ['g=C', 'below'],
        ['g=D', 'inconclusive'],
        ['g=E', 'below'],
        ['g=F', 'within'],
      ],
    )
    pair(all.adverseImpact[0]!.ci, [0.2381172190839448, 0.4962432492475186], 'A against F')
  })

  it('draws the equalized-odds interval from the same replicates as a bootstrap with the default seed', async () => {
    const boot = await run(file, { ...flags, bootstrap: '1000', seed: '1' })
    assert.deepEqual(boot.summary.bootstrap!.equalizedOddsDifference, s.measures.equalizedOddsDifference.ci)
    assert.deepEqual(boot.summary.bootstrap!.equalizedOddsRatio, s.measures.equalizedOddsRatio.ci)
    assert.deepEqual(
      boot.summary.bootstrap!.adverseImpact.map((a) => a.key),
      ['g=A', 'g=B', 'g=C', 'g=D', 'g=E'],
    )
    assert.ok(boot.summary.bootstrap!.allGroups.demographicParityDifference)
    assert.deepEqual(s.equalizedOddsBootstrap, { replicates: 1000, seed: 1 })
    assert.deepEqual(boot.summary.equalizedOddsBootstrap, { replicates: 1000, seed: 1 })
  })

  it('draws fewer equalized-odds replicates over hundreds of groups, never under 200, unless asked', async () => {
    assert.deepEqual([1, 200, 201, 400, 1000, 2000].map(oddsReplicates), [1000, 1000, 995, 500, 200, 200])
    const seven = await run(file, { ...flags, bootstrap: '300', seed: '7' })
    assert.deepEqual(seven.summary.equalizedOddsBootstrap, { replicates: 300, seed: 7 })
  })

  it('takes face-match maxima over the compared groups', async () => {
    const fm = (await run(file, { ...flags, faceMatch: true })).summary.faceMatch!
    // FMR = FPR: F's 3/6 is the highest of all, D's 12/37 of the compared groups.
    assert.equal(fm.fmr.max?.key, 'g=D')
    assert.equal(fm.fmr.groups.length, 6)
  })

  it('compares every group with a lower minimum size, as before', async () => {
    const every = await run(file, { ...flags, minGroupSize: '11' })
    assert.deepEqual(every.summary.excludedGroups, [])
    close(every.summary.demographicParityDifference, 8 / 11 - 8 / 40, 'DP difference, all compared')
    // Nothing excluded: the all-groups figures are the headline ones.
    assert.deepEqual(every.summary.allGroups.measures, every.summary.measures)
    assert.deepEqual(every.summary.allGroups.adverseImpact, every.summary.adverseImpact)
  })
})

describe('bias-audit contract: weights (contract-weighted.csv)', async () => {
  // Counted rows (weight): A: TP 2.5, TP 0.5, FP 1, TN 0; B: TP 1, TN 4, FN 1.5.
  // Skipped: A with weight "x", B with weight −2. So rows 9, skipped 2, n = Σw = 10.5.
  const report = await run(WEIGHTED, { group: 'g', label: 'y', pred: 'p', weight: 'w', minGroupSize: '4' })

  it('sums weights into n and the counts', () => {
    assert.equal(report.rows, 9)
    assert.equal(report.skipped, 2)
    close(report.overall.n, 10.5, 'overall n')
    checkGroup(report.groups[0]!, 'g=A', { tp: 3, fp: 1, tn: 0, fn: 0 })
    checkGroup(report.groups[1]!, 'g=B', { tp: 1, fp: 0, tn: 4, fn: 1.5 })
  })

  it('leaves NPV undefined for A although a zero-weight true negative was counted', () => {
    assert.strictEqual(report.groups[0]!.npv, null)
    assert.strictEqual(report.groups[0]!.ci.npv, null)
  })

  it('judges insufficient and the default reference by rows, not by weighted n', () => {
    // A: 4 rows (n 4); B: 3 rows (n 6.5) — B is below --min-group-size 4 although its n is not.
    assert.deepEqual(
      report.groups.map((g) => [g.key, g.rows, g.insufficient]),
      [
        ['g=A', 4, false],
        ['g=B', 3, true],
      ],
    )
    // The same count decides what is compared: B is left out although its weights add up to more.
    assert.deepEqual(report.summary.comparedGroups, ['g=A'])
    assert.equal(report.summary.allGroups.reference, 'g=A')
  })

  it('puts intervals on Kish effective counts', () => {
    // A's PPV: Σw = 4, Σw² = 6.25 + 0.25 + 1 = 7.5, n_eff = 16/7.5, x = 0.75·n_eff = 1.6 →
    // Clopper–Pearson (n_eff < 30): scipy beta.ppf(0.025, 1.6, n_eff − 0.6), beta.ppf(0.975, 2.6, n_eff − 1.6).
    const ci = report.groups[0]!.ci.ppv!
    close(ci[0], 0.07036467000498814, 'A ppv lower', 1e-9)
    close(ci[1], 0.9996666086679357, 'A ppv upper', 1e-9)
  })
})

describe('bias-audit contract: reference, face match, bootstrap, errors', () => {
  const known = { group: 'region,sex', label: 'truth', pred: 'decision' }
  // Every group compared, for the reference and face-match arithmetic on this small log.
  const everyGroup = { ...known, minGroupSize: '1' }

  it('uses --reference for ratios to the reference', async () => {
    const r = await run(KNOWN, { ...everyGroup, reference: 'region=north|sex=F' })
    assert.equal(r.summary.reference, 'region=north|sex=F')
    // SR ratio of south|M to north|F: (4/5)/(8/20) = 2.
    assert.equal(r.summary.rates.selectionRate.toReference[3]!.ratio, 2)
  })

  it("applies a single-column --reference to that column's marginals (intersections: most rows)", async () => {
    const r = await run(KNOWN, { ...everyGroup, reference: 'sex=F' })
    assert.equal(r.summary.marginals.sex!.reference, 'sex=F')
    assert.equal(r.summary.marginals.region!.reference, 'region=north')
    assert.equal(r.summary.reference, 'region=north|sex=M')
  })

  it('refuses a --reference under the minimum group size, saying how to compare it', async () => {
    for (const reference of ['region=north|sex=F', 'sex=F'])
      await assert.rejects(run(KNOWN, { ...known, reference }), (err: unknown) => {
        assert.ok(isAppError(err) && err.code === 'validation_failed')
        assert.match(
          err.userMessage,
          new RegExp(
            `^--reference "${reference.replace('|', '\\|')}" has (20|25) rows, fewer than the minimum group size of 30`,
          ),
        )
        assert.match(err.userMessage, /or lower --min-group-size\.$/)
        return true
      })
  })

  it('refuses an unknown --reference (exit 2 at the CLI) and lists the valid keys', async () => {
    await assert.rejects(run(KNOWN, { ...known, reference: 'region=west' }), (err: unknown) => {
      assert.ok(isAppError(err) && err.code === 'validation_failed')
      const m = err.userMessage
      assert.match(m, /--reference "region=west" is not a group key/)
      for (const k of ['region=north|sex=F', 'region=south|sex=M', 'region=north', 'sex=M'])
        assert.ok(m.includes(k), k)
      assert.match(m, /Keys \(8\)/)
      return true
    })
  })

  it('lists at most MAX_LISTED_KEYS keys for an unknown --reference, then says how many more', async () => {
    // 60 groups g=00 … g=59, one row each: 60 keys, one column so no separate marginal keys.
    const dir = mkdtempSync(join(tmpdir(), 'custos-bias-contract-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'many.csv')
    const lines = ['g,y,p']
    for (let i = 0; i < 60; i++) lines.push(`${String(i).padStart(2, '0')},1,1`)
    writeFileSync(file, `${lines.join('\n')}\n`)
    await assert.rejects(
      run(file, { group: 'g', label: 'y', pred: 'p', reference: 'g=x' }),
      (err: unknown) => {
        assert.ok(isAppError(err))
        assert.equal(MAX_LISTED_KEYS, 50)
        assert.match(err.userMessage, /Keys \(60\): g=00, g=01, .*g=49 … and 10 more$/)
        assert.ok(!err.userMessage.includes('g=50'))
        return true
      },
    )
  })

  it('reports FMR/FNMR with log10, ratio to the lowest group and max / geometric mean with --face-match', async () => {
    const r = await run(KNOWN, { ...everyGroup, faceMatch: true })
    const fm = r.summary.faceMatch!
    // FMR = FPR: 1/6, 1/5, 0, undefined. Lowest non-zero 1/6; a zero rate makes the geometric mean 0.
    assert.deepEqual(
      fm.fmr.groups.map((g) => g.value),
      [2 / 12, 3 / 15, 0, null],
    )
    close(fm.fmr.groups[0]!.log10, Math.log10(1 / 6), 'log10 FMR')
    close(fm.fmr.groups[1]!.ratioToLowest, 3 / 15 / (2 / 12), 'ratio to lowest')
    assert.equal(fm.fmr.geometricMean, 0)
    assert.strictEqual(fm.fmr.maxOverGeometricMean, null)
    // FNMR = FNR: 2/8, 6/15, undefined, 1/5; geometric mean (¼·⅖·⅕)^(1/3).
    const gm = Math.cbrt((2 / 8) * (6 / 15) * (1 / 5))
    close(fm.fnmr.geometricMean, gm, 'FNMR geometric mean')
    close(fm.fnmr.maxOverGeometricMean, 6 / 15 / gm, 'FNMR max / geometric mean')
  })

  it('gives the same bootstrap for the same seed and another for another seed', async () => {
    const a = await run(KNOWN, { ...known, bootstrap: '300', seed: '7' })
    const b = await run(KNOWN, { ...known, bootstrap: '300', seed: '7' })
    const c = await run(KNOWN, { ...known, bootstrap: '300', seed: '8' })
    assert.deepEqual(a.summary.bootstrap, b.summary.bootstrap)
    assert.notDeepEqual(a.summary.bootstrap, c.summary.bootstrap)
    // Rates undefined at the point estimate have no bootstrap interval either.
    assert.strictEqual(a.groups[2]!.bootstrapCi!.tpr, null)
  })

  const REFUSED: [string, string, Partial<TBiasAuditFlags>, RegExp][] = [
    ['a missing column', KNOWN, { ...known, pred: 'nope' }, /"nope".*not in the header/],
    ['an empty file', join(FIXTURES, 'empty.csv'), { group: 'sex', label: 'label', pred: 'pred' }, /empty/],
    ['binary garbage', join(FIXTURES, 'garbage.bin'), { group: 'sex', label: 'label', pred: 'pred' }, /CSV/],
    [
      'a header alone',
      join(FIXTURES, 'header-only.csv'),
      { group: 'sex', label: 'label', pred: 'pred' },
      /no data rows/,
    ],
  ]
  for (const [what, file, flags, message] of REFUSED) {
    it(`refuses ${what} with a validation error (exit 2), not a crash`, async () => {
      await assert.rejects(run(file, flags), (err: unknown) => {
        assert.ok(isAppError(err), String(err))
        assert.match(err.userMessage, message)
        return true
      })
    })
  }
})

describe('bias-audit contract: the JSON text of the CLI', () => {
  // A minimal program with this module's commands only, handling commander errors as src/cli/main.ts does.
  const entry = `
import { Command } from 'commander'
import { registerBiasCommands } from ${JSON.stringify(join(ROOT, 'src/modules/bias/cli.ts'))}
const program = new Command('custos').exitOverride()
registerBiasCommands(program)
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }) } catch (err) { process.exitCode = err.exitCode === 0 ? 0 : 2 }
`
  const cli = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', entry, '--', 'bias-audit', ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )

  it('prints null (never NaN, Infinity or a missing field) for undefined rates, in groups, ci and summaries', async () => {
    const r = cli([
      KNOWN,
      '--group',
      'region,sex',
      '--label',
      'truth',
      '--pred',
      'decision',
      '--format',
      'json',
    ])
    assert.equal(r.status, 0, r.stderr)
    assert.doesNotMatch(r.stdout, /NaN|Infinity/)
    const json = JSON.parse(r.stdout)
    // The CLI prints the very report the service builds.
    const inProcess = JSON.parse(
      JSON.stringify(await run(KNOWN, { group: 'region,sex', label: 'truth', pred: 'decision' })),
    )
    assert.deepEqual(json, inProcess)
    const southF = json.groups[2]
    for (const name of ['tpr', 'fnr', 'ppv', 'fdr']) {
      assert.ok(name in southF && southF[name] === null, name)
      assert.strictEqual(southF.ci[name], null, `ci.${name}`)
    }
    for (const field of ['rows', 'skipped', 'overall', 'groups', 'marginals', 'summary'])
      assert.ok(field in json, field)
    for (const field of [
      'demographicParityDifference',
      'demographicParityRatio',
      'equalizedOddsDifference',
      'equalizedOddsRatio',
      'adverseImpact',
    ])
      assert.ok(field in json.summary, field)
  })

  it('exits 2 with a message, before counting, when the --out folder does not exist', () => {
    const r = cli([
      KNOWN,
      '--group',
      'sex',
      '--label',
      'truth',
      '--pred',
      'decision',
      '--out',
      '/nonexistent-dir/r.html',
    ])
    assert.equal(r.status, 2)
    assert.match(
      r.stderr,
      /^custos bias-audit: --out \/nonexistent-dir\/r\.html: the folder \/nonexistent-dir does not exist\.\n$/,
    )
  })

  it('exits 2 listing the keys for an unknown --reference', () => {
    const r = cli([KNOWN, '--group', 'sex', '--label', 'truth', '--pred', 'decision', '--reference', 'sex=Q'])
    assert.equal(r.status, 2)
    assert.match(
      r.stderr,
      /^custos bias-audit: --reference "sex=Q" is not a group key\. Keys \(2\): sex=F, sex=M\n$/,
    )
  })
})
