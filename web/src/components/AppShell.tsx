/** The frame around every signed-in page: header (product, organisation, account) and navigation. */
import { useEffect, useRef, useState } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router'
import { t } from '../i18n/i18n.ts'
import { useSession } from '../lib/session.tsx'
import { navItemsFor } from '../nav.ts'
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx'
import { UserMenu } from './UserMenu.tsx'

const NAV_ID = 'app-nav'

export function AppShell() {
  const me = useSession()
  const main = useRef<HTMLElement>(null)
  const { pathname } = useLocation()
  // The page this shell last showed: focus moves to <main> only when the path really changes.
  const shownPath = useRef(pathname)
  // On narrow screens the navigation folds behind a "Menu" button (CSS decides when it shows).
  const [isNavOpen, setNavOpen] = useState(false)

  // After a client-side navigation, close the folded menu and move focus to the new page, so
  // keyboard and screen-reader users start there (the first render keeps the browser's focus).
  useEffect(() => {
    setNavOpen(false)
    if (pathname === shownPath.current) return
    shownPath.current = pathname
    main.current?.focus()
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
        <button
          type="button"
          className="button button-secondary nav-toggle"
          aria-expanded={isNavOpen}
          aria-controls={NAV_ID}
          onClick={() => setNavOpen((open) => !open)}
        >
          <span className="nav-toggle-icon" aria-hidden="true" />
          {t('shell.menu')}
        </button>
        <OrganisationSwitcher />
        <UserMenu />
      </header>
      <div className="app-body">
        <nav
          id={NAV_ID}
          className={isNavOpen ? 'app-nav is-open' : 'app-nav'}
          aria-label={t('shell.mainNav')}
        >
          <ul>
            {navItemsFor(me.role, me.organisation.kind).map((item) => (
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
