import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bootstrap, createBinomialSampler, createRng, percentileInterval } from './bootstrap.ts'
import { wilson } from './intervals.ts'
import type { TGroupCounts } from './metrics.ts'

const group = (key: string, tp: number, fp: number, tn: number, fn: number): TGroupCounts => ({
  key,
  counts: { tp, fp, tn, fn, rows: tp + fp + tn + fn, squares: null },
})

describe('createRng', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const xs = Array.from({ length: 5 }, () => a())
    assert.deepEqual(
      Array.from({ length: 5 }, () => b()),
      xs,
    )
    assert.notDeepEqual(
      Array.from({ length: 5 }, () => c()),
      xs,
    )
  })
  it('is uniform on [0, 1): mean ½ and variance 1/12 within sampling error', () => {
    const r = createRng(1)
    let s = 0
    let s2 = 0
    const n = 200_000
    for (let i = 0; i < n; i++) {
      const u = r()
      assert.ok(u >= 0 && u < 1)
      s += u
      s2 += u * u
    }
    // Standard errors: √(1/12/n) ≈ 0.00065 for the mean, ≈ 0.0002 for the variance; allow 5 of them.
    assert.ok(Math.abs(s / n - 0.5) < 0.0033)
    assert.ok(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12) < 0.001)
  })
})

describe('binomial sampler', () => {
  const table: [number, number][] = [
    [20, 0.1], // inversion
    [1000, 0.02], // inversion (mean 20)
    [100_000, 0.3], // normal with skewness term
    [1_000_000, 0.001], // normal, skewed
    [50, 0.9], // reflected to p = 0.1
  ]
  for (const [n, p] of table) {
    it(`has mean np and variance np(1−p) for n=${n}, p=${p}`, () => {
      const draw = createBinomialSampler(createRng(n))
      const reps = 20_000
      let s = 0
      let s2 = 0
      for (let i = 0; i < reps; i++) {
        const x = draw(n, p)
        assert.ok(Number.isInteger(x) && x >= 0 && x <= n)
        s += x
        s2 += x * x
      }
      const mean = s / reps
      const variance = s2 / reps - mean * mean
      const sd = Math.sqrt(n * p * (1 - p))
      // Mean within 5 standard errors; variance within 10 %.
      assert.ok(Math.abs(mean - n * p) < (5 * sd) / Math.sqrt(reps), `mean ${mean} vs ${n * p}`)
      assert.ok(Math.abs(variance / (sd * sd) - 1) < 0.1, `variance ${variance} vs ${sd * sd}`)
    })
  }
})

describe('percentileInterval', () => {
  it('equals the sorted, linearly interpolated percentiles and ignores undefined replicates', () => {
    const rng = createRng(8)
    for (let trial = 0; trial < 50; trial++) {
      const n = 20 + Math.floor(rng() * 2000)
      const values = Float64Array.from({ length: n }, () =>
        rng() < 0.01 ? Number.NaN : Math.floor(rng() * 50) / 7,
      )
      const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
      const at = (q: number): number => {
        const h = (sorted.length - 1) * q
        const i = Math.floor(h)
        return sorted[i]! + (h - i) * ((sorted[Math.min(i + 1, sorted.length - 1)] ?? 0) - sorted[i]!)
      }
      assert.deepEqual(percentileInterval(values, 0.025, 0.975), [at(0.025), at(0.975)])
    }
  })
  it('gives the sorted, interpolated value at tail and middle percentiles, with and without ties', () => {
    const rng = createRng(9)
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + Math.floor(rng() * 3000)
      const hasTies = trial % 2 === 0
      const values = Float64Array.from({ length: n }, () => (hasTies ? Math.floor(rng() * 20) : rng() - 0.5))
      const sorted = [...values].sort((x, y) => x - y)
      const at = (q: number): number => {
        const h = (n - 1) * q
        const i = Math.floor(h)
        return i + 1 < n ? sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!) : sorted[i]!
      }
      for (const [lo, hi] of [
        [0, 1],
        [0.001, 0.999],
        [0.025, 0.975],
        [0.05, 0.5],
        [0.3, 0.995],
      ] as const) {
        const got = percentileInterval(Float64Array.from(values), lo, hi)
        assert.deepEqual(got, [at(lo), at(hi)], `n=${n} q=${lo},${hi}`)
      }
    }
  })
  it('is null when too many replicates are undefined', () => {
    assert.equal(percentileInterval(Float64Array.from([1, Number.NaN, 2, Number.NaN]), 0.025, 0.975), null)
  })
})

describe('bootstrap', () => {
  const groups = [
    group('g=A', 300, 100, 500, 100),
    group('g=B', 100, 200, 600, 100),
    group('g=C', 2, 3, 20, 1),
  ]
  it('is reproducible with a seed', () => {
    assert.deepEqual(
      bootstrap(groups, { replicates: 300, seed: 9 }),
      bootstrap(groups, { replicates: 300, seed: 9 }),
    )
  })
  it('gives percentile intervals close to Wilson for a large group', () => {
    // Selection rate of A: 400/1000. The percentile interval of the multinomial bootstrap approximates
    // the normal interval 0.4 ± 1.96·√(0.24/1000) ≈ [0.3696, 0.4304]; Wilson is within 0.001 of that.
    const b = bootstrap(groups, { replicates: 2000, seed: 4 })
    const ci = b.groups[0]!.ci.selectionRate!
    const w = wilson(400, 1000)!
    assert.ok(Math.abs(ci[0] - w[0]) < 0.006 && Math.abs(ci[1] - w[1]) < 0.006, `${ci} vs ${w}`)
  })
  it('covers the observed demographic parity difference', () => {
    const b = bootstrap(groups, { replicates: 1000, seed: 2 })
    const dp = b.summary.demographicParityDifference!
    // Observed: max SR 0.4 (A) − min SR 0.1923 (C).
    assert.ok(dp[0] < 0.4 - 5 / 26 && 0.4 - 5 / 26 < dp[1] + 0.05)
  })
})

describe('bootstrap cross-group summaries', () => {
  // A comparison needs two groups with the rate defined in the replicate (as in metrics.ts): with
  // one group, or with one group having actual positives, the summary interval is null, not [0, 0].
  it('has no cross-group interval for a single group', () => {
    const b = bootstrap([group('g=A', 30, 10, 50, 10)], { replicates: 200, seed: 1 })
    assert.equal(b.summary.demographicParityDifference, null)
    assert.equal(b.summary.demographicParityRatio, null)
    assert.equal(b.summary.equalOpportunityDifference, null)
    assert.equal(b.summary.equalizedOddsDifference, null)
  })
  it('has no TPR interval when only one group ever has actual positives', () => {
    // B has no actual positives (TP = FN = 0), so no replicate can give it one.
    const b = bootstrap([group('g=A', 30, 10, 50, 10), group('g=B', 0, 20, 80, 0)], {
      replicates: 200,
      seed: 1,
    })
    assert.equal(b.summary.equalOpportunityDifference, null)
    assert.equal(b.summary.equalizedOddsDifference, null)
    assert.ok(b.summary.demographicParityDifference, 'selection rates of both groups are defined')
  })
})
