import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRng } from './bootstrap.ts'
import { wilson } from './intervals.ts'
import {
  adverseImpact,
  averageOdds,
  chooseReference,
  effectiveCounts,
  faceMatchRate,
  flagOf,
  isFlagged,
  RATE_NAMES,
  rateIntervals,
  rates,
  summarise,
  summariseRate,
  type TCellCounts,
  type TFlag,
  type TGroupCounts,
} from './metrics.ts'

const cell = (tp: number, fp: number, tn: number, fn: number): TCellCounts => ({
  tp,
  fp,
  tn,
  fn,
  rows: tp + fp + tn + fn,
  squares: null,
})
const close = (actual: number | null, expected: number, tol = 1e-12): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `got ${actual}, expected ${expected}`)
}

// Three groups worked by hand:
//   A: TP 30 FP 10 TN 50 FN 10 (n 100)   B: TP 10 FP 20 TN 60 FN 10 (n 100)   C: TN 5 only (n 5)
const A = cell(30, 10, 50, 10)
const B = cell(10, 20, 60, 10)
const C = cell(0, 0, 5, 0)
const groups: TGroupCounts[] = [
  { key: 'g=A', counts: A },
  { key: 'g=B', counts: B },
  { key: 'g=C', counts: C },
]
const overall = cell(40, 30, 115, 20)

describe('rates', () => {
  const table: [string, TCellCounts, Record<string, number | null>][] = [
    [
      'A',
      A,
      {
        selectionRate: 0.4,
        baseRate: 0.4,
        tpr: 0.75,
        fpr: 1 / 6,
        tnr: 5 / 6,
        fnr: 0.25,
        ppv: 0.75,
        npv: 5 / 6,
        fdr: 0.25,
        for: 1 / 6,
      },
    ],
    [
      'B',
      B,
      {
        selectionRate: 0.3,
        baseRate: 0.2,
        tpr: 0.5,
        fpr: 0.25,
        tnr: 0.75,
        fnr: 0.5,
        ppv: 1 / 3,
        npv: 6 / 7,
        fdr: 2 / 3,
        for: 1 / 7,
      },
    ],
    [
      'C (no positives: TPR, FNR, PPV, FDR undefined)',
      C,
      {
        selectionRate: 0,
        baseRate: 0,
        tpr: null,
        fpr: 0,
        tnr: 1,
        fnr: null,
        ppv: null,
        npv: 1,
        fdr: null,
        for: 0,
      },
    ],
    [
      'empty',
      cell(0, 0, 0, 0),
      {
        selectionRate: null,
        baseRate: null,
        tpr: null,
        fpr: null,
        tnr: null,
        fnr: null,
        ppv: null,
        npv: null,
        fdr: null,
        for: null,
      },
    ],
  ]
  for (const [name, counts, expected] of table) {
    it(`gives the hand-computed rates for group ${name}`, () => {
      const r = rates(counts)
      for (const k of RATE_NAMES) {
        if (expected[k] === null) assert.equal(r[k], null, `${k} must be null, never 0`)
        else close(r[k], expected[k]!)
      }
    })
  }

  it('matches the docs/bias-audit.md formulas to 1e-12 on random weighted counts', () => {
    const rng = createRng(5)
    for (let i = 0; i < 1000; i++) {
      const [tp, fp, tn, fn] = [rng() * 1e6, rng() * 1e3, rng() * 1e7, rng() * 10]
      const r = rates({ tp, fp, tn, fn })
      const n = tp + fp + tn + fn
      close(r.baseRate, (tp + fn) / n)
      close(r.selectionRate, (tp + fp) / n)
      close(r.fnr, 1 - tp / (tp + fn))
      close(r.tnr, 1 - fp / (fp + tn))
      close(r.fdr, 1 - tp / (tp + fp))
      close(r.for, 1 - tn / (tn + fn))
    }
  })
})

describe('intervals per rate', () => {
  it('uses the Wilson interval of numerator over denominator for unweighted counts', () => {
    assert.deepEqual(rateIntervals(A).tpr, wilson(30, 40))
    assert.deepEqual(rateIntervals(A).fpr, wilson(10, 60))
  })
  it('is null where the rate is undefined', () => assert.equal(rateIntervals(C).tpr, null))
  it('shrinks weighted counts to the Kish effective size', () => {
    const weighted: TCellCounts = {
      tp: 2.5,
      fp: 0.5,
      tn: 0,
      fn: 0,
      rows: 2,
      squares: { tp: 6.25, fp: 0.25, tn: 0, fn: 0 },
    }
    // PPV denominator: Σw = 3, Σw² = 6.5, so n_eff = 9 / 6.5 and x = (2.5 / 3)·n_eff.
    const e = effectiveCounts(weighted, 'ppv')!
    close(e.n, 9 / 6.5)
    close(e.x, (2.5 / 3) * (9 / 6.5))
  })
})

