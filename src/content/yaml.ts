/**
 * YAML reading for the library. The `yaml` package is exact but slow on a cold start (≈ 0.6 s for the
 * library's ~0.8 MB before its code is warm), so the library files are first read by a small reader
 * for the plain subset of YAML that the content is written in: block mappings and sequences, flow
 * `{ … }` / `[ … ]` collections (which may span lines), one-line plain, double- and single-quoted
 * scalars, and comments, resolved with the YAML 1.2 core schema as `yaml` does.
 *
 * The reader's rule is that it returns a value only where `yaml.parse` returns the same value. On
 * anything outside the subset, and on anything doubtful (anchors, tags, block scalars, multi-line
 * scalars, document markers, tabs, odd indentation, duplicate keys, keys that are not plain words,
 * numbers other than plain decimals, …) it gives up and `readYaml` parses the text with `yaml`
 * instead, which then gives either the same value or its own error with line numbers. Tests hold the
 * reader to `yaml.parse` on the whole content folder and on generated documents.
 */
import { parse as parseWithYamlPackage } from 'yaml'

/** The fast reader met something outside its subset; the text must be parsed with `yaml`. */
export class UnsupportedYaml extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`${reason} (line ${line})`)
  }
}

const NL = 10
const SPACE = 32
const DQUOTE = 34
const HASH = 35
const SQUOTE = 39
const COMMA = 44
const DASH = 45
const COLON = 58
const LBRACKET = 91
const BACKSLASH = 92
const RBRACKET = 93
const LBRACE = 123
const RBRACE = 125

/** Characters the reader does not take on at all (tabs, CR, controls, BOM, other line breaks). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/

/** A plain scalar may not start with one of these (`-` is checked apart: it may start `-5`). */
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)))

/** Plain scalars that the core schema reads as something other than a string, or that we leave to `yaml`. */
const CORE_NULL = /^(?:~|[Nn]ull|NULL)$/
const CORE_TRUE = /^(?:[Tt]rue|TRUE)$/
const CORE_FALSE = /^(?:[Ff]alse|FALSE)$/
const PLAIN_INT = /^-?(?:0|[1-9][0-9]{0,14})$/
const PLAIN_FLOAT = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/
const OTHER_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/

/** First letters of the core schema's null, true and false (`.inf`, `~`, digits and signs are not letters). */
const MAY_NOT_BE_STRING = new Set('nNtTfF'.split('').map((c) => c.charCodeAt(0)))

/** YAML allows at most 1024 characters from the start of an implicit key to its `:`; stay well under. */
const MAX_KEY_LENGTH = 1000

/**
 * Sticky patterns: the native regular expression engine scans text much faster than JavaScript that
 * is not yet optimised, which is all of it on a cold start.
 */
const WORD = /[A-Za-z_][A-Za-z0-9_-]*/y
const INDENT = / */y
/** A flow plain scalar runs to `,` `[` `]` `{` `}`, a line end, a `:` that ends a word or ` #`. */
const FLOW_PLAIN = /(?:[^,[\]{}\n:# ]|:(?=[^ \n,[\]{}])| (?!#)|(?<! )#)+/y

const isKeyStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
}
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 }
const HEX = /^[0-9a-fA-F]+$/

class Reader {
  private pos = 0
  /** Where the last quoted scalar or key ended. */
  private end = 0
  private readonly n: number

  constructor(private readonly src: string) {
    this.n = src.length
  }

  read(): unknown {
    if (FORBIDDEN.test(this.src)) this.fail('tab, carriage return or control character')
    if (this.nextLine() !== 0) this.fail('empty or indented document')
    const value = this.block(0)
    if (this.nextLine() !== -1) this.fail('content after the document')
    return value
  }

  private fail(reason: string, at: number = this.pos): never {
    let line = 1
    for (let i = this.src.indexOf('\n'); i !== -1 && i < at; i = this.src.indexOf('\n', i + 1)) line++
    throw new UnsupportedYaml(reason, line)
  }

  private code(at: number): number {
    return at < this.n ? this.src.charCodeAt(at) : NL
  }

  /**
   * From the start of a line: skips blank and comment-only lines and stops at the start of the next
   * line with content. Returns that line's indentation, or -1 at the end of the text.
   */
  private nextLine(): number {
    const { src, n } = this
    let p = this.pos
    while (p < n) {
      INDENT.lastIndex = p
      INDENT.test(src)
      const q = INDENT.lastIndex
      if (q >= n) break
      const c = src.charCodeAt(q)
      if (c === NL) {
        p = q + 1
        continue
      }
      if (c === HASH) {
        const eol = src.indexOf('\n', q)
        p = eol === -1 ? n : eol + 1
        continue
      }
      this.pos = p
      return q - p
    }
    this.pos = n
    return -1
  }

