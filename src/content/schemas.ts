/**
 * zod schemas of every kind of library content (the contract is /work/library-format.md, kept in
 * docs as the content format). Objects are strict: an unknown key is an error, so a typo in a field
 * name is caught by `custos library validate` instead of being silently ignored.
 */
import { z } from 'zod'
import { ZText } from './text.ts'
import { URN_PATTERN } from './urn.ts'

export const ZUrn = z.string().regex(URN_PATTERN, 'must be a URN urn:custos:<library>:<kind>:<id>')
const ZVersion = z.number().int().min(1)
const ZId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an id of letters, digits, . _ -')
const ZKebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id')
const ZLevel = z.number().int().min(1).max(4)
const ZDateLike = z.union([z.string().min(1), z.number().int()])

export const ZReference = z.strictObject({
  source: z.string().min(1),
  locator: z.string().min(1).optional(),
  note: ZText.optional(),
  asOf: ZDateLike.optional(),
})
export type TReference = z.infer<typeof ZReference>

// ---------------------------------------------------------------------------------------------
// Sources

export const ZSource = z.strictObject({
  id: ZKebabId,
  publisher: z.string().min(1),
  title: z.string().min(1),
  edition: ZDateLike.optional(),
  date: ZDateLike.optional(),
  kind: z.enum(['primary', 'secondary', 'internal']).optional(),
  url: z.url().nullable().optional(),
  licence: z.string().min(1).optional(),
  accessed: ZDateLike.optional(),
  note: z.string().min(1).optional(),
})
export type TSource = z.infer<typeof ZSource>

// ---------------------------------------------------------------------------------------------
// Frameworks: the toolkit (areas + requirements) and the provisions of the ICoC, VPs, UNGPs, laws

export const RELATIONSHIPS = ['equal', 'subset', 'superset', 'related'] as const
export type TRelationship = (typeof RELATIONSHIPS)[number]

export const ZLink = z.strictObject({
  target: ZUrn,
  relationship: z.enum(RELATIONSHIPS),
  note: ZText.optional(),
})
export type TLink = z.infer<typeof ZLink>

export const ZFramework = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  title: ZText,
  short: ZText.optional(),
  description: ZText.optional(),
  sources: z.array(z.string().min(1)).optional(),
  asOf: ZDateLike.optional(),
  official: z.boolean().optional(),
})
export type TFramework = z.infer<typeof ZFramework>

export const ZArea = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  code: z.string().regex(/^T([1-9]|1[0-2])$/, 'must be T1 … T12'),
  title: ZText,
  purpose: ZText,
  description: ZText.optional(),
  references: z.array(ZReference).default([]),
})
export type TArea = z.infer<typeof ZArea>

export const ZRequirement = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  area: z.string().min(1),
  title: ZText,
  statement: ZText,
  guidance: ZText,
  evidence: z.array(ZText).min(2, 'needs at least 2 evidence examples'),
  references: z.array(ZReference),
  links: z.array(ZLink),
  topics: z.array(z.string().min(1)).optional(),
  official: z.boolean().default(true),
})
export type TRequirement = z.infer<typeof ZRequirement>

export const ZProvision = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  ref: z.string().min(1),
  title: ZText,
  summary: ZText,
  part: z.string().min(1).optional(),
  topics: z.array(z.string().min(1)).optional(),
  references: z.array(ZReference),
  links: z.array(ZLink).optional(),
  note: ZText.optional(),
  inForce: ZDateLike.optional(),
  official: z.boolean().optional(),
})
export type TProvision = z.infer<typeof ZProvision>

// ---------------------------------------------------------------------------------------------
// Technology catalogue

export const IMPORTANCE = ['essential', 'relevant'] as const
export const INVOLVEMENT = ['causes', 'contributes', 'directly_linked'] as const
export type TInvolvement = (typeof INVOLVEMENT)[number]

export const ZRiskTemplate = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: ZKebabId,
  title: ZText,
  description: ZText.optional(),
  right: z.string().min(1),
  involvement: z.enum(INVOLVEMENT).default('directly_linked'),
  scale: ZLevel,
  scope: ZLevel,
  irremediability: ZLevel,
  likelihood: ZLevel,
  rationale: z.strictObject({ scale: ZText, scope: ZText, irremediability: ZText, likelihood: ZText }),
  affectedGroups: z.array(z.string().min(1)).optional(),
  safeguards: z.array(ZUrn).optional(),
})
export type TRiskTemplate = z.infer<typeof ZRiskTemplate>

