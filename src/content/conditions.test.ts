import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { applicableQuestions, evaluateCondition, type TAnswers, type TDeploymentFacts } from './conditions.ts'
import type { TCondition } from './schemas.ts'

const deployment: TDeploymentFacts = {
  technologies: ['facial-recognition', 'cctv'],
  countries: ['ZA', 'CD'],
  affected: ['workers', 'human-rights-defenders'],
  scale: 2000,
  retentionDays: 90,
  context: {
    conflictAffected: true,
    sharesWithPublicSecurity: false,
    automatedDecisions: true,
    humanReview: false,
  },
}
const answers: TAnswers = { 'T2.q01': 'yes', 'T2.q02': ['consent', 'contract'], 'T3.q01': 30 }

describe('evaluateCondition', () => {
  const cases: [string, TCondition | undefined, boolean][] = [
    ['no condition always applies', undefined, true],
    ['includes finds a deployed technology', { field: 'deployment.technologies', includes: 'cctv' }, true],
    [
      'includes misses a technology not deployed',
      { field: 'deployment.technologies', includes: 'drones' },
      false,
    ],
    ['includes works on countries', { field: 'deployment.countries', includes: 'CD' }, true],
    [
      'includes works on affected groups',
      { field: 'deployment.affected', includes: 'human-rights-defenders' },
      true,
    ],
    ['equals on a context flag', { field: 'deployment.context.conflictAffected', equals: true }, true],
    ['equals false on a context flag', { field: 'deployment.context.humanReview', equals: false }, true],
    [
      'notEquals on a context flag',
      { field: 'deployment.context.sharesWithPublicSecurity', notEquals: false },
      false,
    ],
    ['gte on scale', { field: 'deployment.scale', gte: 1000 }, true],
    ['gte on scale below the bound', { field: 'deployment.scale', gte: 5000 }, false],
    ['lte on retention', { field: 'deployment.retentionDays', lte: 90 }, true],
    ['lte on retention above the bound', { field: 'deployment.retentionDays', lte: 30 }, false],
    ['equals on an earlier answer', { field: 'answers.T2.q01', equals: 'yes' }, true],
    ['notEquals on an earlier answer', { field: 'answers.T2.q01', notEquals: 'no' }, true],
    ['includes on a multiple-choice answer', { field: 'answers.T2.q02', includes: 'contract' }, true],
    ['gte on a number answer', { field: 'answers.T3.q01', gte: 30 }, true],
    ['an unanswered question makes equals false', { field: 'answers.T9.q09', equals: 'yes' }, false],
    [
      'an unanswered question makes notEquals false too',
      { field: 'answers.T9.q09', notEquals: 'yes' },
      false,
    ],
    ['an unknown field is false, never an error', { field: 'deployment.colour', equals: 'blue' }, false],
    ['equals never matches a list', { field: 'deployment.technologies', equals: 'cctv' }, false],
    ['includes never matches a scalar', { field: 'answers.T2.q01', includes: 'yes' }, false],
    ['gte compares numbers only', { field: 'answers.T2.q01', gte: 1 }, false],
    [
      'all needs every part',
      {
        all: [
          { field: 'deployment.scale', gte: 1 },
          { field: 'answers.T2.q01', equals: 'no' },
        ],
      },
      false,
    ],
    [
      'any needs one part',
      {
        any: [
          { field: 'deployment.scale', gte: 1e9 },
          { field: 'answers.T2.q01', equals: 'yes' },
        ],
      },
      true,
    ],
    ['not inverts', { not: { field: 'deployment.technologies', includes: 'drones' } }, true],
    [
      'nesting works',
      {
        all: [
          {
            any: [
              { field: 'deployment.affected', includes: 'journalists' },
              { field: 'deployment.affected', includes: 'workers' },
            ],
          },
          { not: { field: 'deployment.context.humanReview', equals: true } },
        ],
      },
      true,
    ],
  ]
  for (const [name, condition, expected] of cases) {
    it(name, () => assert.equal(evaluateCondition(condition, { deployment, answers }), expected))
  }

  it('a missing deployment field makes the leaf false', () => {
    assert.equal(
      evaluateCondition({ field: 'deployment.scale', lte: 10 }, { deployment: {}, answers: {} }),
      false,
    )
    assert.equal(
      evaluateCondition({ not: { field: 'deployment.scale', lte: 10 } }, { deployment: {}, answers: {} }),
      true,
    )
  })

  it('a condition string is data: nothing in it is executed', () => {
    const hostile = { field: 'deployment.technologies', includes: "'); process.exit(1); ('" }
    assert.equal(evaluateCondition(hostile, { deployment, answers }), false)
  })
})