  /** After a value on a line: only spaces and a comment may follow; moves to the next line's start. */
  private endOfLine(at: number): void {
    let p = at
    while (this.code(p) === SPACE) p++
    const c = this.code(p)
    if (c === HASH) {
      if (this.src.charCodeAt(p - 1) !== SPACE) this.fail('comment not preceded by a space', p)
    } else if (c !== NL) {
      this.fail('unexpected text after a value', p)
    }
    const eol = this.src.indexOf('\n', p)
    this.pos = eol === -1 ? this.n : eol + 1
  }

  /** The end of the word (a plain key) that starts at `at` with a letter or `_`. */
  private wordEnd(at: number): number {
    WORD.lastIndex = at
    WORD.test(this.src)
    return WORD.lastIndex
  }

  private isSeqDash(at: number): boolean {
    if (this.code(at) !== DASH) return false
    const next = this.code(at + 1)
    return next === SPACE || next === NL
  }

  /** A block node whose first line starts at this.pos with the given indentation. */
  private block(indent: number): unknown {
    const at = this.pos + indent
    return this.isSeqDash(at) ? this.seq(indent, at) : this.map(indent, at)
  }

  private seq(col: number, firstDash: number): unknown[] {
    const out: unknown[] = []
    let dash = firstDash
    for (;;) {
      let p = dash + 1
      while (this.code(p) === SPACE) p++
      out.push(this.seqItem(col, p))
      const next = this.nextLine()
      if (next < col) break
      if (next > col) this.fail('unexpected indentation')
      dash = this.pos + col
      if (!this.isSeqDash(dash)) break // a key of the mapping that holds this sequence
    }
    return out
  }

  private seqItem(col: number, at: number): unknown {
    const c = this.code(at)
    if (c === NL || c === HASH) {
      this.endOfLine(at)
      const next = this.nextLine()
      return next > col ? this.block(next) : null
    }
    if (this.isSeqDash(at)) this.fail('nested sequence on one line', at)
    const lineStart = this.src.lastIndexOf('\n', at - 1) + 1
    if (this.startsKey(at)) return this.map(at - lineStart, at)
    return this.inlineValue(at, col)
  }

  /** Whether a mapping key (`word:` or a quoted key followed by `:`) starts here. */
  private startsKey(at: number): boolean {
    const c = this.code(at)
    let p: number
    if (c === DQUOTE) {
      this.doubleQuoted(at)
      p = this.end
    } else if (c === SQUOTE) {
      this.singleQuoted(at)
      p = this.end
    } else if (isKeyStart(c)) {
      p = this.wordEnd(at)
    } else {
      return false
    }
    if (this.code(p) !== COLON) return false
    const after = this.code(p + 1)
    return after === SPACE || after === NL
  }

  private key(at: number): string {
    const c = this.code(at)
    let key: string
    let p: number
    if (c === DQUOTE) {
      key = this.doubleQuoted(at)
      p = this.end
    } else if (c === SQUOTE) {
      key = this.singleQuoted(at)
      p = this.end
    } else {
      if (!isKeyStart(c)) this.fail('a key that is not a plain word', at)
      p = this.wordEnd(at)
      key = this.src.slice(at, p)
      if (typeof resolvePlain(key) !== 'string') this.fail('a key that is not a string', at)
    }
    if (key === '__proto__') this.fail('a __proto__ key', at)
    if (p - at > MAX_KEY_LENGTH) this.fail('a key too long for an implicit key', at)
    if (this.code(p) !== COLON) this.fail('a key without `: `', p)
    const after = this.code(p + 1)
    if (after !== SPACE && after !== NL) this.fail('a key without `: `', p)
    this.end = p + 1
    return key
  }

  private map(col: number, firstKey: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    let at = firstKey
    for (;;) {
      const key = this.key(at)
      if (Object.hasOwn(out, key)) this.fail('duplicate key', at)
      out[key] = this.entryValue(col, this.end)
      const next = this.nextLine()
      if (next < col) break
      if (next > col) this.fail('unexpected indentation')
      at = this.pos + col
      if (this.isSeqDash(at)) this.fail('a sequence entry where a key was expected', at)
    }
    return out
  }

