/** The landing page: which organisation you are in, your role, what Custos is for, where to go. */
import { Link } from 'react-router'
import { t } from '../i18n/i18n.ts'
import { kindLabel, roleLabel } from '../lib/labels.ts'
import { paths } from '../lib/paths.ts'
import { canReadAudit } from '../lib/roles.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'

export function OverviewPage() {
  useDocumentTitle(t('overview.title'))
  const me = useSession()
  const links = [
    {
      to: paths.organisation,
      label: t('overview.linkOrganisation'),
      hint: t('overview.linkOrganisationHint'),
    },
    ...(canReadAudit(me.role)
      ? [{ to: paths.audit, label: t('overview.linkAudit'), hint: t('overview.linkAuditHint') }]
      : []),
  ]

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t('overview.title')}</p>
        <h1>{t('overview.welcome', { name: me.user.name })}</h1>
      </header>

      <section className="card" aria-labelledby="overview-org">
        <h2 id="overview-org">{t('overview.orgHeading')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('overview.orgName')}</dt>
            <dd data-testid="organisation-name">{me.organisation.name}</dd>
          </div>
          <div>
            <dt>{t('overview.orgKind')}</dt>
            <dd>{kindLabel(me.organisation.kind)}</dd>
          </div>
          <div>
            <dt>{t('overview.orgSlug')}</dt>
            <dd>
              <code>{me.organisation.slug}</code>
            </dd>
          </div>
          <div>
            <dt>{t('overview.yourRole')}</dt>
            <dd>
              <span className="badge">{roleLabel(me.role)}</span>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="overview-about">
        <h2 id="overview-about">{t('overview.aboutHeading')}</h2>
        <p>{t('overview.about1')}</p>
        <p>{t('overview.about2')}</p>
      </section>

      <section aria-labelledby="overview-next">
        <h2 id="overview-next">{t('overview.nextHeading')}</h2>
        <ul className="link-cards">
          {links.map((link) => (
            <li key={link.to}>
              <Link to={link.to} className="link-card">
                <span className="link-card-title">{link.label}</span>
                <span className="muted">{link.hint}</span>
              </Link>
            </li>
          ))}
          <li>
            {/* A server page, not a client route: a plain link so the browser loads it. */}
            <a href={paths.apiReference} className="link-card">
              <span className="link-card-title">{t('overview.linkApi')}</span>
              <span className="muted">{t('overview.linkApiHint')}</span>
            </a>
          </li>
        </ul>
      </section>
    </div>
  )
}