export const ZTechnology = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: ZKebabId,
  title: ZText,
  description: ZText,
  uses: z.array(ZText).min(1, 'needs at least one typical use'),
  rights: z.array(z.string().min(1)),
  affectedGroups: z.array(z.string().min(1)),
  topics: z.array(z.strictObject({ topic: z.string().min(1), importance: z.enum(IMPORTANCE) })),
  safeguards: z.array(ZUrn).default([]),
  risks: z.array(z.unknown()),
  sources: z.array(z.string().min(1)).optional(),
})
export type TTechnology = Omit<z.infer<typeof ZTechnology>, 'risks'> & { risks: TRiskTemplate[] }

// ---------------------------------------------------------------------------------------------
// Method: topics, affected groups, risk method, impact levels

export const TOPIC_IDS = [
  'data_protection_law',
  'data_protection_authority',
  'biometric_data_rules',
  'cctv_rules',
  'drone_rules',
  'workplace_monitoring_rules',
  'ai_rules',
  'psc_regulation',
  'surveillance_interception_law',
] as const

export const ZTopic = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: z.string().regex(/^[a-z_]+$/, 'must be a snake_case topic id'),
  title: ZText,
  description: ZText,
  statusMeaning: z.strictObject({ yes: ZText, partial: ZText, no: ZText, unknown: ZText.optional() }),
  baseline: z.array(ZUrn).min(1, 'needs at least one baseline safeguard'),
  references: z.array(ZReference).optional(),
})
export type TTopic = z.infer<typeof ZTopic>

export const ZGroup = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: ZKebabId,
  title: ZText,
  whyItMatters: ZText,
  vulnerable: z.boolean(),
  examples: z.array(ZText).optional(),
  references: z.array(ZReference).optional(),
})
export type TGroup = z.infer<typeof ZGroup>

export const ZRight = z.strictObject({
  id: ZKebabId,
  title: ZText,
  description: ZText.optional(),
  references: z.array(ZReference).min(1, 'needs at least one reference'),
})
export type TRight = z.infer<typeof ZRight>

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const
export type TPriority = (typeof PRIORITIES)[number]
export const IMPACT_LEVELS = ['I', 'II', 'III', 'IV'] as const
export type TImpactLevelId = (typeof IMPACT_LEVELS)[number]

const ZScale = z.strictObject({
  title: ZText,
  description: ZText,
  levels: z
    .array(z.strictObject({ value: ZLevel, label: ZText, description: ZText }))
    .length(4, 'needs exactly 4 levels (1-4)'),
})

// ---------------------------------------------------------------------------------------------
// Conditions (`when`) and effects of questionnaire answers (docs/methods/questionnaire.md)

export type TConditionValue = string | number | boolean
export type TLeafCondition = {
  field: string
  equals?: TConditionValue
  notEquals?: TConditionValue
  includes?: TConditionValue
  gte?: number
  lte?: number
}
export type TCondition = { all: TCondition[] } | { any: TCondition[] } | { not: TCondition } | TLeafCondition

export const CONDITION_OPERATORS = ['equals', 'notEquals', 'includes', 'gte', 'lte'] as const
export type TConditionOperator = (typeof CONDITION_OPERATORS)[number]

const isConditionValue = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'

