/** Typed calls of the jurisdictions API; the types come from the server's schemas and engine. */
import type { z } from 'zod'
import type {
  ZDataSources,
  ZGapMap,
  ZJurisdictionDetail,
  ZJurisdictionList,
} from '../../../../src/modules/jurisdictions/api-schemas.ts'
import type { TGapResult } from '../../../../src/modules/jurisdictions/gap.ts'
import { request } from '../../api/client.ts'
import { ApiError, toApiError } from '../../api/errors.ts'
import { t } from '../../i18n/i18n.ts'

export type TJurisdictionList = z.infer<typeof ZJurisdictionList>
export type TJurisdictionSummary = TJurisdictionList['items'][number]
export type TJurisdictionDetail = z.infer<typeof ZJurisdictionDetail>
export type TDataSources = z.infer<typeof ZDataSources>
export type TGapMap = z.infer<typeof ZGapMap>
export type TTechnologyOption = { id: string; title: string }

const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

/** A value the server knows, offered instead of one it does not: `DE` named `Germany`. */
export type TSuggested = { code: string; name: string }

/** One unknown technology or country of a request, as typed, with the values meant. */
export type TUnknownValue = { path: string; value: string; message: string; suggested: TSuggested[] }

/**
 * The server's answer to unknown technologies or countries (422 `unknown_value`, or 404 for a
 * country in the address): an ApiError like any other, which also keeps each issue's typed value
 * and suggestions (the shared ApiError keeps only path and message).
 */
export class UnknownValuesError extends ApiError {
  readonly unknown: readonly TUnknownValue[]

  constructor(error: ApiError, unknown: readonly TUnknownValue[]) {
    super(error.status, error.code, error.message, error.requestId, error.issues)
    this.unknown = unknown
  }
}

const isText = (value: unknown): value is string => typeof value === 'string'

const suggestedOf = (value: unknown): TSuggested[] =>
  Array.isArray(value)
    ? value.flatMap((s) => (s && isText(s.code) && isText(s.name) ? [{ code: s.code, name: s.name }] : []))
    : []

/** The issues of an error body that name a typed value; entries of another shape are dropped. */
export function unknownValuesOf(body: unknown): TUnknownValue[] {
  const issues = (body as { error?: { issues?: unknown } } | undefined)?.error?.issues
  if (!Array.isArray(issues)) return []
  return issues.flatMap((i) =>
    i && isText(i.path) && isText(i.value) && isText(i.message)
      ? [{ path: i.path, value: i.value, message: i.message, suggested: suggestedOf(i.suggested) }]
      : [],
  )
}

/**
 * A GET whose 404 or 422 answer names unknown values: those reject with UnknownValuesError. Any
 * other failure (a lost session, no network, a server error) is asked again through the shared
 * client, so it is handled and worded as everywhere else.
 */
async function getNamingUnknownValues<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response | undefined
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: signal ?? null,
    })
  } catch {
    response = undefined
  }
  if (response?.ok) return (await response.json()) as T
  if (response && (response.status === 404 || response.status === 422)) {
    const body: unknown = await response.json().catch(() => undefined)
    throw new UnknownValuesError(
      toApiError(response.status, body, t('error.unexpected')),
      unknownValuesOf(body),
    )
  }
  return request<T>('GET', path, opts(signal))
}

export const jurisdictionsApi = {
  list: (signal?: AbortSignal) => request<TJurisdictionList>('GET', '/api/jurisdictions', opts(signal)),
  detail: (code: string, signal?: AbortSignal) =>
    getNamingUnknownValues<TJurisdictionDetail>(`/api/jurisdictions/${encodeURIComponent(code)}`, signal),
  gap: (technologies: readonly string[], countries: readonly string[], signal?: AbortSignal) => {
    const query = new URLSearchParams({
      technologies: technologies.join(','),
      countries: countries.join(','),
    })
    return getNamingUnknownValues<TGapResult>(`/api/gap?${query.toString()}`, signal)
  },
  map: (technology: string, signal?: AbortSignal) =>
    request<TGapMap>('GET', `/api/gap/map?technology=${encodeURIComponent(technology)}`, opts(signal)),
  dataSources: (signal?: AbortSignal) => request<TDataSources>('GET', '/api/data-sources', opts(signal)),
  /** The technology catalogue (library API), for the pickers. */
  technologies: (signal?: AbortSignal) =>
    request<{ items: TTechnologyOption[] }>('GET', '/api/library/technologies', opts(signal)),
}

export const jurisdictionKeys = {
  list: ['jurisdictions'] as const,
  detail: (code: string) => ['jurisdictions', code] as const,
  gap: (technologies: readonly string[], countries: readonly string[]) =>
    ['gap', technologies.join(','), countries.join(',')] as const,
  map: (technology: string) => ['gap-map', technology] as const,
  dataSources: ['data-sources'] as const,
  technologies: ['library', 'technologies'] as const,
}
