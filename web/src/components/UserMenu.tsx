/** The account disclosure in the header: who is signed in, with which role, "Your account" and "Sign out". */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { platformApi } from '../api/platform.ts'
import { t } from '../i18n/i18n.ts'
import { roleLabel } from '../lib/labels.ts'
import { paths } from '../lib/paths.ts'
import { useSession } from '../lib/session.tsx'
import { ErrorNotice } from './Status.tsx'

export function UserMenu() {
  const me = useSession()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [isOpen, setOpen] = useState(false)
  const panelId = useId()
  const container = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)

  const signOut = useMutation({
    mutationFn: platformApi.logout,
    onSuccess: async () => {
      // Leave the signed-in pages first, so nothing refetches `me` while the cache is emptied.
      await navigate(paths.login, { replace: true, state: { isSignedOut: true } })
      queryClient.clear()
    },
  })

  useEffect(() => {
    if (!isOpen) return
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false)
        toggle.current?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [isOpen])

  const initials = (me.user.name.trim() || me.user.email).slice(0, 1).toUpperCase()

  return (
    <div className="user-menu" ref={container}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={t('shell.userMenu', { name: me.user.name })}
        onClick={() => setOpen((open) => !open)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-menu-name">{me.user.name}</span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!isOpen}>
        <p className="muted small">{t('shell.signedInAs')}</p>
        <p className="user-menu-email">{me.user.email}</p>
        <p className="small">{t('shell.role', { role: roleLabel(me.role) })}</p>
        <p>
          <Link to={paths.account} onClick={() => setOpen(false)}>
            {t('shell.account')}
          </Link>
        </p>
        {signOut.isError ? <ErrorNotice error={signOut.error} /> : null}
        <button
          type="button"
          className="button button-secondary button-block"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {signOut.isPending ? t('shell.signingOut') : t('shell.signOut')}
        </button>
      </div>
    </div>
  )
}
