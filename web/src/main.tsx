/**
 * Entry point: the interface language (its catalogue loaded before the first render, lang and dir on
 * <html>), the query cache, the router, and the lost-session redirect.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { Fragment, type ReactNode, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { createBrowserRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
// Before any component: the stylesheets that components and pages import come after the base.
import './styles/index.css'
import { setSessionLostHandler } from './api/client.ts'
import { isApiError } from './api/errors.ts'
import { i18n } from './i18n/i18n.ts'
import { startLanguage } from './i18n/language.ts'
import { isPublicPath, loginPathFor } from './lib/paths.ts'
import { routes } from './routes.tsx'

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

/**
 * Re-renders everything below it in the new language. Components call the plain `t`/`tb`/`lt`
 * functions rather than a hook each, so instead of threading useTranslation through every component
 * the routed tree is keyed on the language: a change of language (rare, and chosen by the user)
 * remounts it, while the router and the query cache, which live outside, keep the place and the data.
 */
function LanguageRoot({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation()
  return <Fragment key={instance.language}>{children}</Fragment>
}

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element.')

await startLanguage()

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LanguageRoot>
          <RouterProvider router={router} />
        </LanguageRoot>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
)
