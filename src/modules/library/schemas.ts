/**
 * Response schemas of the read-only library API. Text is already localised (`?locale=`), so every
 * text field is a plain string here. Deep, free-form parts of content (conditions, effects) are
 * described loosely; their exact shape is the content format (src/content/schemas.ts).
 */
import { z } from '@hono/zod-openapi'
import { OBJECT_KIND_IDS } from '../../content/index.ts'
import { pathId, ZLocaleQuery } from '../../http/params.ts'

export const SEARCH_QUERY_MAX = 200

export const ZSearchQuery = ZLocaleQuery.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(SEARCH_QUERY_MAX)
    .openapi({ param: { name: 'q', in: 'query' }, example: 'biometric' }),
  kind: z
    .enum(['requirement', 'provision', 'question', 'technology'])
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' } }),
})

export const ZIdParam = pathId('id', { example: 'toolkit' })
export const ZUrnParam = pathId('urn', { max: 300, example: 'urn:custos:toolkit:requirement:T2.01' })

const ZKind = z.enum(OBJECT_KIND_IDS).openapi('LibraryObjectKind')
const ZRelationship = z.enum(['equal', 'subset', 'superset', 'related'])

export const ZReferenceView = z
  .object({
    source: z.string(),
    locator: z.string().optional(),
    note: z.string().optional(),
    asOf: z.union([z.string(), z.number()]).optional(),
  })
  .openapi('LibraryReference')

export const ZCrosswalkLinkView = z
  .object({
    from: z.string(),
    to: z.string(),
    relationship: ZRelationship.openapi({ description: 'As seen from the object that lists the link' }),
    direction: z.enum(['outgoing', 'incoming']),
    other: z.string().openapi({ description: 'URN of the object at the far end' }),
    otherTitle: z.string().nullable(),
    otherKind: ZKind.nullable(),
    note: z.string().optional(),
  })
  .openapi('CrosswalkLink')

const ZLinkView = z.object({ target: z.string(), relationship: ZRelationship, note: z.string().optional() })

export const ZRequirementView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    area: z.string(),
    title: z.string(),
    statement: z.string(),
    guidance: z.string(),
    evidence: z.array(z.string()),
    references: z.array(ZReferenceView),
    links: z.array(ZLinkView),
    topics: z.array(z.string()).optional(),
    official: z.boolean(),
    crosswalk: z.array(ZCrosswalkLinkView),
  })
  .openapi('Requirement')

export const ZProvisionView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    ref: z.string(),
    title: z.string(),
    summary: z.string(),
    part: z.string().optional(),
    topics: z.array(z.string()).optional(),
    references: z.array(ZReferenceView),
    links: z.array(ZLinkView).optional(),
    note: z.string().optional(),
    inForce: z.union([z.string(), z.number()]).optional(),
    official: z.boolean().optional(),
    crosswalk: z.array(ZCrosswalkLinkView),
  })
  .openapi('Provision')

export const ZAreaView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    code: z.string(),
    title: z.string(),
    purpose: z.string(),
    description: z.string().optional(),
    references: z.array(ZReferenceView),
    requirements: z.array(ZRequirementView),
  })
  .openapi('ToolkitArea')

export const ZFrameworkSummary = z
  .object({
    id: z.string(),
    urn: z.string(),
    version: z.number().int(),
    title: z.string(),
    short: z.string().nullable(),
    description: z.string().nullable(),
    areas: z.number().int(),
    requirements: z.number().int(),
    provisions: z.number().int(),
  })
  .openapi('FrameworkSummary')

export const ZFrameworkDetail = z
  .object({
    id: z.string(),
    urn: z.string(),
    version: z.number().int(),
    title: z.string(),
    short: z.string().nullable(),
    description: z.string().nullable(),
    counts: z.object({
      areas: z.number().int(),
      requirements: z.number().int(),
      provisions: z.number().int(),
    }),
    sources: z.array(z.string()),
    areas: z.array(ZAreaView),
    provisions: z.array(ZProvisionView),
  })
  .openapi('Framework')

const ZLevel = z.number().int().min(1).max(4)

export const ZRiskTemplateView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    right: z.string(),
    involvement: z.enum(['causes', 'contributes', 'directly_linked']),
    scale: ZLevel,
    scope: ZLevel,
    irremediability: ZLevel,
    likelihood: ZLevel,
    rationale: z.object({
      scale: z.string(),
      scope: z.string(),
      irremediability: z.string(),
      likelihood: z.string(),
    }),
    affectedGroups: z.array(z.string()).optional(),
    safeguards: z.array(z.string()).optional(),
  })
  .openapi('RiskTemplate')

