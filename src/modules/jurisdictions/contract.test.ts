/**
 * The `custos gap` contract (docs/contracts.md) and the rules of docs/gap-analysis.md, checked to the letter on the
 * shipped dataset and on small built datasets: field names and types, enforcement boundaries, gap
 * levels, inconsistency, several technologies, coverage, the baseline, restrictions, the gap list,
 * and the reading of typed input (the same code path as the CLI and the API).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EU } from '../../../scripts/jurisdictions/lists.ts'
import { AppError } from '../../core/errors.ts'
import { buildDataset, buildGapLibrary, buildJurisdiction } from './factories.ts'
import { analyseGap, type TGapLevel, type TGapResult } from './gap.ts'
import { MAX_COUNTRIES } from './input.ts'
import { type TEnforcement, type TFactStatus, TOPIC_IDS } from './schemas.ts'
import { analyseGapRequest, getJurisdictionContext } from './service.ts'

const gap = (technologies: string | string[], countries: string | string[]): TGapResult =>
  analyseGapRequest({ technologies, countries })

/** The AppError a call throws (fails the test when it does not throw one). */
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof AppError, `throws an AppError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

const isSubset = (required: readonly string[], actual: object, where: string): void => {
  for (const key of required) assert.ok(key in actual, `${where} has ${key}`)
}

describe('docs/contracts.md JSON contract on the shipped data', () => {
  const result = gap('facial-recognition', 'DE,NG,BR')
  const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown> & TGapResult

  it('has the top-level fields, in the contract order', () => {
    assert.deepEqual(Object.keys(json).slice(0, 7), [
      'technologies',
      'jurisdictions',
      'matrix',
      'gaps',
      'restrictions',
      'baseline',
      'coverage',
    ])
    assert.deepEqual(json.technologies, ['facial-recognition'])
  })

  it('names every field of jurisdictions, matrix, cells, gaps and baseline with the right types', () => {
    for (const j of json.jurisdictions) {
      isSubset(['code', 'name', 'governance'], j, 'jurisdiction')
      isSubset(['ruleOfLaw', 'voiceAccountability', 'enforcement'], j.governance, `${j.code}.governance`)
      assert.match(j.code, /^[A-Z]{2}$/)
      assert.equal(typeof j.name, 'string')
      assert.ok(j.governance.ruleOfLaw === null || typeof j.governance.ruleOfLaw === 'number')
      assert.ok(['strong', 'moderate', 'weak', 'unknown'].includes(j.governance.enforcement))
    }
    assert.ok(json.matrix.length > 0)
    for (const row of json.matrix) {
      isSubset(['topic', 'importance', 'inconsistent', 'cells'], row, 'matrix row')
      assert.ok((TOPIC_IDS as readonly string[]).includes(row.topic), row.topic)
      assert.ok(['essential', 'relevant'].includes(row.importance))
      assert.equal(typeof row.inconsistent, 'boolean')
      assert.deepEqual(Object.keys(row.cells), ['DE', 'NG', 'BR'])
      for (const [code, cell] of Object.entries(row.cells)) {
        isSubset(['level', 'status', 'instrument', 'sources'], cell, `${row.topic}.${code}`)
        assert.ok(['covered', 'partial', 'absent', 'unknown'].includes(cell.level))
        assert.ok(['yes', 'partial', 'no', 'unknown'].includes(cell.status))
        assert.ok(Array.isArray(cell.sources) && cell.sources.length > 0)
      }
    }
    for (const item of json.gaps) {
      isSubset(['jurisdiction', 'topic', 'level', 'explanation'], item, 'gap')
      assert.ok(item.explanation.length > 0)
    }
    assert.ok(Array.isArray(json.restrictions))
    assert.ok(json.baseline.length > 0)
    for (const item of json.baseline) {
      isSubset(['urn', 'title', 'reason'], item, 'baseline item')
      assert.match(item.urn, /^urn:custos:/)
    }
    assert.deepEqual(Object.keys(json.coverage), ['DE', 'NG', 'BR'])
    for (const value of Object.values(json.coverage)) {
      assert.equal(typeof value, 'number')
      assert.ok(value >= 0 && value <= 1)
    }
  })
})

describe('EU member states with facial recognition (issue acceptance)', () => {
  const result = gap('facial-recognition', [...EU])
  const { dataset } = getJurisdictionContext()

  it('the dataset has exactly the 27 EU member states flagged as EU', () => {
    const flagged = [...dataset.jurisdictions.values()]
      .filter((j) => j.memberships.eu.value === true)
      .map((j) => j.code)
      .sort()
    assert.deepEqual(flagged, [...EU].sort())
  })

  for (const code of EU) {
    it(`${code}: ai_rules covered, the workplace emotion-recognition prohibition applies`, () => {
      assert.equal(result.matrix.find((row) => row.topic === 'ai_rules')?.cells[code]?.level, 'covered')
      const emotion = result.restrictions.find((r) => r.id === 'eu-ai-act-emotion-recognition-workplace')
      assert.ok(emotion?.jurisdictions.includes(code))
    })
  }

  it('lists the emotion-recognition restriction once, as a proposed prohibition for the deployment', () => {
    const found = result.restrictions.filter((r) => r.id === 'eu-ai-act-emotion-recognition-workplace')
    assert.equal(found.length, 1)
    assert.equal(found[0]?.kind, 'prohibited')
    assert.equal(found[0]?.isProposed, true)
    assert.equal(found[0]?.jurisdictions.length, 27)
  })

  it('proposes the EU prohibition outside the EU too when the deployment mixes countries', () => {
    const mixed = gap('facial-recognition', 'DE,NG,BR')
    const emotion = mixed.restrictions.find((r) => r.id === 'eu-ai-act-emotion-recognition-workplace')
    assert.deepEqual(emotion?.jurisdictions, ['DE'])
    assert.equal(emotion?.isProposed, true)
    assert.match(emotion?.reason ?? '', /whole deployment, including NG, BR/)
  })
})

describe('unknown facts in the whole dataset', () => {
  it('every unknown fact of every jurisdiction shows as unknown, never covered', () => {
    const { dataset, library } = getJurisdictionContext()
    const codes = [...dataset.jurisdictions.keys()]
    const result = analyseGap({
      technologies: [...library.technologies.keys()],
      jurisdictions: codes,
      dataset,
      library,
    })
    assert.equal(result.matrix.length, TOPIC_IDS.length, 'the catalogue triggers every topic')
    let unknowns = 0
    for (const row of result.matrix) {
      for (const [code, cell] of Object.entries(row.cells)) {
        if (cell.status === 'unknown') {
          unknowns++
          assert.equal(cell.level, 'unknown', `${code} ${row.topic}`)
          assert.ok(
            result.gaps.some(
              (g) => g.jurisdiction === code && g.topic === row.topic && g.level === 'unknown',
            ),
          )
        }
        if (cell.level === 'covered') assert.equal(cell.status, 'yes', `${code} ${row.topic}`)
      }
    }
    assert.ok(unknowns > 0)
  })
})

// ---------------------------------------------------------------------------------------------
// The rules of docs/gap-analysis.md on built data

const library = buildGapLibrary({
  face: { data_protection_law: 'essential', biometric_data_rules: 'essential', cctv_rules: 'relevant' },
  cam: { data_protection_law: 'essential', cctv_rules: 'essential', psc_regulation: 'relevant' },
  tracker: { workplace_monitoring_rules: 'relevant' },
  drone: { drone_rules: 'essential' },
  none: {},
})

describe('enforcement thresholds at their exact boundaries, through the engine', () => {
  const cases: [number | null, TEnforcement, TGapLevel][] = [
    [0.5, 'strong', 'covered'],
    [0.49999, 'moderate', 'covered'],
    [0, 'moderate', 'covered'],
    [-0.5, 'moderate', 'covered'],
    [-0.50001, 'weak', 'partial'],
    [-2.5, 'weak', 'partial'],
    [2.5, 'strong', 'covered'],
    [null, 'unknown', 'covered'],
  ]
  for (const [ruleOfLaw, enforcement, level] of cases) {
    it(`rule of law ${ruleOfLaw}: enforcement ${enforcement}, status yes → ${level}`, () => {
      const dataset = buildDataset([
        buildJurisdiction('AA', { ruleOfLaw, topics: { data_protection_law: 'yes' } }),
      ])
      const result = analyseGap({
        technologies: ['tracker', 'face'],
        jurisdictions: ['AA'],
        dataset,
        library,
      })
      assert.equal(result.jurisdictions[0]?.governance.enforcement, enforcement)
      assert.equal(result.jurisdictions[0]?.governance.ruleOfLaw, ruleOfLaw)
      assert.equal(result.matrix.find((r) => r.topic === 'data_protection_law')?.cells.AA?.level, level)
    })
  }
})

describe('gap level for every status and enforcement context, through the engine', () => {
  const ruleOfLawOf: Record<TEnforcement, number | null> = {
    strong: 1,
    moderate: 0,
    weak: -1,
    unknown: null,
  }
  const expected: Record<TFactStatus, Record<TEnforcement, TGapLevel>> = {
    no: { strong: 'absent', moderate: 'absent', weak: 'absent', unknown: 'absent' },
    partial: { strong: 'partial', moderate: 'partial', weak: 'partial', unknown: 'partial' },
    yes: { strong: 'covered', moderate: 'covered', weak: 'partial', unknown: 'covered' },
    unknown: { strong: 'unknown', moderate: 'unknown', weak: 'unknown', unknown: 'unknown' },
  }
  for (const [status, byContext] of Object.entries(expected) as [
    TFactStatus,
    Record<TEnforcement, TGapLevel>,
  ][]) {
    for (const [context, level] of Object.entries(byContext) as [TEnforcement, TGapLevel][]) {
      it(`${status} with ${context} enforcement → ${level}`, () => {
        const dataset = buildDataset([
          buildJurisdiction('AA', { ruleOfLaw: ruleOfLawOf[context], topics: { drone_rules: status } }),
        ])
        const result = analyseGap({ technologies: ['drone'], jurisdictions: ['AA'], dataset, library })
        const cell = result.matrix[0]?.cells.AA
        assert.equal(cell?.status, status)
        assert.equal(cell?.level, level)
        assert.equal(result.gaps.length, level === 'covered' ? 0 : 1)
        assert.equal(result.coverage.AA, level === 'covered' ? 1 : 0)
        assert.equal(result.baseline.length, level === 'covered' ? 0 : 2)
      })
    }
  }
})

describe('several technologies, inconsistency, coverage, gaps and baseline', () => {
  const dataset = buildDataset([
    buildJurisdiction('AA', {
      ruleOfLaw: 1,
      topics: {
        data_protection_law: 'yes',
        biometric_data_rules: 'yes',
        cctv_rules: 'yes',
        psc_regulation: 'yes',
      },
    }),
    buildJurisdiction('BB', {
      ruleOfLaw: -1,
      topics: {
        data_protection_law: 'yes',
        biometric_data_rules: 'no',
        cctv_rules: 'partial',
        psc_regulation: 'yes',
      },
    }),
    buildJurisdiction('CC', {
      ruleOfLaw: 0.2,
      topics: {
        data_protection_law: 'yes',
        biometric_data_rules: 'unknown',
        cctv_rules: 'yes',
        psc_regulation: 'yes',
      },
    }),
  ])
  const run = (technologies: string[], jurisdictions = ['AA', 'BB', 'CC']) =>
    analyseGap({ technologies, jurisdictions, dataset, library })

  it('triggers the union of topics; essential when any technology says essential', () => {
    const cases: [string[], [string, string][]][] = [
      [
        ['face'],
        [
          ['data_protection_law', 'essential'],
          ['biometric_data_rules', 'essential'],
          ['cctv_rules', 'relevant'],
        ],
      ],
      [
        ['face', 'cam'],
        [
          ['data_protection_law', 'essential'],
          ['biometric_data_rules', 'essential'],
          ['cctv_rules', 'essential'],
          ['psc_regulation', 'relevant'],
        ],
      ],
      [
        ['cam', 'face'],
        [
          ['data_protection_law', 'essential'],
          ['biometric_data_rules', 'essential'],
          ['cctv_rules', 'essential'],
          ['psc_regulation', 'relevant'],
        ],
      ],
    ]
    for (const [technologies, topics] of cases)
      assert.deepEqual(
        run(technologies).matrix.map((row) => [row.topic, row.importance]),
        topics,
        technologies.join(','),
      )
  })

  it('marks a topic inconsistent exactly when its level differs between the jurisdictions', () => {
    const result = run(['face', 'cam'])
    const inconsistent = Object.fromEntries(result.matrix.map((row) => [row.topic, row.inconsistent]))
    // data protection: covered, partial (weak), covered; biometric: covered, absent, unknown;
    // cctv: covered, partial, covered; psc: covered, partial (weak), covered.
    assert.deepEqual(inconsistent, {
      data_protection_law: true,
      biometric_data_rules: true,
      cctv_rules: true,
      psc_regulation: true,
    })
    const alone = run(['face', 'cam'], ['BB'])
    assert.ok(
      alone.matrix.every((row) => row.inconsistent === false),
      'one jurisdiction is never inconsistent',
    )
  })

  it('scores coverage on the triggered essential topics only, never NaN', () => {
    const cases: [string[], Record<string, number>, string][] = [
      // essential: data protection, biometric (face) → AA 2/2, BB 0/2 (weak), CC 1/2 (unknown)
      [['face'], { AA: 1, BB: 0, CC: 0.5 }, 'essential'],
      // cctv becomes essential through cam: AA 3/3, BB 0/3, CC 2/3
      [['face', 'cam'], { AA: 1, BB: 0, CC: 2 / 3 }, 'essential'],
      // no essential topic: the share of all triggered topics (workplace monitoring: unknown everywhere)
      [['tracker'], { AA: 0, BB: 0, CC: 0 }, 'triggered'],
      // no topic at all: nothing is required, so nothing is missing
      [['none'], { AA: 1, BB: 1, CC: 1 }, 'none'],
    ]
    for (const [technologies, coverage, basis] of cases) {
      const result = run(technologies)
      assert.deepEqual(result.coverage, coverage, technologies.join(','))
      assert.equal(result.coverageBasis, basis)
      for (const value of Object.values(result.coverage)) assert.ok(Number.isFinite(value))
    }
  })

  it('lists absent, partial and unknown gaps (never covered), by jurisdiction then topic order', () => {
    const result = run(['face', 'cam'])
    assert.deepEqual(
      result.gaps.map((g) => [g.jurisdiction, g.topic, g.level]),
      [
        ['BB', 'data_protection_law', 'partial'],
        ['BB', 'biometric_data_rules', 'absent'],
        ['BB', 'cctv_rules', 'partial'],
        ['BB', 'psc_regulation', 'partial'],
        ['CC', 'biometric_data_rules', 'unknown'],
      ],
    )
    const explanations: [number, RegExp][] = [
      [0, /rule of law is weak/],
      [1, /absent/],
      [2, /only partial/],
      [4, /research needed, never counted as covered/],
    ]
    for (const [index, pattern] of explanations) assert.match(result.gaps[index]?.explanation ?? '', pattern)
    assert.deepEqual(run(['face', 'cam']), result, 'the same input gives the same output')
  })

  it('applies the baseline of every topic not covered everywhere, naming jurisdictions and gaps', () => {
    const result = run(['face'], ['AA', 'CC'])
    // Only biometric_data_rules is not covered everywhere (unknown in CC).
    assert.deepEqual(
      result.baseline.map((item) => item.urn),
      [
        'urn:custos:toolkit:requirement:biometric_data_rules-a',
        'urn:custos:toolkit:requirement:biometric_data_rules-b',
      ],
    )
    for (const item of result.baseline) {
      assert.match(item.reason, /biometric_data_rules not covered: unknown in CC/)
      assert.doesNotMatch(item.reason, /AA/)
      assert.equal(item.title, `Safeguard ${item.urn.split(':').at(-1)}`)
    }
    assert.deepEqual(run(['face'], ['AA']).baseline, [], 'covered everywhere: no baseline')
    const all = run(['face'])
    const topics = new Set(all.baseline.flatMap((item) => item.topics))
    assert.deepEqual([...topics].sort(), ['biometric_data_rules', 'cctv_rules', 'data_protection_law'])
    const dataProtection = all.baseline.find((item) => item.topics.includes('data_protection_law'))
    assert.match(dataProtection?.reason ?? '', /data_protection_law not covered: partial in BB/)
  })
})

describe('restrictions: the strictest is proposed for the whole deployment', () => {
  const dataset = buildDataset([
    buildJurisdiction('AA', {
      restrictions: [
        { id: 'emotion-at-work', technologies: ['face', 'cam'], kind: 'prohibited', strictness: 3 },
        { id: 'signage', technologies: ['cam'], kind: 'conditional', strictness: 1 },
      ],
    }),
    buildJurisdiction('BB', {
      restrictions: [
        { id: 'emotion-at-work', technologies: ['face', 'cam'], kind: 'prohibited', strictness: 3 },
        { id: 'face-licence', technologies: ['face'], kind: 'licence_required', strictness: 2 },
      ],
    }),
    buildJurisdiction('CC', {
      restrictions: [
        { id: 'drone-permit', technologies: ['drone'], kind: 'licence_required', strictness: 2 },
      ],
    }),
  ])
  const cases: [string, string[], string[], [string, string[], boolean][]][] = [
    [
      'one technology: the prohibition wins over the licence',
      ['face'],
      ['AA', 'BB', 'CC'],
      [
        ['emotion-at-work', ['AA', 'BB'], true],
        ['face-licence', ['BB'], false],
      ],
    ],
    [
      'a milder rule for another technology is still proposed for that technology',
      ['face', 'drone'],
      ['AA', 'BB', 'CC'],
      [
        ['emotion-at-work', ['AA', 'BB'], true],
        ['drone-permit', ['CC'], true],
        ['face-licence', ['BB'], false],
      ],
    ],
    ['restrictions of technologies not chosen are left out', ['tracker'], ['AA', 'BB', 'CC'], []],
    ['a jurisdiction not chosen adds nothing', ['drone'], ['AA', 'BB'], []],
    ['the only restriction found is proposed', ['cam'], ['BB'], [['emotion-at-work', ['BB'], true]]],
  ]
  for (const [name, technologies, jurisdictions, expected] of cases) {
    it(name, () => {
      const result = analyseGap({ technologies, jurisdictions, dataset, library })
      assert.deepEqual(
        result.restrictions.map((r) => [r.id, r.jurisdictions, r.isProposed]),
        expected,
      )
      for (const r of result.restrictions) assert.ok(r.reason.length > 0)
    })
  }
})

// ---------------------------------------------------------------------------------------------
// Typed input, as the CLI and the API hand it over

describe('reading typed technologies and countries', () => {
  const accepted: [string, string | string[], string | string[], string[], string[]][] = [
    ['lower-case codes', 'facial-recognition', 'de', ['facial-recognition'], ['DE']],
    ['codes with spaces after commas', 'facial-recognition', 'DE, NG', ['facial-recognition'], ['DE', 'NG']],
    ['codes separated by spaces only', 'cctv', 'DE NG  BR', ['cctv'], ['DE', 'NG', 'BR']],
    ['duplicate codes in any case', 'cctv', 'DE,de, De', ['cctv'], ['DE']],
    ['a single country', 'cctv', 'NG', ['cctv'], ['NG']],
    [
      'repeated flags',
      ['facial-recognition', 'cctv'],
      ['DE', 'ng'],
      ['facial-recognition', 'cctv'],
      ['DE', 'NG'],
    ],
    [
      'comma lists inside repeated flags',
      ['cctv,drones', 'CCTV'],
      ['DE,NG', 'BR'],
      ['cctv', 'drones'],
      ['DE', 'NG', 'BR'],
    ],
    ['upper-case technology ids', 'Facial-Recognition, CCTV', 'DE', ['facial-recognition', 'cctv'], ['DE']],
    ['observer states', 'cctv', 'VA,PS', ['cctv'], ['VA', 'PS']],
  ]
  for (const [name, technologies, countries, expectedTechnologies, expectedCodes] of accepted) {
    it(`accepts ${name}`, () => {
      const result = gap(technologies, countries)
      assert.deepEqual(result.technologies, expectedTechnologies)
      assert.deepEqual(
        result.jurisdictions.map((j) => j.code),
        expectedCodes,
      )
      assert.deepEqual(Object.keys(result.coverage), expectedCodes)
    })
  }

  it('takes every jurisdiction of the dataset at once', () => {
    const { dataset } = getJurisdictionContext()
    const codes = [...dataset.jurisdictions.keys()]
    assert.ok(codes.length >= 195 && codes.length <= MAX_COUNTRIES)
    const result = gap('facial-recognition', codes.join(',').toLowerCase())
    assert.equal(result.jurisdictions.length, codes.length)
  })

  const refused: [string, string, string, RegExp, string[]][] = [
    [
      'a misspelt technology',
      'facial-recog',
      'DE',
      /^Unknown technology 'facial-recog'\. Did you mean facial-recognition \(Facial recognition\)\?$/,
      ['facial-recognition'],
    ],
    [
      'a made-up technology',
      'xyz',
      'DE',
      /^Unknown technology 'xyz': it is not in the technology catalogue\.$/,
      [],
    ],
    ['an alpha-3 code', 'cctv', 'DEU', /Did you mean DE \(Germany\)\?$/, ['DE']],
    ['a country name', 'cctv', 'Nigeria', /Did you mean NG \(Nigeria\)\?$/, ['NG']],
    [
      'UK for the United Kingdom',
      'cctv',
      'UK',
      /^'UK' is not an ISO 3166-1 alpha-2 country code\. Did you mean GB \(United Kingdom\)\?$/,
      ['GB'],
    ],
    ['EL for Greece', 'cctv', 'el', /Did you mean GR \(Greece\)\?$/, ['GR']],
    ['a made-up code', 'cctv', 'XX', /^Unknown country code 'XX'\.$/, []],
    [
      'Taiwan (no data)',
      'cctv',
      'TW',
      /^No jurisdiction data for 'TW' \(Taiwan[^)]*\): the dataset covers/,
      [],
    ],
    ['Kosovo (no data)', 'cctv', 'XK', /^No jurisdiction data for 'XK'/, []],
  ]
  for (const [name, technologies, countries, message, suggestions] of refused) {
    it(`refuses ${name} with unknown_value and the nearest values, never every valid one`, () => {
      const error = errorOf(() => gap(technologies, countries))
      assert.equal(error.code, 'unknown_value')
      assert.equal(error.status, 422)
      assert.match(error.userMessage, message)
      const issues = error.details?.issues as { suggestions: string[] }[]
      assert.deepEqual(issues[0]?.suggestions, suggestions)
      assert.doesNotMatch(error.userMessage, /\n\s+at /)
    })
  }

  it('refuses a good list with one bad value as a whole, naming only the bad value', () => {
    const error = errorOf(() => gap('cctv', 'DE,XX,NG'))
    assert.equal((error.details?.issues as unknown[] | undefined)?.length, 1)
    assert.match(error.userMessage, /'XX'/)
  })

  it('refuses empty lists with validation_failed (exit 2, 422)', () => {
    for (const [technologies, countries] of [
      ['', 'DE'],
      ['cctv', ''],
      [' , ', ' ; '],
    ] as const) {
      const error = errorOf(() => gap(technologies, countries))
      assert.equal(error.code, 'validation_failed')
      assert.equal(error.status, 422)
    }
  })
})
