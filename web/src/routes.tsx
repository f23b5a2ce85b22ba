/**
 * The client-side routes. Signed-in pages sit below <RequireSession> and <AppShell>; the shell and
 * every page other than sign-in load on demand so the first download stays small (docs/quality.md).
 * A page family with messages of its own loads their catalogue in the current language together
 * with its code (withCatalogue), so it renders translated and English users fetch no other language.
 */
import type { RouteObject } from 'react-router'
import { RouteError } from './components/RouteError.tsx'
import { FullPageLoading } from './components/Status.tsx'
import { withCatalogue } from './i18n/language.ts'
import { RequireSession } from './lib/session.tsx'
import { LoginPage } from './pages/LoginPage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'

const acceptInvitationPage = async () => ({
  Component: (await import('./pages/AcceptInvitationPage.tsx')).AcceptInvitationPage,
})
const passwordResetPage = async () => ({
  Component: (await import('./pages/PasswordResetPage.tsx')).PasswordResetPage,
})

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoading />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'invitations/accept', lazy: acceptInvitationPage },
      { path: 'invite/:token', lazy: acceptInvitationPage },
      { path: 'password-reset', lazy: passwordResetPage },
      {
        element: <RequireSession />,
        children: [
          {
            // The shell (navigation, organisation switcher, user menu) is not part of the sign-in page.
            lazy: async () => ({ Component: (await import('./components/AppShell.tsx')).AppShell }),
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('./pages/OverviewPage.tsx')).OverviewPage }),
              },
              {
                path: 'settings/organisation',
                lazy: async () => ({
                  Component: (await import('./pages/organisation/OrganisationSettingsPage.tsx'))
                    .OrganisationSettingsPage,
                }),
              },
              {
                path: 'account',
                lazy: async () => ({
                  Component: (await import('./pages/account/AccountPage.tsx')).AccountPage,
                }),
              },
              {
                path: 'audit',
                lazy: async () => ({ Component: (await import('./pages/AuditLogPage.tsx')).AuditLogPage }),
              },
              {
                path: 'library/*',
                lazy: withCatalogue('library', async () => ({
                  Component: (await import('./pages/library/LibraryRoutes.tsx')).LibraryRoutes,
                })),
              },
              {
                path: 'jurisdictions/*',
                lazy: withCatalogue('jurisdictions', async () => ({
                  Component: (await import('./pages/jurisdictions/JurisdictionRoutes.tsx'))
                    .JurisdictionRoutes,
                })),
              },
              {
                path: 'gap',
                lazy: withCatalogue('jurisdictions', async () => ({
                  Component: (await import('./pages/jurisdictions/GapPage.tsx')).GapPage,
                })),
              },
              {
                path: 'map',
                lazy: withCatalogue('jurisdictions', async () => ({
                  Component: (await import('./pages/jurisdictions/MapPage.tsx')).MapPage,
                })),
              },
              {
                path: 'data-sources',
                lazy: withCatalogue('jurisdictions', async () => ({
                  Component: (await import('./pages/jurisdictions/DataSourcesPage.tsx')).DataSourcesPage,
                })),
              },
              {
                path: 'bias-audit',
                lazy: withCatalogue('bias', async () => ({
                  Component: (await import('./pages/bias/BiasAuditPage.tsx')).BiasAuditPage,
                })),
              },
              {
                path: 'bias-audit/:id',
                lazy: withCatalogue('bias', async () => ({
                  Component: (await import('./pages/bias/BiasAuditViewPage.tsx')).BiasAuditViewPage,
                })),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]
