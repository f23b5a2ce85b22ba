/** Loading, error and notice blocks shared by every page. */
import type { ReactNode } from 'react'
import { isApiError } from '../api/errors.ts'
import { t } from '../i18n/i18n.ts'

export function Loading({ label = t('app.loading') }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  )
}

export function FullPageLoading() {
  return (
    <div className="full-page">
      <Loading />
    </div>
  )
}

/** The user-safe message of an error; anything that is not an ApiError gets the generic one. */
export function messageOf(error: unknown): string {
  return isApiError(error) ? error.message : t('error.unexpected')
}

/** An error announced to screen readers, with the server's request id when there is one. */
export function ErrorNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  const requestId = isApiError(error) ? error.requestId : undefined
  return (
    <div className="notice notice-error" role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p>{messageOf(error)}</p>
        {requestId ? <p className="muted small">{t('error.requestId', { id: requestId })}</p> : null}
        {children}
      </div>
    </div>
  )
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      <span className="notice-icon" aria-hidden="true">
        ✓
      </span>
      <div>{children}</div>
    </div>
  )
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="full-page">
      <ErrorNotice error={error}>
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </ErrorNotice>
    </div>
  )
}
