/** A read-only value with a "copy" button; falls back to selecting the text when copying is refused. */
import { useEffect, useId, useRef, useState } from 'react'
import { t } from '../i18n/i18n.ts'
import './CopyField.css'

type TCopyState = 'idle' | 'copied' | 'failed'

export function CopyField({
  label,
  value,
  isFocusedOnMount = false,
}: {
  label: string
  value: string
  /** Move focus (and so the selection) to the value when it appears, ready to copy. */
  isFocusedOnMount?: boolean
}) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<TCopyState>('idle')

  useEffect(() => {
    if (isFocusedOnMount) input.current?.focus()
  }, [isFocusedOnMount])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      input.current?.select()
      setState('failed')
    }
  }

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('invitations.copy')}
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {state === 'copied' ? t('invitations.copied') : null}
        {state === 'failed' ? t('invitations.copyFailed') : null}
      </p>
    </div>
  )
}
