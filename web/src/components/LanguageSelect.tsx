/**
 * The interface language menu (the user menu and the sign-in page): each language in its own name.
 * A choice is remembered in this browser and, when `save` is given (signed in), for the user on the
 * server first — if that fails, the language stays as it was and the server's message is shown.
 */
import { type ChangeEvent, useState } from 'react'
import { currentLocale, t } from '../i18n/i18n.ts'
import { rememberLocale, showLocale } from '../i18n/language.ts'
import { isLocale, LOCALE_NAMES, LOCALES, type TLocale } from '../i18n/locales.ts'
import { Field } from './Field.tsx'
import { ErrorNotice } from './Status.tsx'
import './LanguageSelect.css'

export function LanguageSelect({ save }: { save?: (locale: TLocale) => Promise<unknown> }) {
  const [isSaving, setSaving] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const onChange = async (event: ChangeEvent<HTMLSelectElement>) => {
    const locale = event.target.value
    if (!isLocale(locale) || locale === currentLocale()) return
    setSaving(true)
    setError(null)
    try {
      await save?.(locale)
    } catch (failure) {
      setError(failure)
      setSaving(false)
      return
    }
    rememberLocale(locale)
    // The tree is re-rendered in the new language (main.tsx), this menu with it.
    await showLocale(locale)
  }

  return (
    <div className="language-select">
      <Field label={t('shell.language')}>
        <select value={currentLocale()} disabled={isSaving} onChange={(event) => void onChange(event)}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
      </Field>
      {error === null ? null : <ErrorNotice error={error} />}
    </div>
  )
}
