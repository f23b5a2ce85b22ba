/**
 * Request and response schemas of the jurisdictions API (validation + OpenAPI). The gap response is
 * the contract of docs/contracts.md, the same JSON `custos gap --format json` prints.
 */
import { z } from '@hono/zod-openapi'
import { ZLocaleQuery } from '../../http/params.ts'
import { GAP_LEVELS, IMPORTANCES } from './gap.ts'
import { ENFORCEMENT_LEVELS, FACT_STATUSES, MEMBERSHIP_IDS } from './schemas.ts'

const ZLocale = ZLocaleQuery.shape.locale

/**
 * A list as typed: comma-separated, and/or the parameter repeated (`?countries=DE&countries=NG`),
 * as the CLI takes `--countries DE,NG` or the flag twice.
 */
const ZRawList = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(300)])

/** Raw lists as typed; input.ts resolves them so unknown values get suggestions (422 unknown_value). */
export const ZGapQuery = z.object({
  technologies: ZRawList.optional().openapi({
    param: { name: 'technologies', in: 'query' },
    description: 'Catalogue technology ids, comma-separated (or the parameter repeated), any case',
    example: 'facial-recognition,cctv',
  }),
  countries: ZRawList.optional().openapi({
    param: { name: 'countries', in: 'query' },
    description: 'ISO 3166-1 alpha-2 codes, comma-separated (or the parameter repeated), any case',
    example: 'DE,NG,BR',
  }),
  technology: ZRawList.optional().openapi({
    param: { name: 'technology', in: 'query' },
    description: 'Alias of technologies (as the CLI flag)',
  }),
  locale: ZLocale,
})

export const ZCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'DE' }),
})

const ZNumberOrNull = z.number().nullable()
const ZInstrument = z
  .object({
    title: z.string(),
    adopted: z.number().int(),
    inForce: z.union([z.string(), z.number()]).optional(),
  })
  .openapi('LegalInstrument')
const ZSourceRef = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    url: z.string().nullable(),
    licence: z.string().nullable(),
    locator: z.string().nullable(),
    asOf: z.string().nullable(),
  })
  .openapi('SourceReference')

const ZEnforcement = z.enum(ENFORCEMENT_LEVELS)
const ZLevel = z.enum(GAP_LEVELS)
const ZStatus = z.enum(FACT_STATUSES)
const ZImportance = z.enum(IMPORTANCES)

const ZGovernance = z.object({
  ruleOfLaw: ZNumberOrNull,
  voiceAccountability: ZNumberOrNull,
  enforcement: ZEnforcement,
  governmentEffectiveness: ZNumberOrNull,
  politicalStability: ZNumberOrNull,
  controlOfCorruption: ZNumberOrNull,
  regulatoryQuality: ZNumberOrNull,
  year: z.number().int().nullable(),
  source: z.string(),
})

export const ZGapResult = z
  .object({
    technologies: z.array(z.string()),
    jurisdictions: z.array(z.object({ code: z.string(), name: z.string(), governance: ZGovernance })),
    matrix: z.array(
      z.object({
        topic: z.string(),
        title: z.string(),
        importance: ZImportance,
        inconsistent: z.boolean(),
        technologies: z.array(z.string()),
        cells: z.record(
          z.string(),
          z.object({
            level: ZLevel,
            status: ZStatus,
            instrument: ZInstrument.nullable(),
            sources: z.array(ZSourceRef),
            enforcement: ZEnforcement,
            note: z.string().nullable(),
            asOf: z.string().nullable(),
          }),
        ),
      }),
    ),
    gaps: z.array(
      z.object({
        jurisdiction: z.string(),
        topic: z.string(),
        level: z.enum(['partial', 'absent', 'unknown']),
        importance: ZImportance,
        explanation: z.string(),
      }),
    ),
    restrictions: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        strictness: z.number().int(),
        summary: z.string(),
        technologies: z.array(z.string()),
        jurisdictions: z.array(z.string()),
        instrument: ZInstrument,
        source: z.string(),
        locator: z.string().nullable(),
        asOf: z.string(),
        isProposed: z.boolean(),
        reason: z.string(),
      }),
    ),
    baseline: z.array(
      z.object({
        urn: z.string(),
        title: z.string(),
        reason: z.string(),
        topics: z.array(z.string()),
        reasons: z.array(
          z.object({
            topic: z.string(),
            title: z.string(),
            jurisdictions: z.array(z.object({ code: z.string(), level: ZLevel })),
            inconsistent: z.boolean(),
          }),
        ),
      }),
    ),
    coverage: z.record(z.string(), z.number()),
    coverageBasis: z.enum(['essential', 'triggered', 'none']),
    attribution: z.string(),
  })
  .openapi('GapAnalysis')

const ZStatusCounts = {
  yes: z.number().int(),
  partial: z.number().int(),
  no: z.number().int(),
  unknown: z.number().int(),
}

