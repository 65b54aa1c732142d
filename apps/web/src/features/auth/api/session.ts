import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  registration: () => [...authKeys.all, 'registration'] as const,
};

/** The signed-in user (GET /me): a 401 means no session, which the app answers with the sign-in screen. */
export const meQuery = () => queryOptions({ queryKey: authKeys.me(), queryFn: () => unwrap(api.GET('/me')), retry: false, staleTime: 5 * 60_000 });

export function useMe() {
  return useQuery(meQuery());
}

export function useRegistration() {
  return useQuery({ queryKey: authKeys.registration(), queryFn: () => unwrap(api.GET('/auth/registration')) });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['LoginDto']) => unwrap(api.POST('/auth/session', { body })),
    onSuccess: (session) => queryClient.setQueryData(authKeys.me(), session.user),
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['RegisterDto']) => unwrap(api.POST('/auth/session/registration', { body })),
    onSuccess: (session) => {
      queryClient.setQueryData(authKeys.me(), session.user);
      void queryClient.invalidateQueries({ queryKey: authKeys.registration() });
    },
  });
}

/** Ends the session on the server; whatever it answers, nothing of the account stays in the page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/auth/session')),
    onSettled: () => queryClient.clear(),
  });
}
