import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // A change made on one screen can show on any other (an organization added here appears in the
    // pipeline's form there): after every successful write, everything cached is marked stale, so a
    // screen opened next asks again. The screen on view refreshes what its own hooks invalidate.
    mutationCache: new MutationCache({ onSuccess: () => queryClient.invalidateQueries({ refetchType: 'none' }) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a network blip or a 5xx gets one more try.
        retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}
