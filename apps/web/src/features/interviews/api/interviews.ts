import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Interview = components['schemas']['InterviewResponse'];
export type InterviewFormat = components['schemas']['InterviewFormat'];
export type InterviewOutcome = components['schemas']['InterviewOutcome'];
export type CreateInterview = components['schemas']['CreateInterviewDto'];
export type UpdateInterview = components['schemas']['UpdateInterviewDto'];
export type InterviewerNotes = components['schemas']['InterviewerNotesDto'];
export type When = 'upcoming' | 'past';

export const PAGE_SIZE = 10;
/** "Upcoming" on this screen is every interview still ahead (the API's longest horizon), not only the next fortnight. */
export const UPCOMING_DAYS = 366;

export const interviewKeys = {
  all: ['interviews'] as const,
  lists: () => [...interviewKeys.all, 'list'] as const,
  list: (when: When, offset: number, includeCancelled: boolean) => [...interviewKeys.lists(), when, offset, includeCancelled] as const,
  detail: (id: string) => [...interviewKeys.all, 'detail', id] as const,
  readiness: (id: string) => [...interviewKeys.all, 'readiness', id] as const,
  applications: (q: string) => [...interviewKeys.all, 'applications', q] as const,
  application: (id: string) => [...interviewKeys.all, 'application', id] as const,
  people: (q: string) => [...interviewKeys.all, 'people', q] as const,
};
// Today lists upcoming interviews and their briefings, an application's page its interviews and its prep
// tasks (due the day before a stage's first interview): features never import each other, the keys are shared by value.
const TODAY_KEY = ['today'] as const;
const PIPELINE_KEY = ['pipeline'] as const;

export function useInterviews(when: When, offset: number, includeCancelled = false) {
  return useQuery({
    queryKey: interviewKeys.list(when, offset, includeCancelled),
    queryFn: () =>
      unwrap(
        api.GET('/interviews', {
          params: { query: { when, limit: PAGE_SIZE, offset, ...(when === 'upcoming' ? { days: UPCOMING_DAYS, includeCancelled } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInterview(id: string) {
  return useQuery({ queryKey: interviewKeys.detail(id), queryFn: () => unwrap(api.GET('/interviews/{id}', { params: { path: { id } } })) });
}

/** How ready the user is for the interview: the figure and its parts. */
export function useInterviewReadiness(id: string) {
  return useQuery({ queryKey: interviewKeys.readiness(id), queryFn: () => unwrap(api.GET('/interviews/{id}/readiness', { params: { path: { id } } })) });
}

function useInterviewChanged() {
  const queryClient = useQueryClient();
  return (interview?: Interview) => {
    if (interview) queryClient.setQueryData(interviewKeys.detail(interview.id), interview);
    void queryClient.invalidateQueries({ queryKey: interviewKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: TODAY_KEY });
    void queryClient.invalidateQueries({ queryKey: PIPELINE_KEY });
  };
}

export function useCreateInterview() {
  const changed = useInterviewChanged();
  return useMutation({ mutationFn: (body: CreateInterview) => unwrap(api.POST('/interviews', { body })), onSuccess: changed });
}

export function useUpdateInterview(id: string) {
  const changed = useInterviewChanged();
  return useMutation({ mutationFn: (body: UpdateInterview) => unwrap(api.PATCH('/interviews/{id}', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeleteInterview(id: string) {
  const queryClient = useQueryClient();
  const changed = useInterviewChanged();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/interviews/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: interviewKeys.detail(id) });
      changed();
    },
  });
}

export function useSaveInterviewerNotes(interviewId: string, personId: string) {
  const changed = useInterviewChanged();
  return useMutation({
    mutationFn: (body: InterviewerNotes) => unwrap(api.PUT('/interviews/{id}/interviewers/{personId}/notes', { params: { path: { id: interviewId, personId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteInterviewerNotes(interviewId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/interviews/{id}/interviewers/{personId}/notes', { params: { path: { id: interviewId, personId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: interviewKeys.detail(interviewId) }),
  });
}

/** Applications to schedule for, searched by the server (role, organization or team). */
export function useApplicationChoices(q: string) {
  return useQuery({
    queryKey: interviewKeys.applications(q),
    queryFn: () => unwrap(api.GET('/applications', { params: { query: { q: q || undefined, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

/** One application with its loop's stages. */
export function useApplicationStages(id: string) {
  return useQuery({
    queryKey: interviewKeys.application(id),
    queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
}

/** The user's people matching what is typed (interviewers are people of their network). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: interviewKeys.people(q),
    queryFn: () => unwrap(api.GET('/people', { params: { query: { q, limit: 8, sort: 'name' } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
