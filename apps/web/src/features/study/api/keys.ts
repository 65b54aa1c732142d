import type { QueryClient } from '@tanstack/react-query';

/**
 * The query keys of the preparation screens. A session logged changes a resource, its plans'
 * schedules and Today's readiness; a drill changes the queue and the bank: each mutation invalidates
 * the prefixes it affects.
 */
export const studyKeys = {
  all: ['study'] as const,
  resources: () => [...studyKeys.all, 'resources'] as const,
  resourceList: (filter: object) => [...studyKeys.resources(), 'list', filter] as const,
  resource: (id: string) => [...studyKeys.resources(), 'detail', id] as const,
  sessions: (id: string, offset: number) => [...studyKeys.resources(), 'sessions', id, offset] as const,
  plans: () => [...studyKeys.all, 'plans'] as const,
  planList: () => [...studyKeys.plans(), 'list'] as const,
  plan: (id: string, days: number) => [...studyKeys.plans(), 'detail', id, days] as const,
  starterPlans: () => [...studyKeys.all, 'starter-plans'] as const,
  questions: () => [...studyKeys.all, 'questions'] as const,
  questionList: (filter: object) => [...studyKeys.questions(), 'list', filter] as const,
  due: () => [...studyKeys.questions(), 'due'] as const,
  mocks: () => [...studyKeys.all, 'mocks'] as const,
  mockList: (offset: number) => [...studyKeys.mocks(), 'list', offset] as const,
  stories: () => [...studyKeys.all, 'stories'] as const,
  storyList: () => [...studyKeys.stories(), 'list'] as const,
  coverage: (stageType: string) => [...studyKeys.stories(), 'coverage', stageType] as const,
  lookups: () => [...studyKeys.all, 'lookups'] as const,
  readiness: () => [...studyKeys.all, 'readiness'] as const,
};

// Today shows readiness and the practice due: shared by value, as features never import each other.
const TODAY_KEY = ['today'] as const;

/** Progress of any kind (study, drills, mocks, stories, the plan) moves readiness, here and on Today. */
export function invalidateProgress(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: studyKeys.readiness() });
  void queryClient.invalidateQueries({ queryKey: TODAY_KEY });
}
