/** What a member sees on a page their role cannot use (the server would refuse the data anyway). */
import { t } from '../i18n/i18n.ts'

export function NotAllowed({ title }: { title: string }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="notice notice-info" role="status">
        <span className="notice-icon" aria-hidden="true">
          i
        </span>
        <p>{t('error.notAllowed')}</p>
      </div>
    </div>
  )
}
