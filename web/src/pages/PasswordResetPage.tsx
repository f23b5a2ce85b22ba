/** Public page behind a password reset link: a new password twice, then on to sign in. */

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useLocation } from 'react-router'
import { isApiError } from '../api/errors.ts'
import { platformApi } from '../api/platform.ts'
import { NewPasswordFields } from '../components/NewPasswordFields.tsx'
import { ErrorNotice, SuccessNotice } from '../components/Status.tsx'
import { t } from '../i18n/i18n.ts'
import { passwordProblem } from '../lib/invitations.ts'
import { fragmentToken, paths } from '../lib/paths.ts'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'
import './auth.css'

export function PasswordResetPage() {
  useDocumentTitle(t('reset.title'))
  const location = useLocation()
  const token = fragmentToken(location.hash)
  const queryClient = useQueryClient()
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const reset = useMutation({
    mutationFn: platformApi.completePasswordReset,
    // Every session of the account ended, perhaps this browser's too: forget what was cached.
    onSuccess: () => queryClient.clear(),
  })

  // A used or expired link stays dead: the form would only fail again.
  const isDeadLink = isApiError(reset.error) && reset.error.code === 'not_found'

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = passwordProblem(newPassword, confirmation)
    setProblem(found)
    if (found === null && token !== null && !reset.isPending) reset.mutate({ token, newPassword })
  }

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="brand brand-large">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>{t('app.name')}</span>
        </p>
        <h1>{t('reset.title')}</h1>
        {token === null ? (
          <div className="notice notice-error" role="alert">
            <span className="notice-icon" aria-hidden="true">
              !
            </span>
            <p>{t('reset.noToken')}</p>
          </div>
        ) : null}
        {reset.isSuccess ? (
          <>
            <SuccessNotice>
              <p>{t('reset.done', { email: reset.data.email })}</p>
            </SuccessNotice>
            <Link
              to={paths.login}
              state={{ email: reset.data.email }}
              className="button button-primary button-block"
            >
              {t('reset.signIn')}
            </Link>
          </>
        ) : null}
        {isDeadLink ? <ErrorNotice error={reset.error} /> : null}
        {token !== null && !reset.isSuccess && !isDeadLink ? (
          <>
            <p className="muted">{t('reset.intro')}</p>
            {problem ? (
              <div className="notice notice-error" role="alert">
                <span className="notice-icon" aria-hidden="true">
                  !
                </span>
                <p>{problem}</p>
              </div>
            ) : null}
            {reset.isError ? <ErrorNotice error={reset.error} /> : null}
            <form onSubmit={onSubmit} className="stack" noValidate>
              <NewPasswordFields
                labels={{ password: 'reset.newPassword', confirmation: 'reset.confirm' }}
                password={newPassword}
                confirmation={confirmation}
                onPassword={setNewPassword}
                onConfirmation={setConfirmation}
              />
              <button type="submit" className="button button-primary button-block" disabled={reset.isPending}>
                {reset.isPending ? t('reset.submitting') : t('reset.submit')}
              </button>
            </form>
          </>
        ) : null}
        {reset.isSuccess ? null : (
          <p className="small auth-footer">
            <Link to={paths.login}>{t('login.submit')}</Link>
          </p>
        )}
      </main>
    </div>
  )
}