  private entryValue(col: number, afterColon: number): unknown {
    let p = afterColon
    while (this.code(p) === SPACE) p++
    const c = this.code(p)
    if (c === NL || c === HASH) {
      this.endOfLine(p)
      const next = this.nextLine()
      if (next > col) return this.block(next)
      if (next === col && this.isSeqDash(this.pos + col)) return this.seq(col, this.pos + col)
      return null
    }
    return this.inlineValue(p, col)
  }

  /** A scalar or flow collection on the rest of a line (`floor`: the indentation of its block). */
  private inlineValue(at: number, floor: number): unknown {
    const c = this.code(at)
    let value: unknown
    if (c === DQUOTE) {
      value = this.doubleQuoted(at)
      this.endOfLine(this.end)
    } else if (c === SQUOTE) {
      value = this.singleQuoted(at)
      this.endOfLine(this.end)
    } else if (c === LBRACE || c === LBRACKET) {
      value = this.flow(at, floor)
      this.endOfLine(this.end)
    } else {
      value = this.blockPlain(at)
    }
    return value
  }

  /** A plain scalar to the end of its line (or a ` #` comment); multi-line plain scalars give up. */
  private blockPlain(at: number): unknown {
    const c = this.code(at)
    if (INDICATORS.has(c) || this.isSeqDash(at)) this.fail('a value starting with an indicator', at)
    let eol = this.src.indexOf('\n', at)
    if (eol === -1) eol = this.n
    let text = this.src.slice(at, eol)
    const comment = text.indexOf(' #')
    text = (comment === -1 ? text : text.slice(0, comment)).trimEnd()
    if (c === DASH && (text.length === 1 || text.startsWith('---'))) this.fail('a dash value', at)
    if (text.includes(': ') || text.endsWith(':')) this.fail('`: ` inside a plain value', at)
    this.pos = eol === this.n ? eol : eol + 1
    return resolvePlain(text)
  }

  private doubleQuoted(at: number): string {
    const src = this.src
    // Most strings have no escape: find the closing quote with the native search (cold code is slow
    // per character, and quoted text is most of the library's bytes).
    const close = src.indexOf('"', at + 1)
    if (close !== -1) {
      const text = src.slice(at + 1, close)
      if (!text.includes('\\') && !text.includes('\n')) {
        this.end = close + 1
        return text
      }
    }
    let out = ''
    let start = at + 1
    let p = start
    for (;;) {
      const c = this.code(p)
      if (c === DQUOTE) break
      if (c === NL) this.fail('a multi-line quoted scalar', p)
      if (c === BACKSLASH) {
        out += src.slice(start, p)
        const e = src[p + 1] ?? ''
        const simple = ESCAPES[e]
        const width = HEX_ESCAPES[e]
        if (simple !== undefined) {
          out += simple
          p += 2
        } else if (width !== undefined) {
          const hex = src.slice(p + 2, p + 2 + width)
          if (hex.length !== width || !HEX.test(hex)) this.fail('a bad escape', p)
          const point = Number.parseInt(hex, 16)
          if (point > 0x10ffff) this.fail('a bad escape', p)
          out += String.fromCodePoint(point)
          p += 2 + width
        } else {
          this.fail('an escape the reader does not know', p)
        }
        start = p
        continue
      }
      p++
    }
    this.end = p + 1
    return out + src.slice(start, p)
  }

  private singleQuoted(at: number): string {
    const src = this.src
    const close = src.indexOf("'", at + 1)
    if (close !== -1 && src.charCodeAt(close + 1) !== SQUOTE) {
      const text = src.slice(at + 1, close)
      if (!text.includes('\n')) {
        this.end = close + 1
        return text
      }
    }
    let out = ''
    let start = at + 1
    let p = start
    for (;;) {
      const c = this.code(p)
      if (c === NL) this.fail('a multi-line quoted scalar', p)
      if (c === SQUOTE) {
        if (this.code(p + 1) !== SQUOTE) break
        out += src.slice(start, p + 1)
        p += 2
        start = p
        continue
      }
      p++
    }
    this.end = p + 1
    return out + src.slice(start, p)
  }

