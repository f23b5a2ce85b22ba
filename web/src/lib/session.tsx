/**
 * The signed-in session as React sees it: the `me` query, a context that pages read it from, and the
 * gate that sends anyone without a session to the sign-in page.
 */
import { useQuery } from '@tanstack/react-query'
import { createContext, useContext, useEffect } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router'
import type { TMe } from '../../../src/modules/platform/schemas.ts'
import { isApiError } from '../api/errors.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { FullPageError, FullPageLoading } from '../components/Status.tsx'
import { currentLocale } from '../i18n/i18n.ts'
import { rememberLocale, showLocale } from '../i18n/language.ts'
import { isLocale } from '../i18n/locales.ts'
import { loginPathFor } from './paths.ts'

const SessionContext = createContext<TMe | null>(null)

/** The current session. Only usable below <RequireSession>, which guarantees there is one. */
export function useSession(): TMe {
  const me = useContext(SessionContext)
  if (me === null) throw new Error('useSession is used outside <RequireSession>.')
  return me
}

export function useMeQuery() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => platformApi.me(signal),
    retry: false,
    staleTime: 60_000,
  })
}

/** Renders its child routes for a signed-in user; otherwise redirects to sign-in, keeping the path. */
export function RequireSession() {
  const me = useMeQuery()
  const location = useLocation()
  // The language the user saved wins over this browser's: switch to it (and remember it here)
  // before showing any signed-in page in another one.
  const saved = me.data?.user.locale
  const needsLocale = isLocale(saved) && saved !== currentLocale()
  useEffect(() => {
    if (!needsLocale || !isLocale(saved)) return
    rememberLocale(saved)
    void showLocale(saved)
  }, [needsLocale, saved])
  if (me.isPending || needsLocale) return <FullPageLoading />
  if (me.isError) {
    if (isApiError(me.error) && me.error.code === 'unauthenticated') {
      return <Navigate to={loginPathFor(location.pathname + location.search)} replace />
    }
    return <FullPageError error={me.error} onRetry={() => void me.refetch()} />
  }
  return (
    <SessionContext.Provider value={me.data}>
      <Outlet />
    </SessionContext.Provider>
  )
}
