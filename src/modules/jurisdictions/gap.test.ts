import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildDataset, buildGapLibrary, buildJurisdiction } from './factories.ts'
import {
  analyseGap,
  coverageOf,
  gapLevelOf,
  isInconsistent,
  strongerImportance,
  summaryLevel,
  type TGapLevel,
  triggeredTopics,
} from './gap.ts'
import type { TEnforcement, TFactStatus } from './schemas.ts'
import { enforcementOf } from './wgi.ts'

const library = buildGapLibrary({
  cam: { data_protection_law: 'essential', cctv_rules: 'essential', workplace_monitoring_rules: 'relevant' },
  face: { data_protection_law: 'essential', biometric_data_rules: 'essential', cctv_rules: 'relevant' },
  tracker: { workplace_monitoring_rules: 'relevant' },
  none: {},
})

describe('enforcement context from WGI rule of law', () => {
  const cases: [number | null, TEnforcement][] = [
    [1.6, 'strong'],
    [0.5, 'strong'],
    [0.4999, 'moderate'],
    [0, 'moderate'],
    [-0.5, 'moderate'],
    [-0.5001, 'weak'],
    [-2.1, 'weak'],
    [null, 'unknown'],
    [Number.NaN, 'unknown'],
  ]
  for (const [ruleOfLaw, expected] of cases) {
    it(`rule of law ${ruleOfLaw} is ${expected}`, () => assert.equal(enforcementOf(ruleOfLaw), expected))
  }
})

describe('gap level per (jurisdiction, topic)', () => {
  const cases: [TFactStatus, TEnforcement, TGapLevel, string][] = [
    ['no', 'strong', 'absent', 'no is absent'],
    ['no', 'weak', 'absent', 'no is absent whatever the enforcement'],
    ['partial', 'strong', 'partial', 'partial stays partial with strong enforcement'],
    ['partial', 'weak', 'partial', 'partial stays partial with weak enforcement'],
    ['yes', 'strong', 'covered', 'yes with strong enforcement is covered'],
    ['yes', 'moderate', 'covered', 'yes with moderate enforcement is covered'],
    ['yes', 'weak', 'partial', 'yes with weak enforcement is partial (law on paper)'],
    ['yes', 'unknown', 'covered', 'yes with an unknown enforcement context is covered (not shown weak)'],
    ['unknown', 'strong', 'unknown', 'unknown is never covered, even with strong enforcement'],
    ['unknown', 'unknown', 'unknown', 'unknown stays unknown'],
  ]
  for (const [status, enforcement, expected, name] of cases) {
    it(name, () => assert.equal(gapLevelOf(status, enforcement), expected))
  }
})

describe('triggered topics', () => {
  it('takes the strongest importance among the chosen technologies (essential beats relevant)', () => {
    const topics = triggeredTopics(['cam', 'face'], library)
    assert.deepEqual(
      topics.map((t) => [t.topic, t.importance]),
      [
        ['data_protection_law', 'essential'],
        ['biometric_data_rules', 'essential'],
        ['cctv_rules', 'essential'],
        ['workplace_monitoring_rules', 'relevant'],
      ],
    )
    assert.deepEqual(topics.find((t) => t.topic === 'cctv_rules')?.technologies, ['cam', 'face'])
  })

  it('is the same whichever order the technologies come in', () => {
    assert.deepEqual(
      triggeredTopics(['face', 'cam'], library).map((t) => [t.topic, t.importance]),
      triggeredTopics(['cam', 'face'], library).map((t) => [t.topic, t.importance]),
    )
  })

  it('orders essential over relevant in either argument order', () => {
    assert.equal(strongerImportance('relevant', 'essential'), 'essential')
    assert.equal(strongerImportance('essential', 'relevant'), 'essential')
    assert.equal(strongerImportance('relevant', 'relevant'), 'relevant')
  })

  it('refuses an unresolved technology instead of ignoring it', () => {
    assert.throws(() => triggeredTopics(['nope'], library), /unresolved technology/)
  })
})

