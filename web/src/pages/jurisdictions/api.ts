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
import { ApiError, isApiError, type TFieldIssue } from '../../api/errors.ts'

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
 * country in the address): an ApiError like any other, with each issue's typed value and
 * suggestions read from its details.
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

/** The issues of an error that name a typed value; the others are left out. */
function unknownValuesOf(issues: readonly TFieldIssue[]): TUnknownValue[] {
  return issues.flatMap((i) =>
    isText(i.details?.value)
      ? [
          {
            path: i.path,
            value: i.details.value,
            message: i.message,
            suggested: suggestedOf(i.details.suggested),
          },
        ]
      : [],
  )
}

/** A GET whose 404 or 422 answer names unknown values: those reject with UnknownValuesError. */
async function getNamingUnknownValues<T>(path: string, signal?: AbortSignal): Promise<T> {
  try {
    return await request<T>('GET', path, opts(signal))
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 422))
      throw new UnknownValuesError(error, unknownValuesOf(error.issues))
    throw error
  }
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
