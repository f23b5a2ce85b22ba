import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadLibrary } from './loader.ts'
import {
  adjustedLikelihood,
  higherPriority,
  impactLevelFor,
  likelihoodRulesFor,
  mandatorySafeguardsOf,
  priorityOf,
  severityOf,
} from './method.ts'

const { library } = loadLibrary()
const method = library.riskMethod
if (!method) throw new Error('content/risk-method.yaml must load for these tests')

describe('severityOf (docs/methods/risk.md default thresholds)', () => {
  const cases: [number, number, number, number, string | null][] = [
    // scale, scope, irremediability → level, escalation
    [1, 1, 1, 1, null],
    [2, 2, 1, 1, null],
    [2, 2, 2, 2, null],
    [3, 2, 2, 2, null],
    [3, 3, 2, 3, null],
    [3, 3, 3, 3, null],
    [4, 3, 3, 4, null],
    [4, 4, 4, 4, null],
    // irreversible and at least serious: raised to 4 however few people are affected
    [3, 1, 4, 4, 'irreversible-grave-harm'],
    [4, 1, 4, 4, 'irreversible-grave-harm'],
    // irreversible but minor: no escalation
    [2, 1, 4, 2, null],
  ]
  for (const [scale, scope, irremediability, level, escalation] of cases) {
    it(`scale ${scale}, scope ${scope}, irremediability ${irremediability} → severity ${level}`, () => {
      const result = severityOf(method, { scale, scope, irremediability })
      assert.equal(result.level, level)
      assert.equal(result.escalation, escalation)
      assert.equal(result.sum, scale + scope + irremediability)
    })
  }
})

describe('priorityOf', () => {
  it('severity 4 is never below high, whatever the likelihood (UNGP 24)', () => {
    for (const likelihood of [1, 2, 3, 4]) {
      assert.ok(['high', 'critical'].includes(priorityOf(method, 4, likelihood)))
    }
  })
  it('priority never falls when severity or likelihood rises', () => {
    const rank = (p: string) => ['low', 'medium', 'high', 'critical'].indexOf(p)
    for (let s = 1; s <= 4; s++) {
      for (let l = 1; l <= 4; l++) {
        if (s < 4) assert.ok(rank(priorityOf(method, s + 1, l)) >= rank(priorityOf(method, s, l)))
        if (l < 4) assert.ok(rank(priorityOf(method, s, l + 1)) >= rank(priorityOf(method, s, l)))
      }
    }
  })
  it('the extremes are low and critical', () => {
    assert.equal(priorityOf(method, 1, 1), 'low')
    assert.equal(priorityOf(method, 4, 4), 'critical')
  })
  it('higherPriority picks the worse of two', () => {
    assert.equal(higherPriority('medium', 'high'), 'high')
    assert.equal(higherPriority('critical', 'low'), 'critical')
  })
})

describe('impact levels and mandatory safeguards', () => {
  it('maps low → I, medium → II, high → III, critical → IV', () => {
    assert.equal(impactLevelFor(library, 'low')?.level, 'I')
    assert.equal(impactLevelFor(library, 'medium')?.level, 'II')
    assert.equal(impactLevelFor(library, 'high')?.level, 'III')
    assert.equal(impactLevelFor(library, 'critical')?.level, 'IV')
  })
  it('a higher level adds to the safeguards of the lower ones, each requirement once', () => {
    const one = mandatorySafeguardsOf(library, 'I').map((s) => s.requirement)
    const four = mandatorySafeguardsOf(library, 'IV').map((s) => s.requirement)
    for (const urn of one) assert.ok(four.includes(urn), `level IV keeps ${urn} from level I`)
    assert.equal(new Set(four).size, four.length)
    assert.ok(four.length > one.length)
  })
  it('level IV requires re-assessment every six months (docs/methods/risk.md)', () => {
    assert.equal(library.impactLevels.get('IV')?.reassessmentMonths, 6)
  })
})

describe('likelihood context rules', () => {
  const ids = (deployment: Parameters<typeof likelihoodRulesFor>[1], ruleOfLaw: number | null) =>
    likelihoodRulesFor(method, deployment, { ruleOfLaw }).map((rule) => rule.id)
  const cases: [string, Parameters<typeof likelihoodRulesFor>[1], number | null, string[]][] = [
    [
      'nothing applies to a quiet deployment in a strong rule-of-law country',
      { affected: ['workers'] },
      1.2,
      [],
    ],
    ['rule of law below -0.5 applies', {}, -0.8, ['weak-rule-of-law']],
    ['exactly -0.5 is not below the threshold', {}, -0.5, []],
    ['an unknown rule of law never fires the rule', {}, null, []],
    [
      'defenders among the affected are a vulnerable group',
      { affected: ['workers', 'human-rights-defenders'] },
      1,
      ['vulnerable-groups'],
    ],
    ['conflict-affected areas', { context: { conflictAffected: true } }, 1, ['conflict-affected']],
    [
      'sharing with public security',
      { context: { sharesWithPublicSecurity: true } },
      1,
      ['shares-with-public-security'],
    ],
    [
      'automated decisions without human review',
      { context: { automatedDecisions: true, humanReview: false } },
      1,
      ['no-human-review'],
    ],
    [
      'automated decisions with human review do not fire',
      { context: { automatedDecisions: true, humanReview: true } },
      1,
      [],
    ],
  ]
  for (const [name, deployment, ruleOfLaw, expected] of cases) {
    it(name, () => assert.deepEqual(ids(deployment, ruleOfLaw), expected))
  }
  it('raises are summed and capped at 4', () => {
    const all = likelihoodRulesFor(
      method,
      {
        affected: ['journalists'],
        context: {
          conflictAffected: true,
          sharesWithPublicSecurity: true,
          automatedDecisions: true,
          humanReview: false,
        },
      },
      { ruleOfLaw: -1.5 },
    )
    assert.equal(all.length, 5)
    assert.equal(adjustedLikelihood(method, 1, all), 4)
    assert.equal(adjustedLikelihood(method, 2, all.slice(0, 1)), 3)
    assert.equal(adjustedLikelihood(method, 3, []), 3)
  })
})
