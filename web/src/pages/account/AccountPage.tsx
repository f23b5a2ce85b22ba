/** Your account: who you are, your password and where you are signed in. */
import { t } from '../../i18n/i18n.ts'
import { roleLabel } from '../../lib/labels.ts'
import { useSession } from '../../lib/session.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { PasswordSection } from './PasswordSection.tsx'
import { SessionsSection } from './SessionsSection.tsx'
import './account.css'

export function AccountPage() {
  useDocumentTitle(t('account.title'))
  const me = useSession()
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('account.title')}</h1>
      </header>

      <section className="card" aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profileHeading')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{me.user.name}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd className="break-anywhere" data-testid="account-email">
              {me.user.email}
            </dd>
          </div>
          <div>
            <dt>{t('account.organisations')}</dt>
            <dd>
              <ul className="plain-list">
                {me.memberships.map((membership) => (
                  <li key={membership.organisation.id}>
                    {membership.organisation.name} <span className="badge">{roleLabel(membership.role)}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      </section>

      <PasswordSection />
      <SessionsSection />
    </div>
  )
}
