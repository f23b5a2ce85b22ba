/**
 * A new password and its confirmation, with the shared limits (LIMITS) and the hint, as every form
 * that sets a password asks for them (joining, changing it, resetting it). The form checks them with
 * `passwordProblem` (lib/invitations.ts) before it sends anything.
 */
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import { t } from '../i18n/i18n.ts'
import type { TMessageKey } from '../i18n/messages.ts'
import { Field } from './Field.tsx'

export function NewPasswordFields({
  labels,
  name = 'newPassword',
  password,
  confirmation,
  onPassword,
  onConfirmation,
}: {
  labels: { password: TMessageKey; confirmation: TMessageKey }
  /** The form field name of the password (the confirmation is always `confirmation`). */
  name?: string
  password: string
  confirmation: string
  onPassword: (value: string) => void
  onConfirmation: (value: string) => void
}) {
  return (
    <>
      <Field label={t(labels.password)} hint={t('password.hint', { min: LIMITS.passwordMin })}>
        <input
          type="password"
          name={name}
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          onChange={(event) => onPassword(event.target.value)}
        />
      </Field>
      <Field label={t(labels.confirmation)}>
        <input
          type="password"
          name="confirmation"
          autoComplete="new-password"
          required
          maxLength={LIMITS.passwordMax}
          value={confirmation}
          onChange={(event) => onConfirmation(event.target.value)}
        />
      </Field>
    </>
  )
}