export const ZJurisdictionSummary = z
  .object({
    code: z.string(),
    iso3: z.string(),
    isoNumeric: z.string().nullable(),
    name: z.string(),
    unMember: z.boolean(),
    isEuMember: z.boolean(),
    governance: z.object({
      ruleOfLaw: ZNumberOrNull,
      voiceAccountability: ZNumberOrNull,
      enforcement: ZEnforcement,
    }),
    topics: z.object({ ...ZStatusCounts, covered: z.number().int(), total: z.number().int() }),
    restrictions: z.number().int(),
  })
  .openapi('JurisdictionSummary')

export const ZJurisdictionList = z
  .object({ items: z.array(ZJurisdictionSummary), attribution: z.string() })
  .openapi('JurisdictionList')

export const ZJurisdictionDetail = z
  .object({
    code: z.string(),
    iso3: z.string(),
    name: z.string(),
    names: z.record(z.string(), z.string()),
    unMember: z.boolean(),
    isEuMember: z.boolean(),
    governance: ZGovernance,
    attribution: z.string(),
    memberships: z.array(
      z.object({
        id: z.enum(MEMBERSHIP_IDS),
        value: z.union([z.boolean(), z.literal('unknown')]),
        source: ZSourceRef,
        note: z.string().nullable(),
      }),
    ),
    facts: z.array(
      z.object({
        topic: z.string(),
        title: z.string(),
        status: ZStatus,
        level: ZLevel,
        instrument: ZInstrument.nullable(),
        source: ZSourceRef,
        note: z.string().nullable(),
      }),
    ),
    restrictions: z.array(
      z.object({
        id: z.string(),
        technologies: z.array(z.string()),
        kind: z.string(),
        strictness: z.number().int(),
        summary: z.string(),
        instrument: ZInstrument,
        source: ZSourceRef,
      }),
    ),
  })
  .openapi('JurisdictionDetail')

export const ZDataSources = z
  .object({
    governance: z.object({
      source: z.string(),
      attribution: z.string(),
      year: z.number().int().nullable(),
      licence: z.string().nullable(),
      url: z.string().nullable(),
    }),
    sources: z.array(
      z.object({
        id: z.string(),
        publisher: z.string(),
        title: z.string(),
        edition: z.string().nullable(),
        date: z.string().nullable(),
        url: z.string().nullable(),
        licence: z.string().nullable(),
        kind: z.string().nullable(),
        facts: z.number().int(),
      }),
    ),
  })
  .openapi('DataSources')

export const ZMapQuery = z.object({
  technology: z
    .string()
    .max(200)
    .openapi({
      param: { name: 'technology', in: 'query' },
      description: 'One catalogue technology id',
      example: 'facial-recognition',
    }),
  locale: ZLocale,
})

export const ZGapMap = z
  .object({
    technology: z.string(),
    basis: z.enum(['essential', 'triggered', 'none']),
    items: z.array(
      z.object({
        code: z.string(),
        isoNumeric: z.string().nullable(),
        name: z.string(),
        level: ZLevel,
        coverage: z.number(),
      }),
    ),
  })
  .openapi('GapMap')

/** The most deployments one portfolio request takes (docs/quality.md measures 10,000). */
export const MAX_PORTFOLIO_DEPLOYMENTS = 10_000

export const ZPortfolioRequest = z
  .object({
    deployments: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          technologies: z.array(z.string().min(1).max(100)).min(1).max(20),
          countries: z.array(z.string().min(1).max(10)).min(1).max(60),
        }),
      )
      .min(1)
      .max(MAX_PORTFOLIO_DEPLOYMENTS),
  })
  .openapi('PortfolioRequest')

const ZLevelCounts = z.object({
  covered: z.number(),
  partial: z.number(),
  absent: z.number(),
  unknown: z.number(),
})

export const ZPortfolioResult = z
  .object({
    deployments: z.array(
      z.object({
        id: z.string(),
        technologies: z.array(z.string()),
        countries: z.array(z.string()),
        coverage: z.record(z.string(), z.number()),
        worstCoverage: z.number(),
        cells: ZLevelCounts,
        inconsistentTopics: z.array(z.string()),
        absentEssential: z.array(z.object({ jurisdiction: z.string(), topic: z.string() })),
      }),
    ),
    byCountry: z.record(
      z.string(),
      z.object({
        deployments: z.number(),
        cells: ZLevelCounts,
        meanCoverage: z.number(),
        absentEssential: z.number(),
      }),
    ),
    byTopic: z.record(
      z.string(),
      z.object({ deployments: z.number(), cells: ZLevelCounts, inconsistent: z.number() }),
    ),
    totals: z.object({ deployments: z.number(), cells: ZLevelCounts, meanCoverage: z.number() }),
  })
  .openapi('PortfolioGapAnalysis')
