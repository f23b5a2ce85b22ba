/**
 * The block every page repeats for a query: a spinner while it loads, the server's message when it
 * fails, then the content drawn from its data. Without children it shows only the first two, for a
 * page that lays out the data itself.
 */
import type { ReactNode } from 'react'
import { ErrorNotice, Loading } from './Status.tsx'

type TQueryState<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined }

export function QueryView<T>({
  query,
  children,
  isActive = true,
}: {
  query: TQueryState<T>
  children?: (data: T) => ReactNode
  /** False for a query that has not been asked yet (a form not submitted): no spinner then. */
  isActive?: boolean
}) {
  return (
    <>
      {isActive && query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorNotice error={query.error} /> : null}
      {children && query.data !== undefined ? children(query.data) : null}
    </>
  )
}
