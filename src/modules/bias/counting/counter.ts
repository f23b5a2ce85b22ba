/**
 * Streaming CSV reader that accumulates per-group confusion counts (docs/bias-audit.md).
 *
 * It scans bytes, never strings: a row is cut into field offsets in one pass (RFC 4180 quotes,
 * doubled quotes, embedded separators and newlines, CRLF), only the needed fields are looked at,
 * and group values are interned by hashing their bytes into an open-addressing table. Memory is
 * the read buffer plus one entry per distinct group, whatever the file size.
 *
 * Once the header is read, most rows go through a loop generated for that column layout
 * (fast-path.ts); it hands every row it is not sure about to the general code below, so the
 * results are those of the general code alone.
 */
import { AppError } from '../../../core/errors.ts'
import { CLI_NAMING, type TOptionNaming } from '../option-names.ts'
import {
  FastTable,
  fastRowsFor,
  HI_MASK,
  LO_MASK,
  POW10,
  ROLE_GROUP,
  ROLE_LABEL,
  ROLE_PRED,
  ROLE_SCORE,
  ROLE_WEIGHT,
  SCAN_SLACK,
  scoreCuts,
  type TFastRows,
  type TScoreCuts,
} from './fast-path.ts'
import { groupLimitError, type TGroupLimitKind } from './group-limit.ts'
import {
  DEFAULT_MAX_GROUPS,
  MAX_HEADER_BYTES,
  MAX_ROW_BYTES,
  type TCountedCell,
  type TCounterOptions,
  type TCountResult,
  type TSkipReason,
} from './types.ts'

const KEPT_ROW_NUMBERS = 5
const MAX_COLUMNS = 16_384
const CHUNK = 1 << 20
/** After the generated loop could not take a row, this many rows are read the general way. */
const FAST_PAUSE_ROWS = 64

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09

// Bit flags of a recorded field.
const IS_QUOTED = 1
const HAS_ESCAPE = 2
const IS_MALFORMED = 4
const IS_UNTERMINATED = 8

// Label/prediction classification results.
const POSITIVE = 1
const NEGATIVE = 0
const MISSING = -1
const INVALID = -2

const encoder = new TextEncoder()
const DEFAULT_POSITIVE = ['1', 'true', 'yes', 'match'].map((w) => encoder.encode(w))
const DEFAULT_NEGATIVE = ['0', 'false', 'no', 'non-match', 'nonmatch'].map((w) => encoder.encode(w))
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const isSpace = (c: number): boolean => c === SPACE || c === TAB || c === CR || c === LF
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)

/** Counts one CSV decision log. Feed bytes with push(), then call end(). */
export class CsvCounter {
  private readonly options: TCounterOptions
  private readonly maxGroups: number
  private readonly naming: TOptionNaming
  private buf: Buffer = Buffer.allocUnsafe(4 * CHUNK)
  /** The same bytes as buf, for reading four at a time (replaced whenever buf is). */
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
  private len = 0
  private pos = 0
  private bytesSeen = 0
  private hasHeader = false
  /** Offset in the input where the first data row starts, once the header is read. */
  private dataStart = -1
  private delimiter = 0x2c
  private headerCount = 0
  private maxRecorded = MAX_COLUMNS - 1
  private fStart = new Int32Array(MAX_COLUMNS)
  private fEnd = new Int32Array(MAX_COLUMNS)
  private fFlags = new Uint8Array(MAX_COLUMNS)
  private line = 1
  private rows = 0
  private skipped = 0
  private readonly reasons = new Map<string, TSkipReason>()
  // Column indices.
  private groupIdx: number[] = []
  private groupNames: string[] = []
  private labelIdx = -1
  private predIdx = -1
  private scoreIdx = -1
  private weightIdx = -1
  private readonly positiveBytes: Uint8Array | null
  private readonly threshold: number
  /** Integer cuts equivalent to the threshold, per number of decimals (fast-path.ts). */
  readonly scoreCuts: TScoreCuts
  // Group dictionary.
  private table = new Int32Array(1024).fill(-1)
  private cellCount = 0
  private cellHash = new Uint32Array(64)
  private cellKeyStart = new Int32Array(64)
  private cellKeyLen = new Int32Array(64)
  private arena = Buffer.allocUnsafe(64 * 1024)
  private arenaLen = 0
  private counts = new Float64Array(64 * 4)
  private squares: Float64Array | null = null
  private cellRows = new Float64Array(64)
  private cellValues: string[][] = []
  /** Distinct values seen per group column, and their sum (updated only when a cell is made). */
  private columnValues: Set<string>[] = []
  private marginalCount = 0
  private roles = new Uint8Array(0)
  private groupOrdinal = new Int32Array(0)
  private recFields = 0
  private recFlags = 0
  private recNewlines = 0
  private hadEscape = false
  // Second dictionary for short values (each ≤ 6 bytes): the bytes packed into two int32 per value,
  // so a lookup compares a few integers instead of bytes. Entries point at the same cells.
  private packWidth = 0
  private packKey = new Int32Array(0)
  private packTable = new Int32Array(1024).fill(-1)
  private packKeys = new Int32Array(0)
  private packCount = 0
  private packCell = new Int32Array(64)
  private gStart = new Int32Array(0)
  private gEnd = new Int32Array(0)
  // Result of trim(): the current field's trimmed range (fields, not a tuple, to avoid allocation).
  private ts = 0
  private te = 0
  /** The row loop generated for this header layout (fast-path.ts), once the header is read. */
  private fastRows: TFastRows | null = null
  private fastTable: FastTable | null = null
  /** Rows to read the general way before trying the generated loop again. */
  private fastPause = 0

  constructor(options: TCounterOptions) {
    this.options = options
    this.maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS
    this.naming = options.naming ?? CLI_NAMING
    const pos = options.positive?.trim()
    this.positiveBytes = pos === undefined ? null : encoder.encode(pos).map(lower)
    this.threshold = options.threshold ?? Number.NaN
    this.scoreCuts = scoreCuts(this.threshold)
    if (options.weightColumn) this.squares = new Float64Array(64 * 4)
  }

