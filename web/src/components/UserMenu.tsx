/**
 * The account disclosure in the header: who is signed in, with which role, the interface language,
 * "Your account" and "Sign out".
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { TMe } from '../../../src/modules/platform/schemas.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { t } from '../i18n/i18n.ts'
import type { TLocale } from '../i18n/locales.ts'
import { roleLabel } from '../lib/labels.ts'
import { paths } from '../lib/paths.ts'
import { useSession } from '../lib/session.tsx'
import { LanguageSelect } from './LanguageSelect.tsx'
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

  // Saved for the user first, then kept in the cached session, so the saved choice (which wins over
  // this browser's, lib/session.tsx) is the new one.
  const saveLocale = async (locale: TLocale) => {
    const saved = await platformApi.updatePreferences({ locale })
    queryClient.setQueryData<TMe>(queryKeys.me, (old) =>
      old ? { ...old, user: { ...old.user, locale: saved.locale } } : old,
    )
  }

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
        <LanguageSelect save={saveLocale} />
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
