/** Public page behind an invitation link: choose a name and password, join, and land in the app. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { Field } from '../components/Field.tsx'
import { ErrorNotice } from '../components/Status.tsx'
import { t } from '../i18n/i18n.ts'
import { invitationTokenFrom, passwordProblem } from '../lib/invitations.ts'
import { paths } from '../lib/paths.ts'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'

export function AcceptInvitationPage() {
  useDocumentTitle(t('invite.title'))
  const params = useParams()
  const location = useLocation()
  const token = invitationTokenFrom(params.token, location.hash)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const accept = useMutation({
    mutationFn: platformApi.acceptInvitation,
    onSuccess: async (me) => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, me)
      await navigate(paths.overview, { replace: true })
    },
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = passwordProblem(password, confirmation)
    setProblem(found)
    if (found === null && token !== null && !accept.isPending)
      accept.mutate({ token, name: name.trim(), password })
  }

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="brand brand-large">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>{t('app.name')}</span>
        </p>
        <h1>{t('invite.title')}</h1>
        <p className="muted">{t('invite.intro')}</p>
        <p className="muted small">{t('invite.existingAccount')}</p>
        {token === null ? (
          <div className="notice notice-error" role="alert">
            <span className="notice-icon" aria-hidden="true">
              !
            </span>
            <p>{t('invite.noToken')}</p>
          </div>
        ) : null}
        {problem ? (
          <div className="notice notice-error" role="alert">
            <span className="notice-icon" aria-hidden="true">
              !
            </span>
            <p>{problem}</p>
          </div>
        ) : null}
        {accept.isError ? <ErrorNotice error={accept.error} /> : null}
        {/* Our own checks (passwordProblem) speak in the page's words rather than the browser's tooltip. */}
        <form onSubmit={onSubmit} className="stack" noValidate>
          <Field label={t('invite.name')}>
            <input
              type="text"
              name="name"
              autoComplete="name"
              required
              maxLength={LIMITS.nameMax}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Field label={t('invite.password')} hint={t('invite.passwordHint', { min: LIMITS.passwordMin })}>
            <input
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={LIMITS.passwordMin}
              maxLength={LIMITS.passwordMax}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          <Field label={t('invite.confirm')}>
            <input
              type="password"
              name="confirmation"
              autoComplete="new-password"
              required
              maxLength={LIMITS.passwordMax}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          </Field>
          <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
            {accept.isPending ? t('invite.submitting') : t('invite.submit')}
          </button>
        </form>
        <p className="small auth-footer">
          {t('invite.haveAccount')} <Link to={paths.login}>{t('login.submit')}</Link>
        </p>
      </main>
    </div>
  )
}
