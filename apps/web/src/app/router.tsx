import { createBrowserRouter } from 'react-router';
import { AppLayout, RequireSession } from './layout';
import { InvitationRoute } from './routes/invitation';
import { NotFoundRoute } from './routes/not-found';
import { SignInRoute } from './routes/sign-in';
import { SignUpRoute } from './routes/sign-up';
import { TodayRoute } from './routes/today';

/**
 * The dashboard lives under /app/ (the API keeps every other path); deep links reload to the same
 * screen. Today is in the first bundle; every other screen is its own chunk, fetched (from Dossier
 * itself) on the first visit, so the first screen stays small as screens are added.
 */
export function createRouter() {
  return createBrowserRouter(
    [
      { path: '/sign-in', element: <SignInRoute /> },
      { path: '/sign-up', element: <SignUpRoute /> },
      { path: '/invitations/:token', element: <InvitationRoute /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <TodayRoute /> },
              { path: '/people', lazy: async () => ({ Component: (await import('./routes/people')).PeopleRoute }) },
              { path: '/people/duplicates', lazy: async () => ({ Component: (await import('./routes/duplicates')).DuplicatesRoute }) },
              { path: '/people/:id', lazy: async () => ({ Component: (await import('./routes/person')).PersonRoute }) },
              { path: '/organizations', lazy: async () => ({ Component: (await import('./routes/organizations')).OrganizationsRoute }) },
              { path: '/organizations/:id', lazy: async () => ({ Component: (await import('./routes/organization')).OrganizationRoute }) },
              { path: '/pipeline', lazy: async () => ({ Component: (await import('./routes/pipeline')).PipelineRoute }) },
              { path: '/pipeline/funnel', lazy: async () => ({ Component: (await import('./routes/funnel')).FunnelRoute }) },
              { path: '/applications/:id', lazy: async () => ({ Component: (await import('./routes/application')).ApplicationRoute }) },
              { path: '/interviews', lazy: async () => ({ Component: (await import('./routes/interviews')).InterviewsRoute }) },
              { path: '/interviews/new', lazy: async () => ({ Component: (await import('./routes/new-interview')).NewInterviewRoute }) },
              { path: '/interviews/:id', lazy: async () => ({ Component: (await import('./routes/interview')).InterviewRoute }) },
              { path: '/imports', lazy: async () => ({ Component: (await import('./routes/imports')).ImportsRoute }) },
              { path: '/settings', lazy: async () => ({ Component: (await import('./routes/settings')).SettingsRoute }) },
              { path: '/admin', lazy: async () => ({ Component: (await import('./routes/admin')).AdminRoute }) },
              { path: '*', element: <NotFoundRoute /> },
            ],
          },
        ],
      },
    ],
    { basename: '/app' },
  );
}
