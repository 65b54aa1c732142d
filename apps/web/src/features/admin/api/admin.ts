import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { asApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type AdminUser = components['schemas']['AdminUserResponse'];
export type Invitation = components['schemas']['InvitationResponse'];
export const PAGE_SIZE = 20;

export const adminKeys = {
  all: ['admin'] as const,
  usersAll: () => [...adminKeys.all, 'users'] as const,
  users: (offset: number) => [...adminKeys.usersAll(), offset] as const,
  invitationsAll: () => [...adminKeys.all, 'invitations'] as const,
  invitations: (offset: number) => [...adminKeys.invitationsAll(), offset] as const,
};
// The signed-in user as the app shell reads it (features never import each other: the key is shared by value).
const ME_KEY = ['auth', 'me'] as const;

export function useMyId(): string | undefined {
  return useQuery({ queryKey: ME_KEY, queryFn: () => unwrap(api.GET('/me')), retry: false, staleTime: 5 * 60_000 }).data?.id;
}

export function useUsers(offset: number) {
  return useQuery({
    queryKey: adminKeys.users(offset),
    queryFn: () => unwrap(api.GET('/admin/users', { params: { query: { limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Whether this screen exists for the signed-in user: the API answers 404 to anyone but an admin
 * (the first page of users, which the screen shows anyway, tells).
 */
export function useAdminAccess(): 'pending' | 'not-found' | 'ok' {
  const users = useUsers(0);
  if (users.isPending) return 'pending';
  return users.isError && asApiError(users.error)?.status === 404 ? 'not-found' : 'ok';
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: components['schemas']['UpdateUserDto'] }) => unwrap(api.PATCH('/admin/users/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: adminKeys.usersAll() }), queryClient.invalidateQueries({ queryKey: ME_KEY })]),
  });
}

export function useInvitations(offset: number) {
  return useQuery({
    queryKey: adminKeys.invitations(offset),
    queryFn: () => unwrap(api.GET('/admin/invitations', { params: { query: { limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateInvitationDto']) => unwrap(api.POST('/admin/invitations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.invitationsAll() }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/admin/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.invitationsAll() }),
  });
}
