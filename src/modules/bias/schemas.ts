/** Request and response schemas of the bias audit API (shared by the routes, OpenAPI and the UI). */
import { z } from '@hono/zod-openapi'
import { formatCount } from './counting/index.ts'
import { MAX_UPLOAD_BOOTSTRAP_DRAWS, MAX_UPLOAD_GROUPS } from './limits.ts'

/** Largest decision log accepted by upload (the CLI has no limit). */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3
export const MAX_FILE_NAME = 200
export const LIST_LIMIT = 100

export {
  MAX_RESULT_BYTES,
  MAX_UPLOAD_BOOTSTRAP_DRAWS,
  MAX_UPLOAD_GROUPS,
  ORG_RESULT_QUOTA_BYTES,
} from './limits.ts'

const ZOptionalText = z.string().min(1).max(500).optional()
/** A whole number as query text; the range is checked with the other options (service.ts). */
const ZWholeNumber = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a whole number')
  .optional()
/** A decimal number as query text (`0.5`, `-1`, `2e-3`). */
const ZDecimal = z
  .string()
  .regex(/^[+-]?(\d{1,100}\.?\d{0,100}|\.\d{1,100})([eE][+-]?\d{1,4})?$/, 'must be a decimal number')
  .optional()

/** The options of `custos bias-audit`, as query parameters of the upload. */
export const ZBiasAuditQuery = z
  .object({
    group: z.string().min(1).max(500).openapi({ example: 'sex,age_band' }),
    label: z.string().min(1).max(200).openapi({ example: 'label' }),
    pred: ZOptionalText,
    score: ZOptionalText,
    threshold: ZDecimal.openapi({ example: '0.5' }),
    positive: ZOptionalText,
    weight: ZOptionalText,
    reference: ZOptionalText,
    minGroupSize: ZWholeNumber.openapi({ example: '30' }),
    maxGroups: ZWholeNumber.openapi({
      description: `Most groups counted before the upload is refused, each way: combinations of the group columns, and their distinct values added up (default 1,000; 1 to ${formatCount(MAX_UPLOAD_GROUPS)}).`,
      example: '1000',
    }),
    bootstrap: ZWholeNumber.openapi({
      description: `Bootstrap replicates; replicates × groups at most ${formatCount(MAX_UPLOAD_BOOTSTRAP_DRAWS)}.`,
      example: '1000',
    }),
    seed: ZWholeNumber,
    faceMatch: z.enum(['true', 'false']).optional(),
    fileName: z.string().min(1).max(MAX_FILE_NAME).optional(),
  })
  .openapi('BiasAuditQuery')
export type TBiasAuditQuery = z.infer<typeof ZBiasAuditQuery>

export const ZBiasAuditIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

/** What an audit was run with, as the upload's query named it, defaults filled in. */
export const ZBiasAuditParameters = z
  .object({
    group: z.array(z.string()).openapi({ description: 'The group columns, in order.' }),
    label: z.string(),
    pred: z.string().nullable(),
    score: z.string().nullable(),
    threshold: z.number().nullable(),
    positive: z.string().nullable(),
    weight: z.string().nullable(),
    reference: z.string().nullable(),
    minGroupSize: z.number(),
    maxGroups: z.number().nullable(),
    bootstrap: z.object({ replicates: z.number(), seed: z.number() }).nullable(),
    faceMatch: z.boolean(),
  })
  .openapi('BiasAuditParameters')
export type TBiasAuditParameters = z.infer<typeof ZBiasAuditParameters>

export const ZBiasAuditSummary = z
  .object({
    id: z.string(),
    fileName: z.string(),
    parameters: ZBiasAuditParameters.nullable().openapi({
      description: 'The columns and options used; null for audits stored before they were kept.',
    }),
    sha256: z.string().nullable().openapi({
      description:
        'SHA-256 of the uploaded bytes (as sent, before any gzip is undone), lower-case hex; null while running and for audits stored before it was kept.',
    }),
    /**
     * running → done. `failed` is derived when read, never stored: still running six hours after
     * creation (its server stopped mid-upload); finishedAt stays null. A late finish shows `done`.
     */
    status: z.enum(['running', 'done', 'failed']).openapi({
      description:
        '`running` until the result is stored, then `done`; an audit still running six hours after it was created is shown as `failed` (finishedAt null).',
    }),
    bytesRead: z.number(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('BiasAuditSummary')
export type TBiasAuditSummary = z.infer<typeof ZBiasAuditSummary>

export const ZBiasAudit = ZBiasAuditSummary.extend({
  /** The report, exactly the JSON of `custos bias-audit --format json`; null until done. */
  result: z.record(z.string(), z.unknown()).nullable(),
}).openapi('BiasAudit')
export type TBiasAudit = z.infer<typeof ZBiasAudit>

export const ZBiasAuditList = z.object({ items: z.array(ZBiasAuditSummary) }).openapi('BiasAuditList')

/** The stored result's report, as a file. */
export const REPORT_FORMATS = ['html', 'pdf'] as const
export type TReportFormat = (typeof REPORT_FORMATS)[number]
