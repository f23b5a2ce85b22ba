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

/** Codes as typed, `de, ng br;XX` → ['de', 'ng', 'br', 'XX']: the separators the server reads too. */
export const splitCodes = (text: string | null): string[] =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)

const sameValue = (a: string, b: string) => a.toUpperCase() === b.toUpperCase()

/** Whether `value` is still among the codes typed (case-insensitively). */
export const isTyped = (text: string, value: string): boolean =>
  splitCodes(text).some((part) => sameValue(part, value))

/**
 * The codes typed with `value` replaced by `code` (a suggestion taken), each code once:
 * `DE, Germany, XX` with Germany → DE gives `DE, XX`.
 */
export function replaceTyped(text: string, value: string, code: string): string {
  const out: string[] = []
  for (const part of splitCodes(text)) {
    const next = sameValue(part, value) ? code : part
    if (!out.some((seen) => sameValue(seen, next))) out.push(next)
  }
  return out.join(', ')
}
