/**
 * Percentile bootstrap drawn from the count table (docs/bias-audit.md). Resampling the rows of a group
 * with replacement gives cell counts distributed Multinomial(n_g, p̂_g), so we draw those counts
 * directly: the cost depends on the number of groups and replicates, never on the file size.
 * Stratified by group (each group keeps its size), seeded and reproducible.
 */
import type { TInterval } from './intervals.ts'
import { RATE_NAMES, type TGroupCounts, type TRateName } from './metrics.ts'

/** A uniform [0, 1) generator with 53 random bits: xoshiro128** seeded through splitmix32. */
export function createRng(seed: number): () => number {
  let sm = (seed | 0) ^ Math.floor(seed / 2 ** 32)
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0
    let z = sm
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let s0 = splitmix()
  let s1 = splitmix()
  let s2 = splitmix()
  let s3 = splitmix()
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 11)
    return result
  }
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/**
 * Binomial sampler. Exact inversion (walking the CDF from 0) while n·min(p, 1−p) < 40, which
 * costs at most a few dozen steps. Above that, a normal draw with the Cornish–Fisher skewness term
 * (mean np, sd √(npq), skew (1−2p)/√(npq)), rounded: there npq ≥ 20 and the remaining error is of
 * order 1/(npq) of a standard deviation, below the Monte-Carlo noise of a 1,000-replicate
 * percentile (≈ 0.09 sd at the 2.5 % tail).
 */
export function createBinomialSampler(rng: () => number): (n: number, p: number) => number {
  let spare = Number.NaN
  const gaussian = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare
      spare = Number.NaN
      return s
    }
    let u = rng()
    while (u === 0) u = rng()
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * rng()
    spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }
  const draw = (n: number, p: number): number => {
    if (n <= 0 || p <= 0) return 0
    if (p >= 1) return n
    if (p > 0.5) return n - draw(n, 1 - p)
    const mean = n * p
    if (mean < 40) {
      const q = 1 - p
      const odds = p / q
      let pmf = Math.exp(n * Math.log1p(-p))
      let cdf = pmf
      const u = rng()
      let x = 0
      while (u > cdf && x < n) {
        pmf *= ((n - x) / (x + 1)) * odds
        x++
        cdf += pmf
      }
      return x
    }
    const sd = Math.sqrt(mean * (1 - p))
    const z = gaussian()
    const x = Math.floor(mean + sd * (z + ((1 - 2 * p) / sd) * ((z * z - 1) / 6)) + 0.5)
    return Math.min(n, Math.max(0, x))
  }
  return draw
}

export type TBootstrapOptions = {
  replicates: number
  seed: number
  /** Which groups the summary intervals compare, by position (all when absent): docs/bias-audit.md. */
  compared?: readonly boolean[] | undefined
  /**
   * Whether to give per-group figures: each group's rate intervals and its adverse-impact interval
   * (true when absent). Without them only the cross-group measures are drawn, at less cost.
   */
  isPerGroup?: boolean | undefined
}

export type TBootstrapResult = {
  replicates: number
  seed: number
  method: string
  /** Per-group intervals; empty when isPerGroup is false (as is each summary's adverseImpact). */
  groups: { key: string; ci: Record<TRateName, TInterval | null> }[]
  /** Over the compared groups; adverseImpact lists only those. */
  summary: TBootstrapSummary
  /** The same over every group, from the same replicates (equal to summary when all are compared). */
  allGroups: TBootstrapSummary
}

export type TBootstrapSummary = {
  demographicParityDifference: TInterval | null
  demographicParityRatio: TInterval | null
  equalizedOddsDifference: TInterval | null
  equalizedOddsRatio: TInterval | null
  equalOpportunityDifference: TInterval | null
  adverseImpact: { key: string; ci: TInterval | null }[]
}

/** A percentile is reported only when the statistic was defined in at least this share of replicates. */
const MIN_DEFINED_SHARE = 0.95

/** Rearranges a[left..right] so that a[k] holds the value it would have if sorted (Hoare's quickselect). */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left
  let hi = right
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i] = a[j]!
        a[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return
  }
}

