/** Changing your own password: the current one, the new one twice; the other sessions end. */

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { rephrased } from '../../api/errors.ts'
import { platformApi, queryKeys } from '../../api/platform.ts'
import { CurrentPasswordField } from '../../components/CurrentPasswordField.tsx'
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx'
import { ErrorNotice, SuccessNotice } from '../../components/Status.tsx'
import { t, tCount } from '../../i18n/i18n.ts'
import { passwordProblem } from '../../lib/invitations.ts'

export function PasswordSection() {
  const queryClient = useQueryClient()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const change = useMutation({
    mutationFn: platformApi.changePassword,
    onSuccess: async () => {
      setCurrentPassword('')
      setNewPassword('')
      setConfirmation('')
      await queryClient.invalidateQueries({ queryKey: queryKeys.sessions })
    },
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found =
      currentPassword === '' ? t('account.currentMissing') : passwordProblem(newPassword, confirmation)
    setProblem(found)
    if (found === null && !change.isPending) change.mutate({ currentPassword, newPassword })
  }

  return (
    <section className="card" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.passwordHeading')}</h2>
      <p className="muted">{t('account.passwordIntro')}</p>
      {problem ? (
        <div className="notice notice-error" role="alert">
          <span className="notice-icon" aria-hidden="true">
            !
          </span>
          <p>{problem}</p>
        </div>
      ) : null}
      {change.isError ? (
        // The server's "email or password" is written for the sign-in form; here only a password was typed.
        <ErrorNotice
          error={rephrased(change.error, 'invalid_credentials', t('account.wrongCurrentPassword'))}
        />
      ) : null}
      {change.isSuccess ? (
        <SuccessNotice>{tCount('account.passwordChanged', change.data.endedSessions)}</SuccessNotice>
      ) : null}
      <form onSubmit={onSubmit} className="stack form-narrow" noValidate>
        <CurrentPasswordField
          label="account.currentPassword"
          name="currentPassword"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <NewPasswordFields
          labels={{ password: 'account.newPassword', confirmation: 'account.confirmPassword' }}
          password={newPassword}
          confirmation={confirmation}
          onPassword={setNewPassword}
          onConfirmation={setConfirmation}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? t('account.changingPassword') : t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  )
}
