/** Organisation settings: the name, the members and their roles, and invitations. */
import { t } from '../../i18n/i18n.ts'
import { canManageInvitations, canManageOrganisation } from '../../lib/roles.ts'
import { useSession } from '../../lib/session.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { DetailsSection } from './DetailsSection.tsx'
import { InvitationsSection } from './InvitationsSection.tsx'
import { MembersSection } from './MembersSection.tsx'
import './organisation.css'

export function OrganisationSettingsPage() {
  useDocumentTitle(t('org.title'))
  const me = useSession()
  const isManager = canManageOrganisation(me.role)
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{me.organisation.name}</p>
        <h1>{t('org.title')}</h1>
        {isManager ? null : <p className="muted">{t('org.readOnly')}</p>}
      </header>
      <DetailsSection isManager={isManager} />
      <MembersSection isManager={isManager} />
      {canManageInvitations(me.role) ? <InvitationsSection /> : null}
    </div>
  )
}
