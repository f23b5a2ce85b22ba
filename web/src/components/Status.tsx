/** @jsxRuntime automatic @jsxImportSource react */
// The pragma above lets node's test runner render this file too (tsx applies no tsconfig to web/).
/** Loading, error and notice blocks shared by every page. */
import type { ReactNode } from 'react'
import { isApiError } from '../api/errors.ts'
import { t } from '../i18n/i18n.ts'
import type { TMessageKey } from '../i18n/messages.ts'

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

/** What a person can do about an error of this code, when the message does not say it already. */
const NEXT_STEP: Partial<Record<string, TMessageKey>> = {
  forbidden: 'error.next.forbidden',
  rate_limited: 'error.next.rate_limited',
  payload_too_large: 'error.next.payload_too_large',
  internal_error: 'error.next.internal_error',
  unavailable: 'error.next.unavailable',
  not_found: 'error.next.not_found',
  conflict: 'error.next.conflict',
}

/**
 * The one way an error is shown (ARCHITECTURE.md, "Errors on screen"): the server's message, the
 * fields it concerns (named by `fieldLabels`, the form's own labels, keyed by the request path),
 * what to do next, and the request id to quote. Announced to screen readers.
 */
export function ErrorNotice({
  error,
  fieldLabels = {},
  children,
}: {
  error: unknown
  fieldLabels?: Record<string, string>
  children?: ReactNode
}) {
  const api = isApiError(error) ? error : undefined
  const issues = api?.issues ?? []
  const next = issues.length > 0 ? 'error.next.fields' : api ? NEXT_STEP[api.code] : undefined
  return (
    <div className="notice notice-error" role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p>{messageOf(error)}</p>
        {issues.length > 0 ? (
          <ul aria-label={t('error.fields')}>
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <strong>{fieldLabels[i.path] ?? i.path}</strong>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        {next ? <p>{t(next)}</p> : null}
        {api?.requestId ? <p className="muted small">{t('error.requestId', { id: api.requestId })}</p> : null}
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
