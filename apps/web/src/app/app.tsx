import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { onSignedOut } from '@/lib/api/client';
import { createQueryClient } from '@/lib/query-client';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  // A 401 on any request (the session expired, was revoked, or ended in another tab): forget
  // everything of the account and show the sign-in screen, coming back here afterwards.
  useEffect(
    () =>
      onSignedOut(() => {
        queryClient.clear();
        // The router's own location carries its basename (/app); navigate() adds it again.
        const here = router.state.location;
        const path = here.pathname.replace(/^\/app(?=\/|$)/, '') || '/';
        if (!path.startsWith('/sign-in')) void router.navigate(`/sign-in?expired=1&next=${encodeURIComponent(path + here.search)}`, { replace: true });
      }),
    [queryClient, router],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
