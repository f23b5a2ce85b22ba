/**
 * Confidence intervals for proportions, their differences and their ratios (docs/bias-audit.md).
 * All functions are pure; counts may be non-integer (weighted data passes effective counts).
 */

/** Two-sided 95 % normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054
export const ALPHA95 = 0.05

/**
 * Below this many trials the Wilson interval's coverage wobbles too much, so the exact
 * Clopper–Pearson interval is used instead. Also used whenever the count is 0 or equals n,
 * where Wilson's lower (or upper) bound is known to undercover.
 */
export const EXACT_INTERVAL_BELOW_N = 30

export type TInterval = [number, number]

/** Wilson score interval for x successes in n trials (no continuity correction). */
export function wilson(x: number, n: number, z = Z95): TInterval | null {
  if (!(n > 0) || x < 0 || x > n) return null
  const p = x / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/**
 * Exact intervals already worked out, by count, trials and level. Each costs two bisections of
 * about 55 incomplete-beta evaluations, and a report asks for the same small tables over and over
 * (every group under 30 rows, ten rates each, in the groups and again in the marginals).
 */
const exactIntervals = new Map<string, TInterval>()
/** Entries kept before the memo starts over: bounded memory whatever the input. */
const EXACT_MEMO_SIZE = 20_000

/** Exact (Clopper–Pearson) interval from Beta quantiles; closed forms at x = 0 and x = n. */
export function clopperPearson(x: number, n: number, alpha = ALPHA95): TInterval | null {
  if (!(n > 0) || x < 0 || x > n) return null
  const key = `${x}/${n}/${alpha}`
  const known = exactIntervals.get(key)
  if (known) return [known[0], known[1]]
  const lo = x === 0 ? 0 : x === n ? (alpha / 2) ** (1 / n) : betaQuantile(alpha / 2, x, n - x + 1)
  const hi = x === n ? 1 : x === 0 ? 1 - (alpha / 2) ** (1 / n) : betaQuantile(1 - alpha / 2, x + 1, n - x)
  if (exactIntervals.size >= EXACT_MEMO_SIZE) exactIntervals.clear()
  exactIntervals.set(key, [lo, hi])
  return [lo, hi]
}

export type TProportionMethod = 'wilson' | 'clopper-pearson'

/** The rule of docs/bias-audit.md: exact interval when a count is 0 (x = 0 or x = n) or n < 30, else Wilson. */
export function proportionMethod(x: number, n: number): TProportionMethod {
  return x === 0 || x === n || n < EXACT_INTERVAL_BELOW_N ? 'clopper-pearson' : 'wilson'
}

/** 95 % interval for a proportion, choosing the method by {@link proportionMethod}. */
export function proportionInterval(x: number, n: number): TInterval | null {
  return proportionMethod(x, n) === 'wilson' ? wilson(x, n) : clopperPearson(x, n)
}

/**
 * Newcombe's hybrid score interval (his method 10) for p1 − p2, built from the two Wilson
 * intervals. Returns null when either proportion is undefined.
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = Z95,
): TInterval | null {
  const w1 = wilson(x1, n1, z)
  const w2 = wilson(x2, n2, z)
  if (!w1 || !w2) return null
  const p1 = x1 / n1
  const p2 = x2 / n2
  const d = p1 - p2
  const lo = d - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2)
  const hi = d + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2)
  return [lo, hi]
}

/**
 * Katz log interval for the ratio (x1/n1)/(x2/n2). The variance of log(ratio) has 1/x terms, so
 * when the numerator count x1 is 0 (the ratio is 0) the upper bound comes from the
 * Haldane–Anscombe correction — ½ added to each cell of both groups' 2×2 rows, x + ½ over n + 1 —
 * and the lower bound is 0. Null when the ratio itself is undefined (x2 = 0 or an empty group).
 */
export function katzRatio(x1: number, n1: number, x2: number, n2: number, z = Z95): TInterval | null {
  if (!(n1 > 0 && n2 > 0 && x2 > 0) || x1 < 0 || x1 > n1 || x2 > n2) return null
  if (x1 === 0) {
    const a = 0.5
    const m1 = n1 + 1
    const b = x2 + 0.5
    const m2 = n2 + 1
    const se = Math.sqrt(1 / a - 1 / m1 + 1 / b - 1 / m2)
    return [0, (a / m1 / (b / m2)) * Math.exp(z * se)]
  }
  const ratio = x1 / n1 / (x2 / n2)
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
  return [ratio * Math.exp(-z * se), ratio * Math.exp(z * se)]
}

// ---------------------------------------------------------------------------------------------
// Beta distribution helpers for Clopper–Pearson.

// Lanczos approximation (g = 7, 9 terms); relative error about 1e-15 for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/** Natural log of the gamma function for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const xm = x - 1
  let sum = LANCZOS[0]!
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (xm + i)
  const t = xm + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(sum)
}

// Continued fraction for the incomplete beta, evaluated with the modified Lentz method.
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + num * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + num / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + num * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + num / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-16) break
  }
  return h
}

/** Regularised incomplete beta I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  return regularizedBetaOf(x, a, b, logGamma(a + b) - logGamma(a) - logGamma(b))
}

/** I_x(a, b) given log(1 / B(a, b)), which a bisection over x computes once instead of every step. */
function regularizedBetaOf(x: number, a: number, b: number, logInverseBeta: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const logFront = logInverseBeta + a * Math.log(x) + b * Math.log1p(-x)
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b
}

/** Quantile of Beta(a, b) by bisection on I_x(a, b); monotone, so it always converges. */
export function betaQuantile(p: number, a: number, b: number): number {
  const logInverseBeta = logGamma(a + b) - logGamma(a) - logGamma(b)
  let lo = 0
  let hi = 1
  for (let i = 0; i < 1100; i++) {
    const mid = (lo + hi) / 2
    // Stop when the bracket can no longer shrink in double precision (relative, so tiny quantiles stay exact).
    if (mid === lo || mid === hi || hi - lo <= 1e-16 * mid) break
    if (regularizedBetaOf(mid, a, b, logInverseBeta) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
