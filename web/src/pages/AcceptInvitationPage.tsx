/**
 * Public page behind an invitation link. Anyone signed in can join as themselves; otherwise a name
 * and password accept the invitation (a new address gets its account, an existing one keeps its
 * own password), then the page signs in and joins, and lands in the app.
 */

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import type { TMe } from '../../../src/modules/platform/schemas.ts'
import { isApiError } from '../api/errors.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { Field } from '../components/Field.tsx'
import { NewPasswordFields } from '../components/NewPasswordFields.tsx'
import { ErrorNotice } from '../components/Status.tsx'
import { t } from '../i18n/i18n.ts'
import { acceptAndJoin, acceptProblem, invitationTokenFrom } from '../lib/invitations.ts'
import { paths } from '../lib/paths.ts'
import { useMeQuery } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/useDocumentTitle.ts'
import './auth.css'
import './AcceptInvitationPage.css'

const JOIN_CALLS = {
  accept: platformApi.acceptInvitation,
  login: platformApi.login,
  join: platformApi.joinInvitation,
}

export function AcceptInvitationPage() {
  useDocumentTitle(t('invite.title'))
  const params = useParams()
  const location = useLocation()
  const token = invitationTokenFrom(params.token, location.hash)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMeQuery()

  const enter = async (joined: TMe) => {
    queryClient.clear()
    queryClient.setQueryData(queryKeys.me, joined)
    await navigate(paths.overview, { replace: true })
  }

  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="brand brand-large">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>{t('app.name')}</span>
        </p>
        <h1>{t('invite.title')}</h1>
        {token === null ? (
          <div className="notice notice-error" role="alert">
            <span className="notice-icon" aria-hidden="true">
              !
            </span>
            <p>{t('invite.noToken')}</p>
          </div>
        ) : (
          <>
            {me.data ? <JoinAsSignedIn me={me.data} token={token} onJoined={enter} /> : null}
            <AcceptForm token={token} isSignedIn={me.data !== undefined} onJoined={enter} />
          </>
        )}
        <p className="small auth-footer">
          {t('invite.haveAccount')} <Link to={paths.login}>{t('login.submit')}</Link>
        </p>
      </main>
    </div>
  )
}

/** "Join as <email>" for a visitor who is already signed in. */
function JoinAsSignedIn({
  me,
  token,
  onJoined,
}: {
  me: TMe
  token: string
  onJoined: (joined: TMe) => Promise<void>
}) {
  const queryClient = useQueryClient()
  const join = useMutation({
    mutationFn: () => platformApi.joinInvitation(token),
    onSuccess: onJoined,
    onError: async (error) => {
      // The session ended meanwhile: stop offering it, the form below still works.
      if (isApiError(error) && error.code === 'unauthenticated') {
        await queryClient.invalidateQueries({ queryKey: queryKeys.me })
      }
    },
  })
  return (
    <section className="join-as" aria-label={t('invite.joinAs', { email: me.user.email })}>
      <p>{t('invite.signedIn', { email: me.user.email })}</p>
      {join.isError ? (
        <ErrorNotice error={join.error}>
          {isApiError(join.error) && join.error.code === 'not_found' ? (
            <p>{t('invite.joinRefusedHint')}</p>
          ) : null}
        </ErrorNotice>
      ) : null}
      <button
        type="button"
        className="button button-primary button-block"
        disabled={join.isPending}
        onClick={() => join.mutate()}
      >
        {join.isPending ? t('invite.joining') : t('invite.joinAs', { email: me.user.email })}
      </button>
    </section>
  )
}

/** Name and password: accept, sign in with the address the server names, join. */
function AcceptForm({
  token,
  isSignedIn,
  onJoined,
}: {
  token: string
  isSignedIn: boolean
  onJoined: (joined: TMe) => Promise<void>
}) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [acceptedEmail, setAcceptedEmail] = useState<string | null>(null)

  const accept = useMutation({
    mutationFn: () =>
      acceptAndJoin(JOIN_CALLS, { token, name: name.trim(), password, acceptedEmail }, setAcceptedEmail),
    onSuccess: onJoined,
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = acceptProblem(name, password, confirmation)
    setProblem(found)
    if (found === null && !accept.isPending) accept.mutate()
  }

  return (
    <>
      {isSignedIn ? <h2 className="join-divider">{t('invite.otherAddress')}</h2> : null}
      <p className="muted">{t('invite.intro')}</p>
      <p className="muted small">{t('invite.existingAccount')}</p>
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
        <NewPasswordFields
          labels={{ password: 'invite.password', confirmation: 'invite.confirm' }}
          name="password"
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
        />
        <button
          type="submit"
          className={`button button-block ${isSignedIn ? 'button-secondary' : 'button-primary'}`}
          disabled={accept.isPending}
        >
          {accept.isPending ? t('invite.submitting') : t('invite.submit')}
        </button>
      </form>
    </>
  )
}