/** Checks the shape of a condition and reports each mistake at its own path (a union would not). */
const checkConditionShape = (value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void => {
  const issue = (message: string, at: (string | number)[] = path) =>
    ctx.addIssue({ code: 'custom', path: at, message })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issue(
      'a condition must be an object: {all: [...]}, {any: [...]}, {not: ...} or {field, <operator>: value}',
    )
    return
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  for (const combinator of ['all', 'any'] as const) {
    if (!(combinator in record)) continue
    if (keys.length !== 1)
      issue(`"${combinator}" must be the only key of its condition (found ${keys.join(', ')})`)
    const list = record[combinator]
    if (!Array.isArray(list) || list.length === 0) {
      issue(`"${combinator}" needs a non-empty list of conditions`, [...path, combinator])
      return
    }
    for (const [index, item] of list.entries()) checkConditionShape(item, [...path, combinator, index], ctx)
    return
  }
  if ('not' in record) {
    if (keys.length !== 1) issue(`"not" must be the only key of its condition (found ${keys.join(', ')})`)
    checkConditionShape(record.not, [...path, 'not'], ctx)
    return
  }
  if (typeof record.field !== 'string' || record.field.length === 0)
    issue('a condition needs a "field"', [...path, 'field'])
  const allowed = new Set<string>(['field', ...CONDITION_OPERATORS])
  for (const key of keys) if (!allowed.has(key)) issue(`unknown key "${key}" in condition`, [...path, key])
  const used = CONDITION_OPERATORS.filter((op) => record[op] !== undefined)
  if (used.length !== 1) {
    issue(
      `a condition needs exactly one of ${CONDITION_OPERATORS.join(', ')} (found ${used.join(', ') || 'none'})`,
    )
    return
  }
  const op = used[0] as TConditionOperator
  const operand = record[op]
  if ((op === 'gte' || op === 'lte') && typeof operand !== 'number')
    issue(`"${op}" needs a number`, [...path, op])
  else if (!isConditionValue(operand)) issue(`"${op}" needs a string, number or boolean`, [...path, op])
}

export const ZCondition = z
  .custom<TCondition>(() => true)
  .superRefine((value, ctx) => checkConditionShape(value, [], ctx))

const EFFECT_VERBS = ['mitigates', 'raises', 'satisfies', 'fails', 'red_flag', 'score'] as const
const EFFECT_MODIFIERS: Record<string, readonly (typeof EFFECT_VERBS)[number][]> = {
  steps: ['mitigates'],
  scopeSteps: ['mitigates'],
  scale: ['raises'],
  scope: ['raises'],
  irremediability: ['raises'],
  likelihood: ['raises'],
  id: ['red_flag'],
}

export const ZEffect = z
  .strictObject({
    mitigates: ZUrn.optional(),
    steps: z.number().int().min(1).max(3).optional(),
    scopeSteps: z.number().int().min(1).max(3).optional(),
    raises: ZUrn.optional(),
    scale: z.number().int().min(0).max(3).optional(),
    scope: z.number().int().min(0).max(3).optional(),
    irremediability: z.number().int().min(0).max(3).optional(),
    likelihood: z.number().int().min(0).max(3).optional(),
    satisfies: ZUrn.optional(),
    fails: ZUrn.optional(),
    red_flag: ZText.optional(),
    id: ZKebabId.optional(),
    score: z.number().min(-100).max(100).optional(),
  })
  .superRefine((effect, ctx) => {
    const verbs = EFFECT_VERBS.filter((verb) => effect[verb] !== undefined)
    if (verbs.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `an effect needs exactly one of ${EFFECT_VERBS.join(', ')} (found ${verbs.join(', ') || 'none'})`,
      })
      return
    }
    const verb = verbs[0] as (typeof EFFECT_VERBS)[number]
    for (const [modifier, allowed] of Object.entries(EFFECT_MODIFIERS)) {
      if ((effect as Record<string, unknown>)[modifier] !== undefined && !allowed.includes(verb)) {
        ctx.addIssue({
          code: 'custom',
          path: [modifier],
          message: `"${modifier}" only goes with ${allowed.join(', ')}`,
        })
      }
    }
  })
export type TEffect = z.infer<typeof ZEffect>

export const QUESTION_TYPES = ['choice', 'multi', 'yes_no', 'number', 'text', 'date', 'evidence'] as const
export type TQuestionType = (typeof QUESTION_TYPES)[number]
export const YES_NO_VALUES = ['yes', 'partial', 'no', 'unknown', 'not_applicable'] as const
/** Effect keys for questions without options: the answer is given, or the evidence is attached. */
export const OPEN_ANSWER_KEYS = {
  number: ['answered', 'unknown'],
  text: ['answered', 'unknown'],
  date: ['answered', 'unknown'],
  evidence: ['provided', 'missing'],
} as const

export const ZOption = z.strictObject({ value: ZKebabId, label: ZText, help: ZText.optional() })

export const ZQuestion = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: ZId,
  section: z.string().min(1),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean().default(false),
  text: ZText,
  help: ZText.optional(),
  options: z.array(ZOption).optional(),
  unit: ZText.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  when: ZCondition.optional(),
  effects: z.record(z.string(), z.array(ZEffect)).optional(),
  evidenceRequired: z.boolean().default(false),
  official: z.boolean().default(true),
})
export type TQuestion = z.infer<typeof ZQuestion>

export const QUESTIONNAIRE_KINDS = ['deployment', 'provider', 'vendor'] as const

export const ZSection = z.strictObject({
  id: ZId,
  title: ZText,
  description: ZText.optional(),
  area: ZUrn.optional(),
  weight: z.number().min(0).optional(),
})
export type TSection = z.infer<typeof ZSection>

export const ZQuestionnaire = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  id: ZKebabId,
  kind: z.enum(QUESTIONNAIRE_KINDS),
  title: ZText,
  description: ZText.optional(),
  sections: z.array(ZSection).min(1),
  sources: z.array(z.string().min(1)).optional(),
})
export type TQuestionnaireHeader = z.infer<typeof ZQuestionnaire>
export type TQuestionnaire = TQuestionnaireHeader & { questions: TQuestion[] }

