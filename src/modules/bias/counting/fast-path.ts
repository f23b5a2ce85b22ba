/**
 * A row loop generated for one header layout (docs/quality.md speed bar), used by CsvCounter for the
 * common row: no quoted field, every needed value present and valid. The column roles are known
 * once the header is read, so the loop is written out field by field with the roles fixed, and
 * compiled with `new Function`. Only integers (column positions, byte values, counts) and fixed
 * code fragments are spliced into the code; no text from the file or the options ever is.
 *
 * The generated loop never decides anything the general reader would decide differently: any row
 * it is not sure about (a quote, a missing or invalid value, a ragged row, a blank line) makes it
 * stop and return that row's start, and CsvCounter reads the row the general way, then resumes
 * the loop. It only reads rows that start before `limit`, the offset just past the last newline in
 * the buffer, so every row it reads is complete, and its word-at-a-time reads end at most 7 bytes
 * past that newline (the counter keeps SCAN_SLACK bytes of room after its data).
 *
 * Per row it does no allocation and makes no call:
 * - fields are cut four or eight bytes at a time (32-bit reads from a DataView), with the classic
 *   bit trick marking the bytes below a bound (comma and tab files: every byte that can end a
 *   field is below it) or equal to the delimiter or a newline (semicolon files);
 * - a label 0/1 is read from its one byte; a decimal score of at most 15 digits is read as an
 *   integer m with k decimals (four digits at a time when it can) and compared with a
 *   precomputed integer cut instead of being divided (scoreCuts);
 * - group values of up to 6 bytes are packed into two integers each, taken from the words already
 *   read, and looked up in a small open-addressing table (FastTable).
 * Anything else (long group values, words other than 0/1, other number forms) goes through the
 * counter's own methods, which the loop calls by name: classifyRange, parseNumber, cellOfRanges,
 * and the fields rows, line, counts, cellRows, squares, gStart, gEnd, threshold, scoreCuts.
 */

// What the counter does with a column (bit flags: one column may serve several roles).
export const ROLE_GROUP = 1
export const ROLE_LABEL = 2
export const ROLE_PRED = 4
export const ROLE_SCORE = 8
export const ROLE_WEIGHT = 16

/** Powers of ten that are exact doubles, for the exact decimal fast path. */
export const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i)
/** Masks keeping the first `len` bytes of a little-endian 4-byte (LO) and 2-byte (HI) read, len 0–6. */
export const LO_MASK = Int32Array.from([0, 0xff, 0xffff, 0xffffff, -1, -1, -1])
export const HI_MASK = Int32Array.from([0, 0, 0, 0, 0, 0xff, 0xffff])
/** Bytes the scan may read past the last newline of the buffer. */
export const SCAN_SLACK = 8

/** Masks keeping the first `len & 7` bytes of a 4-byte (LO) and 2-byte (HI) little-endian read. */
const KEY_LO = Int32Array.from([0, 0xff, 0xffff, 0xffffff, -1, -1, -1, -1])
const KEY_HI = Int32Array.from([0, 0, 0, 0, 0, 0xff, 0xffff, 0xffff])

/**
 * The generated loop's own group dictionary, a cache in front of the counter's: open addressing,
 * each slot holding the row's group values packed two integers per value (up to 6 bytes and the
 * length) and the cell, -1 when empty. A key missing here is looked up (or created) by the
 * counter and copied in, so the cells are the counter's whatever this table holds. When half
 * full, it is doubled and starts empty again.
 */
export class FastTable {
  table: Int32Array
  mask: number
  count = 0
  readonly stride: number
  constructor(groupCount: number, slots = 256) {
    this.stride = 2 * groupCount + 1
    this.table = new Int32Array(slots * this.stride).fill(-1)
    this.mask = slots - 1
  }
  grow(): void {
    const slots = 2 * (this.mask + 1)
    this.table = new Int32Array(slots * this.stride).fill(-1)
    this.mask = slots - 1
    this.count = 0
  }
}

export type TFastLayout = {
  delimiter: number
  fieldCount: number
  /** Role flags per field (length fieldCount). */
  roles: Uint8Array
  /** For group fields: the position of the field in --group order. */
  groupOrdinal: Int32Array
  groupCount: number
  /** --positive given: labels are compared with that word instead of the default sets. */
  hasPositive: boolean
  isWeighted: boolean
}

