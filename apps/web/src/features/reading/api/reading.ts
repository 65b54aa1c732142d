import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];
export type ChecklistItem = Schemas['ChecklistItemResponse'];
export type ReadingStatus = Schemas['ReadingStatus'];
export type ChecklistSettings = Schemas['ChecklistSettingsDto'];
export type PersonChecklist = Schemas['PersonChecklistResponse'];
export type InterviewChecklist = Schemas['InterviewChecklistResponse'];

/** Whose checklist: one person's, or an interview's (the union of its interviewers'). */
export type ChecklistTarget = { personId: string; interviewId?: undefined } | { interviewId: string; personId?: undefined };

export const readingKeys = {
  all: ['reading'] as const,
  checklists: () => [...readingKeys.all, 'checklist'] as const,
  checklist: (target: ChecklistTarget) => [...readingKeys.checklists(), target.interviewId !== undefined ? 'interview' : 'person', target.interviewId ?? target.personId] as const,
};

export function useChecklist(target: ChecklistTarget) {
  return useQuery<PersonChecklist | InterviewChecklist>({
    queryKey: readingKeys.checklist(target),
    queryFn: () =>
      target.interviewId !== undefined
        ? unwrap(api.GET('/interviews/{id}/reading-checklist', { params: { path: { id: target.interviewId } } }))
        : unwrap(api.GET('/people/{id}/reading-checklist', { params: { path: { id: target.personId } } })),
  });
}

/** The BibTeX of the checklist: a plain link, which the browser opens with the session cookie. */
export function bibtexUrl(target: ChecklistTarget): string {
  return target.interviewId !== undefined ? `/interviews/${encodeURIComponent(target.interviewId)}/reading-checklist.bib` : `/people/${encodeURIComponent(target.personId)}/reading-checklist.bib`;
}

/** Every checklist is read again: a work can be on several (a person's and their interviews'). */
export function useRefreshChecklists() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: readingKeys.checklists() });
}

export function useSaveReading(workId: string) {
  const refresh = useRefreshChecklists();
  return useMutation({
    mutationFn: (body: Schemas['ReadingDto']) => unwrap(api.PUT('/works/{id}/reading', { params: { path: { id: workId } }, body })),
    onSuccess: refresh,
  });
}

export function useSaveChecklistSettings(target: ChecklistTarget) {
  const refresh = useRefreshChecklists();
  return useMutation({
    mutationFn: (body: ChecklistSettings) =>
      target.interviewId !== undefined
        ? unwrap(api.PUT('/interviews/{id}/reading-checklist/settings', { params: { path: { id: target.interviewId } }, body }))
        : unwrap(api.PUT('/people/{id}/reading-checklist/settings', { params: { path: { id: target.personId } }, body })),
    onSuccess: refresh,
  });
}
