import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const todayKeys = {
  all: ['today'] as const,
  followUps: () => [...todayKeys.all, 'follow-ups'] as const,
  tasks: () => [...todayKeys.all, 'tasks'] as const,
  interviews: () => [...todayKeys.all, 'interviews'] as const,
  briefings: (interviewId: string) => [...todayKeys.all, 'briefings', interviewId] as const,
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

export function useMarkTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => unwrap(api.PATCH('/tasks/{id}', { params: { path: { id: taskId } }, body: { done: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: todayKeys.tasks() }),
  });
}
