import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export const PAGE_SIZE = 25;

export interface PeopleFilter {
  q: string;
  tag: string;
  offset: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  lists: () => [...peopleKeys.all, 'list'] as const,
  list: (filter: PeopleFilter) => [...peopleKeys.lists(), filter] as const,
  detail: (id: string) => [...peopleKeys.all, 'detail', id] as const,
  interactions: (id: string) => [...peopleKeys.all, 'interactions', id] as const,
};

/** One page of people, searched and filtered by the server (it stays fast with 10,000 of them). */
export function usePeople(filter: PeopleFilter) {
  return useQuery({
    queryKey: peopleKeys.list(filter),
    queryFn: () => unwrap(api.GET('/people', { params: { query: { q: filter.q || undefined, tag: filter.tag || undefined, limit: PAGE_SIZE, offset: filter.offset, sort: 'name' } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: peopleKeys.detail(id), queryFn: () => unwrap(api.GET('/people/{id}', { params: { path: { id } } })) });
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreatePersonDto']) => unwrap(api.POST('/people', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.lists() }),
  });
}

export function useInteractions(personId: string) {
  return useQuery({
    queryKey: peopleKeys.interactions(personId),
    queryFn: () => unwrap(api.GET('/people/{personId}/interactions', { params: { path: { personId }, query: { limit: 50 } } })),
  });
}

export function useAddInteraction(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateInteractionDto']) => unwrap(api.POST('/people/{personId}/interactions', { params: { path: { personId } }, body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.interactions(personId) }), queryClient.invalidateQueries({ queryKey: peopleKeys.detail(personId) })]),
  });
}
