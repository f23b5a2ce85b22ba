/** Entry point: locale on <html>, the query cache, the router, and the lost-session redirect. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
// Before any component: the stylesheets that components and pages import come after the base.
import './styles/index.css'
import { setSessionLostHandler } from './api/client.ts'
import { isApiError } from './api/errors.ts'
import { applyDocumentLocale } from './i18n/i18n.ts'
import { isPublicPath, loginPathFor } from './lib/paths.ts'
import { routes } from './routes.tsx'

applyDocumentLocale(document)

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; a network blip or a 5xx might.
      retry: (failures, error) =>
        failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
  },
})

const router = createBrowserRouter(routes)

setSessionLostHandler(() => {
  const { pathname, search } = window.location
  if (isPublicPath(pathname)) return
  void router.navigate(loginPathFor(pathname + search), { replace: true }).then(() => queryClient.clear())
})

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element.')

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
)