  /**
   * Skips spaces, line breaks and comments inside a flow collection. Every line with content must be
   * indented more than the block that holds the collection.
   */
  private flowSpace(at: number, floor: number): number {
    const { src, n } = this
    let p = at
    for (;;) {
      const c = this.code(p)
      if (c === SPACE) {
        p++
      } else if (c === HASH) {
        if (p === at && src.charCodeAt(p - 1) !== SPACE && src.charCodeAt(p - 1) !== NL)
          this.fail('comment not preceded by a space', p)
        const eol = src.indexOf('\n', p)
        p = eol === -1 ? n : eol
      } else if (c === NL) {
        if (p >= n) this.fail('unterminated flow collection', p)
        p++
        let q = p
        while (q < n && src.charCodeAt(q) === SPACE) q++
        const d = this.code(q)
        if (q < n && d !== NL && d !== HASH && q - p <= floor)
          this.fail('flow collection line not indented enough', q)
        p = q
      } else {
        return p
      }
    }
  }

  /** `{ … }` or `[ … ]` starting at `at`; sets this.end after the closing bracket. */
  private flow(at: number, floor: number): unknown {
    const isMap = this.code(at) === LBRACE
    const close = isMap ? RBRACE : RBRACKET
    const map: Record<string, unknown> = {}
    const list: unknown[] = []
    let p = at + 1
    for (;;) {
      p = this.flowSpace(p, floor)
      if (this.code(p) === close) break
      if (isMap) {
        // The same key rules as a block map (plain word or quoted, `: ` after it).
        const key = this.key(p)
        if (Object.hasOwn(map, key)) this.fail('duplicate key', p)
        p = this.flowSpace(this.end, floor)
        map[key] = this.flowValue(p, floor)
      } else {
        list.push(this.flowValue(p, floor))
      }
      p = this.flowSpace(this.end, floor)
      const c = this.code(p)
      if (c === close) break
      if (c !== COMMA) this.fail('expected `,` or the end of the flow collection', p)
      p++
    }
    this.end = p + 1
    return isMap ? map : list
  }

  /** A value inside a flow collection; sets this.end after it. */
  private flowValue(at: number, floor: number): unknown {
    const c = this.code(at)
    if (c === LBRACE || c === LBRACKET) return this.flow(at, floor)
    if (c === DQUOTE) return this.doubleQuoted(at)
    if (c === SQUOTE) return this.singleQuoted(at)
    if (INDICATORS.has(c) || (c === DASH && this.code(at + 1) === SPACE) || c === NL)
      this.fail('an empty or odd flow value', at)
    FLOW_PLAIN.lastIndex = at
    FLOW_PLAIN.test(this.src)
    const p = FLOW_PLAIN.lastIndex
    // Stopped at a `:` that ends a word (`urn:custos:…` is one scalar; `a: b` would be a pair).
    if (this.code(p) === COLON) this.fail('`:` ending a word inside a flow value', p)
    if (this.code(p) === LBRACE || this.code(p) === LBRACKET) this.fail('a bracket inside a flow value', p)
    const text = this.src.slice(at, p).trimEnd()
    if (text === '-' || text.startsWith('---')) this.fail('a dash value', at)
    this.end = at + text.length
    return resolvePlain(text)
  }
}

/** A plain scalar under the YAML 1.2 core schema; numbers other than plain decimals give up. */
const resolvePlain = (text: string): unknown => {
  // Words (ids, URNs, prose) cannot be anything but strings unless they start like null/true/false.
  const first = text.charCodeAt(0)
  if (isKeyStart(first) && !MAY_NOT_BE_STRING.has(first)) return text
  // A number written as JavaScript writes it (`12`, `-0.5`, `1e-7`) is what the core schema reads too.
  const number = Number(text)
  if (Number.isFinite(number) && String(number) === text) return number
  if (CORE_NULL.test(text)) return null
  if (CORE_TRUE.test(text)) return true
  if (CORE_FALSE.test(text)) return false
  if (PLAIN_INT.test(text) || PLAIN_FLOAT.test(text)) {
    const value = Number(text)
    if (Object.is(value, -0)) throw new UnsupportedYaml('a negative zero', 0)
    return value
  }
  if (OTHER_NUMBER.test(text)) throw new UnsupportedYaml('a number outside plain decimals', 0)
  return text
}

/** Reads a document of the subset, or throws UnsupportedYaml. Exported for tests. */
export const readYamlSubset = (text: string): unknown => new Reader(text).read()

/**
 * Parses a library file: the fast reader where it applies, `yaml` otherwise (`yaml`'s own errors
 * propagate). `via` tells which one answered (benchmarks and tests).
 */
export const readYaml = (text: string): { value: unknown; via: 'subset' | 'yaml' } => {
  try {
    return { value: readYamlSubset(text), via: 'subset' }
  } catch (error) {
    if (!(error instanceof UnsupportedYaml)) throw error
  }
  return { value: parseWithYamlPackage(text), via: 'yaml' }
}
