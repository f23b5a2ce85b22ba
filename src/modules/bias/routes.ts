/**
 * Bias audit API (issue 5): upload a decision log (streamed, size-limited by BODY_LIMITS), read the
 * audits of the organisation, with progress while one runs and the report when done.
 */
import { createRoute } from '@hono/zod-openapi'
import { errors } from '../../core/errors.ts'
import { fromJsonColumn } from '../../db/json.ts'
import { requireAuth, type TApp, type TAppDeps } from '../../http/context.ts'
import { errorResponses, jsonContent, SESSION_SECURITY } from '../../http/openapi.ts'
import { authorize } from '../platform/index.ts'
import { findBiasAudit, listBiasAudits, type TBiasAuditRow } from './repository.ts'
import {
  LIST_LIMIT,
  type TBiasAudit,
  type TBiasAuditSummary,
  ZBiasAudit,
  ZBiasAuditIdParam,
  ZBiasAuditList,
  ZBiasAuditQuery,
} from './schemas.ts'
import { presentedStatus, runUploadedAudit } from './service.ts'

const tags = ['Bias audit']

/**
 * Presenter: the fields a client may see, picked one by one. `now` (the app clock) derives the
 * shown status: an orphaned run reads as `failed` without anything being written on read.
 */
const summaryOf = (row: Omit<TBiasAuditRow, 'result'>, now: Date): TBiasAuditSummary => ({
  id: row.id,
  fileName: row.file_name,
  status: presentedStatus(row, now),
  bytesRead: Number(row.bytes_read),
  createdAt: row.created_at,
  finishedAt: row.finished_at,
})
const auditOf = (row: TBiasAuditRow, now: Date): TBiasAudit => ({
  ...summaryOf(row, now),
  result: row.result === null ? null : fromJsonColumn<Record<string, unknown>>(row.result),
})

export const registerBiasRoutes = (app: TApp, deps: TAppDeps): void => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/bias-audits',
      tags,
      security: SESSION_SECURITY,
      summary: 'Audit an uploaded decision log',
      description:
        'The body is the decision log itself (CSV, or gzip), streamed; the query carries the options of `custos bias-audit`. While it runs, GET /api/bias-audits/{id} shows the bytes read.',
      request: { query: ZBiasAuditQuery },
      responses: {
        201: jsonContent(ZBiasAudit, 'The finished audit'),
        ...errorResponses(401, 403, 413, 422),
      },
    }),
    async (c) => {
      const auth = requireAuth(c)
      authorize(auth, 'create', 'biasAudit')
      const { fileName, faceMatch, ...flags } = c.req.valid('query')
      const row = await runUploadedAudit({
        db: deps.db,
        clock: deps.clock,
        secrets: deps.secrets,
        orgId: auth.orgId,
        userId: auth.userId,
        fileName: fileName ?? 'upload.csv',
        flags: { ...flags, faceMatch: faceMatch === 'true', format: 'json' },
        body: c.req.raw.body,
      })
      return c.json(auditOf(row, deps.clock.now()), 201)
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
      const rows = await listBiasAudits(deps.db, auth.orgId, LIST_LIMIT)
      const now = deps.clock.now()
      return c.json({ items: rows.map((row) => summaryOf(row, now)) }, 200)
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
      const row = await findBiasAudit(deps.db, auth.orgId, c.req.valid('param').id)
      if (!row) throw errors.notFound('Bias audit')
      return c.json(auditOf(row, deps.clock.now()), 200)
    },
  )
}