export const ZTechnologyView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    id: z.string(),
    title: z.string(),
    description: z.string(),
    uses: z.array(z.string()),
    rights: z.array(z.string()),
    affectedGroups: z.array(z.string()),
    topics: z.array(z.object({ topic: z.string(), importance: z.enum(['essential', 'relevant']) })),
    safeguards: z.array(z.string()),
    risks: z.array(ZRiskTemplateView),
    sources: z.array(z.string()).optional(),
  })
  .openapi('Technology')

export const ZQuestionView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    id: z.string(),
    section: z.string(),
    type: z.enum(['choice', 'multi', 'yes_no', 'number', 'text', 'date', 'evidence']),
    required: z.boolean(),
    text: z.string(),
    help: z.string().optional(),
    options: z
      .array(z.object({ value: z.string(), label: z.string(), help: z.string().optional() }))
      .optional(),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    when: z.unknown().optional().openapi({
      description: 'Condition: {all}, {any}, {not} or {field, equals|notEquals|includes|gte|lte}',
    }),
    effects: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
    evidenceRequired: z.boolean(),
    official: z.boolean(),
  })
  .openapi('Question')

const ZSectionView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  area: z.string().optional(),
  weight: z.number().optional(),
})

export const ZQuestionnaireSummary = z
  .object({
    id: z.string(),
    urn: z.string(),
    version: z.number().int(),
    kind: z.enum(['deployment', 'provider', 'vendor']),
    title: z.string(),
    description: z.string().optional(),
    sections: z.number().int(),
    questions: z.number().int(),
  })
  .openapi('QuestionnaireSummary')

export const ZQuestionnaireView = z
  .object({
    id: z.string(),
    urn: z.string(),
    version: z.number().int(),
    kind: z.enum(['deployment', 'provider', 'vendor']),
    title: z.string(),
    description: z.string().optional(),
    sources: z.array(z.string()).optional(),
    sections: z.array(ZSectionView),
    questions: z.array(ZQuestionView),
  })
  .openapi('Questionnaire')

export const ZTopicView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    id: z.string(),
    title: z.string(),
    description: z.string(),
    statusMeaning: z.object({
      yes: z.string(),
      partial: z.string(),
      no: z.string(),
      unknown: z.string().optional(),
    }),
    baseline: z.array(z.object({ urn: z.string(), title: z.string().nullable() })),
    references: z.array(ZReferenceView).optional(),
  })
  .openapi('RegulatoryTopic')

export const ZGroupView = z
  .object({
    urn: z.string(),
    version: z.number().int(),
    id: z.string(),
    title: z.string(),
    whyItMatters: z.string(),
    vulnerable: z.boolean(),
    examples: z.array(z.string()).optional(),
    references: z.array(ZReferenceView).optional(),
  })
  .openapi('AffectedGroup')

export const ZSearchHit = z
  .object({ urn: z.string(), kind: ZKind, title: z.string(), excerpt: z.string(), score: z.number() })
  .openapi('LibrarySearchHit')

export const ZSearchResult = z
  .object({ query: z.string(), hits: z.array(ZSearchHit) })
  .openapi('LibrarySearchResult')

export const ZObjectView = z
  .object({
    urn: z.string(),
    kind: ZKind,
    version: z.number().int(),
    title: z.string(),
    file: z.string(),
    parent: z.string().optional(),
    value: z.unknown().openapi({ description: 'The object as in the content format, text localised' }),
    crosswalk: z.array(ZCrosswalkLinkView),
  })
  .openapi('LibraryObject')

export const listOf = <T extends z.ZodType>(schema: T, name: string) =>
  z.object({ items: z.array(schema) }).openapi(name)

// Sources, rights and the compact object index (for the web app's library pages)

const ZDateLike = z.union([z.string(), z.number()])

export const ZSourceView = z
  .object({
    id: z.string(),
    publisher: z.string(),
    title: z.string(),
    edition: ZDateLike.optional(),
    date: ZDateLike.optional(),
    kind: z.enum(['primary', 'secondary', 'internal']).optional(),
    url: z.string().nullable().optional(),
    licence: z.string().optional(),
    accessed: ZDateLike.optional(),
    note: z.string().optional(),
  })
  .openapi('LibrarySource')

export const ZRightView = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    references: z.array(ZReferenceView),
  })
  .openapi('LibraryRight')

export const ZIndexEntry = z
  .object({
    urn: z.string(),
    kind: z.enum(OBJECT_KIND_IDS),
    version: z.number().int(),
    title: z.string(),
    parent: z
      .string()
      .optional()
      .openapi({ description: 'URN of the framework or questionnaire it belongs to' }),
  })
  .openapi('LibraryIndexEntry')

export type TSourceView = z.infer<typeof ZSourceView>
export type TRightView = z.infer<typeof ZRightView>
export type TIndexEntry = z.infer<typeof ZIndexEntry>
export type TQuestionnaireSummary = z.infer<typeof ZQuestionnaireSummary>
export type TTopicView = z.infer<typeof ZTopicView>
