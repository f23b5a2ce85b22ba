import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parse, stringify } from 'yaml'
import { readYaml, readYamlSubset, UnsupportedYaml } from './yaml.ts'

const CONTENT = join(import.meta.dirname, '../../content')

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) return yamlFiles(full)
      return name.endsWith('.yaml') ? [full] : []
    })

/** What the subset reader gives: a value, `unsupported`, or (a bug) any other error. */
const subset = (text: string): { value: unknown } | 'unsupported' => {
  try {
    return { value: readYamlSubset(text) }
  } catch (error) {
    if (error instanceof UnsupportedYaml) return 'unsupported'
    throw error
  }
}

/** What `yaml.parse` gives: a value or `error`. */
const reference = (text: string): { value: unknown } | 'error' => {
  try {
    return { value: parse(text) }
  } catch {
    return 'error'
  }
}

/** The reader's one rule: where it answers, `yaml.parse` answers the same. */
const assertAgrees = (text: string): void => {
  const mine = subset(text)
  if (mine === 'unsupported') return
  const theirs = reference(text)
  assert.notEqual(theirs, 'error', `the subset reader accepted what yaml rejects:\n${text}`)
  assert.deepEqual(mine.value, (theirs as { value: unknown }).value, `different values for:\n${text}`)
}

describe('YAML subset reader', () => {
  it('reads every library file of content/ itself, exactly as yaml.parse does', () => {
    const files = yamlFiles(CONTENT).filter(
      (file) => !/^(jurisdictions|governance)\//.test(relative(CONTENT, file).split('\\').join('/')),
    )
    assert.ok(files.length >= 10)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const mine = subset(text)
      if (mine === 'unsupported') {
        let reason = ''
        try {
          readYamlSubset(text)
        } catch (error) {
          reason = (error as Error).message
        }
        assert.fail(
          `${relative(CONTENT, file)} is read by the slow yaml package (${reason}): write it in the plain subset of docs/library.md (Load time), or teach src/content/yaml.ts the construct`,
        )
      }
      assert.deepEqual((mine as { value: unknown }).value, parse(text), relative(CONTENT, file))
    }
  })

  it('agrees with yaml.parse on the other content files wherever it answers', () => {
    for (const file of yamlFiles(CONTENT)) assertAgrees(readFileSync(file, 'utf8'))
  })

  const accepted: [string, string, unknown][] = [
    ['block mapping and sequence', 'a: 1\nb:\n  - x\n  - y\n', { a: 1, b: ['x', 'y'] }],
    ['same-indent sequence', 'a:\n- x\n- y\nb: 2\n', { a: ['x', 'y'], b: 2 }],
    [
      'compact mapping in a sequence',
      'l:\n  - a: 1\n    b: 2\n  - c: 3\n',
      { l: [{ a: 1, b: 2 }, { c: 3 }] },
    ],
    [
      'flow over lines',
      'l:\n  - {\n      id: a,\n      n: "x, y",\n    }\n',
      { l: [{ id: 'a', n: 'x, y' }] },
    ],
    ['urns in flow', 'l: [urn:custos:a:b:c, urn:x]\n', { l: ['urn:custos:a:b:c', 'urn:x'] }],
    [
      'core schema',
      'a: null\nb: ~\nc: true\nd: False\ne: -0.5\nf: 12\ng: 2026-11-29\nh:\n',
      {
        a: null,
        b: null,
        c: true,
        d: false,
        e: -0.5,
        f: 12,
        g: '2026-11-29',
        h: null,
      },
    ],
    ['escapes', "a: \"x\\\"y\\\\z\\n\\u00e9\\t\"\nb: 'it''s'\n", { a: 'x"y\\z\n\u00e9\t', b: "it's" }],
    ['comments', '# head\na: b # tail\n# mid\nc: "d" # q\n', { a: 'b', c: 'd' }],
    ['numbers', 'a: 1e-7\nb: -12\nc: 0.10\nd: 1.5\n', { a: 1e-7, b: -12, c: 0.1, d: 1.5 }],
    ['hashes and colons inside flow words', 'a: [x#y, urn:a:b, "z"] # c\n', { a: ['x#y', 'urn:a:b', 'z'] }],
    ['plain text with punctuation', 'a: x, y [z] {w} #1 a#b\n', { a: 'x, y [z] {w}' }],
  ]
  for (const [name, text, value] of accepted) {
    it(`reads ${name} itself`, () => {
      assert.deepEqual(readYamlSubset(text), value)
      assert.deepEqual(readYamlSubset(text), parse(text))
    })
  }

  const declined: [string, string][] = [
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['block scalars', 'a: |\n  x\n'],
    ['multi-line plain scalars', 'a: x\n  y\n'],
    ['multi-line quoted scalars', 'a: "x\n  y"\n'],
    ['document markers', '---\na: 1\n'],
    ['tabs', 'a:\t1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['duplicate flow keys', 'a: { b: 1, b: 2 }\n'],
    ['octal and hex', 'a: 0o17\n'],
    ['exponents', 'a: 1e3\n'],
    ['keys that are not words', 'a b: 1\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a key in a plain value', 'a: b: c\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['an empty document', '# nothing\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a dash that starts a value', 'a: - x\n'],
    ['negative zero', 'a: -0\n'],
    ['keys longer than YAML allows', `${'k'.repeat(1100)}: 1\n`],
    ['numbers yaml reads in other ways', 'a: .5\nb: +1\nc: 007\n'],
  ]
  for (const [name, text] of declined) {
    it(`leaves ${name} to the yaml package`, () => {
      assert.equal(subset(text), 'unsupported')
      const theirs = reference(text)
      if (theirs === 'error') assert.throws(() => readYaml(text), /at line \d+/)
      else assert.deepEqual(readYaml(text), { value: theirs.value, via: 'yaml' })
    })
  }

  // Edges of the subset, each checked against yaml.parse: the reader answers the same or declines.
  const edges: [string, string, unknown][] = [
    ['a key that reads as a boolean', 'true: x\n', 'unsupported'],
    ['a dash as the whole value', 'a: ---\n', 'unsupported'],
    ['a dash as a flow value', 'a: [-, b]\n', 'unsupported'],
    ['three dashes starting a flow value', 'a: [---x]\n', 'unsupported'],
    ['a \\x escape that is not hex', 'a: "\\xZZ"\n', 'unsupported'],
    ['a \\U escape past the last code point', 'a: "\\U00110000"\n', 'unsupported'],
    ['a comment glued to a flow item', 'a: [b,#c\n  ]\n', 'unsupported'],
    ['a comment glued to a flow collection', 'a: [b]#c\n', 'unsupported'],
    ['a flow collection left open', 'a: [b\n', 'unsupported'],
    ['\\u and \\x escapes', 'a: "\\u00e9\\x41"\n', { a: 'éA' }],
    ['\\/, \\0 and \\a escapes', 'a: "\\/\\0\\a"\n', { a: '/\u0000\u0007' }],
    ['single-quoted flow values', "a: ['it''s', \"q\"]\n", { a: ["it's", 'q'] }],
    ['a comment inside a flow collection', 'a: [b # c\n  , d]\n', { a: ['b', 'd'] }],
    ['a single-quoted value in a flow map', "a: {b: 'x'}\n", { a: { b: 'x' } }],
    ['a comment on the last line without a line end', 'a: b\n#end', { a: 'b' }],
    ['a quoted value without a line end', 'a: "b"', { a: 'b' }],
    ['a list without a line end', 'a:\n  - x\n  - y', { a: ['x', 'y'] }],
    ['a flow list without a line end', 'a: [b, c]', { a: ['b', 'c'] }],
    ['a comment between keys of a nested map', 'a:\n  b: 1\n  # note\n  c: 2\n', { a: { b: 1, c: 2 } }],
  ]
  for (const [name, text, expected] of edges) {
    it(`${expected === 'unsupported' ? 'declines' : 'reads'} ${name}`, () => {
      assert.deepEqual(subset(text), expected === 'unsupported' ? expected : { value: expected })
      assertAgrees(text)
      if (expected !== 'unsupported') assert.deepEqual(parse(text), expected)
    })
  }

  it('passes the yaml package’s own syntax errors through', () => {
    assert.throws(() => readYaml('a: 1\na: 2\n'), /Map keys must be unique/)
    assert.throws(
      () => readYaml('a: "open\n'),
      (error: Error) => !(error instanceof UnsupportedYaml),
    )
  })

  // Generated documents in the styles yaml.stringify writes (and content authors use).
  const KEYS = ['a', 'en', 'b-c', 'x_1', 'yes', 'true', 'null', 'a b', '__proto__', '1', 'é', 'k:']
  const CHARS = [...'ab z09.-:#,\'"\\[]{}&*!|>%@`?~\n']
  const scalar = fc.oneof(
    fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 }),
    fc.constantFrom('true', 'null', '~', '-', '- a', '0.5', '-0', '1e3', '0x1f', '.inf', '012', ''),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    fc.boolean(),
    fc.constant(null),
  )
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 }),
  }))
  const styles = fc.record({
    flowLevel: fc.constantFrom(undefined, 0, 1, 2),
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    lineWidth: fc.constantFrom(0, 20, 80),
  })

  it('agrees with yaml.parse on generated documents', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), tree.node, { minKeys: 1 }),
        styles,
        (doc, style) => {
          const { flowLevel, ...options } = style
          const text = stringify(doc, {
            ...options,
            defaultStringType: style.defaultStringType as 'PLAIN',
            ...(flowLevel === undefined ? {} : { collectionStyle: 'block', flow: true }),
          })
          assertAgrees(text)
          if (flowLevel !== undefined) assertAgrees(stringify(doc, { ...options, collectionStyle: 'flow' }))
        },
      ),
      { numRuns: Number(process.env.YAML_FUZZ_RUNS ?? 3000) / 8 },
    )
  })

  // Small edits of real content: whatever the reader still accepts must read as yaml reads it.
  /** The start of a content file, cut before a top-level list item so that it stays whole. */
  const head = (file: string, chars: number): string[] => {
    const lines = readFileSync(join(CONTENT, file), 'utf8').split('\n')
    let length = 0
    let end = 0
    while (end < lines.length && (length < chars || !/^ {0,2}- /.test(lines[end] as string)))
      length += (lines[end++] as string).length + 1
    return lines.slice(0, end)
  }
  const bases = [
    head('sources/jurisdictions.yaml', 1500),
    head('frameworks/icoc.yaml', 2500),
    head('questionnaires/vendor-profile.yaml', 2500),
    head('technologies.yaml', 2500),
  ]
  const INSERTS = [
    ' ',
    '  ',
    ':',
    ': ',
    '#',
    ' #',
    '-',
    '- ',
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ',',
    '\n',
    'x',
    '\\',
  ]

  it('reads the unedited starts of content files itself', () => {
    for (const base of bases) assert.notEqual(subset(`${base.join('\n')}\n`), 'unsupported')
  })

  it('agrees with yaml.parse on edited content', () => {
    const edit = fc.record({
      lineSeed: fc.nat(),
      column: fc.integer({ min: 0, max: 30 }),
      insert: fc.oneof(fc.constantFrom(...INSERTS), fc.constant(null)),
    })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          const lines = [...(bases[which] as string[])]
          for (const { lineSeed, column, insert } of edits) {
            const line = lineSeed % lines.length
            const original = lines[line] as string
            const at = Math.min(column, original.length)
            lines[line] =
              insert === null
                ? original.slice(0, at) + original.slice(at + 1)
                : original.slice(0, at) + insert + original.slice(at)
          }
          assertAgrees(`${lines.join('\n')}\n`)
        },
      ),
      { numRuns: Number(process.env.YAML_FUZZ_RUNS ?? 3000) },
    )
  })
})
