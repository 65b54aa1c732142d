import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { invalidateProgress, studyKeys } from './keys';

export type MockInterview = components['schemas']['MockInterviewResponse'];
export type CreateMockInterview = components['schemas']['CreateMockInterviewDto'];
export type UpdateMockInterview = components['schemas']['UpdateMockInterviewDto'];
type StageType = components['schemas']['StageType'];

export const MOCK_PAGE = 20;

export function useMockInterviews(offset: number) {
  return useQuery({
    queryKey: studyKeys.mockList(offset),
    queryFn: () => unwrap(api.GET('/mock-interviews', { params: { query: { limit: MOCK_PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** A person's name, for a mock's line (cached: a list names each person once). */
export function usePersonName(id: string | null) {
  return useQuery({
    queryKey: [...studyKeys.lookups(), 'person', id],
    queryFn: () => unwrap(api.GET('/people/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

/** The user's people matching what is typed: mocks are held with people of their network. */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: [...studyKeys.lookups(), 'people', q],
    queryFn: () => unwrap(api.GET('/people', { params: { query: { q, limit: 8, sort: 'name' } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Who could run a mock for this organization and/or stage type, most likely first, with the reasons. */
export function useMockSuggestions(organizationId: string, stageType: string) {
  return useQuery({
    queryKey: [...studyKeys.mocks(), 'suggestions', organizationId, stageType],
    queryFn: () => unwrap(api.GET('/mock-interviews/suggestions', { params: { query: { organizationId: organizationId || undefined, stageType: (stageType || undefined) as StageType | undefined } } })),
    placeholderData: keepPreviousData,
  });
}

/** Bank questions matching what is typed, to say which were asked. */
export function useBankSearch(q: string) {
  return useQuery({
    queryKey: [...studyKeys.questions(), 'search', q],
    queryFn: () => unwrap(api.GET('/questions', { params: { query: { q, limit: 8 } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useRecordMock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMockInterview) => unwrap(api.POST('/mock-interviews', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: studyKeys.mocks() });
      // New questions went into the bank; the person's timeline has the mock.
      void queryClient.invalidateQueries({ queryKey: studyKeys.questions() });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      invalidateProgress(queryClient);
    },
  });
}

/** Feedback and scores, which often come after the mock. */
export function useUpdateMock(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMockInterview) => unwrap(api.PATCH('/mock-interviews/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: studyKeys.mocks() });
      invalidateProgress(queryClient);
    },
  });
}

export function useDeleteMock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/mock-interviews/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: studyKeys.mocks() });
      invalidateProgress(queryClient);
    },
  });
}