  /** Feed the next bytes of the file. */
  push(chunk: Uint8Array): void {
    this.reserve(chunk.length)
    this.buf.set(chunk, this.len)
    this.len += chunk.length
    this.bytesSeen += chunk.length
    this.parse(false)
  }

  /** Read a whole file descriptor synchronously (the fast path for plain files). */
  readFd(
    fd: number,
    read: (fd: number, buf: Buffer, offset: number, length: number, position: number) => number,
    onChunk?: (bytes: number) => void,
    range: { from: number; to: number } = { from: 0, to: Number.POSITIVE_INFINITY },
  ): void {
    let position = range.from
    while (position < range.to) {
      this.reserve(CHUNK)
      const n = read(
        fd,
        this.buf,
        this.len,
        Math.min(this.buf.length - this.len - SCAN_SLACK, range.to - position),
        position,
      )
      if (n === 0) break
      position += n
      this.len += n
      this.bytesSeen += n
      this.parse(false)
      onChunk?.(this.bytesSeen)
    }
  }

  /** Where the data rows start in the input (after BOM and header), or -1 before the header is read. */
  get headerLength(): number {
    return this.dataStart
  }

  /** True when every byte fed so far belongs to a complete row (no partial row is waiting). */
  get isAtRowBoundary(): boolean {
    return this.hasHeader && this.pos === this.len
  }

  /** Data rows and the line number reached so far (to offset another counter's row numbers). */
  get position(): { rows: number; line: number } {
    return { rows: this.rows, line: this.line }
  }

  /** Finish: the last row may lack a newline. Throws AppError when the input has no usable header. */
  end(): TCountResult {
    this.parse(true)
    if (!this.hasHeader) {
      throw new AppError(
        'validation_failed',
        this.bytesSeen === 0 ? 'The file is empty.' : 'The file has no header row.',
      )
    }
    const cells: TCountedCell[] = []
    for (let c = 0; c < this.cellCount; c++) {
      const b = c * 4
      const sq = this.squares
      cells.push({
        values: this.cellValues[c]!,
        counts: {
          tp: this.counts[b]!,
          fp: this.counts[b + 1]!,
          tn: this.counts[b + 2]!,
          fn: this.counts[b + 3]!,
          rows: this.cellRows[c]!,
          squares: sq ? { tp: sq[b]!, fp: sq[b + 1]!, tn: sq[b + 2]!, fn: sq[b + 3]! } : null,
        },
      })
    }
    return {
      groupColumns: this.groupNames,
      delimiter: String.fromCharCode(this.delimiter),
      rows: this.rows,
      skipped: this.skipped,
      skippedReasons: [...this.reasons.values()].sort((a, b) => b.count - a.count),
      isWeighted: this.squares !== null,
      cells,
    }
  }

