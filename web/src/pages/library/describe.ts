/**
 * Questionnaire logic in plain words: a `when` condition as a sentence, and each effect of an
 * answer as a labelled item the page can render (with a link for the URN it names). Pure functions
 * over the API's JSON, tested in describe.test.ts; unknown shapes are described as such, never hidden.
 */
import { lt, type TLibraryMessageKey } from './messages.ts'

/** What the describer needs to name things: titles of URNs and the questions of the questionnaire. */
export type TDescribeContext = {
  titleOf: (urn: string) => string | undefined
  question: (id: string) => { text: string; options?: { value: string; label: string }[] } | undefined
}

type TLeaf = {
  field: string
  equals?: unknown
  notEquals?: unknown
  includes?: unknown
  gte?: unknown
  lte?: unknown
}
const OPS = ['equals', 'notEquals', 'includes', 'gte', 'lte'] as const
type TOp = (typeof OPS)[number]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const ANSWER_WORDS: Record<string, TLibraryMessageKey> = {
  yes: 'answer.yes',
  no: 'answer.no',
  partial: 'answer.partial',
  unknown: 'answer.unknown',
  not_applicable: 'answer.not_applicable',
}

/** The label of an answer value: the question's option label, or the word for a yes/no value. */
export function answerLabel(value: string, options?: { value: string; label: string }[]): string {
  const option = options?.find((o) => o.value === value)
  if (option) return option.label
  const word = ANSWER_WORDS[value]
  return word ? lt(word) : value
}

const quote = (text: string) => `“${text}”`

const CONTEXT_KEYS: Record<string, TLibraryMessageKey> = {
  'deployment.context.conflictAffected': 'cond.context.conflictAffected',
  'deployment.context.sharesWithPublicSecurity': 'cond.context.sharesWithPublicSecurity',
  'deployment.context.automatedDecisions': 'cond.context.automatedDecisions',
  'deployment.context.humanReview': 'cond.context.humanReview',
}

const FIELD_NAMES: Record<string, TLibraryMessageKey> = {
  'deployment.scale': 'cond.field.deployment.scale',
  'deployment.retentionDays': 'cond.field.deployment.retentionDays',
}

function describeLeaf(leaf: TLeaf, op: TOp, value: unknown, ctx: TDescribeContext): string {
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : JSON.stringify(value)
  const isNegated = op === 'notEquals'
  const named = (urn: string) => ctx.titleOf(urn) ?? text

  if (
    leaf.field === 'deployment.technologies' &&
    (op === 'includes' || op === 'notEquals' || op === 'equals')
  ) {
    return lt(isNegated ? 'cond.techNot' : 'cond.tech', {
      value: named(`urn:custos:catalogue:technology:${text}`),
    })
  }
  if (leaf.field === 'deployment.affected' && (op === 'includes' || op === 'notEquals' || op === 'equals')) {
    return lt(isNegated ? 'cond.affectedNot' : 'cond.affected', {
      value: named(`urn:custos:method:group:${text}`),
    })
  }
  if (leaf.field === 'deployment.countries' && (op === 'includes' || op === 'notEquals' || op === 'equals')) {
    return lt(isNegated ? 'cond.countryNot' : 'cond.country', { value: text })
  }
  const contextKey = CONTEXT_KEYS[leaf.field]
  if (contextKey && (op === 'equals' || op === 'notEquals') && typeof value === 'boolean') {
    const isTrue = value !== isNegated
    return isTrue ? lt(contextKey) : lt('cond.contextFalse', { inner: lt(contextKey) })
  }
  if (leaf.field.startsWith('answers.')) {
    const id = leaf.field.slice('answers.'.length)
    const question = ctx.question(id)
    const name = question ? `${id} (${quote(question.text)})` : id
    const shown = typeof value === 'string' ? quote(answerLabel(value, question?.options)) : text
    return lt('cond.answer', { question: name, op: lt(`cond.op.${op}`), value: shown })
  }
  const fieldKey = FIELD_NAMES[leaf.field]
  return lt('cond.field', {
    field: fieldKey ? lt(fieldKey) : leaf.field,
    op: lt(`cond.op.${op}`),
    value: text,
  })
}

/** A condition (`{all}`, `{any}`, `{not}` or a leaf) as one sentence fragment. */
export function describeCondition(condition: unknown, ctx: TDescribeContext, isNested = false): string {
  const unreadable = () => lt('cond.unreadable', { json: JSON.stringify(condition) })
  if (!isRecord(condition)) return unreadable()
  const group = (items: unknown, joiner: string) => {
    if (!Array.isArray(items) || items.length === 0) return unreadable()
    const parts = items.map((item) => describeCondition(item, ctx, true))
    const sentence = parts.join(joiner)
    return isNested && parts.length > 1 ? `(${sentence})` : sentence
  }
  if ('all' in condition) return group(condition.all, lt('cond.and'))
  if ('any' in condition) return group(condition.any, lt('cond.or'))
  if ('not' in condition) return lt('cond.not', { inner: describeCondition(condition.not, ctx, false) })
  if (typeof condition.field === 'string') {
    const op = OPS.find((name) => name in condition)
    if (op) return describeLeaf(condition as TLeaf, op, condition[op], ctx)
  }
  return unreadable()
}

export type TEffectItem =
  | { kind: 'satisfies' | 'fails'; urn: string }
  | { kind: 'raises'; urn: string; adjustments: { dimension: string; value: number }[] }
  | { kind: 'mitigates'; urn: string; steps: number; scopeSteps: number }
  | { kind: 'red_flag'; text: string }
  | { kind: 'score'; points: number }
  | { kind: 'other'; json: string }

const DIMENSIONS = ['scale', 'scope', 'irremediability', 'likelihood'] as const

/** One effect of an answer as a typed item; an unknown shape becomes `other` with its JSON. */
export function effectItem(effect: Record<string, unknown>): TEffectItem {
  if (typeof effect.satisfies === 'string') return { kind: 'satisfies', urn: effect.satisfies }
  if (typeof effect.fails === 'string') return { kind: 'fails', urn: effect.fails }
  if (typeof effect.raises === 'string') {
    const adjustments = DIMENSIONS.flatMap((dimension) =>
      typeof effect[dimension] === 'number' ? [{ dimension, value: effect[dimension] as number }] : [],
    )
    return { kind: 'raises', urn: effect.raises, adjustments }
  }
  if (typeof effect.mitigates === 'string') {
    return {
      kind: 'mitigates',
      urn: effect.mitigates,
      steps: typeof effect.steps === 'number' ? effect.steps : 0,
      scopeSteps: typeof effect.scopeSteps === 'number' ? effect.scopeSteps : 0,
    }
  }
  if (typeof effect.red_flag === 'string') return { kind: 'red_flag', text: effect.red_flag }
  if (typeof effect.score === 'number') return { kind: 'score', points: effect.score }
  return { kind: 'other', json: JSON.stringify(effect) }
}

/** The detail shown after a raise or mitigation: `likelihood +1`, `likelihood −1, scope −1`. */
export function effectDetail(item: TEffectItem): string {
  if (item.kind === 'raises') {
    return item.adjustments
      .map((a) =>
        lt('effect.adjust', { dimension: lt(`tech.${a.dimension}` as TLibraryMessageKey), value: a.value }),
      )
      .join(', ')
  }
  if (item.kind === 'mitigates') {
    const parts: string[] = []
    if (item.steps > 0) parts.push(lt('effect.steps', { steps: item.steps }))
    if (item.scopeSteps > 0) parts.push(lt('effect.scopeSteps', { steps: item.scopeSteps }))
    return parts.join(', ')
  }
  return ''
}
