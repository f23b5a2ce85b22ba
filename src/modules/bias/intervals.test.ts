import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  betaQuantile,
  clopperPearson,
  katzRatio,
  logGamma,
  newcombeDifference,
  proportionInterval,
  proportionMethod,
  regularizedBeta,
  wilson,
} from './intervals.ts'

const close = (actual: number, expected: number, tol: number, what: string): void => {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} (±${tol})`)
}
const closePair = (
  actual: [number, number] | null,
  expected: [number, number],
  tol: number,
  what: string,
): void => {
  assert.ok(actual, `${what}: got null`)
  close(actual[0], expected[0], tol, `${what} lower`)
  close(actual[1], expected[1], tol, `${what} upper`)
}

describe('wilson', () => {
  // Expected values: the closed form (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = Φ⁻¹(0.975),
  // evaluated independently in Python 3.11 with z = scipy.stats.norm.ppf(0.975) (Debian scipy 1.10.1).
  // 81/263 and 56/70, 48/80 are also Newcombe's (1998) worked examples: 0.2553–0.3662, 0.6918–0.8770, 0.4905–0.7004.
  const table: [number, number, [number, number]][] = [
    [81, 263, [0.2552885198782742, 0.36620957698280004]],
    [56, 70, [0.6918335550374695, 0.8769526075163705]],
    [48, 80, [0.4904546500516039, 0.7003817240412905]],
    [15, 148, [0.0623863995307363, 0.16048724172330803]],
    [0, 20, [0, 0.16112515805281938]],
    [1, 29, [0.006113214292762653, 0.17175521879320288]],
    [5, 12, [0.19326031365875668, 0.6804886874504503]],
    [29, 29, [0.8830302015002593, 1]],
  ]
  for (const [x, n, expected] of table) {
    it(`matches the closed form for ${x}/${n}`, () => closePair(wilson(x, n), expected, 1e-12, `${x}/${n}`))
  }
  it('is undefined without trials', () => {
    assert.equal(wilson(0, 0), null)
    assert.equal(wilson(3, 2), null)
  })
})

describe('clopperPearson', () => {
  // Expected: lower = Beta⁻¹(0.025; x, n−x+1), upper = Beta⁻¹(0.975; x+1, n−x) from scipy.stats.beta.ppf
  // (Debian scipy 1.10.1); at x = 0 the upper bound is 1 − 0.025^(1/n), at x = n the lower is 0.025^(1/n).
  const table: [number, number, [number, number]][] = [
    [0, 20, [0, 0.1684334709830853]],
    [1, 29, [0.000872646883579922, 0.1776442954887229]],
    [5, 12, [0.15165222980843013, 0.7233303143178942]],
    [29, 29, [0.8805551309304973, 1]],
    [3, 10, [0.06673951117773447, 0.6524528500599973]],
    [0, 1000, [0, 0.003682083896865671]],
    [7, 25, [0.12071668850406661, 0.49387682180625553]],
  ]
  for (const [x, n, expected] of table) {
    it(`matches scipy's beta quantiles for ${x}/${n}`, () =>
      closePair(clopperPearson(x, n), expected, 1e-10, `${x}/${n}`))
  }
})

describe('beta helpers', () => {
  it('logGamma matches log((n−1)!) for integers', () => {
    // log(9!) = log(362880); log(Γ(0.5)) = log(√π).
    close(logGamma(10), Math.log(362880), 1e-12, 'Γ(10)')
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'Γ(0.5)')
  })
  it('regularizedBeta of Beta(1, b) is the closed form 1 − (1−x)^b', () => {
    close(regularizedBeta(0.3, 1, 4), 1 - 0.7 ** 4, 1e-13, 'I_0.3(1,4)')
    close(regularizedBeta(0.9, 1, 4), 1 - 0.1 ** 4, 1e-13, 'I_0.9(1,4)')
  })
  it('betaQuantile inverts regularizedBeta', () => {
    const q = betaQuantile(0.3, 2.5, 7)
    close(regularizedBeta(q, 2.5, 7), 0.3, 1e-12, 'round trip')
  })
})

describe('proportionInterval method rule', () => {
  const table: [number, number, 'wilson' | 'clopper-pearson'][] = [
    [0, 500, 'clopper-pearson'],
    [500, 500, 'clopper-pearson'],
    [3, 29, 'clopper-pearson'],
    [3, 30, 'wilson'],
    [250, 500, 'wilson'],
  ]
  for (const [x, n, method] of table) {
    it(`uses ${method} for ${x}/${n}`, () => assert.equal(proportionMethod(x, n), method))
  }
  it('gives the exact interval for a zero count', () => {
    assert.deepEqual(proportionInterval(0, 1000), clopperPearson(0, 1000))
  })
})

describe('newcombeDifference', () => {
  // Expected: d − √((p1−l1)² + (u2−p2)²), d + √((u1−p1)² + (p2−l2)²) with Wilson bounds, in Python (see above).
  // 56/70 − 48/80 is Newcombe's (1998) example (a): published 0.0524 to 0.3339.
  const table: [[number, number, number, number], [number, number]][] = [
    [
      [56, 70, 48, 80],
      [0.052431472402365065, 0.333872654036906],
    ],
    [
      [9, 10, 3, 10],
      [0.17052272393450302, 0.8090179735354881],
    ],
    [
      [5, 56, 0, 29],
      [-0.03813714790353688, 0.19256001385511162],
    ],
  ]
  for (const [[x1, n1, x2, n2], expected] of table) {
    it(`matches the hybrid score formula for ${x1}/${n1} − ${x2}/${n2}`, () =>
      closePair(newcombeDifference(x1, n1, x2, n2), expected, 1e-12, 'newcombe'))
  }
})

describe('katzRatio', () => {
  // Expected: RR·exp(∓z·√(1/x1 − 1/n1 + 1/x2 − 1/n2)), in Python with scipy's z.
  it('matches the log interval for 30/100 over 50/100', () =>
    closePair(katzRatio(30, 100, 50, 100), [0.41951145274354046, 0.8581410534698285], 1e-12, 'katz'))
  it('matches the log interval for 12/40 over 45/60', () =>
    closePair(katzRatio(12, 40, 45, 60), [0.24372952868155465, 0.6564653895878506], 1e-12, 'katz'))
  // A zero numerator: the ratio is 0, so the lower bound is 0; the upper bound adds ½ to each cell
  // (Haldane–Anscombe): (0.5/101)/(5.5/101)·exp(z·√(1/0.5 − 1/101 + 1/5.5 − 1/101)), in Python.
  it('bounds a zero numerator by 0 and the corrected upper bound', () =>
    closePair(katzRatio(0, 100, 5, 100), [0, 1.6225448457913936], 1e-12, 'katz zero'))
  it('is undefined when the divisor count is zero or a group is empty', () => {
    assert.equal(katzRatio(5, 100, 0, 100), null)
    assert.equal(katzRatio(0, 0, 5, 100), null)
    assert.equal(katzRatio(5, 100, 5, 0), null)
  })
})