  /** Make room for `extra` bytes after the unparsed tail, compacting or growing the buffer. */
  private reserve(wanted: number): void {
    // A few bytes more than asked: parseRows writes a stop byte just past the data (a sentinel),
    // and the generated fast loop reads up to SCAN_SLACK bytes past the last newline.
    const extra = wanted + SCAN_SLACK
    if (this.len + extra <= this.buf.length) return
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len)
      this.len -= this.pos
      this.pos = 0
    }
    if (this.len + extra <= this.buf.length) return
    const limit = this.hasHeader ? MAX_ROW_BYTES : MAX_HEADER_BYTES
    if (this.len > limit) {
      throw new AppError(
        'validation_failed',
        this.hasHeader
          ? `Row starting at line ${this.line} is longer than ${MAX_ROW_BYTES >> 20} MiB; is a quote left open?`
          : 'No header row in the first MiB: this does not look like a CSV file.',
      )
    }
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + extra))
    this.buf.copy(grown, 0, 0, this.len)
    this.buf = grown
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength)
  }

  /** Cut complete rows out of buf[pos, len); leave an incomplete last row unless isLast. */
  private parse(isLast: boolean): void {
    if (!this.hasHeader) {
      if (!this.prepareHeader(isLast)) return
      const next = this.record(this.pos, isLast)
      if (next < 0) return
      this.pos = next
      this.line += 1 + this.recNewlines
      this.readHeader(this.recFields)
      this.fFlags.fill(0)
      this.dataStart = this.bytesSeen - (this.len - this.pos)
    }
    this.parseRows(isLast)
  }

  /**
   * Generic row scanner for the header and unusual rows: records the offsets and flags of fields
   * 0..maxRecorded of the row starting at `start` into fStart/fEnd/fFlags. Returns the offset of
   * the next row, or -1 when the row is incomplete and more input may follow.
   */
  private record(start: number, isLast: boolean): number {
    const buf = this.buf
    const end = this.len
    const D = this.delimiter
    const maxRec = this.maxRecorded
    let i = start
    let nf = 0
    let rowFlags = 0
    let newlines = 0
    for (;;) {
      let s = i
      let e: number
      let fl = 0
      if (i < end && buf[i] === QUOTE) {
        fl = IS_QUOTED
        const j = this.closingQuote(i + 1, isLast)
        if (j === -1) return -1
        if (j === -2) {
          this.recFields = nf + 1
          this.recFlags = rowFlags | IS_UNTERMINATED
          this.recNewlines = newlines
          return end
        }
        if (this.hadEscape) fl |= HAS_ESCAPE
        s = i + 1
        e = j - 1
        for (let k = s; k < e; k++) if (buf[k] === LF) newlines++
        i = j
        const c = buf[i]
        if (i < end && c !== D && c !== LF && c !== CR) {
          fl |= IS_MALFORMED
          while (i < end && buf[i] !== D && buf[i] !== LF) i++
          e = i
        }
      } else {
        while (i < end) {
          const c = buf[i]
          if (c === D || c === LF) break
          i++
        }
        e = i
      }
      if (i >= end && !isLast) return -1
      if (nf <= maxRec) {
        this.fStart[nf] = s
        this.fEnd[nf] = e
        this.fFlags[nf] = fl
      }
      rowFlags |= fl
      if (i >= end) break
      const c = buf[i]
      if (c === D) {
        nf++
        i++
        continue
      }
      if (c === CR) {
        if (i + 1 < end && buf[i + 1] === LF) i++
        else if (i + 1 >= end && !isLast) return -1
      }
      i++
      break
    }
    this.recFields = nf + 1
    this.recFlags = rowFlags
    this.recNewlines = newlines
    return i
  }

  /**
   * Offset just past the quote closing a field whose content starts at `from`; doubled quotes are
   * skipped (hadEscape is set). -1: not decidable yet (more input may follow); -2: unterminated.
   */
  private closingQuote(from: number, isLast: boolean): number {
    const buf = this.buf
    const end = this.len
    this.hadEscape = false
    let j = from
    for (;;) {
      const k = buf.indexOf(QUOTE, j)
      if (k < 0 || k >= end) return isLast ? -2 : -1
      if (k + 1 < end && buf[k + 1] === QUOTE) {
        this.hadEscape = true
        j = k + 2
        continue
      }
      if (k + 1 >= end && !isLast) return -1
      return k + 1
    }
  }

  /** A row the fast path leaves alone (escaped quotes in a needed field, malformed or unterminated quotes). */
  private slowRow(rowStart: number, isLast: boolean, lineOfRow: number): void {
    this.record(rowStart, isLast)
    try {
      this.countRecorded(lineOfRow)
    } finally {
      // The fast path in parseRows records fields without flags: leave none behind.
      this.fFlags.fill(0, 0, Math.min(this.maxRecorded + 1, MAX_COLUMNS))
    }
  }

  /** The rest of slowRow, once record() has cut the row. */
  private countRecorded(lineOfRow: number): void {
    if ((this.recFlags & IS_UNTERMINATED) !== 0) {
      this.rows++
      this.skip('unterminated quoted field (runs to the end of the file)', lineOfRow)
      return
    }
    if (
      this.recFields === 1 &&
      (this.recFlags & IS_QUOTED) === 0 &&
      this.isBlank(this.fStart[0]!, this.fEnd[0]!)
    )
      return
    this.countRow(this.recFields, this.recFlags, lineOfRow)
  }

  /**
   * The hot loop: cuts rows and reads the needed fields inline (trim, classify, parse, remember
   * group ranges), then counts. Anything unusual is handed to slowRow, which re-reads the row.
   */
  private parseRows(isLast: boolean): void {
    const buf = this.buf
    const end = this.len
    const D = this.delimiter
    const roles = this.roles
    const headerCount = this.headerCount
    const gOrd = this.groupOrdinal
    const gs = this.gStart
    const ge = this.gEnd
    const hasPositive = this.positiveBytes !== null
    const useScore = this.scoreIdx >= 0
    const threshold = this.threshold
    // Every byte that can end an unquoted field (delimiter, LF) is ≤ stopMax, and buf[end] is a
    // sentinel 0, so the inner scan needs one comparison per byte and no bounds check.
    const stopMax = Math.max(D, LF)
    buf[end] = 0
    let i = this.pos
    const fast = this.fastRows
    // Rows starting before this offset end in the buffer (there is a newline after them).
    const fastLimit = fast === null || end === 0 ? 0 : buf.lastIndexOf(LF, end - 1) + 1
    while (i < end) {
      if (this.fastPause > 0) this.fastPause--
      else if (i < fastLimit) {
        // The generated loop counts the common rows; it stops at the first one it is unsure of.
        const from = i
        i = fast!(this, this.fastTable!, buf, this.view, i, fastLimit)
        if (i >= end) break
        // Not even one row taken (a file of quoted fields, say): leave the next rows to the
        // general path rather than calling the loop again for each of them.
        if (i === from) this.fastPause = FAST_PAUSE_ROWS
      }
      // Rows with no quoted field go through the plain path; it stops at the first row that has
      // one (after one row when the generated loop is there to take over again).
      const r = this.plainRows(i, isLast, fast !== null)
      if (r < 0) {
        this.pos = ~r
        return
      }
      i = r
      if (i >= end) break
      const rowStart = i
      let nf = 0
      let needSlow = false
      let isIncomplete = false
      let newlines = 0
      let label = MISSING
      let pred = MISSING
      let score = Number.NaN
      let isScoreMissing = true
      let weight = 1
      let isWeightMissing = true
      let isGroupMissing = false
      let firstStart = i
      let firstEnd = i
      let isFirstQuoted = false
      for (;;) {
        let s = i
        let e: number
        let isQuoted = false
        if (i < end && buf[i] === QUOTE) {
          isQuoted = true
          const j = this.closingQuote(i + 1, isLast)
          if (j === -1) {
            isIncomplete = true
            break
          }
          if (j === -2) {
            needSlow = true
            i = end
            break
          }
          if (this.hadEscape && nf < headerCount && roles[nf] !== 0) needSlow = true
          s = i + 1
          e = j - 1
          for (let k = s; k < e; k++) if (buf[k] === LF) newlines++
          i = j
          const c = buf[i]
          if (i < end && c !== D && c !== LF && c !== CR) {
            needSlow = true
            while (i < end && buf[i] !== D && buf[i] !== LF) i++
          }
        } else {
          for (;;) {
            while (buf[i]! > stopMax) i++
            const c = buf[i]
            if (c === D || c === LF || i >= end) break
            i++
          }
          e = i
        }
        if (i >= end && !isLast) {
          isIncomplete = true
          break
        }
        if (nf === 0) {
          firstStart = s
          firstEnd = e
          isFirstQuoted = isQuoted
        }
        const role = nf < headerCount ? roles[nf]! : 0
        if (role !== 0 && !needSlow) {
          // Trim; the common case (no byte ≤ space at either end) costs one comparison per end.
          let c = buf[s]!
          if (c <= SPACE) while (s < e && (c === SPACE || c === TAB || c === CR || c === LF)) c = buf[++s]!
          c = buf[e - 1]!
          if (c <= SPACE)
            while (e > s && (c === SPACE || c === TAB || c === CR || c === LF)) c = buf[--e - 1]!
          if ((role & ROLE_GROUP) !== 0) {
            if (s === e) isGroupMissing = true
            const g = gOrd[nf]!
            gs[g] = s
            ge[g] = e
          }
          if ((role & (ROLE_LABEL | ROLE_PRED)) !== 0) {
            let v: number
            if (s === e) v = MISSING
            else if (!hasPositive && e - s === 1 && (buf[s] === 0x30 || buf[s] === 0x31))
              v = buf[s] === 0x31 ? POSITIVE : NEGATIVE
            else v = this.classifyRange(s, e)
            if ((role & ROLE_LABEL) !== 0) label = v
            if ((role & ROLE_PRED) !== 0) pred = v
          }
          if ((role & ROLE_SCORE) !== 0 && s < e) {
            isScoreMissing = false
            score = this.parseNumber(s, e)
          }
          if ((role & ROLE_WEIGHT) !== 0 && s < e) {
            isWeightMissing = false
            weight = this.parseNumber(s, e)
          }
        }
        if (i >= end) break
        const c = buf[i]
        if (c === D) {
          nf++
          i++
          continue
        }
        if (c === CR) {
          if (i + 1 < end && buf[i + 1] === LF) i++
          else if (i + 1 >= end && !isLast) {
            isIncomplete = true
            break
          }
        }
        i++
        break
      }
      if (isIncomplete) {
        this.pos = rowStart
        return
      }
      const lineOfRow = this.line
      this.line += 1 + newlines
      if (needSlow) {
        this.slowRow(rowStart, isLast, lineOfRow)
        continue
      }
      if (nf === 0 && !isFirstQuoted && this.isBlank(firstStart, firstEnd)) continue
      this.rows++
      if (nf + 1 !== headerCount) {
        this.skip('wrong number of fields', lineOfRow)
        continue
      }
      if (label < 0) {
        this.skip(label === MISSING ? 'missing label' : 'unrecognised label value', lineOfRow)
        continue
      }
      if (useScore) {
        if (isScoreMissing || !Number.isFinite(score)) {
          this.skip(isScoreMissing ? 'missing score' : 'score is not a number', lineOfRow)
          continue
        }
        pred = score >= threshold ? POSITIVE : NEGATIVE
      } else if (pred < 0) {
        this.skip(pred === MISSING ? 'missing prediction' : 'unrecognised prediction value', lineOfRow)
        continue
      }
      if (this.weightIdx >= 0 && (isWeightMissing || !Number.isFinite(weight) || weight < 0)) {
        this.skip(isWeightMissing ? 'missing weight' : 'weight is not a non-negative number', lineOfRow)
        continue
      }
      if (isGroupMissing) {
        this.skip('missing group value', lineOfRow)
        continue
      }
      const packed = this.lookupPacked()
      this.add(packed >= 0 ? packed : this.lookupCell(), label, pred, weight)
    }
    this.pos = i
  }

  private isBlank(s: number, e: number): boolean {
    const buf = this.buf
    for (let k = s; k < e; k++) {
      const c = buf[k]
      if (c !== SPACE && c !== TAB && c !== CR) return false
    }
    return true
  }

  /** Before the header: skip a UTF-8 BOM, reject binary data and pick the delimiter. */
  private prepareHeader(isLast: boolean): boolean {
    const buf = this.buf
    const lf = buf.indexOf(LF, this.pos)
    if ((lf < 0 || lf >= this.len) && !isLast) return false
    const lineEnd = lf < 0 || lf >= this.len ? this.len : lf
    if (this.pos === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.pos = 3
    if (this.pos === 0 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
      throw new AppError(
        'validation_failed',
        'The file is UTF-16 text; save it as a UTF-8 CSV and try again.',
      )
    }
    if (this.pos >= this.len) return false
    let commas = 0
    let tabs = 0
    let semicolons = 0
    for (let k = this.pos; k < lineEnd; k++) {
      const c = buf[k]
      if (c === 0) throw notCsv()
      if (c === 0x2c) commas++
      else if (c === TAB) tabs++
      else if (c === 0x3b) semicolons++
    }
    // Comma is the format; a header with no comma but tabs or semicolons is a TSV or a European CSV.
    if (commas === 0 && tabs > 0) this.delimiter = TAB
    else if (commas === 0 && semicolons > 0) this.delimiter = 0x3b
    return true
  }

  private readHeader(fieldCount: number): void {
    const decoder = new TextDecoder('utf-8', { fatal: true })
    const names: string[] = []
    for (let k = 0; k < fieldCount && k < MAX_COLUMNS; k++) {
      const [s, e] = this.unescaped(k)
      try {
        names.push(decoder.decode(this.buf.subarray(s, e)).trim())
      } catch {
        throw notCsv()
      }
    }
    if (fieldCount > MAX_COLUMNS)
      throw new AppError('validation_failed', `The header has more than ${MAX_COLUMNS} columns.`)
    this.headerCount = fieldCount
    const o = this.options
    const find = (wanted: string, flag: string): number => {
      let idx = names.indexOf(wanted)
      if (idx < 0) {
        const folded = names.flatMap((n, i) => (n.toLowerCase() === wanted.trim().toLowerCase() ? [i] : []))
        if (folded.length === 1) idx = folded[0]!
      }
      if (idx < 0) {
        const shown = names.slice(0, 30).join(', ') + (names.length > 30 ? ', …' : '')
        throw new AppError(
          'validation_failed',
          `Column "${wanted}" (${flag}) is not in the header. Columns: ${shown}`,
          {
            details: { issues: [{ path: flag, message: `Column "${wanted}" is not in the header.` }] },
          },
        )
      }
      return idx
    }
    const flag = this.naming.names
    this.groupIdx = o.groupColumns.map((g) => find(g, flag.group))
    this.groupNames = this.groupIdx.map((i) => names[i]!)
    this.columnValues = this.groupIdx.map(() => new Set<string>())
    this.gStart = new Int32Array(this.groupIdx.length)
    this.gEnd = new Int32Array(this.groupIdx.length)
    this.packWidth = 2 * this.groupIdx.length
    this.packKey = new Int32Array(this.packWidth)
    this.packKeys = new Int32Array(64 * this.packWidth)
    this.labelIdx = find(o.labelColumn, flag.label)
    if (o.predColumn !== undefined) this.predIdx = find(o.predColumn, flag.pred)
    if (o.scoreColumn !== undefined) this.scoreIdx = find(o.scoreColumn, flag.score)
    if (o.weightColumn !== undefined) this.weightIdx = find(o.weightColumn, flag.weight)
    if (new Set(this.groupIdx).size !== this.groupIdx.length) {
      throw new AppError('validation_failed', `A column appears twice in ${flag.group}.`)
    }
    this.roles = new Uint8Array(fieldCount)
    this.groupOrdinal = new Int32Array(fieldCount)
    this.groupIdx.forEach((idx, g) => {
      this.roles[idx]! |= ROLE_GROUP
      this.groupOrdinal[idx] = g
    })
    this.roles[this.labelIdx]! |= ROLE_LABEL
    if (this.predIdx >= 0) this.roles[this.predIdx]! |= ROLE_PRED
    if (this.scoreIdx >= 0) this.roles[this.scoreIdx]! |= ROLE_SCORE
    if (this.weightIdx >= 0) this.roles[this.weightIdx]! |= ROLE_WEIGHT
    this.maxRecorded = Math.max(...this.groupIdx, this.labelIdx, this.predIdx, this.scoreIdx, this.weightIdx)
    this.fastRows = fastRowsFor({
      delimiter: this.delimiter,
      fieldCount,
      roles: this.roles,
      groupOrdinal: this.groupOrdinal,
      groupCount: this.groupIdx.length,
      hasPositive: this.positiveBytes !== null,
      isWeighted: this.squares !== null,
    })
    if (this.fastRows) this.fastTable = new FastTable(this.groupIdx.length)
    this.hasHeader = true
  }

  private skip(reason: string, lineOfRow = this.line): void {
    this.skipped++
    let r = this.reasons.get(reason)
    if (!r) {
      r = { reason, count: 0, firstRows: [], firstLines: [] }
      this.reasons.set(reason, r)
    }
    r.count++
    if (r.firstRows.length < KEPT_ROW_NUMBERS) {
      r.firstRows.push(this.rows)
      r.firstLines.push(lineOfRow)
    }
  }

  /** Field k's content range with doubled quotes undone (in place: the row is already cut). */
  private unescaped(k: number): [number, number] {
    const s = this.fStart[k]!
    let e = this.fEnd[k]!
    if ((this.fFlags[k]! & HAS_ESCAPE) !== 0) {
      const buf = this.buf
      let w = s
      for (let r = s; r < e; r++) {
        buf[w++] = buf[r]!
        if (buf[r] === QUOTE && buf[r + 1] === QUOTE) r++
      }
      e = w
      this.fEnd[k] = e
      this.fFlags[k] = this.fFlags[k]! & ~HAS_ESCAPE
    }
    return [s, e]
  }

  /** Field k's content, unescaped and trimmed of surrounding whitespace, into [this.ts, this.te). */
  private trim(k: number): void {
    if ((this.fFlags[k]! & HAS_ESCAPE) !== 0) this.unescaped(k)
    let s = this.fStart[k]!
    let e = this.fEnd[k]!
    const buf = this.buf
    while (s < e && isSpace(buf[s]!)) s++
    while (e > s && isSpace(buf[e - 1]!)) e--
    this.ts = s
    this.te = e
  }

  /**
   * Fast path for rows with no quote at the start of any field: each row is cut into field offsets
   * in one tight loop and counted by countPlain. Returns where it stopped — at the end of the
   * data, at the start of a row with a quoted field (for the general loop), or after one row when
   * isOneRow (the generated loop takes over again) — or ~start when the row at start is incomplete
   * and more input may follow.
   */
  private plainRows(from: number, isLast: boolean, isOneRow: boolean): number {
    const buf = this.buf
    const end = this.len
    const D = this.delimiter
    // Every byte that can end an unquoted field (delimiter, LF) is ≤ stopMax, and buf[end] is a
    // sentinel 0 (written by parseRows), so the scan needs one comparison per byte.
    const stopMax = Math.max(D, LF)
    const fStart = this.fStart
    const fEnd = this.fEnd
    const maxRec = this.maxRecorded
    let i = from
    while (i < end) {
      if (buf[i] === QUOTE) return i
      let j = i
      let n = 0
      fStart[0] = j
      for (;;) {
        while (buf[j]! > stopMax) j++
        const c = buf[j]
        if (c === D) {
          if (n <= maxRec) fEnd[n] = j
          n++
          j++
          if (buf[j] === QUOTE) return i
          if (n <= maxRec) fStart[n] = j
          continue
        }
        if (c === LF || j >= end) break
        j++
      }
      if (j >= end && !isLast) return ~i
      if (n <= maxRec) fEnd[n] = j
      const lineOfRow = this.line
      this.line++
      i = j < end ? j + 1 : end
      if (n !== 0 || !this.isBlank(fStart[0]!, fEnd[0]!)) this.countPlain(n + 1, lineOfRow)
      if (isOneRow) break
    }
    return i
  }

  /**
   * countRow for a row cut by the fast path (no quoted field, so no flags): the same checks in the
   * same order, with the trimming inlined. fStart/fEnd hold fields 0..maxRecorded.
   */
  private countPlain(fieldCount: number, lineOfRow: number): void {
    this.rows++
    if (fieldCount !== this.headerCount) {
      this.skip('wrong number of fields', lineOfRow)
      return
    }
    const buf = this.buf
    const fStart = this.fStart
    const fEnd = this.fEnd
    // Label.
    let k = this.labelIdx
    let s = fStart[k]!
    let e = fEnd[k]!
    let c = buf[s]!
    if (c <= SPACE) while (s < e && isSpace(c)) c = buf[++s]!
    c = buf[e - 1]!
    if (c <= SPACE) while (e > s && isSpace(c)) c = buf[--e - 1]!
    let label: number
    if (s === e) label = MISSING
    else if (e - s === 1 && this.positiveBytes === null && (c === 0x30 || c === 0x31))
      label = c === 0x31 ? POSITIVE : NEGATIVE
    else label = this.classifyRange(s, e)
    if (label < 0) {
      this.skip(label === MISSING ? 'missing label' : 'unrecognised label value', lineOfRow)
      return
    }
    let predicted: number
    k = this.predIdx >= 0 ? this.predIdx : this.scoreIdx
    s = fStart[k]!
    e = fEnd[k]!
    c = buf[s]!
    if (c <= SPACE) while (s < e && isSpace(c)) c = buf[++s]!
    c = buf[e - 1]!
    if (c <= SPACE) while (e > s && isSpace(c)) c = buf[--e - 1]!
    if (this.predIdx >= 0) {
      if (s === e) predicted = MISSING
      else if (e - s === 1 && this.positiveBytes === null && (c === 0x30 || c === 0x31))
        predicted = c === 0x31 ? POSITIVE : NEGATIVE
      else predicted = this.classifyRange(s, e)
      if (predicted < 0) {
        this.skip(predicted === MISSING ? 'missing prediction' : 'unrecognised prediction value', lineOfRow)
        return
      }
    } else {
      if (s === e) {
        this.skip('missing score', lineOfRow)
        return
      }
      const score = this.parseNumber(s, e)
      if (!Number.isFinite(score)) {
        this.skip('score is not a number', lineOfRow)
        return
      }
      predicted = score >= this.threshold ? POSITIVE : NEGATIVE
    }
    let w = 1
    if (this.weightIdx >= 0) {
      k = this.weightIdx
      s = fStart[k]!
      e = fEnd[k]!
      while (s < e && isSpace(buf[s]!)) s++
      while (e > s && isSpace(buf[e - 1]!)) e--
      if (s === e) {
        this.skip('missing weight', lineOfRow)
        return
      }
      w = this.parseNumber(s, e)
      if (!Number.isFinite(w) || w < 0) {
        this.skip('weight is not a non-negative number', lineOfRow)
        return
      }
    }
    const gi = this.groupIdx
    const gs = this.gStart
    const ge = this.gEnd
    for (let g = 0; g < gi.length; g++) {
      k = gi[g]!
      s = fStart[k]!
      e = fEnd[k]!
      c = buf[s]!
      if (c <= SPACE) while (s < e && isSpace(c)) c = buf[++s]!
      c = buf[e - 1]!
      if (c <= SPACE) while (e > s && isSpace(c)) c = buf[--e - 1]!
      if (s === e) {
        this.skip('missing group value', lineOfRow)
        return
      }
      gs[g] = s
      ge[g] = e
    }
    const packed = this.lookupPacked()
    this.add(packed >= 0 ? packed : this.lookupCell(), label, predicted, w)
  }

  private countRow(fieldCount: number, rowFlags: number, lineOfRow: number): void {
    this.rows++
    if ((rowFlags & IS_MALFORMED) !== 0) {
      this.skip('text after a closing quote', lineOfRow)
      return
    }
    if (fieldCount !== this.headerCount) {
      this.skip('wrong number of fields', lineOfRow)
      return
    }
    const label = this.classify(this.labelIdx)
    if (label === MISSING) {
      this.skip('missing label', lineOfRow)
      return
    }
    if (label === INVALID) {
      this.skip('unrecognised label value', lineOfRow)
      return
    }
    let predicted: number
    if (this.predIdx >= 0) {
      predicted = this.classify(this.predIdx)
      if (predicted === MISSING) {
        this.skip('missing prediction', lineOfRow)
        return
      }
      if (predicted === INVALID) {
        this.skip('unrecognised prediction value', lineOfRow)
        return
      }
    } else {
      this.trim(this.scoreIdx)
      if (this.ts === this.te) {
        this.skip('missing score', lineOfRow)
        return
      }
      const score = this.parseNumber(this.ts, this.te)
      if (!Number.isFinite(score)) {
        this.skip('score is not a number', lineOfRow)
        return
      }
      predicted = score >= this.threshold ? POSITIVE : NEGATIVE
    }
    let w = 1
    if (this.weightIdx >= 0) {
      this.trim(this.weightIdx)
      if (this.ts === this.te) {
        this.skip('missing weight', lineOfRow)
        return
      }
      w = this.parseNumber(this.ts, this.te)
      if (!Number.isFinite(w) || w < 0) {
        this.skip('weight is not a non-negative number', lineOfRow)
        return
      }
    }
    const cell = this.cellOf()
    if (cell < 0) {
      this.skip('missing group value', lineOfRow)
      return
    }
    this.add(cell, label, predicted, w)
  }

  /** Count one row in a cell. Outcome index: 0 TP, 1 FP, 2 TN, 3 FN. */
  private add(cell: number, label: number, predicted: number, w: number): void {
    const o = label === POSITIVE ? (predicted === POSITIVE ? 0 : 3) : predicted === POSITIVE ? 1 : 2
    this.counts[cell * 4 + o]! += w
    if (this.squares) this.squares[cell * 4 + o]! += w * w
    this.cellRows[cell]!++
  }

  private classify(k: number): number {
    this.trim(k)
    const s = this.ts
    if (s === this.te) return MISSING
    if (this.te - s === 1 && this.positiveBytes === null) {
      const c = this.buf[s]
      if (c === 0x31) return POSITIVE
      if (c === 0x30) return NEGATIVE
    }
    return this.classifyRange(s, this.te)
  }

  /** Positive, negative or invalid, for a non-empty trimmed value (the default value sets of docs/bias-audit.md). */
  private classifyRange(s: number, e: number): number {
    const pos = this.positiveBytes
    if (pos) return this.equalsFolded(s, e, pos) ? POSITIVE : NEGATIVE
    for (const w of DEFAULT_POSITIVE) if (this.equalsFolded(s, e, w)) return POSITIVE
    for (const w of DEFAULT_NEGATIVE) if (this.equalsFolded(s, e, w)) return NEGATIVE
    return INVALID
  }

  /** ASCII case-insensitive comparison of buf[s, e) with an already lower-cased word. */
  private equalsFolded(s: number, e: number, word: Uint8Array): boolean {
    if (e - s !== word.length) return false
    const buf = this.buf
    for (let k = 0; k < word.length; k++) if (lower(buf[s + k]!) !== word[k]) return false
    return true
  }

  /**
   * Decimal number from bytes. Fast path: at most ~15 significant digits and no exponent, so the
   * integer mantissa and the power of ten are exact doubles and one division rounds correctly —
   * the same value Number() gives. Anything else goes through a strict check and Number().
   */
  private parseNumber(s: number, e: number): number {
    const buf = this.buf
    let k = s
    let negative = false
    if (buf[k] === 0x2d || buf[k] === 0x2b) {
      negative = buf[k] === 0x2d
      k++
    }
    const first = k
    let mantissa = 0
    let dot = -1
    for (; k < e; k++) {
      const d = buf[k]! - 0x30
      // One unsigned comparison tells a digit from everything else (bytes below '0' wrap around).
      if (d >>> 0 <= 9) mantissa = mantissa * 10 + d
      else if (d === 0x2e - 0x30 && dot < 0) dot = k
      else return this.parseNumberSlow(s, e)
    }
    const digits = e - first - (dot < 0 ? 0 : 1)
    if (digits === 0) return Number.NaN
    // Up to 15 digits the mantissa is an exact integer below 2^53; longer numbers take the slow path.
    if (digits > 15) return this.parseNumberSlow(s, e)
    const fraction = dot < 0 ? 0 : e - dot - 1
    const v = mantissa / POW10[fraction]!
    return negative ? -v : v
  }

  private parseNumberSlow(s: number, e: number): number {
    if (e - s > 100) return Number.NaN
    const text = this.buf.toString('latin1', s, e)
    return DECIMAL.test(text) ? Number(text) : Number.NaN
  }

  /** The cell of the group values in gStart/gEnd, created on first sight (for the generated loop). */
  cellOfRanges(): number {
    const packed = this.lookupPacked()
    return packed >= 0 ? packed : this.lookupCell()
  }

  /** Intern the row's group values (slow path, from recorded fields); -1 when one is missing. */
  private cellOf(): number {
    const gi = this.groupIdx
    for (let g = 0; g < gi.length; g++) {
      this.trim(gi[g]!)
      if (this.ts === this.te) return -1
      this.gStart[g] = this.ts
      this.gEnd[g] = this.te
    }
    const packed = this.lookupPacked()
    return packed >= 0 ? packed : this.lookupCell()
  }

  /**
   * The cell of the group values in buf[gStart[g], gEnd[g]), in --group order, created on first
   * sight. Key: each value prefixed by its length, so "a|b" cannot collide with "a","|b".
   */
  private lookupCell(): number {
    const buf = this.buf
    const gs = this.gStart
    const ge = this.gEnd
    const groups = gs.length
    let h = 0x811c9dc5
    let klen = 0
    for (let g = 0; g < groups; g++) {
      const s = gs[g]!
      const e = ge[g]!
      h = Math.imul(h ^ (e - s), 0x01000193)
      // Four bytes per multiply: a shorter dependency chain than byte-wise FNV.
      let k = s
      for (; k + 3 < e; k += 4)
        h = Math.imul(
          h ^ (buf[k]! | (buf[k + 1]! << 8) | (buf[k + 2]! << 16) | (buf[k + 3]! << 24)),
          0x01000193,
        )
      for (; k < e; k++) h = Math.imul(h ^ buf[k]!, 0x01000193)
      h ^= h >>> 15
      klen += 4 + e - s
    }
    h >>>= 0
    const table = this.table
    const mask = table.length - 1
    let slot = h & mask
    for (;;) {
      const c = table[slot]!
      if (c < 0) break
      if (this.cellHash[c] === h && this.cellKeyLen[c] === klen && this.sameKey(c, groups)) return c
      slot = (slot + 1) & mask
    }
    return this.addCell(h, klen, slot, groups)
  }

  /** The cell of the row's group values when every value is at most 6 bytes; -1 otherwise. */
  private lookupPacked(): number {
    const buf = this.buf
    const gs = this.gStart
    const ge = this.gEnd
    const key = this.packKey
    const w = this.packWidth
    const view = this.view
    const limit = buf.length - 6
    let h = 0x9e3779b9
    for (let g = 0; g < gs.length; g++) {
      const s = gs[g]!
      const len = ge[g]! - s
      if (len > 6) return -1
      if (s <= limit) {
        // Six bytes read in two loads, the ones past the value masked off (same key as below).
        const lo = view.getInt32(s, true) & LO_MASK[len]!
        const hi = (len << 16) | (view.getUint16(s + 4, true) & HI_MASK[len]!)
        key[2 * g] = lo
        key[2 * g + 1] = hi
        h = Math.imul(h ^ lo, 0x01000193)
        h = Math.imul(h ^ hi, 0x01000193)
        continue
      }
      const lo =
        (len > 0 ? buf[s]! : 0) |
        (len > 1 ? buf[s + 1]! << 8 : 0) |
        (len > 2 ? buf[s + 2]! << 16 : 0) |
        (len > 3 ? buf[s + 3]! << 24 : 0)
      const hi = (len << 16) | (len > 4 ? buf[s + 4]! : 0) | (len > 5 ? buf[s + 5]! << 8 : 0)
      key[2 * g] = lo
      key[2 * g + 1] = hi
      h = Math.imul(h ^ lo, 0x01000193)
      h = Math.imul(h ^ hi, 0x01000193)
    }
    h ^= h >>> 15
    const table = this.packTable
    const keys = this.packKeys
    const mask = table.length - 1
    let slot = h & mask
    for (;;) {
      const entry = table[slot]!
      if (entry < 0) break
      let isSame = true
      const base = entry * w
      for (let k = 0; k < w; k++) {
        if (keys[base + k] !== key[k]) {
          isSame = false
          break
        }
      }
      if (isSame) return this.packCell[entry]!
      slot = (slot + 1) & mask
    }
    // First sight of this key in the packed dictionary: find or create the cell the slow way.
    const cell = this.lookupCell()
    this.addPacked(slot, cell)
    return cell
  }

  private addPacked(slot: number, cell: number): void {
    const e = this.packCount
    const w = this.packWidth
    if ((e + 1) * w > this.packKeys.length) {
      const grown = new Int32Array(this.packKeys.length * 2)
      grown.set(this.packKeys)
      this.packKeys = grown
      const cells = new Int32Array(this.packCell.length * 2)
      cells.set(this.packCell)
      this.packCell = cells
    }
    this.packKeys.set(this.packKey, e * w)
    this.packCell[e] = cell
    this.packTable[slot] = e
    this.packCount++
    if (this.packCount * 2 > this.packTable.length) {
      const table = new Int32Array(this.packTable.length * 2).fill(-1)
      const mask = table.length - 1
      for (let entry = 0; entry < this.packCount; entry++) {
        let h = 0x9e3779b9
        for (let k = 0; k < w; k++) h = Math.imul(h ^ this.packKeys[entry * w + k]!, 0x01000193)
        h ^= h >>> 15
        let at = h & mask
        while (table[at]! >= 0) at = (at + 1) & mask
        table[at] = entry
      }
      this.packTable = table
    }
  }

  private sameKey(c: number, groups: number): boolean {
    const buf = this.buf
    const arena = this.arena
    let p = this.cellKeyStart[c]!
    for (let g = 0; g < groups; g++) {
      const s = this.gStart[g]!
      const e = this.gEnd[g]!
      const len = arena[p]! | (arena[p + 1]! << 8) | (arena[p + 2]! << 16) | (arena[p + 3]! << 24)
      if (len !== e - s) return false
      p += 4
      for (let k = s; k < e; k++) if (arena[p++] !== buf[k]) return false
    }
    return true
  }

  /**
   * A new cell: the only place groups are made, so the group limits are checked here, once per
   * group and never per row. Nothing is stored for a cell that breaks a limit.
   */
  private addCell(h: number, klen: number, slot: number, groups: number): number {
    const c = this.cellCount
    if (c >= this.maxGroups) throw this.overLimit('combinations')
    const values: string[] = []
    const decoder = new TextDecoder('utf-8')
    for (let g = 0; g < groups; g++) {
      // Decoded once per group, for the report; invalid UTF-8 shows as U+FFFD.
      values.push(decoder.decode(this.buf.subarray(this.gStart[g]!, this.gEnd[g]!)))
    }
    // With one column its values are the cells; with more, each column's values are groups too.
    if (groups > 1) {
      let fresh = 0
      for (let g = 0; g < groups; g++) if (!this.columnValues[g]!.has(values[g]!)) fresh++
      if (this.marginalCount + fresh > this.maxGroups) throw this.overLimit('values')
      this.marginalCount += fresh
      for (let g = 0; g < groups; g++) this.columnValues[g]!.add(values[g]!)
    }
    if (c >= this.cellHash.length) this.growCells()
    if (this.arenaLen + klen > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaLen + klen))
      this.arena.copy(grown, 0, 0, this.arenaLen)
      this.arena = grown
    }
    let p = this.arenaLen
    for (let g = 0; g < groups; g++) {
      const s = this.gStart[g]!
      const e = this.gEnd[g]!
      this.arena.writeUInt32LE(e - s, p)
      this.buf.copy(this.arena, p + 4, s, e)
      p += 4 + e - s
    }
    this.cellHash[c] = h
    this.cellKeyStart[c] = this.arenaLen
    this.cellKeyLen[c] = klen
    this.arenaLen = p
    this.table[slot] = c
    this.cellValues.push(values)
    this.cellCount++
    if (this.cellCount * 2 > this.table.length) this.rehash()
    return c
  }

  /** The error for a cell over the limit, with what was seen before it. */
  private overLimit(kind: TGroupLimitKind): AppError {
    return groupLimitError({
      naming: this.naming,
      columns: this.groupNames,
      distinct: this.columnValues.map((v) => v.size),
      limit: this.maxGroups,
      kind,
      combinations: null,
    })
  }

  private growCells(): void {
    const grow = <T extends Uint32Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2)
      b.set(a)
      return b
    }
    this.cellHash = grow(this.cellHash, (n) => new Uint32Array(n))
    this.cellKeyStart = grow(this.cellKeyStart, (n) => new Int32Array(n))
    this.cellKeyLen = grow(this.cellKeyLen, (n) => new Int32Array(n))
    this.cellRows = grow(this.cellRows, (n) => new Float64Array(n))
    this.counts = grow(this.counts, (n) => new Float64Array(n))
    if (this.squares) this.squares = grow(this.squares, (n) => new Float64Array(n))
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1)
    const mask = table.length - 1
    for (let c = 0; c < this.cellCount; c++) {
      let slot = this.cellHash[c]! & mask
      while (table[slot]! >= 0) slot = (slot + 1) & mask
      table[slot] = c
    }
    this.table = table
  }
}

const notCsv = (): AppError =>
  new AppError('validation_failed', 'The header is not UTF-8 text: this does not look like a CSV file.')
