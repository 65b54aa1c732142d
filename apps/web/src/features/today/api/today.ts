import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type NewWorksScope = components['schemas']['NewWorksScope'];
export type ReferralStatus = components['schemas']['ReferralStatus'];
export type Referral = components['schemas']['ReferralResponse'];

/** The referral statuses that wait on someone else (the referrer or the recruiter), in path order. */
export const WAITING_STATUSES: ReferralStatus[] = ['discussed', 'offered', 'submitted', 'recruiter_contacted'];

export const todayKeys = {
  all: ['today'] as const,
  followUps: () => [...todayKeys.all, 'follow-ups'] as const,
  tasks: () => [...todayKeys.all, 'tasks'] as const,
  interviews: () => [...todayKeys.all, 'interviews'] as const,
  briefings: (interviewId: string) => [...todayKeys.all, 'briefings', interviewId] as const,
  coverage: (interviewId: string) => [...todayKeys.all, 'coverage', interviewId] as const,
  readingGoal: () => [...todayKeys.all, 'reading-goal'] as const,
  newWorksAll: () => [...todayKeys.all, 'new-works'] as const,
  newWorks: (scope: NewWorksScope) => [...todayKeys.newWorksAll(), scope] as const,
  syncProblems: () => [...todayKeys.all, 'sync-problems'] as const,
  mailFailures: () => [...todayKeys.all, 'mail-failures'] as const,
  referrals: (status: ReferralStatus) => [...todayKeys.all, 'referrals', status] as const,
};

export function useDueFollowUps() {
  return useQuery({ queryKey: todayKeys.followUps(), queryFn: () => unwrap(api.GET('/follow-ups/due', { params: { query: { limit: 50 } } })) });
}

export function useDueTasks() {
  return useQuery({ queryKey: todayKeys.tasks(), queryFn: () => unwrap(api.GET('/tasks/due', { params: { query: { limit: 50 } } })) });
}

export function useUpcomingInterviews() {
  return useQuery({ queryKey: todayKeys.interviews(), queryFn: () => unwrap(api.GET('/interviews', { params: { query: { when: 'upcoming', days: 14, limit: 20 } } })) });
}

/** The newest briefing of an interview, to link its HTML (it opens with the browser's session). */
export function useLatestBriefing(interviewId: string) {
  return useQuery({
    queryKey: todayKeys.briefings(interviewId),
    queryFn: async () => (await unwrap(api.GET('/interviews/{id}/briefings', { params: { path: { id: interviewId }, query: { limit: 1 } } }))).items[0] ?? null,
  });
}

/** How much of the interview's reading checklist is read (the union of its interviewers' checklists). */
export function useReadingCoverage(interviewId: string) {
  return useQuery({
    queryKey: todayKeys.coverage(interviewId),
    queryFn: async () => (await unwrap(api.GET('/interviews/{id}/reading-checklist', { params: { path: { id: interviewId } } }))).coverage,
  });
}

/** The percent of a checklist the user means to read before an interview. */
export function useReadingGoal() {
  return useQuery({ queryKey: todayKeys.readingGoal(), queryFn: () => unwrap(api.GET('/reading/goal')), staleTime: 5 * 60_000 });
}

export function useNewWorks(scope: NewWorksScope) {
  return useQuery({ queryKey: todayKeys.newWorks(scope), queryFn: () => unwrap(api.GET('/new-works', { params: { query: { scope, limit: 20 } } })) });
}

export function useSyncProblems() {
  return useQuery({ queryKey: todayKeys.syncProblems(), queryFn: () => unwrap(api.GET('/sync-problems', { params: { query: { limit: 20 } } })) });
}

/** Mail that could not be delivered this week (from the mail settings). */
export function useMailFailures() {
  return useQuery({ queryKey: todayKeys.mailFailures(), queryFn: () => unwrap(api.GET('/me/mail-settings')), select: (s) => s.failures });
}

/** Referrals still waiting on someone: one small list per status, merged oldest first. */
export function useWaitingReferrals() {
  return useQueries({
    queries: WAITING_STATUSES.map((status) => ({
      queryKey: todayKeys.referrals(status),
      queryFn: () => unwrap(api.GET('/referrals', { params: { query: { status, limit: 20 } } })),
    })),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.isError)?.error ?? null,
      refetch: () => results.forEach((r) => void r.refetch()),
      items: results.flatMap((r) => r.data?.items ?? []),
      more: results.some((r) => r.data !== undefined && r.data.total > r.data.items.length),
    }),
  });
}

export function useMarkFollowUpDone() {
  const queryClient = useQueryClient();
  return useMutation({
    // Logged as a message on the person's timeline (the API asks for a summary whenever a type is
    // sent), then the next follow-up moves on.
    mutationFn: (personId: string) =>
      unwrap(api.POST('/people/{id}/follow-up/done', { params: { path: { id: personId } }, body: { type: 'message', summary: 'Reached out (marked done on Today)' } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: todayKeys.followUps() }),
  });
}

/** Not now: the follow-up comes back on `until`, still saying why it is due. */
export function useSnoozeFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, until }: { personId: string; until: string }) => unwrap(api.POST('/people/{id}/follow-up/snooze', { params: { path: { id: personId } }, body: { until } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: todayKeys.followUps() }),
  });
}

export function useMarkTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => unwrap(api.PATCH('/tasks/{id}', { params: { path: { id: taskId } }, body: { done: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: todayKeys.tasks() }),
  });
}

/** Seen up to the list's own time, so a work that arrived since it was loaded stays new. */
export function useMarkWorksSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (until: string) => unwrap(api.POST('/new-works/seen', { body: { until } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: todayKeys.newWorksAll() }),
  });
}
