/**
 * What the overview offers each kind of organisation: the next steps, in the order that kind needs
 * them, each pointing at a page that works today; and what Custos will do for that kind later, as
 * plain information that links nowhere, so nothing unbuilt passes for a feature. Roles still decide:
 * a step the role could not take is swapped for one it can, or left out. Tested in overview.test.ts.
 */
import type { TOrgKind, TRole } from '../../../src/modules/platform/limits.ts'
import { isAllowed } from '../../../src/modules/platform/policy.ts'
import type { TMessageKey } from '../i18n/messages.ts'
import { BIAS_AUDIT_PATH } from '../nav.ts'
import { JURISDICTION_PATHS } from '../pages/jurisdictions/links.ts'
import { libraryPaths } from '../pages/library/links.ts'
import { paths } from './paths.ts'
import { canManageInvitations } from './roles.ts'

export type TStepId =
  | 'gapCountries'
  | 'gapContracts'
  | 'gapMarkets'
  | 'biasAudit'
  | 'biasAuditProduct'
  | 'biasAuditRead'
  | 'toolkit'
  | 'assessmentQuestions'
  | 'code'
  | 'principles'
  | 'providerQuestions'
  | 'technologyRisks'
  | 'vendorProfile'
  | 'library'
  | 'jurisdictions'
  | 'worldMap'
  | 'invite'

export type TNextStep = {
  id: TStepId
  /** A client route that exists today. */
  to: string
  title: TMessageKey
  hint: TMessageKey
}

/** Work Custos does not do yet; named so that an organisation knows what this place is for. */
export type TUpcomingId =
  | 'deployments'
  | 'grievances'
  | 'reportsProvider'
  | 'providerDueDiligence'
  | 'reportsClient'
  | 'reportsVendor'

export type TOverview = {
  /** One sentence under the heading: what Custos is for, for this kind of organisation. */
  lead: TMessageKey
  steps: TNextStep[]
  upcoming: TUpcomingId[]
}

const STEP_PATHS: Record<TStepId, string> = {
  gapCountries: JURISDICTION_PATHS.gap,
  gapContracts: JURISDICTION_PATHS.gap,
  gapMarkets: JURISDICTION_PATHS.gap,
  biasAudit: BIAS_AUDIT_PATH,
  biasAuditProduct: BIAS_AUDIT_PATH,
  biasAuditRead: BIAS_AUDIT_PATH,
  toolkit: libraryPaths.framework('toolkit'),
  assessmentQuestions: libraryPaths.questionnaire('deployment-assessment'),
  code: libraryPaths.framework('icoc'),
  principles: libraryPaths.framework('vps'),
  providerQuestions: libraryPaths.questionnaire('provider-due-diligence'),
  // The technology catalogue is a section of the library's home page; it has no page of its own.
  technologyRisks: libraryPaths.home,
  vendorProfile: libraryPaths.questionnaire('vendor-profile'),
  library: libraryPaths.home,
  jurisdictions: JURISDICTION_PATHS.list,
  worldMap: JURISDICTION_PATHS.map,
  invite: paths.organisation,
}

/** Each kind's steps, most useful first, before roles are applied. */
const STEPS_BY_KIND: Record<TOrgKind, readonly TStepId[]> = {
  // A provider deploys technology in many countries (toolkit T1: know the context before use).
  provider: ['gapCountries', 'biasAudit', 'toolkit', 'assessmentQuestions', 'invite'],
  // A client contracts security: the Code its providers sign, the Principles it follows itself.
  client: ['code', 'principles', 'gapContracts', 'providerQuestions', 'invite'],
  // A vendor answers for its product: how it treats groups of people, and what it puts at risk.
  vendor: ['biasAuditProduct', 'technologyRisks', 'vendorProfile', 'gapMarkets', 'invite'],
  association: ['library', 'jurisdictions', 'worldMap', 'invite'],
}

const UPCOMING_BY_KIND: Record<TOrgKind, readonly TUpcomingId[]> = {
  provider: ['deployments', 'grievances', 'reportsProvider'],
  client: ['providerDueDiligence', 'reportsClient'],
  vendor: ['reportsVendor'],
  association: [],
}

const LEAD_BY_KIND: Record<TOrgKind, TMessageKey> = {
  provider: 'overview.lead.provider',
  client: 'overview.lead.client',
  vendor: 'overview.lead.vendor',
  association: 'overview.lead.association',
}

const canRunBiasAudit = (role: TRole): boolean => isAllowed(role, 'create', 'biasAudit')

/** The step this role takes instead (a reader of bias audits cannot run one), or null to leave it out. */
function stepForRole(id: TStepId, role: TRole): TStepId | null {
  if ((id === 'biasAudit' || id === 'biasAuditProduct') && !canRunBiasAudit(role)) return 'biasAuditRead'
  if (id === 'invite' && !canManageInvitations(role)) return null
  return id
}

const stepOf = (id: TStepId): TNextStep => ({
  id,
  to: STEP_PATHS[id],
  title: `overview.step.${id}.title`,
  hint: `overview.step.${id}.hint`,
})

/** The overview of an organisation of this kind, seen by a member with this role. */
export function overviewFor(kind: TOrgKind, role: TRole): TOverview {
  const steps = STEPS_BY_KIND[kind]
    .map((id) => stepForRole(id, role))
    .filter((id): id is TStepId => id !== null)
    .map(stepOf)
  return { lead: LEAD_BY_KIND[kind], steps, upcoming: [...UPCOMING_BY_KIND[kind]] }
}

/** The message of an upcoming piece of work. */
export const upcomingMessage = (id: TUpcomingId): TMessageKey => `overview.upcoming.${id}`
