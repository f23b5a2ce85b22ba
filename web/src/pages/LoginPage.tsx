/**
 * Sign-in: email and password, the server's message on failure, then on to the intended page; the
 * interface language can be chosen here too (remembered in this browser).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { CurrentPasswordField } from '../components/CurrentPasswordField.tsx'
import { Field } from '../components/Field.tsx'
import { LanguageSelect } from '../components/LanguageSelect.tsx'
import { ErrorNotice, SuccessNotice } from '../components/Status.tsx'
import { t } from '../i18n/i18n.ts'
import { safeNextPath } from '../lib/paths.ts'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'
import './auth.css'

export function LoginPage() {
  useDocumentTitle(t('login.title'))
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const [searchParams] = useSearchParams()
  const next = safeNextPath(searchParams.get('next'))
  const state = location.state as { isSignedOut?: boolean; email?: string } | null
  const isSignedOut = state?.isSignedOut === true
  const [email, setEmail] = useState(typeof state?.email === 'string' ? state.email : '')
  const [password, setPassword] = useState('')

  const login = useMutation({
    mutationFn: platformApi.login,
    onSuccess: async (me) => {
      queryClient.setQueryData(queryKeys.me, me)
      await navigate(next, { replace: true })
    },
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!login.isPending) login.mutate({ email: email.trim(), password })
  }

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="brand brand-large">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>{t('app.name')}</span>
        </p>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        {isSignedOut && !login.isError ? <SuccessNotice>{t('login.signedOut')}</SuccessNotice> : null}
        {login.isError ? <ErrorNotice error={login.error} /> : null}
        <form onSubmit={onSubmit} className="stack" aria-describedby="login-intro">
          <p id="login-intro" className="muted">
            {t('login.intro')}
          </p>
          <Field label={t('login.email')}>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              maxLength={LIMITS.emailMax}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          <CurrentPasswordField label="login.password" value={password} onChange={setPassword} />
          <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <LanguageSelect />
      </main>
    </div>
  )
}
