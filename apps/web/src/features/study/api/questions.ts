import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { invalidateProgress, studyKeys } from './keys';

export type Question = components['schemas']['QuestionResponse'];
export type CreateQuestion = components['schemas']['CreateQuestionDto'];
export type UpdateQuestion = components['schemas']['UpdateQuestionDto'];
export type QuestionSource = components['schemas']['QuestionSource'];
export type DrillRating = components['schemas']['DrillRating'];
export type StageType = components['schemas']['StageType'];

export interface QuestionFilter {
  topic?: string;
  stageType?: StageType;
  organizationId?: string;
  source?: QuestionSource;
  q?: string;
}

export const QUESTION_PAGE = 20;
/** The drill screen takes the queue a page at a time, most overdue first. */
const QUEUE_PAGE = 50;

export function useQuestions(filter: QuestionFilter, offset: number) {
  return useQuery({
    queryKey: studyKeys.questionList({ ...filter, offset }),
    queryFn: () =>
      unwrap(
        api.GET('/questions', {
          params: { query: { limit: QUESTION_PAGE, offset, topic: filter.topic || undefined, stageType: filter.stageType, organizationId: filter.organizationId, source: filter.source, q: filter.q || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The questions asked in an interview (`interviewId`), or to practise for one (`forInterviewId`: its organization's or stage type's). */
export function useInterviewQuestions(query: { interviewId: string } | { forInterviewId: string }) {
  return useQuery({ queryKey: studyKeys.questionList({ ...query }), queryFn: () => unwrap(api.GET('/questions', { params: { query: { ...query, limit: QUESTION_PAGE } } })) });
}

export function usePracticeQueue() {
  return useQuery({ queryKey: studyKeys.due(), queryFn: () => unwrap(api.GET('/questions/due', { params: { query: { limit: QUEUE_PAGE } } })) });
}

/** The user's organizations, to tag and filter questions and mocks by. */
export function useOrganizationChoices() {
  return useQuery({ queryKey: [...studyKeys.lookups(), 'organizations'], queryFn: () => unwrap(api.GET('/organizations', { params: { query: { limit: 200 } } })) });
}

function useQuestionsChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: studyKeys.questions() });
    invalidateProgress(queryClient);
  };
}

export function useCreateQuestion() {
  const changed = useQuestionsChanged();
  return useMutation({ mutationFn: (body: CreateQuestion) => unwrap(api.POST('/questions', { body })), onSuccess: changed });
}

export function useUpdateQuestion() {
  const changed = useQuestionsChanged();
  return useMutation({ mutationFn: ({ id, ...body }: UpdateQuestion & { id: string }) => unwrap(api.PATCH('/questions/{id}', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeleteQuestion() {
  const changed = useQuestionsChanged();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/questions/{id}', { params: { path: { id } } })), onSuccess: changed });
}

/**
 * A drill rated: the queue is not refetched at once (the drill screen walks the page it has, and
 * shows when the question comes back); the bank and Today are.
 */
export function useDrill() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rating }: { id: string; rating: DrillRating }) => unwrap(api.POST('/questions/{id}/drills', { params: { path: { id } }, body: { rating } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...studyKeys.questions(), 'list'] });
      invalidateProgress(queryClient);
    },
  });
}

/** Refetch the queue: after a round of drills, or to start again. */
export function useRefreshQueue() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: studyKeys.due() });
}
