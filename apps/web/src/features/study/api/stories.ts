import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { invalidateProgress, studyKeys } from './keys';

export type Story = components['schemas']['StoryResponse'];
export type CreateStory = components['schemas']['CreateStoryDto'];
export type UpdateStory = components['schemas']['UpdateStoryDto'];
export type Competency = components['schemas']['Competency'];
export type StageType = components['schemas']['StageType'];

export function useStories() {
  return useQuery({ queryKey: studyKeys.storyList(), queryFn: () => unwrap(api.GET('/stories', { params: { query: { limit: 200 } } })) });
}

export function useStoryCoverage(stageType: StageType | '') {
  return useQuery({ queryKey: studyKeys.coverage(stageType), queryFn: () => unwrap(api.GET('/stories/coverage', { params: { query: { stageType: stageType || undefined } } })) });
}

/** The résumé projects a story can come from. */
export function useResumeProjects() {
  return useQuery({ queryKey: [...studyKeys.lookups(), 'resume-projects'], queryFn: () => unwrap(api.GET('/resume-projects', { params: { query: { limit: 200 } } })) });
}

function useStoriesChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: studyKeys.stories() });
    invalidateProgress(queryClient);
  };
}

export function useCreateStory() {
  const changed = useStoriesChanged();
  return useMutation({ mutationFn: (body: CreateStory) => unwrap(api.POST('/stories', { body })), onSuccess: changed });
}

export function useUpdateStory() {
  const changed = useStoriesChanged();
  return useMutation({ mutationFn: ({ id, ...body }: UpdateStory & { id: string }) => unwrap(api.PATCH('/stories/{id}', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeleteStory() {
  const changed = useStoriesChanged();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/stories/{id}', { params: { path: { id } } })), onSuccess: changed });
}
