/**
 * The questionnaire condition language (docs/methods/questionnaire.md): `{all:[…]}`, `{any:[…]}`, `{not:…}` and leaves
 * `{field, equals|notEquals|includes|gte|lte: value}` over the deployment and earlier answers.
 * Evaluated by walking the data — never `eval` — so content cannot run code.
 */
import type { TCondition, TConditionOperator, TConditionValue, TLeafCondition, TQuestion } from './schemas.ts'
import { CONDITION_OPERATORS } from './schemas.ts'

/** The deployment as the questionnaire sees it (the `custos assess` deployment file, docs/contracts.md). */
export type TDeploymentFacts = {
  technologies?: string[]
  countries?: string[]
  affected?: string[]
  scale?: number
  retentionDays?: number
  context?: {
    conflictAffected?: boolean
    sharesWithPublicSecurity?: boolean
    automatedDecisions?: boolean
    humanReview?: boolean
  }
}

export type TAnswerValue = string | number | boolean | string[] | null
/** Answers keyed by the question's short id (`T2.q01`) or its URN. */
export type TAnswers = Record<string, TAnswerValue | undefined>

export type TConditionInput = { deployment: TDeploymentFacts; answers: TAnswers }

/** What a deployment field holds, so the validator can check the values conditions compare with. */
export type TFieldKind = 'technologies' | 'countries' | 'groups' | 'number' | 'boolean'

export const DEPLOYMENT_FIELDS: Record<string, TFieldKind> = {
  'deployment.technologies': 'technologies',
  'deployment.countries': 'countries',
  'deployment.affected': 'groups',
  'deployment.scale': 'number',
  'deployment.retentionDays': 'number',
  'deployment.context.conflictAffected': 'boolean',
  'deployment.context.sharesWithPublicSecurity': 'boolean',
  'deployment.context.automatedDecisions': 'boolean',
  'deployment.context.humanReview': 'boolean',
}

export const ANSWER_PREFIX = 'answers.'

const isLeaf = (condition: TCondition): condition is TLeafCondition => 'field' in condition

/** The operator of a leaf and its operand. */
export const leafOperator = (
  leaf: TLeafCondition,
): { op: TConditionOperator; operand: TConditionValue } | null => {
  for (const op of CONDITION_OPERATORS) {
    const operand = leaf[op]
    if (operand !== undefined) return { op, operand }
  }
  return null
}

const readField = (
  field: string,
  input: TConditionInput,
  questionUrns: Map<string, string>,
): TAnswerValue | undefined => {
  if (field.startsWith(ANSWER_PREFIX)) {
    const id = field.slice(ANSWER_PREFIX.length)
    const byId = input.answers[id]
    if (byId !== undefined) return byId
    const urn = questionUrns.get(id)
    return urn ? input.answers[urn] : undefined
  }
  if (!(field in DEPLOYMENT_FIELDS)) return undefined
  let value: unknown = input
  for (const part of field.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return undefined
}

/**
 * A leaf on a missing value (unanswered question, absent deployment field) is false — whatever the
 * operator, `notEquals` included — so a follow-up never appears because of a question nobody answered.
 */
const evaluateLeaf = (
  leaf: TLeafCondition,
  input: TConditionInput,
  questionUrns: Map<string, string>,
): boolean => {
  const operator = leafOperator(leaf)
  if (!operator) return false
  const value = readField(leaf.field, input, questionUrns)
  if (value === undefined || value === null) return false
  const { op, operand } = operator
  switch (op) {
    case 'equals':
      return !Array.isArray(value) && value === operand
    case 'notEquals':
      return !Array.isArray(value) && value !== operand
    case 'includes':
      return Array.isArray(value) && typeof operand === 'string' && value.includes(operand)
    case 'gte':
      return typeof value === 'number' && typeof operand === 'number' && value >= operand
    case 'lte':
      return typeof value === 'number' && typeof operand === 'number' && value <= operand
  }
}

const evaluateWith = (
  condition: TCondition,
  input: TConditionInput,
  questionUrns: Map<string, string>,
): boolean => {
  if ('all' in condition) return condition.all.every((c) => evaluateWith(c, input, questionUrns))
  if ('any' in condition) return condition.any.some((c) => evaluateWith(c, input, questionUrns))
  if ('not' in condition) return !evaluateWith(condition.not, input, questionUrns)
  if (isLeaf(condition)) return evaluateLeaf(condition, input, questionUrns)
  return false
}

/** Evaluates a `when` condition against the deployment and the answers given so far. */
export const evaluateCondition = (condition: TCondition | undefined, input: TConditionInput): boolean =>
  condition === undefined ? true : evaluateWith(condition, input, new Map())

/**
 * The questions of a questionnaire that apply, in order. An answer to a question that does not apply
 * is ignored, so a stale answer cannot make a hidden branch's follow-ups appear.
 */
export const applicableQuestions = <Q extends Pick<TQuestion, 'id' | 'urn' | 'when'>>(
  questionnaire: { questions: Q[] },
  deployment: TDeploymentFacts,
  answers: TAnswers,
): Q[] => {
  const questionUrns = new Map(questionnaire.questions.map((q) => [q.id, q.urn]))
  const effective: TAnswers = {}
  const input: TConditionInput = { deployment, answers: effective }
  const applicable: Q[] = []
  for (const question of questionnaire.questions) {
    if (question.when !== undefined && !evaluateWith(question.when, input, questionUrns)) continue
    applicable.push(question)
    const answer = answers[question.id] ?? answers[question.urn]
    if (answer !== undefined) effective[question.id] = answer
  }
  return applicable
}

/** Every leaf of a condition, with the path to it (for the validator's messages). */
export const conditionLeaves = (
  condition: TCondition,
  path = '',
): { leaf: TLeafCondition; path: string }[] => {
  if ('all' in condition) return condition.all.flatMap((c, i) => conditionLeaves(c, `${path}.all[${i}]`))
  if ('any' in condition) return condition.any.flatMap((c, i) => conditionLeaves(c, `${path}.any[${i}]`))
  if ('not' in condition) return conditionLeaves(condition.not, `${path}.not`)
  return [{ leaf: condition, path }]
}
