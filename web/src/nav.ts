/**
 * The main navigation, as data. A module adds its page by adding one entry here; entries appear only
 * for roles that can use them, and only pages that work are listed.
 */
import type { TRole } from '../../src/modules/platform/limits.ts'
import type { TMessageKey } from './i18n/messages.ts'
import { paths } from './lib/paths.ts'
import { canReadAudit } from './lib/roles.ts'
import { JURISDICTION_PATHS } from './pages/jurisdictions/links.ts'
import { LIBRARY_PATH } from './pages/library/links.ts'

export type TNavItem = {
  to: string
  label: TMessageKey
  /** Shown to everyone when absent. */
  isVisibleTo?: (role: TRole) => boolean
  /** Highlight only on an exact match (the overview at `/` would match every path otherwise). */
  isEnd?: boolean
}

export const NAV_ITEMS: readonly TNavItem[] = [
  { to: paths.overview, label: 'nav.overview', isEnd: true },
  { to: paths.organisation, label: 'nav.organisation' },
  { to: paths.audit, label: 'nav.audit', isVisibleTo: canReadAudit },
  { to: LIBRARY_PATH, label: 'nav.library' },
  { to: JURISDICTION_PATHS.list, label: 'nav.jurisdictions' },
  { to: JURISDICTION_PATHS.gap, label: 'nav.gap' },
  { to: JURISDICTION_PATHS.map, label: 'nav.map' },
  { to: JURISDICTION_PATHS.dataSources, label: 'nav.dataSources' },
  { to: '/bias-audit', label: 'nav.biasAudit' },
]

/** The entries a member with this role sees, in order. */
export function navItemsFor(role: TRole, items: readonly TNavItem[] = NAV_ITEMS): TNavItem[] {
  return items.filter((item) => item.isVisibleTo === undefined || item.isVisibleTo(role))
}