describe('summarise', () => {
  const s = summarise(groups, overall, { minGroupSize: 0 })
  it('takes the largest group as reference, the first on a tie', () => assert.equal(s.reference, 'g=A'))
  it('computes demographic parity over selection rates, including a zero group', () => {
    close(s.demographicParityDifference, 0.4)
    close(s.demographicParityRatio, 0)
  })
  it('leaves groups with an undefined TPR out of the TPR summary', () => {
    close(s.equalOpportunityDifference, 0.25)
    close(s.equalOpportunityRatio, 2 / 3)
  })
  it('takes the worse of the TPR and FPR gaps for equalized odds', () => {
    close(s.equalizedOddsDifference, 0.25)
    close(s.equalizedOddsRatio, 0)
  })
  it('reports the largest absolute difference to the overall rate', () => {
    assert.equal(s.rates.selectionRate.maxAbsDifferenceToOverall?.key, 'g=C')
    close(s.rates.selectionRate.maxAbsDifferenceToOverall!.value, 70 / 205)
  })
  it('reads ratios to the reference against [0.8, 1.25] through their intervals', () => {
    // B: 0.3/0.4 = 0.75, Katz [0.511, 1.101] holds 0.8; C: 0/5, [0, 2.98]: neither can be flagged.
    assert.deepEqual(
      s.rates.selectionRate.toReference.map((r) => [r.key, r.ratio, r.flag, r.flagged]),
      [
        ['g=A', 1, 'within', false],
        ['g=B', 0.75, 'inconclusive', false],
        ['g=C', 0, 'inconclusive', false],
      ],
    )
    assert.equal(
      s.rates.selectionRate.toReference[0]!.ci,
      null,
      'the reference has no interval against itself',
    )
    close(s.rates.fpr.toReference[1]!.ratio, 0.25 / (1 / 6))
  })
  it('puts a Newcombe interval on the max−min difference', () => {
    const ci = s.rates.selectionRate.differenceCi!
    assert.ok(ci[0] < 0.4 && 0.4 < ci[1])
  })
})

const closePairOf = (actual: [number, number] | null, expected: [number, number]): void => {
  assert.ok(actual, 'interval is null')
  close(actual[0], expected[0])
  close(actual[1], expected[1])
}

describe('flagOf', () => {
  const band = [0.8, 1.25] as const
  const table: [string, number | null, [number, number] | null, TFlag | null][] = [
    ['undefined ratio', null, null, null],
    ['interval wholly below', 0.5, [0.3, 0.79], 'below'],
    ['interval wholly above', 1.6, [1.26, 2], 'above'],
    ['interval inside', 1, [0.85, 1.2], 'within'],
    ['interval touching the bounds, which are inside', 1, [0.8, 1.25], 'within'],
    ['interval holding the lower bound', 0.7, [0.5, 0.9], 'inconclusive'],
    ['interval holding the upper bound', 1.3, [1.1, 1.5], 'inconclusive'],
    ['interval holding both bounds', 1, [0.5, 2], 'inconclusive'],
    ['no interval for a defined ratio', 0.5, null, 'inconclusive'],
  ]
  for (const [what, ratio, ci, expected] of table) {
    it(`gives ${expected} for ${what}`, () => {
      assert.equal(flagOf(ratio, ci, band), expected)
      assert.equal(isFlagged(expected), expected === 'below' || expected === 'above')
    })
  }
})

describe('named measures', () => {
  it('computes the adverse impact ratio against the highest selection rate, inconclusive when its interval holds 0.8', () => {
    const air = adverseImpact(groups)
    assert.deepEqual(
      air.map((a) => [a.key, a.ratio, a.flag, a.flagged]),
      [
        ['g=A', 1, 'within', false],
        ['g=B', 0.75, 'inconclusive', false],
        ['g=C', 0, 'inconclusive', false],
      ],
    )
    assert.equal(air[0]!.ci, null, 'the top group has no ratio interval against itself')
    // Katz for 30/100 over 40/100 and, with a zero count, [0, Haldane–Anscombe upper] for 0/5 (Python).
    closePairOf(air[1]!.ci, [0.510981718633414, 1.1008221615136604])
    closePairOf(air[2]!.ci, [0, 2.9844005789370995])
  })
  it('flags a ratio below 0.8 when its whole interval lies below', () => {
    // 20/100 over 50/100 = 0.4, Katz [0.258, 0.620] (Python).
    const air = adverseImpact([
      { key: 'a', counts: cell(25, 25, 50, 0) },
      { key: 'b', counts: cell(10, 10, 80, 0) },
    ])
    assert.deepEqual([air[1]!.ratio, air[1]!.flag, air[1]!.flagged], [0.4, 'below', true])
    closePairOf(air[1]!.ci, [0.258062880171086, 0.6200039304138821])
  })
  it('gives exactly 0.8 at the four-fifths boundary, which is not flagged', () => {
    // 40/100 over 50/100: naive 0.4 / 0.5 in floating point is not guaranteed to be 0.8.
    const air = adverseImpact([
      { key: 'a', counts: cell(25, 25, 50, 0) },
      { key: 'b', counts: cell(20, 20, 60, 0) },
    ])
    assert.equal(air[1]!.ratio, 0.8)
    assert.equal(air[1]!.flagged, false)
  })
  it('computes the average odds difference against the reference, null when TPR is undefined', () => {
    const odds = averageOdds(groups, 'g=A')
    close(odds[1]!.difference, (0.25 - 1 / 6 + (0.5 - 0.75)) / 2)
    assert.equal(odds[2]!.difference, null)
  })
  it('refuses an unknown reference key', () => assert.equal(chooseReference(groups, 'g=Z'), null))
})

