import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { invalidateProgress, studyKeys } from './keys';

export type StudyResource = components['schemas']['StudyResourceResponse'];
export type CreateStudyResource = components['schemas']['CreateStudyResourceDto'];
export type UpdateStudyResource = components['schemas']['UpdateStudyResourceDto'];
export type StudyPart = components['schemas']['StudyPartDto'];
export type StudyResourceKind = components['schemas']['StudyResourceKind'];
export type StudyUnit = components['schemas']['StudyUnit'];
export type StudyEmphasis = components['schemas']['StudyEmphasis'];
export type ResourceEmphasis = components['schemas']['ResourceEmphasis'];
export type StudySession = components['schemas']['StudySessionResponse'];
export type LogStudySession = components['schemas']['LogStudySessionDto'];
export type StageType = components['schemas']['StageType'];

export interface ResourceFilter {
  stageType?: StageType;
  topic?: string;
  q?: string;
}

export const RESOURCE_PAGE = 200;
export const SESSION_PAGE = 20;

export function useStudyResources(filter: ResourceFilter = {}) {
  return useQuery({
    queryKey: studyKeys.resourceList(filter),
    queryFn: () => unwrap(api.GET('/study-resources', { params: { query: { limit: RESOURCE_PAGE, stageType: filter.stageType, topic: filter.topic || undefined, q: filter.q || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useStudyResource(id: string) {
  return useQuery({ queryKey: studyKeys.resource(id), queryFn: () => unwrap(api.GET('/study-resources/{id}', { params: { path: { id } } })) });
}

export function useStudySessions(id: string, offset: number) {
  return useQuery({
    queryKey: studyKeys.sessions(id, offset),
    queryFn: () => unwrap(api.GET('/study-resources/{id}/sessions', { params: { path: { id }, query: { limit: SESSION_PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** Progress moves the resource, its plans' schedules and Today's readiness. */
function useStudyChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: studyKeys.resources() });
    void queryClient.invalidateQueries({ queryKey: studyKeys.plans() });
    invalidateProgress(queryClient);
  };
}

export function useCreateStudyResource() {
  const changed = useStudyChanged();
  return useMutation({ mutationFn: (body: CreateStudyResource) => unwrap(api.POST('/study-resources', { body })), onSuccess: changed });
}

export function useUpdateStudyResource(id: string) {
  const changed = useStudyChanged();
  return useMutation({ mutationFn: (body: UpdateStudyResource) => unwrap(api.PATCH('/study-resources/{id}', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeleteStudyResource(id: string) {
  const queryClient = useQueryClient();
  const changed = useStudyChanged();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/study-resources/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: studyKeys.resource(id) });
      changed();
    },
  });
}

export function useLogStudySession(id: string) {
  const changed = useStudyChanged();
  return useMutation({ mutationFn: (body: LogStudySession) => unwrap(api.POST('/study-resources/{id}/sessions', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeleteStudySession(id: string) {
  const changed = useStudyChanged();
  return useMutation({
    mutationFn: (sessionId: string) => unwrap(api.DELETE('/study-resources/{id}/sessions/{studySessionId}', { params: { path: { id, studySessionId: sessionId } } })),
    onSuccess: changed,
  });
}