describe('inconsistency across jurisdictions', () => {
  const cases: [TGapLevel[], boolean][] = [
    [['covered'], false],
    [['covered', 'covered'], false],
    [['covered', 'absent'], true],
    [['unknown', 'unknown', 'unknown'], false],
    [['partial', 'partial', 'unknown'], true],
  ]
  for (const [levels, expected] of cases) {
    it(`${levels.join(', ')} → ${expected}`, () => assert.equal(isInconsistent(levels), expected))
  }
})

describe('coverage score', () => {
  const levels = (map: Record<string, TGapLevel>) => (topic: string) => map[topic] ?? 'unknown'
  it('is the share of triggered essential topics that are covered', () => {
    const topics = triggeredTopics(['cam'], library)
    assert.equal(
      coverageOf(
        topics,
        levels({
          data_protection_law: 'covered',
          cctv_rules: 'absent',
          workplace_monitoring_rules: 'covered',
        }),
      ),
      0.5,
    )
  })
  it('does not count relevant topics when an essential topic is triggered', () => {
    const topics = triggeredTopics(['cam'], library)
    assert.equal(
      coverageOf(
        topics,
        levels({
          data_protection_law: 'covered',
          cctv_rules: 'covered',
          workplace_monitoring_rules: 'absent',
        }),
      ),
      1,
    )
  })
  it('counts unknown and partial as not covered', () => {
    const topics = triggeredTopics(['cam'], library)
    assert.equal(coverageOf(topics, levels({ data_protection_law: 'unknown', cctv_rules: 'partial' })), 0)
  })
  it('falls back to all triggered topics when none is essential', () => {
    const topics = triggeredTopics(['tracker'], library)
    assert.equal(coverageOf(topics, levels({ workplace_monitoring_rules: 'absent' })), 0)
    assert.equal(coverageOf(topics, levels({ workplace_monitoring_rules: 'covered' })), 1)
  })
  it('is 1 when no topic is triggered at all', () => {
    assert.equal(coverageOf(triggeredTopics(['none'], library), levels({})), 1)
  })
})