/** Scratch space for tailQuantile (the bootstrap runs on one thread; no call nests another). */
let tail = new Float64Array(64)

/**
 * The q-quantile when order statistic k lies in a tail (k or m−1−k is small): one pass keeps the
 * few smallest (or largest) values in a small sorted buffer, so most values cost one comparison.
 * Same value as the selection path of quantile() below.
 */
function tailQuantile(a: Float64Array, m: number, h: number, k: number, isLow: boolean): number {
  const needsNext = k + 1 < m && h !== k
  // Rank of order statistic k counted from the tail in question (0 = the extreme value).
  const rank = isLow ? k : m - 1 - k
  const t = isLow ? rank + (needsNext ? 2 : 1) : rank + 1
  // For the upper tail, order statistic k+1 is one rank nearer the extreme: rank − 1 ≥ 0 when needed.
  if (tail.length < t) tail = new Float64Array(2 * t)
  const buf = tail
  let size = 0
  for (let i = 0; i < m; i++) {
    // Low tail: buf ascending, keep the t smallest. High tail: values negated, same code.
    const v = isLow ? a[i]! : -a[i]!
    if (size === t) {
      if (v >= buf[t - 1]!) continue
      size--
    }
    let j = size - 1
    while (j >= 0 && buf[j]! > v) {
      buf[j + 1] = buf[j]!
      j--
    }
    buf[j + 1] = v
    size++
  }
  if (isLow) {
    const at = buf[rank]!
    return needsNext ? at + (h - k) * (buf[rank + 1]! - at) : at
  }
  const at = -buf[rank]!
  return needsNext ? at + (h - k) * (-buf[rank - 1]! - at) : at
}

/** The q-quantile of a[0..m) with linear interpolation (numpy's default); reorders a. */
function quantile(a: Float64Array, m: number, q: number): number {
  const h = (m - 1) * q
  const k = Math.floor(h)
  // Near either end a one-pass tail buffer beats selection (the 2.5 % and 97.5 % points).
  if (m >= 64 && k + 2 <= m >> 4) return tailQuantile(a, m, h, k, true)
  if (m >= 64 && m - 1 - k + 1 <= m >> 4) return tailQuantile(a, m, h, k, false)
  select(a, k, 0, m - 1)
  const at = a[k]!
  if (k + 1 >= m || h === k) return at
  // The next order statistic is the smallest value above position k.
  let next = a[k + 1]!
  for (let i = k + 2; i < m; i++) if (a[i]! < next) next = a[i]!
  return at + (h - k) * (next - at)
}

/**
 * Percentile interval of the defined (non-NaN) values, by selection rather than a full sort (the
 * bootstrap takes ~660 of these per run). Reorders the slice, which is used only once.
 */
export function percentileInterval(values: Float64Array, lower: number, upper: number): TInterval | null {
  let m = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!Number.isNaN(v)) values[m++] = v
  }
  if (m === 0 || m < MIN_DEFINED_SHARE * values.length) return null
  const lo = quantile(values, m, lower)
  const hi = quantile(values, m, upper)
  return [lo, hi]
}

/** Size of the multinomial for a group: its rows, or Kish's effective size when weighted. */
function resampleSize(g: TGroupCounts): number {
  const c = g.counts
  if (!c.squares) return c.rows
  const total = c.tp + c.fp + c.tn + c.fn
  const squares = c.squares.tp + c.squares.fp + c.squares.tn + c.squares.fn
  return squares > 0 ? Math.max(1, Math.round((total * total) / squares)) : 0
}

/**
 * The summary statistics of one set of groups, one value per replicate, and the running extremes
 * of the replicate being drawn. A comparison needs two groups with the rate defined (as metrics.ts).
 */
class SummaryDraws {
  readonly dpDiff: Float64Array
  readonly dpRatio: Float64Array
  readonly eoDiff: Float64Array
  readonly eoRatio: Float64Array
  readonly eopDiff: Float64Array
  readonly air: Float64Array
  srMax = Number.NEGATIVE_INFINITY
  srMin = Number.POSITIVE_INFINITY
  tprMax = Number.NEGATIVE_INFINITY
  tprMin = Number.POSITIVE_INFINITY
  fprMax = Number.NEGATIVE_INFINITY
  fprMin = Number.POSITIVE_INFINITY
  srDefined = 0
  tprDefined = 0
  fprDefined = 0

