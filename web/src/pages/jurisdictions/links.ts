/** Paths of the jurisdiction pages, used by the routes, the nav and the links. */
export const JURISDICTION_PATHS = {
  list: '/jurisdictions',
  gap: '/gap',
  map: '/map',
  dataSources: '/data-sources',
} as const

export const jurisdictionPath = (code: string): string =>
  `${JURISDICTION_PATHS.list}/${encodeURIComponent(code)}`

/** The gap page with its choices in the address, so an analysis can be bookmarked and shared. */
export const gapPath = (technologies: readonly string[], countries: readonly string[]): string => {
  const query = new URLSearchParams()
  if (technologies.length > 0) query.set('technologies', technologies.join(','))
  if (countries.length > 0) query.set('countries', countries.join(','))
  const text = query.toString()
  return text ? `${JURISDICTION_PATHS.gap}?${text}` : JURISDICTION_PATHS.gap
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Case- and accent-insensitive search: the exact alpha-2 or alpha-3 code, or part of the name. */
export function matchesSearch(item: { code: string; iso3: string; name: string }, query: string): boolean {
  const q = fold(query.trim())
  if (q === '') return true
  return fold(item.code) === q || fold(item.iso3) === q || fold(item.name).includes(q)
}
