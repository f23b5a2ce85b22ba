/**
 * Questionnaire logic in plain words: a `when` condition as a sentence, and each effect of an
 * answer as a labelled item the page can render (with a link for the URN it names). Pure functions
 * over the API's JSON, tested in describe.test.ts; unknown shapes are described as such, never hidden.
 */
import { currentLocale } from '../../i18n/i18n.ts'
import { lt, type TLibraryMessageKey } from './messages.ts'

/** What the describer needs to name things: titles of URNs and the questions of the questionnaire. */
export type TDescribeContext = {
  titleOf: (urn: string) => string | undefined
  question: (id: string) => { text: string; options?: { value: string; label: string }[] } | undefined
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

/** A question or answer quoted with the interface language's own marks (“…”, « … », «…»). */
const quote = (text: string) => lt('cond.quote', { text })

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

/**
 * Several parts joined as the interface language joins them ("A, B and C", "A، B وC", "A, B y C"):
 * Intl.ListFormat knows each language's conjunctions and commas, which a translated " and " cannot.
 */
export function joinList(parts: string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(currentLocale(), { style: 'long', type }).format(parts)
}

/** A country by its name in the interface language (ISO 3166 code in the content). */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(currentLocale(), { type: 'region' }).of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

const plain = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value)

/**
 * One leaf, or several leaves of an `any` that test the same field the same way (their values
 * are then joined with "or", so "uses A or B" rather than "uses A or uses B").
 */
function describeLeaf(field: string, op: TOp, values: unknown[], ctx: TDescribeContext): string {
  const isNegated = op === 'notEquals'
  const either = (names: string[]) => joinList(names, 'disjunction')
  const titled = (prefix: string) =>
    either(values.map((value) => ctx.titleOf(`${prefix}${plain(value)}`) ?? plain(value)))
  const isMembership = op === 'includes' || op === 'notEquals' || op === 'equals'

  if (field === 'deployment.technologies' && isMembership) {
    return lt(isNegated ? 'cond.techNot' : 'cond.tech', { value: titled('urn:custos:catalogue:technology:') })
  }
  if (field === 'deployment.affected' && isMembership) {
    return lt(isNegated ? 'cond.affectedNot' : 'cond.affected', { value: titled('urn:custos:method:group:') })
  }
  if (field === 'deployment.countries' && isMembership) {
    return lt(isNegated ? 'cond.countryNot' : 'cond.country', {
      value: either(values.map((value) => countryName(plain(value)))),
    })
  }
  const contextKey = CONTEXT_KEYS[field]
  const [first] = values
  if (
    contextKey &&
    values.length === 1 &&
    (op === 'equals' || op === 'notEquals') &&
    typeof first === 'boolean'
  ) {
    const isTrue = first !== isNegated
    return isTrue ? lt(contextKey) : lt('cond.contextFalse', { inner: lt(contextKey) })
  }
  if (field.startsWith('answers.')) {
    const id = field.slice('answers.'.length)
    const question = ctx.question(id)
    // The question by its text: its id (T1.q01) is the content's, not the reader's.
    const name = question ? quote(question.text) : lt('cond.otherQuestion')
    const shown = either(
      values.map((value) =>
        typeof value === 'string' ? quote(answerLabel(value, question?.options)) : plain(value),
      ),
    )
    return lt(`cond.answer.${op}`, { question: name, value: shown })
  }
  const fieldKey = FIELD_NAMES[field]
  return lt(`cond.value.${op}`, {
    field: fieldKey ? lt(fieldKey) : lt('cond.otherField'),
    value: either(values.map(plain)),
  })
}

/** The field, operator and value of a leaf condition, or null when it is not one. */
function leafOf(condition: unknown): { field: string; op: TOp; value: unknown } | null {
  if (!isRecord(condition) || typeof condition.field !== 'string') return null
  const op = OPS.find((name) => name in condition)
  return op ? { field: condition.field, op, value: condition[op] } : null
}

/** A condition (`{all}`, `{any}`, `{not}` or a leaf) as one sentence fragment. */
export function describeCondition(condition: unknown, ctx: TDescribeContext, isNested = false): string {
  const unreadable = () => lt('cond.unreadable')
  if (!isRecord(condition)) return unreadable()
  const group = (items: unknown, isAny: boolean) => {
    if (!Array.isArray(items) || items.length === 0) return unreadable()
    const leaves = items.map(leafOf)
    const [head] = leaves
    const isSameTest =
      isAny &&
      items.length > 1 &&
      head !== null &&
      head !== undefined &&
      (head.op === 'equals' || head.op === 'includes') &&
      leaves.every((leaf) => leaf !== null && leaf.field === head.field && leaf.op === head.op)
    if (isSameTest)
      return describeLeaf(
        head.field,
        head.op,
        leaves.map((leaf) => leaf?.value),
        ctx,
      )
    const parts = items.map((item) => describeCondition(item, ctx, true))
    const sentence = joinList(parts, isAny ? 'disjunction' : 'conjunction')
    return isNested && parts.length > 1 ? `(${sentence})` : sentence
  }
  if ('all' in condition) return group(condition.all, false)
  if ('any' in condition) return group(condition.any, true)
  if ('not' in condition) return lt('cond.not', { inner: describeCondition(condition.not, ctx, false) })
  const leaf = leafOf(condition)
  return leaf ? describeLeaf(leaf.field, leaf.op, [leaf.value], ctx) : unreadable()
}

export type TEffectItem =
  | { kind: 'satisfies' | 'fails'; urn: string }
  | { kind: 'raises'; urn: string; adjustments: { dimension: string; value: number }[] }
  | { kind: 'mitigates'; urn: string; steps: number; scopeSteps: number }
  | { kind: 'red_flag'; text: string }
  | { kind: 'score'; points: number }
  | { kind: 'other' }

const DIMENSIONS = ['scale', 'scope', 'irremediability', 'likelihood'] as const

/** One effect of an answer as a typed item; an unknown shape becomes `other` (said so, never shown as JSON). */
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
  return { kind: 'other' }
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
