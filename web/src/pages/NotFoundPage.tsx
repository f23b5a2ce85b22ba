/** Shown for any client route that does not exist. */
import { Link, useLocation } from 'react-router'
import { t } from '../i18n/i18n.ts'
import { paths } from '../lib/paths.ts'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'

export function NotFoundPage() {
  useDocumentTitle(t('notFound.title'))
  const location = useLocation()
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">404</p>
        <h1>{t('notFound.title')}</h1>
      </header>
      <p>{t('notFound.body', { path: location.pathname })}</p>
      <p>
        <Link to={paths.overview} className="button button-primary">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  )
}
