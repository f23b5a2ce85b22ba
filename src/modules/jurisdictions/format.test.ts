import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildDataset, buildGapLibrary, buildJurisdiction } from './factories.ts'
import { csvField, GAP_CSV_HEADER, renderGapCsv, renderGapTable } from './format.ts'
import { analyseGap } from './gap.ts'

const ESC = String.fromCharCode(27)
const library = buildGapLibrary({
  cam: { data_protection_law: 'essential', cctv_rules: 'essential', ai_rules: 'relevant' },
})
const dataset = buildDataset([
  buildJurisdiction('DE', {
    ruleOfLaw: 1.5,
    topics: { data_protection_law: 'yes', cctv_rules: 'yes', ai_rules: 'yes' },
  }),
  buildJurisdiction('NG', { ruleOfLaw: -0.9, topics: { data_protection_law: 'yes', cctv_rules: 'no' } }),
])
const result = analyseGap({ technologies: ['cam'], jurisdictions: ['DE', 'NG'], dataset, library })

describe('the gap table', () => {
  it('spells out every level in words and symbols, without colour codes off a terminal', () => {
    const text = renderGapTable(result, { isColour: false })
    assert.ok(!text.includes(ESC), 'no escape codes')
    assert.match(text, /cctv_rules\s+essential\s+\[\+\] covered\s+\[-\] absent\s+\[!\] inconsistent/)
    assert.match(text, /ai_rules\s+relevant\s+\[\+\] covered\s+\[\?\] unknown/)
    assert.match(text, /data_protection_law\s+essential\s+\[\+\] covered\s+\[~\] partial/)
    assert.match(text, /Coverage \(essential topics covered\): DE 100% {2}NG 0%/)
    assert.match(text, /Source: test attribution/)
  })
  it('adds colour on a terminal, keeping the words: each level in its own colour, every time', () => {
    // Traffic-light colours, written here rather than read from format.ts: green, yellow, red, grey.
    const expected: Record<string, string> = {
      '[+] covered': '32',
      '[~] partial': '33',
      '[-] absent': '31',
      '[?] unknown': '90',
    }
    const plain = renderGapTable(result, { isColour: false })
    const text = renderGapTable(result, { isColour: true })
    const painted = [...text.matchAll(new RegExp(`${ESC}\\[(\\d+)m(\\[.\\] [a-z]+)\\s*${ESC}\\[0m`, 'g'))]
    for (const [mark, code] of Object.entries(expected)) {
      const times = plain.split(mark).length - 1
      assert.ok(times > 0, `the fixture shows ${mark}`)
      const codes = painted.filter((m) => m[2] === mark).map((m) => m[1])
      assert.deepEqual(codes, Array(times).fill(code), `${mark} in colour ${code} all ${times} times`)
    }
    assert.equal(text.replaceAll(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), ''), plain, 'the words stay the same')
  })
})

describe('the gap table of other analyses', () => {
  it('says so when the technologies trigger no topic', () => {
    const none = analyseGap({
      technologies: ['lamp'],
      jurisdictions: ['DE'],
      dataset,
      library: buildGapLibrary({ lamp: {} }),
    })
    const text = renderGapTable(none, { isColour: false })
    assert.match(text, /\(these technologies trigger no regulatory topic\)/)
    assert.match(text, /Coverage \(no topic triggered\): DE 100%/)
    assert.match(text, /Gaps \(0\)\n {2}none: every triggered topic is covered in every jurisdiction/)
    assert.match(text, /Restrictions \(0\)\n {2}none recorded for these technologies in these jurisdictions/)
    assert.match(text, /Baseline safeguards for the whole deployment \(0\)\n {2}none: every triggered topic/)
  })
  it('counts every triggered topic when none is essential, and proposes the strictest restriction', () => {
    const relevantOnly = buildGapLibrary({ drone: { cctv_rules: 'relevant', ai_rules: 'relevant' } })
    const withRestriction = buildDataset([
      buildJurisdiction('FR', {
        ruleOfLaw: null,
        topics: { cctv_rules: 'yes' },
        restrictions: [{ technologies: ['drone'], kind: 'prohibited', strictness: 3, locator: 'art. 5' }],
      }),
    ])
    const triggered = analyseGap({
      technologies: ['drone'],
      jurisdictions: ['FR'],
      dataset: withRestriction,
      library: relevantOnly,
    })
    const text = renderGapTable(triggered, { isColour: false })
    // Of the two triggered topics only cctv_rules is covered: 1 / 2 = 50 %.
    assert.match(text, /Coverage \(no essential topic triggered: all triggered topics covered\): FR 50%/)
    assert.match(text, /FR {2}Country FR +rule of law n\/a/)
    assert.match(text, /\[PROPOSED\] prohibited \(strictness 3\) restriction-fr-0 in FR: Restriction 0 of FR/)
    assert.match(text, /Restriction act of FR, art\. 5; /)
  })
})

describe('the gap CSV', () => {
  it('has a header and one row per (topic, jurisdiction)', () => {
    const lines = renderGapCsv(result).trimEnd().split('\n')
    assert.equal(lines[0], GAP_CSV_HEADER.join(','))
    assert.equal(lines.length, 1 + result.matrix.length * 2)
    assert.match(
      lines.find((l) => l.startsWith('cctv_rules,essential,true,NG')) ?? '',
      /,absent,no,weak,-0\.9,/,
    )
  })
  it('quotes fields holding commas, quotes or line breaks', () => {
    assert.equal(csvField('a, b'), '"a, b"')
    assert.equal(csvField('say "x"'), '"say ""x"""')
    assert.equal(csvField(null), '')
    assert.equal(csvField(0.5), '0.5')
  })
})