/**
 * Counts rows of buf starting at `from` while they start before `limit`; returns where it stopped:
 * `limit` or later when done, else the start of a row to be read the general way. `self` is the
 * CsvCounter (its rows, line and dictionary fields are read and written by name).
 */
export type TFastRows = (
  self: unknown,
  fast: FastTable,
  buf: Uint8Array,
  view: DataView,
  from: number,
  limit: number,
) => number

/** Compiled loops by layout; a few layouts recur (one per kind of decision log), so it stays small. */
const cache = new Map<string, TFastRows>()
const CACHE_LIMIT = 64

/**
 * For each count k of decimals (0–15): the least integer m below 10^15 with m / 10^k ≥ threshold
 * (10^15 when there is none). A score written with at most 15 digits, m / 10^k, is then at or
 * above the threshold exactly when m ≥ cuts[k]: the division rounds monotonically in m, and the
 * cut is found with that very division, so no division is needed per row and the result is the
 * same as comparing Number(text) with the threshold. `small` holds the same cuts capped at
 * 2^31 - 1, for scores of at most 9 digits (m below 10^9), compared in 32-bit integers.
 */
export type TScoreCuts = { cuts: Float64Array; small: Int32Array }

export function scoreCuts(threshold: number): TScoreCuts {
  const cuts = new Float64Array(16)
  for (let k = 0; k < 16; k++) {
    let lo = 0
    let hi = 1e15
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2)
      if (mid / POW10[k]! >= threshold) hi = mid
      else lo = mid + 1
    }
    cuts[k] = lo
  }
  return { cuts, small: Int32Array.from(cuts, (c) => Math.min(c, 2 ** 31 - 1)) }
}

/** The fast loop for this layout, or null when the layout is not one it handles. */
export function fastRowsFor(layout: TFastLayout): TFastRows | null {
  const { delimiter: D, fieldCount: H, groupCount: G } = layout
  // Layouts with very many group columns stay on the general path.
  if (!layout.roles.some((r) => r !== 0) || G < 1 || G > 16) return null
  if (D !== 0x2c && D !== 0x09 && D !== 0x3b) return null
  const key = [
    D,
    H,
    G,
    layout.hasPositive ? 1 : 0,
    layout.isWeighted ? 1 : 0,
    ...layout.roles,
    ...layout.groupOrdinal,
  ].join(',')
  let fn = cache.get(key)
  if (!fn) {
    const body = generate(layout)
    fn = new Function('POW10', 'KEY_LO', 'KEY_HI', body)(POW10, KEY_LO, KEY_HI) as TFastRows
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(key, fn)
  }
  return fn
}