describe('applicableQuestions', () => {
  const questionnaire = {
    questions: [
      { id: 'q1', urn: 'urn:custos:questionnaire:question:x.q1' },
      {
        id: 'q2',
        urn: 'urn:custos:questionnaire:question:x.q2',
        when: { field: 'answers.q1', equals: 'yes' },
      },
      {
        id: 'q3',
        urn: 'urn:custos:questionnaire:question:x.q3',
        when: { field: 'answers.q2', equals: 'no' },
      },
      {
        id: 'q4',
        urn: 'urn:custos:questionnaire:question:x.q4',
        when: { field: 'deployment.technologies', includes: 'drones' },
      },
    ],
  }
  const ids = (facts: TDeploymentFacts, given: TAnswers) =>
    applicableQuestions(questionnaire, facts, given).map((q) => q.id)

  it('shows unconditional questions and hides follow-ups until their trigger is answered', () => {
    assert.deepEqual(ids({}, {}), ['q1'])
  })
  it('shows a follow-up once the earlier answer matches', () => {
    assert.deepEqual(ids({}, { q1: 'yes', q2: 'no' }), ['q1', 'q2', 'q3'])
  })
  it('ignores a stale answer to a question that no longer applies', () => {
    // q2 was answered "no" earlier, but q1 is now "no", so q2 is hidden and q3 must not appear.
    assert.deepEqual(ids({}, { q1: 'no', q2: 'no' }), ['q1'])
  })
  it('accepts answers keyed by question URN', () => {
    assert.deepEqual(ids({}, { 'urn:custos:questionnaire:question:x.q1': 'yes' }), ['q1', 'q2'])
  })
  it('gates technology-specific questions on the deployment', () => {
    assert.deepEqual(ids({ technologies: ['drones'] }, {}), ['q1', 'q4'])
  })
})

describe('condition laws (property-based)', () => {
  const fields = [
    'deployment.technologies',
    'deployment.affected',
    'deployment.scale',
    'deployment.context.humanReview',
    'answers.T2.q01',
    'answers.T2.q02',
    'answers.T3.q01',
    'answers.missing',
    'deployment.nothing',
  ]
  const value = fc.oneof(
    fc.constantFrom('cctv', 'drones', 'yes', 'no', 'consent', 'workers'),
    fc.integer({ min: -10, max: 5000 }),
    fc.boolean(),
  )
  const leaf: fc.Arbitrary<TCondition> = fc.oneof(
    fc.record({ field: fc.constantFrom(...fields), equals: value }),
    fc.record({ field: fc.constantFrom(...fields), notEquals: value }),
    fc.record({ field: fc.constantFrom(...fields), includes: value }),
    fc.record({ field: fc.constantFrom(...fields), gte: fc.integer({ min: -10, max: 5000 }) }),
    fc.record({ field: fc.constantFrom(...fields), lte: fc.integer({ min: -10, max: 5000 }) }),
  )
  const { condition } = fc.letrec<{ condition: TCondition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }))
  const input = { deployment, answers }
  const run = (c: TCondition) => evaluateCondition(c, input)

  /**
   * The language written out again from its definition (the module comment and docs/methods/questionnaire.md), over
   * the fields' values listed by hand rather than read by path: the oracle the evaluator must agree with.
   */
  const FIELD_VALUES: Record<string, unknown> = {
    'deployment.technologies': ['facial-recognition', 'cctv'],
    'deployment.affected': ['workers', 'human-rights-defenders'],
    'deployment.scale': 2000,
    'deployment.context.humanReview': false,
    'answers.T2.q01': 'yes',
    'answers.T2.q02': ['consent', 'contract'],
    'answers.T3.q01': 30,
    'answers.missing': undefined,
    'deployment.nothing': undefined,
  }
  const model = (c: TCondition): boolean => {
    if ('all' in c) return c.all.every(model)
    if ('any' in c) return c.any.some(model)
    if ('not' in c) return !model(c.not)
    const value = FIELD_VALUES[c.field]
    const isList = Array.isArray(value)
    if (value === undefined) return false
    if ('equals' in c) return !isList && value === c.equals
    if ('notEquals' in c) return !isList && value !== c.notEquals
    if ('includes' in c) return isList && (value as unknown[]).includes(c.includes)
    if ('gte' in c) return typeof value === 'number' && value >= (c.gte as number)
    if ('lte' in c) return typeof value === 'number' && value <= (c.lte as number)
    return false
  }
  /** Runs `check` on every generated condition and proves the sample holds both answers. */
  const forBoth = (seed: number, check: (c: TCondition, answer: boolean) => boolean) => {
    const seen = { true: 0, false: 0 }
    fc.assert(
      fc.property(condition, (c) => {
        const answer = run(c)
        seen[String(answer) as 'true' | 'false']++
        return check(c, answer)
      }),
      { numRuns: 300, seed },
    )
    assert.ok(seen.true >= 30 && seen.false >= 30, `both answers are tested (${JSON.stringify(seen)})`)
  }

  it('never throws and answers what the language means (an independent model of it)', () => {
    forBoth(7, (c, answer) => typeof answer === 'boolean' && answer === model(c))
  })
  it('single negation flips the answer', () => {
    forBoth(10, (c, answer) => run({ not: c }) === !answer)
  })
  it('double negation changes nothing', () => {
    forBoth(8, (c, answer) => run({ not: { not: c } }) === answer)
  })
  it('De Morgan: not all = any not', () => {
    fc.assert(
      fc.property(
        condition,
        condition,
        (a, b) => run({ not: { all: [a, b] } }) === run({ any: [{ not: a }, { not: b }] }),
      ),
      { numRuns: 300, seed: 9 },
    )
  })
})
