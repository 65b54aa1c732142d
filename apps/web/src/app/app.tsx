import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { authKeys } from '@/features/auth';
import { onSignedOut } from '@/lib/api/client';
import { createQueryClient } from '@/lib/query-client';
import { createRouter } from './router';

// Made when the script runs, not when React first renders: creating the router starts the opened
// screen's loaders at once (/me and the screen's data, see router.tsx), while its chunk downloads.
const queryClient = createQueryClient();
const router = createRouter(queryClient);

// A 401 on any request (the session expired, was revoked, or ended in another tab): forget
// everything of the account and show the sign-in screen, coming back here afterwards. Without a
// session known in this page (a first visit), RequireSession sends to sign-in on /me's 401 itself.
onSignedOut(() => {
  if (queryClient.getQueryData(authKeys.me()) === undefined) return;
  queryClient.clear();
  // Where the user was going (a navigation may be under way), without the router's basename (/app): navigate() adds it again.
  const here = router.state.navigation.location ?? router.state.location;
  const path = here.pathname.replace(/^\/app(?=\/|$)/, '') || '/';
  if (!path.startsWith('/sign-in')) void router.navigate(`/sign-in?expired=1&next=${encodeURIComponent(path + here.search)}`, { replace: true });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
