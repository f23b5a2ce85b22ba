/**
 * Bias audit API (issue 5): upload a decision log (streamed, size-limited by BODY_LIMITS), read the
 * audits of the organisation, with progress while one runs and the report when done, and delete
 * one to free its share of the organisation's storage quota.
 */
import { createRoute } from '@hono/zod-openapi'
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import { requireAuth, type TApp, type TAppDeps } from '../../http/context.ts'
import { errorResponses, jsonContent, SESSION_SECURITY, ZErrorBody } from '../../http/openapi.ts'
import { authorize } from '../platform/index.ts'
import { presentAuditJson, presentAuditSummary } from './presenters.ts'
import {
  LIST_LIMIT,
  REPORT_FORMATS,
  type TBiasAudit,
  ZBiasAudit,
  ZBiasAuditIdParam,
  ZBiasAuditList,
  ZBiasAuditQuery,
} from './schemas.ts'
import {
  auditReport,
  deleteBiasAudit,
  getBiasAudit,
  listBiasAuditHeads,
  runUploadedAudit,
} from './service.ts'

const tags = ['Bias audit']

const REPORT_MEDIA = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const

/**
 * An answer of one audit from its JSON text (presentAuditJson builds it around the stored result
 * without parsing it), typed as the ZBiasAudit JSON that text is.
 */
const auditAnswer = <S extends 200 | 201>(c: Context, json: string, status: S) =>
  c.body(json, status, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<
    JSONParsed<TBiasAudit>,
    S,
    'json'
  >

export const registerBiasRoutes = (app: TApp, deps: TAppDeps): void => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/bias-audits',
      tags,
      security: SESSION_SECURITY,
      summary: 'Audit an uploaded decision log',
      description:
        "The body is the decision log itself (CSV, or gzip), streamed; the query carries the options of `custos bias-audit`. While it runs, GET /api/bias-audits/{id} shows the bytes read. Refused with 422 past the group limit (maxGroups), with 413 when the result would be over 20 MiB, and with 409 when the organisation's stored results would pass their quota (200 MiB; delete older audits).",
      request: { query: ZBiasAuditQuery },
      responses: {
        201: jsonContent(ZBiasAudit, 'The finished audit'),
        ...errorResponses(401, 403, 409, 413, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'create', 'biasAudit')
      const { fileName, faceMatch, ...flags } = c.req.valid('query')
      const stored = await runUploadedAudit(deps, auth, {
        fileName: fileName ?? 'upload.csv',
        flags: { ...flags, faceMatch: faceMatch === 'true', format: 'json' },
        body: c.req.raw.body,
      })
      return auditAnswer(c, presentAuditJson(stored, deps.clock.now()), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/bias-audits',
      tags,
      security: SESSION_SECURITY,
      summary: 'List bias audits (newest first)',
      description:
        'An audit still running six hours after it was created (its server stopped mid-upload) is shown as failed.',
      responses: { 200: jsonContent(ZBiasAuditList, 'Bias audits'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'biasAudit')
      const rows = await listBiasAuditHeads(deps, auth, { limit: LIST_LIMIT })
      const now = deps.clock.now()
      return c.json({ items: rows.map((row) => presentAuditSummary(row, now)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/bias-audits/{id}',
      tags,
      security: SESSION_SECURITY,
      summary: 'One bias audit: progress while running, the report when done',
      description:
        'An audit still running six hours after it was created (its server stopped mid-upload) is shown as failed.',
      request: { params: ZBiasAuditIdParam },
      responses: { 200: jsonContent(ZBiasAudit, 'The bias audit'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'read', 'biasAudit')
      const stored = await getBiasAudit(deps, auth, c.req.valid('param'))
      return auditAnswer(c, presentAuditJson(stored, deps.clock.now()), 200)
    },
  )

  for (const format of REPORT_FORMATS) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/bias-audits/{id}/report.${format}`,
        tags,
        security: SESSION_SECURITY,
        summary: `The report of a finished bias audit as ${format === 'html' ? 'one self-contained HTML page' : 'PDF'}`,
        description:
          format === 'html'
            ? 'The page `custos bias-audit --out report.html` writes, from the stored result, as an attachment. Refused with 409 while the audit has no result.'
            : "That page printed by the server's Chromium, as an attachment. Refused with 409 while the audit has no result, and with 503 when the server has no Chromium, it fails, or too many PDFs are being printed at once.",
        request: { params: ZBiasAuditIdParam },
        responses: {
          200: {
            content: { [REPORT_MEDIA[format]]: { schema: { type: 'string', format: 'binary' } } },
            description: `The report (Content-Disposition: attachment; bias-audit-<file name>.${format})`,
          },
          ...errorResponses(401, 403, 404, 409),
          ...(format === 'pdf'
            ? { 503: jsonContent(ZErrorBody, 'No Chromium on the server, it failed, or it is busy') }
            : {}),
        },
      }),
      async (c) => {
        const auth = requireAuth(c)
        authorize(auth, 'read', 'biasAudit')
        const { body, fileName } = await auditReport(deps, auth, { ...c.req.valid('param'), format })
        return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
          'Content-Type': REPORT_MEDIA[format],
          'Content-Disposition': `attachment; filename="${fileName}"`,
          'Cache-Control': 'private, no-store',
        })
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/bias-audits/{id}',
      tags,
      security: SESSION_SECURITY,
      summary: 'Delete a bias audit and its report (frees its share of the storage quota)',
      description:
        'Recorded in the audit trail. An audit still running is refused with 409; one shown as failed may be deleted.',
      request: { params: ZBiasAuditIdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'delete', 'biasAudit')
      await deleteBiasAudit(deps, auth, c.req.valid('param'))
      return c.body(null, 204)
    },
  )
}
