/**
 * Calls of the bias audit API: the list, one audit, the report downloads, and the streamed upload
 * with progress (XHR reports upload progress). Every failure rejects with ApiError, as `request` does.
 */
import type { z } from 'zod'
import type {
  TReportFormat,
  ZBiasAudit,
  ZBiasAuditList,
  ZBiasAuditParameters,
} from '../../../../src/modules/bias/schemas.ts'
import { currentCsrfToken, request } from '../../api/client.ts'
import { ApiError, toApiError } from '../../api/errors.ts'
import { t } from '../../i18n/i18n.ts'

export type TBiasAudit = z.infer<typeof ZBiasAudit>
export type TBiasAuditList = z.infer<typeof ZBiasAuditList>
export type TBiasAuditParameters = z.infer<typeof ZBiasAuditParameters>

type TRate = number | null
type TInterval = [number, number] | null

/** The parts of the report (the CLI's JSON) this page shows. */
export type TReport = {
  rows: number
  skipped: number
  minGroupSize: number
  skippedReasons: { reason: string; count: number; firstRows: number[] }[]
  overall: { selectionRate: TRate; tpr: TRate; fpr: TRate }
  groups: {
    key: string
    n: number
    rows: number
    selectionRate: TRate
    tpr: TRate
    fpr: TRate
    ci: { selectionRate: TInterval; tpr: TInterval; fpr: TInterval }
    insufficient: boolean
  }[]
  summary: TSummary
}

/** How a ratio reads through its interval (docs/bias-audit.md). */
export type TFlag = 'below' | 'above' | 'within' | 'inconclusive'

export const MEASURE_NAMES = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalizedOddsDifference',
  'equalizedOddsRatio',
  'equalOpportunityDifference',
  'equalOpportunityRatio',
  'averageOddsDifference',
] as const
export type TMeasureName = (typeof MEASURE_NAMES)[number]

type TKeyed = { key: string; value: number } | null

export type TMeasure = {
  value: TRate
  ci: TInterval
  method: 'newcombe' | 'katz' | 'bootstrap' | null
  rate: string | null
  max: TKeyed
  min: TKeyed
}

/** The summary compares the groups of at least minGroupSize rows; allGroups holds every group. */
export type TSummary = {
  reference: string | null
  comparedGroups: string[]
  excludedGroups: { key: string; rows: number }[]
  tooFewGroups: boolean
  measures: Record<TMeasureName, TMeasure>
  adverseImpact: { key: string; ratio: TRate; ci: TInterval; flag: TFlag | null; flagged: boolean }[]
  allGroups: { reference: string | null; measures: Record<TMeasureName, TMeasure> }
}

export const biasKeys = {
  list: ['bias-audits'] as const,
  one: (id: string) => ['bias-audits', id] as const,
}

/** Where an audit's report is (the server sends it as an attachment). */
export const reportHref = (id: string, format: TReportFormat): string =>
  `/api/bias-audits/${encodeURIComponent(id)}/report.${format}`

/** The server's name for the file (Content-Disposition), or a plain one. */
const attachmentName = (header: string | null, format: TReportFormat): string =>
  /filename="([^"]+)"/.exec(header ?? '')?.[1] ?? `bias-audit.${format}`

/** Fetches an audit's report and hands it to the browser as a download; an ApiError when refused. */
export async function downloadReport(id: string, format: TReportFormat): Promise<void> {
  let response: Response
  try {
    response = await fetch(reportHref(id, format), { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network_error', t('error.network'))
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined)
    throw toApiError(response.status, body, t('error.unexpected'))
  }
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = attachmentName(response.headers.get('content-disposition'), format)
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download; the blob can go once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export const biasApi = {
  list: (signal?: AbortSignal) =>
    request<TBiasAuditList>('GET', '/api/bias-audits', signal ? { signal } : {}),
  get: (id: string, signal?: AbortSignal) =>
    request<TBiasAudit>('GET', `/api/bias-audits/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  /** Upload `file` with the audit options; progress is the share of bytes sent (0..1). */
  upload: (
    file: File,
    options: Record<string, string>,
    onProgress: (share: number) => void,
  ): Promise<TBiasAudit> =>
    new Promise((resolve, reject) => {
      const query = new URLSearchParams({ ...options, fileName: file.name.slice(0, 200) })
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `/api/bias-audits?${query.toString()}`)
      xhr.setRequestHeader('accept', 'application/json')
      xhr.setRequestHeader('content-type', file.type || 'text/csv')
      const token = currentCsrfToken()
      if (token) xhr.setRequestHeader('x-csrf-token', token)
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total)
      }
      xhr.onerror = () => reject(new ApiError(0, 'network_error', t('error.network')))
      xhr.onload = () => {
        let body: unknown
        try {
          body = JSON.parse(xhr.responseText)
        } catch {
          body = undefined
        }
        if (xhr.status === 201) resolve(body as TBiasAudit)
        else reject(toApiError(xhr.status, body, t('error.unexpected')))
      }
      xhr.send(file)
    }),
}
