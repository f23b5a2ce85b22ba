/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  answerLabel,
  describeCondition,
  effectDetail,
  effectItem,
  type TDescribeContext,
} from './describe.ts'

const ctx: TDescribeContext = {
  titleOf: (urn) =>
    ({
      'urn:custos:catalogue:technology:facial-recognition': 'Facial recognition',
      'urn:custos:method:group:human-rights-defenders': 'Human-rights defenders',
    })[urn],
  question: (id) =>
    id === 'T1.q06'
      ? {
          text: 'Who operates the system?',
          options: [{ value: 'client-operates', label: 'The client operates it' }],
        }
      : id === 'T2.q01'
        ? { text: 'Is there a policy?' }
        : undefined,
}

describe('describeCondition', () => {
  const cases: [string, unknown, string][] = [
    [
      'a technology by its title',
      { field: 'deployment.technologies', includes: 'facial-recognition' },
      'the deployment uses Facial recognition',
    ],
    [
      'an unknown technology by its id',
      { field: 'deployment.technologies', includes: 'x-ray' },
      'the deployment uses x-ray',
    ],
    [
      'a group by its title',
      { field: 'deployment.affected', includes: 'human-rights-defenders' },
      'the people affected include Human-rights defenders',
    ],
    [
      'a context flag that is true',
      { field: 'deployment.context.conflictAffected', equals: true },
      'the area is affected by conflict',
    ],
    [
      'a context flag that is false',
      { field: 'deployment.context.humanReview', equals: false },
      'it is not the case that a person reviews the system’s outputs',
    ],
    [
      'an earlier answer with its option label',
      { field: 'answers.T1.q06', equals: 'client-operates' },
      'the answer to “Who operates the system?” is “The client operates it”',
    ],
    [
      'a yes/no answer in words',
      { field: 'answers.T2.q01', notEquals: 'yes' },
      'the answer to “Is there a policy?” is not “Yes”',
    ],
    [
      'a number threshold',
      { field: 'deployment.retentionDays', gte: 30 },
      'the retention period in days is at least 30',
    ],
    [
      'a country by its name',
      { field: 'deployment.countries', includes: 'KE' },
      'the deployment is in Kenya',
    ],
    [
      'a question not in the questionnaire without its id',
      { field: 'answers.X9.q99', equals: 'yes' },
      'the answer to another question is “Yes”',
    ],
    [
      'a field it has no name for without its path',
      { field: 'deployment.budget', lte: 10 },
      'a detail of the deployment is at most 10',
    ],
  ]
  for (const [name, condition, expected] of cases)
    it(`names ${name}`, () => assert.equal(describeCondition(condition, ctx), expected))

  it('joins all with "and", any with "or", and brackets nested groups', () => {
    const condition = {
      all: [
        { field: 'deployment.technologies', includes: 'facial-recognition' },
        {
          any: [
            { field: 'deployment.context.conflictAffected', equals: true },
            { field: 'deployment.countries', includes: 'KE' },
          ],
        },
      ],
    }
    assert.equal(
      describeCondition(condition, ctx),
      'the deployment uses Facial recognition and (the area is affected by conflict or the deployment is in Kenya)',
    )
  })
  it('negates with not', () => {
    assert.equal(
      describeCondition({ not: { field: 'deployment.countries', includes: 'KE' } }, ctx),
      'not (the deployment is in Kenya)',
    )
  })
  it('says so when it cannot read a condition, without showing its JSON', () => {
    assert.equal(describeCondition({ field: 'x', matches: 'y' }, ctx), 'a condition Custos cannot describe')
    assert.match(describeCondition({ all: [] }, ctx), /cannot describe/)
    assert.match(describeCondition('yes', ctx), /cannot describe/)
  })
  it('joins three or more parts as the language does, with commas before the last "and"', () => {
    const condition = {
      all: [
        { field: 'deployment.context.conflictAffected', equals: true },
        { field: 'deployment.context.automatedDecisions', equals: true },
        { field: 'deployment.context.humanReview', equals: true },
      ],
    }
    assert.equal(
      describeCondition(condition, ctx),
      'the area is affected by conflict, the system takes automated decisions, and a person reviews the system’s outputs',
    )
  })
})

describe('effects', () => {
  it('reads each effect kind', () => {
    assert.deepEqual(effectItem({ satisfies: 'urn:a' }), { kind: 'satisfies', urn: 'urn:a' })
    assert.deepEqual(effectItem({ fails: 'urn:a' }), { kind: 'fails', urn: 'urn:a' })
    assert.deepEqual(effectItem({ red_flag: 'No grievance channel' }), {
      kind: 'red_flag',
      text: 'No grievance channel',
    })
    assert.deepEqual(effectItem({ score: 0 }), { kind: 'score', points: 0 })
    assert.deepEqual(effectItem({ raises: 'urn:r', likelihood: 1, scope: 2 }), {
      kind: 'raises',
      urn: 'urn:r',
      adjustments: [
        { dimension: 'scope', value: 2 },
        { dimension: 'likelihood', value: 1 },
      ],
    })
    assert.deepEqual(effectItem({ mitigates: 'urn:r', steps: 1 }), {
      kind: 'mitigates',
      urn: 'urn:r',
      steps: 1,
      scopeSteps: 0,
    })
  })
  it('keeps an unknown effect visible as JSON', () => {
    assert.deepEqual(effectItem({ teleports: 'x' }), { kind: 'other' })
  })
  it('details adjustments and steps in words', () => {
    assert.equal(effectDetail(effectItem({ raises: 'urn:r', likelihood: 1 })), 'Likelihood +1')
    assert.equal(
      effectDetail(effectItem({ mitigates: 'urn:r', steps: 1, scopeSteps: 1 })),
      'likelihood −1, scope −1',
    )
    assert.equal(effectDetail(effectItem({ satisfies: 'urn:a' })), '')
  })
})

describe('answerLabel', () => {
  it('prefers the option label, then the yes/no word, then the raw value', () => {
    assert.equal(answerLabel('a', [{ value: 'a', label: 'Option A' }]), 'Option A')
    assert.equal(answerLabel('not_applicable'), 'Not applicable')
    assert.equal(answerLabel('something-else'), 'something-else')
  })
})

describe('describeCondition with repeated tests', () => {
  it('one field tested against several values reads as one clause with "or"', () => {
    const condition = {
      any: [
        { field: 'answers.T1.q06', equals: 'client-operates' },
        { field: 'answers.T1.q06', equals: 'joint' },
      ],
    }
    assert.equal(
      describeCondition(condition, ctx),
      'the answer to “Who operates the system?” is “The client operates it” or “joint”',
    )
    const technologies = {
      any: [
        { field: 'deployment.technologies', includes: 'facial-recognition' },
        { field: 'deployment.technologies', includes: 'drones' },
      ],
    }
    assert.equal(describeCondition(technologies, ctx), 'the deployment uses Facial recognition or drones')
  })
  it('different fields in an any stay separate clauses', () => {
    const condition = {
      any: [
        { field: 'deployment.technologies', includes: 'drones' },
        { field: 'deployment.countries', includes: 'KE' },
      ],
    }
    assert.equal(
      describeCondition(condition, ctx),
      'the deployment uses drones or the deployment is in Kenya',
    )
  })
})
