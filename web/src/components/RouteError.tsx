/** Shown when a route fails to render or its code fails to load (for example after an upgrade). */
import { useRouteError } from 'react-router'
import { FullPageError } from './Status.tsx'

export function RouteError() {
  const error = useRouteError()
  return <FullPageError error={error} onRetry={() => window.location.reload()} />
}