  constructor(
    readonly replicates: number,
    groups: number,
    readonly isPerGroup: boolean,
  ) {
    this.dpDiff = new Float64Array(replicates)
    this.dpRatio = new Float64Array(replicates)
    this.eoDiff = new Float64Array(replicates)
    this.eoRatio = new Float64Array(replicates)
    this.eopDiff = new Float64Array(replicates)
    this.air = new Float64Array(isPerGroup ? groups * replicates : 0)
  }

  start(): void {
    this.srMax = this.tprMax = this.fprMax = Number.NEGATIVE_INFINITY
    this.srMin = this.tprMin = this.fprMin = Number.POSITIVE_INFINITY
    this.srDefined = this.tprDefined = this.fprDefined = 0
  }

  /** One group's rates in this replicate (NaN where undefined: comparisons with NaN are false). */
  add(sr: number, tpr: number, fpr: number): void {
    if (!Number.isNaN(sr)) this.srDefined++
    if (!Number.isNaN(tpr)) this.tprDefined++
    if (!Number.isNaN(fpr)) this.fprDefined++
    if (sr > this.srMax) this.srMax = sr
    if (sr < this.srMin) this.srMin = sr
    if (tpr > this.tprMax) this.tprMax = tpr
    if (tpr < this.tprMin) this.tprMin = tpr
    if (fpr > this.fprMax) this.fprMax = fpr
    if (fpr < this.fprMin) this.fprMin = fpr
  }

  /** Close replicate b: the summary statistics and each group's ratio to the highest selection rate. */
  finish(b: number, sr: Float64Array): void {
    const hasSr = this.srDefined >= 2
    const hasTpr = this.tprDefined >= 2
    const hasFpr = this.fprDefined >= 2
    const { srMax, srMin, tprMax, tprMin, fprMax, fprMin } = this
    this.dpDiff[b] = hasSr ? srMax - srMin : Number.NaN
    this.dpRatio[b] = hasSr && srMax > 0 ? srMin / srMax : Number.NaN
    this.eopDiff[b] = hasTpr ? tprMax - tprMin : Number.NaN
    this.eoDiff[b] = hasTpr && hasFpr ? Math.max(tprMax - tprMin, fprMax - fprMin) : Number.NaN
    this.eoRatio[b] =
      hasTpr && hasFpr && tprMax > 0 && fprMax > 0 ? Math.min(tprMin / tprMax, fprMin / fprMax) : Number.NaN
    if (!this.isPerGroup) return
    const B = this.replicates
    for (let g = 0; g < sr.length; g++) this.air[g * B + b] = srMax > 0 ? sr[g]! / srMax : Number.NaN
  }

  /** The 95 % percentile intervals, adverse impact for the groups `isListed` accepts. */
  intervals(groups: TGroupCounts[], isListed: (g: number) => boolean): TBootstrapSummary {
    const B = this.replicates
    return {
      demographicParityDifference: percentileInterval(this.dpDiff, LOWER, UPPER),
      demographicParityRatio: percentileInterval(this.dpRatio, LOWER, UPPER),
      equalizedOddsDifference: percentileInterval(this.eoDiff, LOWER, UPPER),
      equalizedOddsRatio: percentileInterval(this.eoRatio, LOWER, UPPER),
      equalOpportunityDifference: percentileInterval(this.eopDiff, LOWER, UPPER),
      adverseImpact: groups.flatMap((g, gi) =>
        this.isPerGroup && isListed(gi)
          ? [{ key: g.key, ci: percentileInterval(this.air.subarray(gi * B, gi * B + B), LOWER, UPPER) }]
          : [],
      ),
    }
  }
}

const LOWER = 0.025
const UPPER = 0.975

/**
 * 95 % percentile intervals for every group rate and for the main summary measures, over the
 * compared groups and, from the same replicates, over every group.
 */
