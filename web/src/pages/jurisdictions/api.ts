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

export type TJurisdictionList = z.infer<typeof ZJurisdictionList>
export type TJurisdictionSummary = TJurisdictionList['items'][number]
export type TJurisdictionDetail = z.infer<typeof ZJurisdictionDetail>
export type TDataSources = z.infer<typeof ZDataSources>
export type TGapMap = z.infer<typeof ZGapMap>
export type TTechnologyOption = { id: string; title: string }

const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

export const jurisdictionsApi = {
  list: (signal?: AbortSignal) => request<TJurisdictionList>('GET', '/api/jurisdictions', opts(signal)),
  detail: (code: string, signal?: AbortSignal) =>
    request<TJurisdictionDetail>('GET', `/api/jurisdictions/${encodeURIComponent(code)}`, opts(signal)),
  gap: (technologies: readonly string[], countries: readonly string[], signal?: AbortSignal) => {
    const query = new URLSearchParams({
      technologies: technologies.join(','),
      countries: countries.join(','),
    })
    return request<TGapResult>('GET', `/api/gap?${query.toString()}`, opts(signal))
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
