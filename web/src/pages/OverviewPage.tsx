/**
 * The landing page, made for the kind of organisation: what Custos is for it, the next steps with
 * pages that work today, what will come here later (information, not links), and the organisation
 * itself. What each kind is offered is decided in web/src/lib/overview.ts.
 */
import { Link } from 'react-router'
import { t } from '../i18n/i18n.ts'
import { kindLabel, roleLabel } from '../lib/labels.ts'
import { overviewFor, upcomingMessage } from '../lib/overview.ts'
import { paths } from '../lib/paths.ts'
import { canReadAudit } from '../lib/roles.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'
import './OverviewPage.css'

export function OverviewPage() {
  useDocumentTitle(t('overview.title'))
  const me = useSession()
  const overview = overviewFor(me.organisation.kind, me.role)

  return (
    <div className="page overview">
      <header className="page-header">
        <p className="eyebrow">{kindLabel(me.organisation.kind)}</p>
        <h1>{t('overview.welcome', { name: me.user.name })}</h1>
        <p className="overview-lead" data-testid="overview-lead">
          {t(overview.lead)}
        </p>
      </header>

      <section aria-labelledby="overview-next" className="overview-section">
        <h2 id="overview-next">{t('overview.nextHeading')}</h2>
        <ol className="overview-steps" data-testid="next-steps">
          {overview.steps.map((step) => (
            <li key={step.id}>
              <Link to={step.to} className="link-card overview-step">
                <span className="link-card-title">{t(step.title)}</span>
                <span className="muted">{t(step.hint)}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section className="card overview-upcoming" aria-labelledby="overview-upcoming">
        <h2 id="overview-upcoming">{t('overview.upcomingHeading')}</h2>
        {overview.upcoming.length === 0 ? (
          <p className="muted">{t('overview.upcoming.none')}</p>
        ) : (
          <>
            <p className="muted">{t('overview.upcomingIntro')}</p>
            <ul data-testid="upcoming">
              {overview.upcoming.map((id) => (
                <li key={id}>{t(upcomingMessage(id))}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <OrganisationCard />
    </div>
  )
}

/** Who you are here, and the pages about the organisation itself. */
function OrganisationCard() {
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
    <section className="card overview-org" aria-labelledby="overview-org">
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
      <ul className="link-cards overview-org-links">
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
  )
}