export function bootstrap(groups: TGroupCounts[], options: TBootstrapOptions): TBootstrapResult {
  const B = options.replicates
  const G = groups.length
  const R = RATE_NAMES.length
  const rng = createRng(options.seed)
  const binomial = createBinomialSampler(rng)
  const compared = groups.map((_, g) => options.compared?.[g] ?? true)
  const hasExcluded = compared.includes(false)
  const isPerGroup = options.isPerGroup ?? true
  // values[(g * R + r) * B + b]: rate r of group g in replicate b (NaN when undefined).
  const values = new Float64Array(isPerGroup ? G * R * B : 0)
  const ofCompared = new SummaryDraws(B, G, isPerGroup)
  // Over every group: drawn only when some group is excluded (else the same as ofCompared).
  const ofAll = hasExcluded ? new SummaryDraws(B, G, isPerGroup) : ofCompared
  const sizes = groups.map(resampleSize)
  // Cell probabilities p̂ per group, flat: [tp, fp, tn] (fn is the rest).
  const probs = new Float64Array(G * 3)
  groups.forEach((g, i) => {
    const c = g.counts
    const t = c.tp + c.fp + c.tn + c.fn
    if (t > 0) probs.set([c.tp / t, c.fp / t, c.tn / t], i * 3)
  })
  const sr = new Float64Array(G)
  for (let b = 0; b < B; b++) {
    ofCompared.start()
    if (hasExcluded) ofAll.start()
    for (let g = 0; g < G; g++) {
      const n = sizes[g]!
      const ptp = probs[g * 3]!
      const pfp = probs[g * 3 + 1]!
      const ptn = probs[g * 3 + 2]!
      // Multinomial as a chain of conditional binomials.
      const tp = binomial(n, ptp)
      let rest = n - tp
      let mass = 1 - ptp
      const fp = mass > 0 ? binomial(rest, Math.min(1, pfp / mass)) : 0
      rest -= fp
      mass -= pfp
      const tn = mass > 0 ? binomial(rest, Math.min(1, ptn / mass)) : 0
      const fn = rest - tn
      const pos = tp + fn
      const neg = fp + tn
      const pp = tp + fp
      const pn = tn + fn
      const s = n > 0 ? pp / n : Number.NaN
      const tpr = pos > 0 ? tp / pos : Number.NaN
      const fpr = neg > 0 ? fp / neg : Number.NaN
      if (isPerGroup) {
        // Rates in RATE_NAMES order, written straight into the replicate table (NaN = undefined).
        const base = g * R * B + b
        values[base] = s
        values[base + B] = n > 0 ? pos / n : Number.NaN
        values[base + 2 * B] = tpr
        values[base + 3 * B] = fpr
        values[base + 4 * B] = neg > 0 ? tn / neg : Number.NaN
        values[base + 5 * B] = pos > 0 ? fn / pos : Number.NaN
        values[base + 6 * B] = pp > 0 ? tp / pp : Number.NaN
        values[base + 7 * B] = pn > 0 ? tn / pn : Number.NaN
        values[base + 8 * B] = pp > 0 ? fp / pp : Number.NaN
        values[base + 9 * B] = pn > 0 ? fn / pn : Number.NaN
      }
      sr[g] = s
      if (compared[g]) ofCompared.add(s, tpr, fpr)
      if (hasExcluded) ofAll.add(s, tpr, fpr)
    }
    ofCompared.finish(b, sr)
    if (hasExcluded) ofAll.finish(b, sr)
  }
  const summary = ofCompared.intervals(groups, (g) => compared[g]!)
  return {
    replicates: B,
    seed: options.seed,
    method:
      'percentile bootstrap, 95 %, multinomial per group from the count table (exact inversion below n·min(p,1−p) = 40, normal with skewness correction above)',
    groups: (isPerGroup ? groups : []).map((g, gi) => {
      const ci = {} as Record<TRateName, TInterval | null>
      RATE_NAMES.forEach((name, r) => {
        const start = (gi * R + r) * B
        ci[name] = percentileInterval(values.subarray(start, start + B), LOWER, UPPER)
      })
      return { key: g.key, ci }
    }),
    summary,
    allGroups: hasExcluded ? ofAll.intervals(groups, () => true) : summary,
  }
}
