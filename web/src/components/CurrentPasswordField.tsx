/**
 * The password a person already has, as the sign-in form and the password change ask for it: marked
 * `current-password` so a password manager fills it in, and held to the shared maximum (LIMITS).
 * New passwords are NewPasswordFields.
 */
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import { t } from '../i18n/i18n.ts'
import type { TMessageKey } from '../i18n/messages.ts'
import { Field } from './Field.tsx'

export function CurrentPasswordField({
  label,
  name = 'password',
  value,
  onChange,
}: {
  label: TMessageKey
  /** The form field name. */
  name?: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <Field label={t(label)}>
      <input
        type="password"
        name={name}
        autoComplete="current-password"
        required
        maxLength={LIMITS.passwordMax}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  )
}
