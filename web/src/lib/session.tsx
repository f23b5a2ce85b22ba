/**
 * The signed-in session as React sees it: the `me` query, a context that pages read it from, and the
 * gate that sends anyone without a session to the sign-in page.
 */
import { useQuery } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import { Navigate, Outlet, useLocation } from 'react-router'
import type { TMe } from '../../../src/modules/platform/schemas.ts'
import { isApiError } from '../api/errors.ts'
import { platformApi, queryKeys } from '../api/platform.ts'
import { FullPageError, FullPageLoading } from '../components/Status.tsx'
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
  if (me.isPending) return <FullPageLoading />
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
