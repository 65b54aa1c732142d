import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import { meQuery } from '@/features/auth';
// The screens' query options, from their api/ modules rather than the features' index.ts: the index
// also exports the components, which would bring each screen (and its CSS) into the first bundle.
import { organizationsQuery as peopleOrganizationsQuery, peopleFilterFromUrl, peopleListQuery } from '@/features/people/api/people';
import { boardFilterFromUrl, boardQuery, organizationsQuery as boardOrganizationsQuery } from '@/features/pipeline/api/pipeline';
import { Loading } from '@/components/status';
import { AppLayout, RequireSession } from './layout';
import { InvitationRoute } from './routes/invitation';
import { NotFoundRoute } from './routes/not-found';
import { SignInRoute } from './routes/sign-in';
import { SignUpRoute } from './routes/sign-up';
import { TodayRoute } from './routes/today';
import { screens } from './screens';

/**
 * A loader that only starts the screen's first queries (into TanStack Query, with the options the
 * screen's own hooks use) and returns at once: they run while the screen's chunk downloads, and the
 * screen, when drawn, finds them under way or answered. Never awaited, so a screen is never a blank
 * wait for its data: it shows its own loading state, and its own error (a prefetch keeps no error
 * the hook would not show).
 */
function startQueries(start: (url: URL) => void) {
  return ({ request }: LoaderFunctionArgs) => {
    start(new URL(request.url));
    return null;
  };
}

/**
 * The dashboard lives under /app/ (the API keeps every other path); deep links reload to the same
 * screen. Today is in the first bundle; every other screen is its own chunk, fetched (from Dossier
 * itself) on the first visit, so the first screen stays small as screens are added.
 *
 * The loaders run as soon as the router is created, before React draws anything: `/me` and the
 * opened screen's data start side by side with the screen's chunk, rather than one after the other.
 */
export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(
    [
      { path: '/sign-in', element: <SignInRoute /> },
      { path: '/sign-up', element: <SignUpRoute /> },
      { path: '/invitations/:token', element: <InvitationRoute /> },
      {
        element: <RequireSession />,
        hydrateFallbackElement: <Loading label="Opening Dossier…" />,
        // The screens' data does not wait for /me: the session cookie goes with every call, and a 401 still leads to sign-in.
        loader: startQueries(() => void queryClient.prefetchQuery(meQuery())),
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <TodayRoute /> },
              {
                path: '/people',
                loader: startQueries((url) => {
                  void queryClient.prefetchQuery(peopleListQuery(peopleFilterFromUrl(url.searchParams)));
                  void queryClient.prefetchQuery(peopleOrganizationsQuery());
                }),
                lazy: async () => ({ Component: (await screens.people()).PeopleRoute }),
              },
              { path: '/people/duplicates', lazy: async () => ({ Component: (await screens.duplicates()).DuplicatesRoute }) },
              { path: '/people/:id', lazy: async () => ({ Component: (await screens.person()).PersonRoute }) },
              { path: '/organizations', lazy: async () => ({ Component: (await screens.organizations()).OrganizationsRoute }) },
              { path: '/organizations/:id', lazy: async () => ({ Component: (await screens.organization()).OrganizationRoute }) },
              {
                path: '/pipeline',
                loader: startQueries((url) => {
                  void queryClient.prefetchQuery(boardQuery(boardFilterFromUrl(url.searchParams)));
                  void queryClient.prefetchQuery(boardOrganizationsQuery());
                }),
                lazy: async () => ({ Component: (await screens.pipeline()).PipelineRoute }),
              },
              { path: '/pipeline/funnel', lazy: async () => ({ Component: (await screens.funnel()).FunnelRoute }) },
              { path: '/applications/:id/plan', lazy: async () => ({ Component: (await screens.prepare()).PlanRoute }) },
              {
                path: '/prepare',
                lazy: async () => ({ Component: (await screens.prepare()).PrepareLayout }),
                children: [
                  { index: true, lazy: async () => ({ Component: (await screens.prepare()).PlansRoute }) },
                  { path: 'resources', lazy: async () => ({ Component: (await screens.prepare()).ResourcesRoute }) },
                  { path: 'resources/:id', lazy: async () => ({ Component: (await screens.prepare()).ResourceRoute }) },
                  { path: 'questions', lazy: async () => ({ Component: (await screens.prepare()).QuestionsRoute }) },
                  { path: 'practice', lazy: async () => ({ Component: (await screens.prepare()).PracticeRoute }) },
                  { path: 'mocks', lazy: async () => ({ Component: (await screens.prepare()).MocksRoute }) },
                  { path: 'stories', lazy: async () => ({ Component: (await screens.prepare()).StoriesRoute }) },
                ],
              },
              { path: '/applications/:id', lazy: async () => ({ Component: (await screens.application()).ApplicationRoute }) },
              { path: '/interviews', lazy: async () => ({ Component: (await screens.interviews()).InterviewsRoute }) },
              { path: '/interviews/new', lazy: async () => ({ Component: (await screens.newInterview()).NewInterviewRoute }) },
              { path: '/interviews/:id', lazy: async () => ({ Component: (await screens.interview()).InterviewRoute }) },
              { path: '/imports', lazy: async () => ({ Component: (await screens.imports()).ImportsRoute }) },
              { path: '/settings', lazy: async () => ({ Component: (await screens.settings()).SettingsRoute }) },
              { path: '/admin', lazy: async () => ({ Component: (await screens.admin()).AdminRoute }) },
              { path: '*', element: <NotFoundRoute /> },
            ],
          },
        ],
      },
    ],
    { basename: '/app' },
  );
}
