import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const exampleKeys = {
  all: ['examples'] as const,
  firstDay: () => [...exampleKeys.all, 'first-day'] as const,
};

/** Whether the account is new to the pipeline: no application yet (the example loads only then). */
export function useHasNoApplications() {
  return useQuery({
    queryKey: exampleKeys.firstDay(),
    queryFn: async () => (await unwrap(api.GET('/applications', { params: { query: { limit: 1 } } }))).total === 0,
  });
}

export function useLoadExampleLab() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/examples/research-lab')),
    // Everything on every screen may have changed: people, organizations, the board, Today.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
