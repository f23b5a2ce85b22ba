/**
 * zod schemas of a jurisdiction file (content/jurisdictions/<ISO2>.yaml — the fixed format of
 * docs/gap-analysis.md and docs/library.md) and the types the gap engine works on.
 * Objects are strict: a misspelt field is a validation problem, not silently ignored data.
 */
import { z } from 'zod'
import { TOPIC_IDS, ZText } from '../../content/index.ts'

export { TOPIC_IDS }
export type TTopicId = (typeof TOPIC_IDS)[number]

export const FACT_STATUSES = ['yes', 'partial', 'no', 'unknown'] as const
export type TFactStatus = (typeof FACT_STATUSES)[number]

export const MEMBERSHIP_IDS = ['eu', 'eea', 'iccpr', 'montreux', 'vpi', 'icoca'] as const
export type TMembershipId = (typeof MEMBERSHIP_IDS)[number]

export const RESTRICTION_KINDS = ['prohibited', 'conditional', 'licence_required'] as const

/** `2026-11-29` or `2026`: the as-of and in-force dates of the format. */
const ZIsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date (YYYY-MM-DD) or a year')
  .refine((value) => value.length === 4 || !Number.isNaN(Date.parse(value)), 'is not a real date')
const ZYear = z.number().int().min(1800).max(2100)
const ZDateOrYear = z.union([ZIsoDate, ZYear])
const ZSourceId = z.string().min(1, 'needs a source id')

export const ZInstrument = z.strictObject({
  title: z.string().trim().min(1),
  adopted: ZYear,
  inForce: ZDateOrYear.optional(),
})
export type TInstrument = z.infer<typeof ZInstrument>

export const ZMembershipFact = z.strictObject({
  value: z.union([z.boolean(), z.literal('unknown')]),
  source: ZSourceId,
  locator: z.string().min(1).optional(),
  asOf: ZIsoDate,
  note: z.string().min(1).optional(),
})
export type TMembershipFact = z.infer<typeof ZMembershipFact>

export const ZTopicFact = z
  .strictObject({
    status: z.enum(FACT_STATUSES),
    instrument: ZInstrument.optional(),
    source: ZSourceId,
    locator: z.string().min(1).optional(),
    asOf: ZIsoDate,
    note: z.string().min(1).optional(),
  })
  // A `yes` or `partial` names the law it rests on; a wrong yes is worse than unknown (docs/library.md).
  .refine((fact) => (fact.status !== 'yes' && fact.status !== 'partial') || fact.instrument !== undefined, {
    message: 'a yes or partial status needs an instrument (title, year adopted)',
    path: ['instrument'],
  })
  .refine((fact) => fact.status !== 'unknown' || fact.note !== undefined, {
    message: 'an unknown status needs a note saying what was searched',
    path: ['note'],
  })
export type TTopicFact = z.infer<typeof ZTopicFact>

export const ZRestriction = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id'),
  technologies: z.array(z.string().min(1)).min(1),
  kind: z.enum(RESTRICTION_KINDS),
  /** 1 conditional … 3 prohibited; picks the strictest rule of a deployment. */
  strictness: z.number().int().min(1).max(3),
  summary: ZText,
  instrument: ZInstrument,
  source: ZSourceId,
  locator: z.string().min(1).optional(),
  asOf: ZIsoDate,
  note: z.string().min(1).optional(),
})
export type TRestriction = z.infer<typeof ZRestriction>

const topicShape = Object.fromEntries(TOPIC_IDS.map((id) => [id, ZTopicFact])) as Record<
  TTopicId,
  typeof ZTopicFact
>
const membershipShape = Object.fromEntries(MEMBERSHIP_IDS.map((id) => [id, ZMembershipFact])) as Record<
  TMembershipId,
  typeof ZMembershipFact
>

export const ZJurisdictionFile = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'must be an upper-case ISO 3166-1 alpha-2 code'),
  iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 3166-1 alpha-3 code'),
  name: ZText,
  unMember: z.boolean(),
  memberships: z.strictObject(membershipShape),
  topics: z.strictObject(topicShape),
  restrictions: z.array(ZRestriction).default([]),
})
export type TJurisdictionFile = z.infer<typeof ZJurisdictionFile>

// ---------------------------------------------------------------------------------------------
// Governance (World Bank WGI, merged at load from content/governance/wgi-2023.csv)

export const ENFORCEMENT_LEVELS = ['strong', 'moderate', 'weak', 'unknown'] as const
export type TEnforcement = (typeof ENFORCEMENT_LEVELS)[number]

/** WGI estimates (about −2.5 … +2.5, higher is better); null where the World Bank has no value. */
export type TGovernance = {
  ruleOfLaw: number | null
  voiceAccountability: number | null
  governmentEffectiveness: number | null
  politicalStability: number | null
  controlOfCorruption: number | null
  regulatoryQuality: number | null
  /** Year of the estimates, null when the jurisdiction has no WGI row. */
  year: number | null
  /** Source id of the indicators (content/sources/jurisdictions.yaml). */
  source: string
}

/** A loaded jurisdiction: its file plus its governance indicators. */
export type TJurisdiction = TJurisdictionFile & { governance: TGovernance }

/** Every jurisdiction, keyed by alpha-2 code, in code order. */
export type TDataset = {
  jurisdictions: Map<string, TJurisdiction>
  /** The WGI attribution and source, shown wherever the values are shown (CC BY 4.0). */
  governance: { source: string; attribution: string; year: number | null }
}
