/** The frame around every signed-in page: header (product, organisation, account) and navigation. */
import { useEffect, useRef } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router'
import { t } from '../i18n/i18n.ts'
import { useSession } from '../lib/session.tsx'
import { navItemsFor } from '../nav.ts'
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx'
import { UserMenu } from './UserMenu.tsx'

export function AppShell() {
  const me = useSession()
  const main = useRef<HTMLElement>(null)
  const { pathname } = useLocation()
  const isFirstPage = useRef(true)

  // After a client-side navigation, move focus to the new page so keyboard and screen-reader users
  // start there (a full page load does this by itself; the first render keeps the browser's focus).
  useEffect(() => {
    if (isFirstPage.current) {
      isFirstPage.current = false
      return
    }
    if (pathname) main.current?.focus()
  }, [pathname])

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </NavLink>
        <OrganisationSwitcher />
        <UserMenu />
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('shell.mainNav')}>
          <ul>
            {navItemsFor(me.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.isEnd ?? false}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="app-main" tabIndex={-1} ref={main}>
          {/* Keyed by organisation: after a switch no page keeps state (a form, a list) of the old one. */}
          <Outlet key={me.organisation.id} />
        </main>
      </div>
    </div>
  )
}