// ---------------------------------------------------------------------------------------------
// Risk method (docs/methods/risk.md)

export const GOVERNANCE_INDICATORS = [
  'ruleOfLaw',
  'voiceAccountability',
  'governmentEffectiveness',
  'politicalStability',
  'controlOfCorruption',
] as const

export const ZLikelihoodRule = z
  .strictObject({
    id: ZKebabId,
    title: ZText,
    explanation: ZText,
    adjustment: z.number().int().min(1).max(2),
    when: ZCondition.optional(),
    governance: z.strictObject({ indicator: z.enum(GOVERNANCE_INDICATORS), below: z.number() }).optional(),
  })
  .superRefine((rule, ctx) => {
    if ((rule.when === undefined) === (rule.governance === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a likelihood rule needs exactly one of `when` or `governance`',
      })
    }
  })
export type TLikelihoodRule = z.infer<typeof ZLikelihoodRule>

export const ZRiskMethod = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  title: ZText,
  description: ZText,
  scales: z.strictObject({ scale: ZScale, scope: ZScale, irremediability: ZScale, likelihood: ZScale }),
  severity: z.strictObject({
    explanation: ZText,
    thresholds: z
      .array(z.strictObject({ min: z.number().int(), max: z.number().int(), level: ZLevel }))
      .min(1),
    escalations: z.array(
      z.strictObject({
        id: ZKebabId,
        irremediabilityAtLeast: ZLevel,
        scaleAtLeast: ZLevel,
        level: ZLevel,
        explanation: ZText,
      }),
    ),
  }),
  priority: z.strictObject({
    explanation: ZText,
    labels: z.strictObject({ low: ZText, medium: ZText, high: ZText, critical: ZText }),
    matrix: z
      .array(z.strictObject({ severity: ZLevel, byLikelihood: z.array(z.enum(PRIORITIES)).length(4) }))
      .length(4, 'needs one row per severity level 1-4'),
  }),
  likelihoodRules: z.strictObject({
    explanation: ZText,
    cap: ZLevel,
    rules: z.array(ZLikelihoodRule).min(1),
  }),
  mitigation: z.strictObject({
    explanation: ZText,
    likelihoodFloor: ZLevel,
    scopeFloor: ZLevel,
    maxLikelihoodSteps: z.number().int().min(1).max(3),
    maxScopeSteps: z.number().int().min(0).max(3),
    lowersIrremediability: z.literal(false),
    rules: z.array(z.strictObject({ id: ZKebabId, title: ZText, explanation: ZText })).min(1),
  }),
  involvement: z.strictObject({
    causes: z.strictObject({ title: ZText, expectedAction: ZText }),
    contributes: z.strictObject({ title: ZText, expectedAction: ZText }),
    directly_linked: z.strictObject({ title: ZText, expectedAction: ZText }),
  }),
  references: z.array(ZReference).min(1),
})
export type TRiskMethod = z.infer<typeof ZRiskMethod>

export const ZImpactLevel = z.strictObject({
  urn: ZUrn,
  version: ZVersion,
  level: z.enum(IMPACT_LEVELS),
  title: ZText,
  description: ZText,
  fromPriority: z.enum(PRIORITIES),
  inherits: ZUrn.optional(),
  reassessmentMonths: z.number().int().min(1).max(60),
  mandatorySafeguards: z.array(z.strictObject({ requirement: ZUrn, text: ZText })),
})
export type TImpactLevel = z.infer<typeof ZImpactLevel>

// ---------------------------------------------------------------------------------------------
// File shapes: the top-level keys each kind of file may have. Lists are checked item by item so one
// bad object is reported with its URN and does not hide the rest of the file.

export const FILE_SHAPES = {
  sources: { sources: ZSource },
  framework: { areas: ZArea, requirements: ZRequirement, provisions: ZProvision },
  technologies: { technologies: ZTechnology },
  topics: { topics: ZTopic },
  groups: { groups: ZGroup },
  riskMethod: { rights: ZRight, impactLevels: ZImpactLevel },
  questionnaire: { questions: ZQuestion },
} as const

/** Singular top-level objects per file kind. */
export const FILE_SINGLES = {
  sources: {},
  framework: { framework: ZFramework },
  technologies: {},
  topics: {},
  groups: {},
  riskMethod: { riskMethod: ZRiskMethod },
  questionnaire: { questionnaire: ZQuestionnaire },
} as const

export type TFileKind = keyof typeof FILE_SHAPES