describe('analyseGap', () => {
  const de = buildJurisdiction('DE', {
    ruleOfLaw: 1.5,
    topics: {
      data_protection_law: 'yes',
      biometric_data_rules: 'yes',
      cctv_rules: 'yes',
      workplace_monitoring_rules: 'partial',
    },
    restrictions: [
      { id: 'emotion-at-work', technologies: ['face', 'cam'], kind: 'prohibited', strictness: 3 },
      { id: 'signage', technologies: ['cam'], kind: 'conditional', strictness: 1 },
    ],
  })
  const fr = buildJurisdiction('FR', {
    ruleOfLaw: 1.2,
    topics: { data_protection_law: 'yes', biometric_data_rules: 'yes', cctv_rules: 'yes' },
    restrictions: [
      { id: 'emotion-at-work', technologies: ['face', 'cam'], kind: 'prohibited', strictness: 3 },
    ],
  })
  const ng = buildJurisdiction('NG', {
    ruleOfLaw: -0.9,
    topics: { data_protection_law: 'yes', biometric_data_rules: 'no', cctv_rules: 'unknown' },
    restrictions: [{ id: 'drone-permit', technologies: ['drone'], kind: 'licence_required', strictness: 2 }],
  })
  const br = buildJurisdiction('BR', {
    ruleOfLaw: -0.2,
    topics: { data_protection_law: 'yes', biometric_data_rules: 'partial', cctv_rules: 'yes' },
    restrictions: [{ id: 'face-licence', technologies: ['face'], kind: 'licence_required', strictness: 2 }],
  })
  const va = buildJurisdiction('VA', { ruleOfLaw: null, topics: { data_protection_law: 'yes' } })
  const dataset = buildDataset([de, fr, ng, br, va])
  const run = (technologies: string[], jurisdictions: string[]) =>
    analyseGap({ technologies, jurisdictions, dataset, library })

  it('has the contract shape of docs/contracts.md', () => {
    const result = run(['face'], ['DE', 'NG'])
    assert.deepEqual(Object.keys(result).slice(0, 7), [
      'technologies',
      'jurisdictions',
      'matrix',
      'gaps',
      'restrictions',
      'baseline',
      'coverage',
    ])
    assert.deepEqual(result.technologies, ['face'])
    assert.deepEqual(Object.keys(result.jurisdictions[0] ?? {}), ['code', 'name', 'governance'])
    assert.deepEqual(result.jurisdictions[0]?.governance.enforcement, 'strong')
    const row = result.matrix[0]
    assert.ok(row)
    for (const field of ['topic', 'importance', 'inconsistent', 'cells']) assert.ok(field in row, field)
    for (const field of ['level', 'status', 'instrument', 'sources'])
      assert.ok(field in (row.cells.DE ?? {}), field)
    for (const gap of result.gaps)
      assert.deepEqual(
        Object.keys(gap).filter((k) => ['jurisdiction', 'topic', 'level', 'explanation'].includes(k)).length,
        4,
      )
    for (const item of result.baseline)
      for (const field of ['urn', 'title', 'reason']) assert.ok(field in item, field)
  })

  it('never reports an unknown fact as covered', () => {
    const result = run(['cam'], ['NG'])
    const cell = result.matrix.find((r) => r.topic === 'cctv_rules')?.cells.NG
    assert.equal(cell?.status, 'unknown')
    assert.equal(cell?.level, 'unknown')
    assert.ok(
      result.gaps.some((g) => g.jurisdiction === 'NG' && g.topic === 'cctv_rules' && g.level === 'unknown'),
    )
  })

  it('reports yes with weak enforcement as partial and says why', () => {
    const result = run(['face'], ['NG'])
    const cell = result.matrix.find((r) => r.topic === 'data_protection_law')?.cells.NG
    assert.equal(cell?.status, 'yes')
    assert.equal(cell?.level, 'partial')
    const gap = result.gaps.find((g) => g.topic === 'data_protection_law')
    assert.match(gap?.explanation ?? '', /rule of law is weak/)
  })

  it('reports no as absent', () => {
    const result = run(['face'], ['NG'])
    assert.equal(result.matrix.find((r) => r.topic === 'biometric_data_rules')?.cells.NG?.level, 'absent')
  })

  it('marks a topic inconsistent when its level differs between countries, and only then', () => {
    const result = run(['face'], ['DE', 'FR', 'NG'])
    const inconsistent = Object.fromEntries(result.matrix.map((r) => [r.topic, r.inconsistent]))
    assert.deepEqual(inconsistent, {
      data_protection_law: true,
      biometric_data_rules: true,
      cctv_rules: true,
    })
    const same = run(['face'], ['DE', 'FR'])
    assert.ok(same.matrix.every((r) => !r.inconsistent))
  })

  it('lists a gap for every cell that is not covered, and none for covered cells', () => {
    const result = run(['face'], ['DE', 'NG'])
    const notCovered = result.matrix.flatMap((r) =>
      Object.entries(r.cells)
        .filter(([, c]) => c.level !== 'covered')
        .map(([code]) => `${code}:${r.topic}`),
    )
    assert.deepEqual(result.gaps.map((g) => `${g.jurisdiction}:${g.topic}`).sort(), notCovered.sort())
    assert.equal(result.gaps.filter((g) => g.jurisdiction === 'DE').length, 0)
  })

  it('computes coverage per jurisdiction from the essential topics', () => {
    const result = run(['face'], ['DE', 'NG', 'BR'])
    assert.deepEqual(result.coverage, { DE: 1, NG: 0, BR: 0.5 })
    assert.equal(result.coverageBasis, 'essential')
  })

  it('treats yes where rule of law has no value as covered, saying the context is unknown', () => {
    const result = run(['face'], ['VA'])
    const cell = result.matrix.find((r) => r.topic === 'data_protection_law')?.cells.VA
    assert.equal(cell?.level, 'covered')
    assert.equal(cell?.enforcement, 'unknown')
    assert.equal(result.jurisdictions[0]?.governance.ruleOfLaw, null)
  })

  it('proposes the strictest restriction for the whole deployment', () => {
    const result = run(['cam'], ['DE', 'NG'])
    assert.deepEqual(
      result.restrictions.map((r) => [r.id, r.strictness, r.isProposed]),
      [
        ['emotion-at-work', 3, true],
        ['signage', 1, false],
      ],
    )
    assert.match(result.restrictions[0]?.reason ?? '', /including NG/)
  })

  it('keeps the strictest rule of each technology, so a milder rule for another technology is still proposed', () => {
    const result = run(['face'], ['DE', 'BR'])
    const proposed = result.restrictions.filter((r) => r.isProposed).map((r) => r.id)
    assert.deepEqual(proposed, ['emotion-at-work'])
    const mixed = analyseGap({
      technologies: ['face', 'drone'],
      jurisdictions: ['DE', 'NG'],
      dataset,
      library: buildGapLibrary({
        face: { data_protection_law: 'essential' },
        drone: { drone_rules: 'essential' },
      }),
    })
    assert.deepEqual(
      mixed.restrictions.map((r) => [r.id, r.isProposed]),
      [
        ['emotion-at-work', true],
        ['drone-permit', true],
      ],
    )
  })

  it('lists the same restriction of several jurisdictions once, with all of them', () => {
    const result = run(['face'], ['DE', 'FR', 'BR'])
    const emotion = result.restrictions.find((r) => r.id === 'emotion-at-work')
    assert.deepEqual(emotion?.jurisdictions, ['DE', 'FR'])
    assert.deepEqual(emotion?.technologies, ['face'])
    assert.equal(result.restrictions.find((r) => r.id === 'face-licence')?.isProposed, false)
  })

  it('ignores restrictions on technologies that are not chosen', () => {
    assert.deepEqual(run(['tracker'], ['DE', 'NG']).restrictions, [])
  })

  it('adds the baseline of every topic that is not covered everywhere, with the reason', () => {
    const result = run(['face'], ['DE', 'NG'])
    const urns = result.baseline.map((b) => b.urn)
    for (const topic of ['data_protection_law', 'biometric_data_rules', 'cctv_rules']) {
      assert.ok(urns.includes(`urn:custos:toolkit:requirement:${topic}-a`), topic)
    }
    const item = result.baseline.find((b) => b.urn.endsWith('biometric_data_rules-a'))
    assert.equal(item?.title, 'Safeguard biometric_data_rules-a')
    assert.match(
      item?.reason ?? '',
      /biometric_data_rules not covered: absent in NG \(inconsistent across the deployment\)/,
    )
  })

  it('adds no baseline for a topic covered in every jurisdiction', () => {
    const result = run(['face'], ['DE', 'FR'])
    assert.deepEqual(result.baseline, [])
  })

  it('lists a safeguard shared by several topics once, with the reasons merged', () => {
    const shared = 'urn:custos:toolkit:requirement:shared'
    const lib = buildGapLibrary(
      { face: { data_protection_law: 'essential', biometric_data_rules: 'essential' } },
      {
        data_protection_law: [shared],
        biometric_data_rules: [shared, 'urn:custos:toolkit:requirement:bio-only'],
      },
    )
    const result = analyseGap({ technologies: ['face'], jurisdictions: ['NG'], dataset, library: lib })
    assert.deepEqual(
      result.baseline.map((b) => b.urn),
      [shared, 'urn:custos:toolkit:requirement:bio-only'],
    )
    assert.deepEqual(result.baseline[0]?.topics, ['data_protection_law', 'biometric_data_rules'])
    assert.match(
      result.baseline[0]?.reason ?? '',
      /^Topic data_protection_law not covered: partial in NG; Topic biometric_data_rules not covered: absent in NG$/,
    )
  })

  it('refuses an unresolved jurisdiction instead of ignoring it', () => {
    assert.throws(() => run(['face'], ['XX']), /unresolved jurisdiction/)
  })
})

describe('summary level for the map', () => {
  const cases: [TGapLevel[], TGapLevel][] = [
    [['covered', 'covered'], 'covered'],
    [['covered', 'unknown'], 'unknown'],
    [['unknown', 'partial'], 'partial'],
    [['partial', 'absent', 'unknown'], 'absent'],
    [[], 'covered'],
  ]
  for (const [levels, expected] of cases) {
    it(`${levels.join(', ') || 'nothing counted'} → ${expected} (never covered while anything is unknown)`, () =>
      assert.equal(summaryLevel(levels), expected))
  }
})