describe('face-match measures', () => {
  it('gives FNMR log10, ratio to the lowest and max over geometric mean', () => {
    const f = faceMatchRate(groups, 'fnr')
    close(f.groups[0]!.log10, Math.log10(0.25))
    close(f.groups[1]!.ratioToLowest, 2)
    assert.equal(f.groups[2]!.value, null)
    close(f.geometricMean, Math.sqrt(0.125))
    close(f.maxOverGeometricMean, Math.SQRT2)
  })
  it('has no max/geometric mean when a group has a zero FMR, and uses the lowest non-zero rate for ratios', () => {
    const f = faceMatchRate(groups, 'fpr')
    assert.equal(f.geometricMean, 0)
    assert.equal(f.maxOverGeometricMean, null)
    assert.equal(f.lowest?.key, 'g=A')
    assert.equal(f.groups[2]!.log10, null)
  })
})

describe('cross-group summaries need two groups with a defined rate', () => {
  // TPR defined for A only (C has no actual positives): nothing to compare, so null, not 0 or 1.
  const onlyA = summariseRate([groups[0]!, groups[2]!], A, 'g=A', 'tpr')
  it('gives null difference, ratio and intervals with one defined group, and lists the others', () => {
    assert.equal(onlyA.difference, null)
    assert.equal(onlyA.ratio, null)
    assert.equal(onlyA.differenceCi, null)
    assert.equal(onlyA.ratioCi, null)
    assert.deepEqual(onlyA.undefinedGroups, ['g=C'])
    assert.deepEqual(onlyA.max, { key: 'g=A', value: 0.75 })
  })
  it('makes the named measures null rather than a reassuring 0 with one comparable group', () => {
    const s = summarise([groups[0]!, groups[2]!], A, { reference: 'g=A', minGroupSize: 0 })
    assert.equal(s.equalOpportunityDifference, null)
    assert.equal(s.equalizedOddsDifference, null)
    assert.equal(s.equalizedOddsRatio, null)
    // C has no TPR, so only the reference itself has an average odds difference (0 by construction).
    assert.deepEqual(s.averageOdds, [
      { key: 'g=A', difference: 0 },
      { key: 'g=C', difference: null },
    ])
    assert.equal(s.averageOddsDifference, null)
    // Selection rates are defined for both: 0.4 and 0.
    close(s.demographicParityDifference, 0.4)
  })
  it('picks distinct max and min groups on a tie, so the intervals compare two groups', () => {
    // Same TPR 10/20 in both groups: difference 0 and ratio 1 with intervals around them.
    const tied = [
      { key: 'g=P', counts: cell(10, 5, 5, 10) },
      { key: 'g=Q', counts: cell(10, 0, 30, 10) },
    ]
    const t = summariseRate(tied, cell(20, 5, 35, 20), 'g=P', 'tpr')
    assert.equal(t.min?.key, 'g=P')
    assert.equal(t.max?.key, 'g=Q')
    assert.equal(t.difference, 0)
    assert.equal(t.ratio, 1)
    assert.ok(t.differenceCi && t.differenceCi[0] < 0 && t.differenceCi[1] > 0)
    assert.ok(t.ratioCi && t.ratioCi[0] < 1 && t.ratioCi[1] > 1)
  })
  it('keeps the largest average odds difference among non-reference groups, sign included', () => {
    // Reference A (TPR 0.75, FPR 1/6); B: ½[(0.25 − 1/6) + (0.5 − 0.75)] = −1/12.
    close(summarise(groups, overall, { reference: 'g=A', minGroupSize: 0 }).averageOddsDifference, -1 / 12)
  })
})
