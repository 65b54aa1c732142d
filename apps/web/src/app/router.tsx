import { createBrowserRouter } from 'react-router';
import { AppLayout, RequireSession } from './layout';
import { InvitationRoute } from './routes/invitation';
import { NotFoundRoute } from './routes/not-found';
import { PeopleRoute } from './routes/people';
import { PersonRoute } from './routes/person';
import { SettingsRoute } from './routes/settings';
import { SignInRoute } from './routes/sign-in';
import { SignUpRoute } from './routes/sign-up';
import { TodayRoute } from './routes/today';

/** The dashboard lives under /app/ (the API keeps every other path); deep links reload to the same screen. */
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
              { path: '/people', element: <PeopleRoute /> },
              { path: '/people/:id', element: <PersonRoute /> },
              { path: '/settings', element: <SettingsRoute /> },
              { path: '*', element: <NotFoundRoute /> },
            ],
          },
        ],
      },
    ],
    { basename: '/app' },
  );
}