/** The code of the loop. Every value spliced in is an integer checked here. */
function generate(layout: TFastLayout): string {
  const int = (n: number): string => {
    if (!Number.isSafeInteger(n)) throw new Error('fast path: not an integer')
    return String(n)
  }
  const D = int(layout.delimiter)
  const H = layout.fieldCount
  const G = layout.groupCount
  const hasPositive = layout.hasPositive
  // Comma and tab: every byte that can end a field is below `bound`; a word has such a byte when
  // (x - bound·0x01010101) & ~x & 0x80808080 is not zero, and its lowest set bit marks the first one.
  const isBelowMode = layout.delimiter !== 0x3b
  const bound = Math.max(layout.delimiter, 0x0a) + 1
  const HIGH = int(0x80808080 | 0)
  const scan = isBelowMode
    ? `for (;;) {
        x = view.getInt32(i, true)
        t = (x - ${int(bound * 0x01010101)}) & ~x & ${HIGH}
        if (t !== 0) {
          i += (31 - Math.clz32(t & -t)) >> 3
          c = buf[i]
          if (c === ${D} || c === 10) break
          i++
        } else i += 4
      }`
    : `for (;;) {
        x = view.getInt32(i, true)
        y = x ^ ${int(layout.delimiter * 0x01010101)}
        z = x ^ 168430090
        t = (((y - 16843009) & ~y) | ((z - 16843009) & ~z)) & ${HIGH}
        if (t !== 0) {
          i += (31 - Math.clz32(t & -t)) >> 3
          c = buf[i]
          break
        }
        i += 4
      }`
  // Group fields: the first eight bytes read as two words, t and u their marks; p is the index of
  // the first marked byte, 8 when none, found without a branch (32 - clz32(~t & (t - 1)) counts the
  // trailing zero bits of t). The words are kept: they hold the bytes of a short value's key.
  const marks2 = isBelowMode
    ? `t = (xa - ${int(bound * 0x01010101)}) & ~xa & ${HIGH}
      u = (ya - ${int(bound * 0x01010101)}) & ~ya & ${HIGH}`
    : `z = xa ^ ${int(layout.delimiter * 0x01010101)}
      t = (z - 16843009) & ~z
      z = xa ^ 168430090
      t = (t | ((z - 16843009) & ~z)) & ${HIGH}
      z = ya ^ ${int(layout.delimiter * 0x01010101)}
      u = (z - 16843009) & ~z
      z = ya ^ 168430090
      u = (u | ((z - 16843009) & ~z)) & ${HIGH}`
  const BAIL = '{ self.rows += n; self.line += n; return rowStart }'
  // After the scan, c is the delimiter or LF; the field must end with the delimiter unless last.
  const endOf = (f: number): string => (f === H - 1 ? `if (c !== 10) ${BAIL}` : `if (c !== ${D}) ${BAIL}`)
  // Length of the field terminator at p (0 when there is none): delimiter, or LF / CRLF when last.
  const termAt = (f: number, p: string): string =>
    f === H - 1
      ? `(buf[${p}] === 10 ? 1 : buf[${p}] === 13 && buf[${p} + 1] === 10 ? 2 : 0)`
      : `(buf[${p}] === ${D} ? 1 : 0)`
  const trim = `c = buf[s]
      if (c <= 32) while (s < e && (c === 32 || c === 9 || c === 13 || c === 10)) c = buf[++s]
      c = buf[e - 1]
      if (c <= 32) while (e > s && (c === 32 || c === 9 || c === 13 || c === 10)) c = buf[--e - 1]`
  // Cut field f (trimmed) into [s, e); i moves past its terminator.
  const cut = (f: number): string => `if (buf[i] === 34) ${BAIL}
      s = i
      ${scan}
      ${endOf(f)}
      e = i
      i++
      ${trim}
      if (s === e) ${BAIL}`
  // The value's own cut: the general way (quote check, scan to the terminator, trim), leaving s, e
  // and the words xa, ya read at s.
  const groupSlow = (f: number): string => `i = s
        if (buf[i] === 34) ${BAIL}
        ${scan}
        ${endOf(f)}
        e = i
        q = s
        ${trim}
        if (s === e) ${BAIL}
        if (s !== q) {
          xa = view.getInt32(s, true)
          ya = view.getInt32(s + 4, true)
        }`
  // Comma files: when the first marked byte is the terminator and not the first byte, the value
  // holds no byte below the bound of 45 (no quote, space, tab or CR), so it needs no trimming.
  // (Tab files mark nothing above LF: their values may hold spaces.)
  const isCleanCut = isBelowMode && bound > 0x20
  const groupCut = (f: number, g: string): string => `s = i
      xa = view.getInt32(i, true)
      ya = view.getInt32(i + 4, true)
      ${marks2}
      p = (32 - Math.clz32(~t & (t - 1))) >> 3
      p += (p >> 2) * ((32 - Math.clz32(~u & (u - 1))) >> 3)
      i += p
      ${
        isCleanCut
          ? `if (buf[i] === ${f === H - 1 ? 10 : D} && p !== 0) e = i
      else {
        ${groupSlow(f)}
      }`
          : groupSlow(f)
      }
      i++
      s${g} = s
      e${g} = e
      l${g} = e - s
      lo${g} = xa & KEY_LO[l${g} & 7]
      hi${g} = (l${g} << 16) | (ya & KEY_HI[l${g} & 7])`
  const skipSlow = (f: number): string => `if (buf[i] === 34) ${BAIL}
      ${scan}
      ${endOf(f)}
      i++`
  // An unneeded field of a comma file: done in one step when its terminator is the first marked
  // byte of its first eight (or the ninth byte), and not its first byte (a quote would be marked).
  const skipField = (f: number): string =>
    isCleanCut
      ? `xa = view.getInt32(i, true)
      ya = view.getInt32(i + 4, true)
      ${marks2}
      p = (32 - Math.clz32(~t & (t - 1))) >> 3
      p += (p >> 2) * ((32 - Math.clz32(~u & (u - 1))) >> 3)
      if (buf[i + p] === ${f === H - 1 ? 10 : D} && p !== 0) i += p + 1
      else {
        ${skipSlow(f)}
      }`
      : skipSlow(f)
  const classify = (
    target: string,
  ): string => `if (e - s === 1 && ${hasPositive ? 'false' : 'true'} && ((buf[s] - 48) >>> 0) <= 1) ${target} = buf[s] - 48
      else {
        ${target} = self.classifyRange(s, e)
        if (${target} < 0) ${BAIL}
      }`

  const parts: string[] = []
  let f = 0
  while (f < H) {
    const role = layout.roles[f]!
    if (role === 0) {
      // A run of unneeded fields: a loop when it is long, the last field of the row on its own.
      let runEnd = f
      while (runEnd + 1 < H && layout.roles[runEnd + 1] === 0) runEnd++
      const hasLast = runEnd === H - 1
      const plain = hasLast ? runEnd - 1 : runEnd
      if (plain - f + 1 > 3) {
        parts.push(`for (let fi = ${int(f)}; fi <= ${int(plain)}; fi++) {
      ${skipField(f)}
    }`)
      } else for (let k = f; k <= plain; k++) parts.push(skipField(k))
      if (hasLast) parts.push(skipField(H - 1))
      f = runEnd + 1
      continue
    }
    parts.push(`// field ${int(f)}`)
    if (role === ROLE_LABEL || role === ROLE_PRED) {
      const target = role === ROLE_LABEL ? 'label' : 'pred'
      parts.push(`c = buf[i]
      d = ${termAt(f, 'i + 1')}
      if (${hasPositive ? 'false' : 'true'} && ((c - 48) >>> 0) <= 1 && d !== 0) {
        ${target} = c - 48
        i += 1 + d
      } else {
        ${cut(f)}
        ${classify(target)}
      }`)
    } else if (role === ROLE_SCORE || role === ROLE_WEIGHT) {
      const target = role === ROLE_SCORE ? 'num' : 'w'
      parts.push(`s = i
      c = buf[i]
      neg = false
      if (c === 45) { neg = true; i++ } else if (c === 43) i++
      // Integer digits, then the fraction digits after a dot: k of them.
      m = 0
      first = i
      d = buf[i] - 48
      while ((d >>> 0) <= 9) {
        m = m * 10 + d
        d = buf[++i] - 48
      }
      k = 0
      if (d === -2) {
        dot = i
        i++
        // Four digits at a time while there are four: each byte is 0x30–0x39 exactly when its high
        // nibble is 3 before and after adding 6; then pairs, then the pair of pairs, are combined.
        for (;;) {
          x = view.getInt32(i, true)
          if ((((x & -252645136) ^ 808464432) | (((x + 101058054) & -252645136) ^ 808464432)) !== 0) break
          x &= 252645135
          x = ((x * 10) + (x >>> 8)) & 16711935
          m = m * 10000 + ((x & 255) * 100 + (x >>> 16))
          i += 4
        }
        d = buf[i] - 48
        while ((d >>> 0) <= 9) {
          m = m * 10 + d
          d = buf[++i] - 48
        }
        k = i - dot - 1
        digits = i - first - 1
      } else digits = i - first
      d = ${termAt(f, 'i')}
      if (digits > 0 && digits <= 15 && d !== 0) {
        ${
          role === ROLE_SCORE
            ? `if (neg) pred = -(m / POW10[k]) >= threshold ? 1 : 0
        // m ≥ cut without a branch (its outcome is a coin toss the CPU cannot predict). Up to 9
        // digits: the sign bit of the 32-bit difference. Else both are integers below 2^50, so the
        // scaled difference lies in (-1, 1) and its floor is -1 or 0.
        else if (digits <= 9) pred = (((m - cutI[k]) | 0) >>> 31) ^ 1
        else pred = (1 + Math.floor((m - cuts[k]) * 8.881784197001252e-16)) | 0`
            : `w = m / POW10[k]
        if (neg) w = -w`
        }
        i += d
      } else {
        i = s
        ${cut(f)}
        ${target} = self.parseNumber(s, e)
        if (!Number.isFinite(${target})) ${BAIL}
        ${role === ROLE_SCORE ? 'pred = num >= threshold ? 1 : 0' : ''}
      }
      ${role === ROLE_SCORE ? '' : `if (w < 0) ${BAIL}`}`)
    } else {
      parts.push((role & ROLE_GROUP) !== 0 ? groupCut(f, int(layout.groupOrdinal[f]!)) : cut(f))
      if ((role & ROLE_LABEL) !== 0) parts.push(classify('label'))
      if ((role & ROLE_PRED) !== 0) parts.push(classify('pred'))
      if ((role & ROLE_SCORE) !== 0)
        parts.push(`num = self.parseNumber(s, e)
      if (!Number.isFinite(num)) ${BAIL}
      pred = num >= threshold ? 1 : 0`)
      if ((role & ROLE_WEIGHT) !== 0)
        parts.push(`w = self.parseNumber(s, e)
      if (!Number.isFinite(w) || w < 0) ${BAIL}`)
    }
    f++
  }

  const gIdx = Array.from({ length: G }, (_, g) => int(g))
  const S = 2 * G + 1
  const decl = gIdx.map((g) => `s${g} = 0, e${g} = 0, l${g} = 0, lo${g} = 0, hi${g} = 0`).join(', ')
  const isLong = gIdx.map((g) => `l${g} > 6`).join(' || ')
  // Odd multipliers, one per key integer; the products are combined with xor, then mixed.
  const hash = gIdx
    .flatMap((g) => [
      `Math.imul(lo${g}, ${int(Math.imul(0x9e3779b1, 4 * Number(g) + 1) | 1)})`,
      `Math.imul(hi${g}, ${int(Math.imul(0x85ebca6b, 4 * Number(g) + 3) | 1)})`,
    ])
    .join(' ^ ')
  const same = gIdx
    .map((g) => `ft[b + ${int(2 * Number(g))}] === lo${g} && ft[b + ${int(2 * Number(g) + 1)}] === hi${g}`)
    .join(' && ')
  const store = gIdx
    .map((g) => `ft[b + ${int(2 * Number(g))}] = lo${g}; ft[b + ${int(2 * Number(g) + 1)}] = hi${g}`)
    .join('; ')
  const toArrays = gIdx.map((g) => `gs[${g}] = s${g}; ge[${g}] = e${g}`).join('; ')
  const reload = 'counts = self.counts; cellRows = self.cellRows; squares = self.squares'

  return `'use strict'
return function fastRows(self, fast, buf, view, from, limit) {
  let ft = fast.table, fmask = fast.mask
  let counts = self.counts, cellRows = self.cellRows, squares = self.squares
  const gs = self.gStart, ge = self.gEnd, threshold = self.threshold, cuts = self.scoreCuts.cuts, cutI = self.scoreCuts.small
  let i = from, n = 0, rowStart = from, k = 0, q = 0
  let c = 0, d = 0, x = 0, y = 0, z = 0, t = 0, u = 0, p = 0, xa = 0, ya = 0
  let s = 0, e = 0, h = 0, slot = 0, b = 0, cell = 0, o = 0
  let m = 0, dot = 0, first = 0, digits = 0, neg = false
  let label = 0, pred = 0, num = 0, w = 1
  let ${decl}
  while (i < limit) {
    rowStart = i
    ${parts.join('\n    ')}
    // The row is valid: find its cell.
    if (${isLong}) {
      ${toArrays}
      self.rows += n; self.line += n; n = 0
      cell = self.cellOfRanges()
      ${reload}
    } else {
      h = ${hash}
      h ^= h >>> 16
      h = Math.imul(h, 73244475)
      h ^= h >>> 16
      slot = h & fmask
      for (;;) {
        b = slot * ${int(S)}
        cell = ft[b + ${int(S - 1)}]
        if (cell < 0) {
          ${toArrays}
          self.rows += n; self.line += n; n = 0
          cell = self.cellOfRanges()
          ${store}; ft[b + ${int(S - 1)}] = cell
          if (++fast.count * 2 > fmask) {
            fast.grow()
            ft = fast.table
            fmask = fast.mask
          }
          ${reload}
          break
        }
        if (${same}) break
        slot = (slot + 1) & fmask
      }
    }
    // Outcome: 0 TP, 1 FP, 2 TN, 3 FN.
    o = cell * 4 + 2 - pred + label * (1 - 2 * pred)
    ${layout.isWeighted ? 'counts[o] += w\n    squares[o] += w * w' : 'counts[o] += 1'}
    cellRows[cell] += 1
    n++
  }
  self.rows += n
  self.line += n
  return i
}`
}
