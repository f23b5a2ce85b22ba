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
  it('adds colour on a terminal, keeping the words', () => {
    const text = renderGapTable(result, { isColour: true })
    assert.ok(text.includes(`${ESC}[31m[-] absent`), 'absent in red')
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
