/** A labelled form control with an optional hint, wired together for assistive technology. */
import { cloneElement, type ReactElement, useId } from 'react'

type TControlProps = { id?: string; 'aria-describedby'?: string }

export function Field({
  label,
  hint,
  children,
}: {
  label: string
  hint?: string
  children: ReactElement<TControlProps>
}) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, ...(hint ? { 'aria-describedby': hintId } : {}) })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}
