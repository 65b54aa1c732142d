import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { interviewKeys } from './interviews';

export type BriefingSummary = components['schemas']['BriefingSummaryResponse'];
export type Briefing = components['schemas']['BriefingResponse'];
export type BriefingContent = components['schemas']['BriefingContentDto'];

export const BRIEFINGS_PAGE = 20;
const POLL_MS = 1000;

export const briefingKeys = {
  list: (interviewId: string, offset: number) => [...interviewKeys.all, 'briefings', interviewId, offset] as const,
  lists: (interviewId: string) => [...interviewKeys.all, 'briefings', interviewId] as const,
  detail: (id: string) => [...interviewKeys.all, 'briefing', id] as const,
};

const pending = (status: string) => status === 'queued' || status === 'generating';

/** The interview's briefing versions, newest first; polled while one is still being written. */
export function useBriefings(interviewId: string, offset = 0) {
  return useQuery({
    queryKey: briefingKeys.list(interviewId, offset),
    queryFn: () => unwrap(api.GET('/interviews/{id}/briefings', { params: { path: { id: interviewId }, query: { limit: BRIEFINGS_PAGE, offset } } })),
    refetchInterval: (query) => (query.state.data?.items.some((b) => pending(b.status)) ? POLL_MS : false),
  });
}

/** One version with the facts it was written from (content is null until it is ready). */
export function useBriefing(id: string) {
  return useQuery({
    queryKey: briefingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/briefings/{id}', { params: { path: { id } } })),
    enabled: id !== '',
    refetchInterval: (query) => (query.state.data && pending(query.state.data.status) ? POLL_MS : false),
  });
}

export function useGenerateBriefing(interviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/interviews/{id}/briefings', { params: { path: { id: interviewId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: briefingKeys.lists(interviewId) });
      void queryClient.invalidateQueries({ queryKey: ['today'] });
    },
  });
}
