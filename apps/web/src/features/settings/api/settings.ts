import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type TokenScope = components['schemas']['TokenScope'];
export const PAGE_SIZE = 10;

export const settingsKeys = {
  all: ['settings'] as const,
  sessions: () => [...settingsKeys.all, 'sessions'] as const,
  tokens: (offset: number) => [...settingsKeys.all, 'tokens', offset] as const,
  tokensAll: () => [...settingsKeys.all, 'tokens'] as const,
  feed: () => [...settingsKeys.all, 'feed'] as const,
  events: (offset: number) => [...settingsKeys.all, 'events', offset] as const,
  eventsAll: () => [...settingsKeys.all, 'events'] as const,
  projects: (offset: number) => [...settingsKeys.all, 'resume-projects', offset] as const,
  projectsAll: () => [...settingsKeys.all, 'resume-projects'] as const,
  syncSchedule: () => [...settingsKeys.all, 'sync-schedule'] as const,
  mail: () => [...settingsKeys.all, 'mail'] as const,
  mailLog: (offset: number) => [...settingsKeys.all, 'mail-log', offset] as const,
};
// The signed-in user as the app shell reads it (features never import each other: the key is shared by value).
const ME_KEY = ['auth', 'me'] as const;

export function useProfile() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => unwrap(api.GET('/me')), retry: false, staleTime: 5 * 60_000 });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['UpdateMeDto']) => unwrap(api.PATCH('/me', { body })),
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['ChangePasswordDto']) => unwrap(api.POST('/me/password', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.sessions() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useSessions() {
  return useQuery({ queryKey: settingsKeys.sessions(), queryFn: () => unwrap(api.GET('/me/sessions', { params: { query: { limit: 50 } } })) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.sessions() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useTokens(offset: number) {
  return useQuery({ queryKey: settingsKeys.tokens(offset), queryFn: () => unwrap(api.GET('/tokens', { params: { query: { limit: PAGE_SIZE, offset } } })) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateTokenDto']) => unwrap(api.POST('/tokens', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokensAll() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokensAll() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useFeed() {
  return useQuery({ queryKey: settingsKeys.feed(), queryFn: () => unwrap(api.GET('/calendar/feed')) });
}

export function useIssueFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/calendar/feed')),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.feed() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/calendar/feed')),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.feed() });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useSecurityEvents(offset: number) {
  return useQuery({ queryKey: settingsKeys.events(offset), queryFn: () => unwrap(api.GET('/me/security-events', { params: { query: { limit: PAGE_SIZE, offset } } })) });
}

export function useBeginTwoFactor() {
  return useMutation({ mutationFn: (password: string) => unwrap(api.POST('/me/two-factor', { body: { password } })) });
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/me/two-factor/confirm', { body: { code } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

type PasswordAndCode = components['schemas']['TwoFactorPasswordAndCodeDto'];

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordAndCode) => unwrap(api.DELETE('/me/two-factor', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordAndCode) => unwrap(api.POST('/me/two-factor/recovery-codes', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() }),
  });
}

export type ResumeProject = components['schemas']['ResumeProjectResponse'];
export type ResumeProjectInput = components['schemas']['CreateResumeProjectDto'];
export type StageType = components['schemas']['StageType'];

export function useResumeProjects(offset: number) {
  return useQuery({ queryKey: settingsKeys.projects(offset), queryFn: () => unwrap(api.GET('/resume-projects', { params: { query: { limit: PAGE_SIZE, offset } } })) });
}

export function useSaveResumeProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ResumeProjectInput }) =>
      id ? unwrap(api.PATCH('/resume-projects/{id}', { params: { path: { id } }, body })) : unwrap(api.POST('/resume-projects', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.projectsAll() }),
  });
}

export function useDeleteResumeProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/resume-projects/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKeys.projectsAll() }),
  });
}

/** The account's default publication-sync cadence (GET /me/sync-schedule). */
export function useAccountSyncSchedule() {
  return useQuery({ queryKey: settingsKeys.syncSchedule(), queryFn: () => unwrap(api.GET('/me/sync-schedule')) });
}

export function useSetAccountSyncSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['SetAccountSyncScheduleDto']) => unwrap(api.PUT('/me/sync-schedule', { body })),
    onSuccess: (schedule) => queryClient.setQueryData(settingsKeys.syncSchedule(), schedule),
  });
}

export function useMailSettings() {
  return useQuery({ queryKey: settingsKeys.mail(), queryFn: () => unwrap(api.GET('/me/mail-settings')) });
}

export function useUpdateMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['UpdateMailSettingsDto']) => unwrap(api.PATCH('/me/mail-settings', { body })),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.mail(), settings),
  });
}

export function useMailLog(offset: number) {
  return useQuery({ queryKey: settingsKeys.mailLog(offset), queryFn: () => unwrap(api.GET('/me/mail-log', { params: { query: { limit: PAGE_SIZE, offset } } })) });
}
