/**
 * The main navigation, as data. A module adds its page by adding one entry here; entries appear only
 * for roles that can use them, and only pages that work are listed. Every kind of organisation sees
 * the same pages; each kind brings the ones it uses most to the top.
 */
import type { TOrgKind, TRole } from '../../src/modules/platform/limits.ts'
import type { TMessageKey } from './i18n/messages.ts'
import { paths } from './lib/paths.ts'
import { canReadAudit } from './lib/roles.ts'
import { JURISDICTION_PATHS } from './pages/jurisdictions/links.ts'
import { LIBRARY_PATH } from './pages/library/links.ts'

export const BIAS_AUDIT_PATH = '/bias-audit'

export type TNavItem = {
  to: string
  label: TMessageKey
  /** Shown to everyone when absent. */
  isVisibleTo?: (role: TRole) => boolean
  /** Highlight only on an exact match (the overview at `/` would match every path otherwise). */
  isEnd?: boolean
}

/** Every entry, in a security provider's order: the tools first, then reading, then the organisation. */
export const NAV_ITEMS: readonly TNavItem[] = [
  { to: paths.overview, label: 'nav.overview', isEnd: true },
  { to: JURISDICTION_PATHS.gap, label: 'nav.gap' },
  { to: BIAS_AUDIT_PATH, label: 'nav.biasAudit' },
  { to: LIBRARY_PATH, label: 'nav.library' },
  { to: JURISDICTION_PATHS.list, label: 'nav.jurisdictions' },
  { to: JURISDICTION_PATHS.map, label: 'nav.map' },
  { to: JURISDICTION_PATHS.dataSources, label: 'nav.dataSources' },
  { to: paths.organisation, label: 'nav.organisation' },
  { to: paths.audit, label: 'nav.audit', isVisibleTo: canReadAudit },
]

/**
 * The pages each kind uses most, placed right after the overview in this order; the others follow
 * in the order of NAV_ITEMS. Reordering only: no kind loses a page.
 */
export const LEADING_BY_KIND: Record<TOrgKind, readonly string[]> = {
  provider: [],
  // A client reads the Code and the Principles first, then checks the countries of its contracts.
  client: [LIBRARY_PATH, JURISDICTION_PATHS.gap, JURISDICTION_PATHS.list],
  // A vendor audits its product, then reads the risks the catalogue lists for its technology.
  vendor: [BIAS_AUDIT_PATH, LIBRARY_PATH, JURISDICTION_PATHS.gap],
  association: [LIBRARY_PATH, JURISDICTION_PATHS.list, JURISDICTION_PATHS.map],
}

/**
 * The entries a member with this role sees, in the order for their kind of organisation (without
 * a kind, the order of NAV_ITEMS).
 */
export function navItemsFor(
  role: TRole,
  kind?: TOrgKind,
  items: readonly TNavItem[] = NAV_ITEMS,
): TNavItem[] {
  const first = [paths.overview, ...(kind ? LEADING_BY_KIND[kind] : [])]
  const rank = (item: TNavItem) => {
    const at = first.indexOf(item.to)
    return at === -1 ? first.length : at
  }
  // Array sort is stable, so the entries not named keep their NAV_ITEMS order.
  return items
    .filter((item) => item.isVisibleTo === undefined || item.isVisibleTo(role))
    .sort((a, b) => rank(a) - rank(b))
}
