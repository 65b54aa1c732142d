import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export const PAGE_SIZE = 25;

export type Person = components['schemas']['PersonResponse'];
export type PersonDetail = components['schemas']['PersonDetailResponse'];
export type Referral = components['schemas']['ReferralResponse'];
export type ReferralStatus = components['schemas']['ReferralStatus'];
export type UpdatePersonBody = components['schemas']['UpdatePersonDto'];

/** What the list shows, as the URL holds it (so a reload or a shared link shows the same page). */
export interface PeopleFilter {
  q: string;
  tag: string;
  organizationId: string;
  teamId: string;
  /** Only people whose follow-up is due today or earlier. */
  due: boolean;
  /** Archived (soft-deleted) people instead of the others. */
  archived: boolean;
  offset: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  lists: () => [...peopleKeys.all, 'list'] as const,
  list: (filter: PeopleFilter) => [...peopleKeys.lists(), filter] as const,
  detail: (id: string) => [...peopleKeys.all, 'detail', id] as const,
  interactions: (id: string) => [...peopleKeys.all, 'interactions', id] as const,
  interactionCount: (id: string) => [...peopleKeys.all, 'interaction-count', id] as const,
  referrals: (id: string) => [...peopleKeys.all, 'referrals', id] as const,
  warmPaths: (id: string) => [...peopleKeys.all, 'warm-paths', id] as const,
  duplicates: (offset: number) => [...peopleKeys.all, 'duplicates', offset] as const,
  duplicatesAll: () => [...peopleKeys.all, 'duplicates'] as const,
  organizations: () => [...peopleKeys.all, 'organizations'] as const,
  applications: () => [...peopleKeys.all, 'applications'] as const,
};

/** One page of people, searched, filtered and paged by the server (it stays fast with 10,000 of them). */
export const peopleListQuery = (filter: PeopleFilter) =>
  queryOptions({
    queryKey: peopleKeys.list(filter),
    queryFn: () =>
      unwrap(
        api.GET('/people', {
          params: {
            query: {
              q: filter.q || undefined,
              tag: filter.tag || undefined,
              organizationId: filter.organizationId || undefined,
              teamId: filter.teamId || undefined,
              dueBy: filter.due ? 'today' : undefined,
              deleted: filter.archived ? 'only' : undefined,
              limit: PAGE_SIZE,
              offset: filter.offset,
              sort: filter.due ? 'nextFollowUpAt' : 'name',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The list's filter as a URL's query string holds it (what PeopleList shows on arrival). */
export function peopleFilterFromUrl(params: URLSearchParams): PeopleFilter {
  const get = (key: string) => params.get(key) ?? '';
  return { q: get('q'), tag: get('tag'), organizationId: get('organizationId'), teamId: get('teamId'), due: get('due') === '1', archived: get('archived') === '1', offset: Number(get('offset')) || 0 };
}

export function usePeople(filter: PeopleFilter) {
  return useQuery(peopleListQuery(filter));
}

export function usePerson(id: string) {
  return useQuery({ queryKey: peopleKeys.detail(id), queryFn: () => unwrap(api.GET('/people/{id}', { params: { path: { id } } })) });
}

/** The organizations (with their teams) to pick from: the first 200 by name, as the API pages them. */
export const organizationsQuery = () =>
  queryOptions({
    queryKey: peopleKeys.organizations(),
    queryFn: () => unwrap(api.GET('/organizations', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });

export function useOrganizations() {
  return useQuery(organizationsQuery());
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreatePersonDto']) => unwrap(api.POST('/people', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.lists() }),
  });
}

/** After a change to one person: their page, the lists and the duplicates may all show it. */
function useRefreshPerson() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: peopleKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: peopleKeys.duplicatesAll() }),
    ]);
}

export function useUpdatePerson(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (body: UpdatePersonBody) => unwrap(api.PATCH('/people/{id}', { params: { path: { id } }, body })),
    onSuccess: () => refresh(id),
  });
}

export function useSetFollowUp(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (body: components['schemas']['SetFollowUpDto']) => unwrap(api.PUT('/people/{id}/follow-up', { params: { path: { id } }, body })),
    onSuccess: () => refresh(id),
  });
}

/**
 * After a person leaves (archived or erased) from their own page: everything about people is stale,
 * but nothing refetches now (their page would ask for someone gone); the list refetches when shown.
 */
function useForgetPerson() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: peopleKeys.all, refetchType: 'none' });
}

/** Archive: the API's soft delete, undone by restore. */
export function useArchivePerson() {
  const forget = useForgetPerson();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/people/{id}', { params: { path: { id } } })),
    onSuccess: forget,
  });
}

export function useRestorePerson() {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/people/{id}/restore', { params: { path: { id } } })),
    onSuccess: (_, id) => refresh(id),
  });
}

export function useErasePerson() {
  const forget = useForgetPerson();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/people/{id}/erase', { params: { path: { id } } })),
    onSuccess: forget,
  });
}

export function useInteractions(personId: string) {
  return useQuery({
    queryKey: peopleKeys.interactions(personId),
    queryFn: () => unwrap(api.GET('/people/{personId}/interactions', { params: { path: { personId }, query: { limit: 50 } } })),
  });
}

/** How many interactions a person has (the page's total, one row fetched). */
export function useInteractionCount(personId: string) {
  return useQuery({
    queryKey: peopleKeys.interactionCount(personId),
    queryFn: async () => (await unwrap(api.GET('/people/{personId}/interactions', { params: { path: { personId }, query: { limit: 1 } } }))).total,
  });
}

export function useAddInteraction(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateInteractionDto']) => unwrap(api.POST('/people/{personId}/interactions', { params: { path: { personId } }, body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.interactions(personId) }), queryClient.invalidateQueries({ queryKey: peopleKeys.detail(personId) })]),
  });
}

/** Referrals this person made or received as the recruiter, newest first. */
export function useReferrals(personId: string) {
  return useQuery({
    queryKey: peopleKeys.referrals(personId),
    queryFn: () => unwrap(api.GET('/referrals', { params: { query: { personId, limit: 50 } } })),
  });
}

/** The applications a referral can be for: the open ones first, as the board would list them. */
export function useApplications(enabled: boolean) {
  return useQuery({
    queryKey: peopleKeys.applications(),
    queryFn: () => unwrap(api.GET('/applications', { params: { query: { limit: 200 } } })),
    enabled,
    staleTime: 60_000,
  });
}

function useRefreshReferrals(personId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.referrals(personId) }), queryClient.invalidateQueries({ queryKey: peopleKeys.detail(personId) })]);
}

export function useCreateReferral(personId: string) {
  const refresh = useRefreshReferrals(personId);
  return useMutation({
    mutationFn: (body: components['schemas']['CreateReferralDto']) => unwrap(api.POST('/referrals', { body })),
    onSuccess: refresh,
  });
}

export function useUpdateReferral(personId: string) {
  const refresh = useRefreshReferrals(personId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: components['schemas']['UpdateReferralDto'] }) => unwrap(api.PATCH('/referrals/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useWarmPaths(personId: string) {
  return useQuery({
    queryKey: peopleKeys.warmPaths(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/warm-paths', { params: { path: { id: personId }, query: { limit: 20, works: 3 } } })),
  });
}

export const DUPLICATES_PAGE_SIZE = 20;

export function useDuplicates(offset: number) {
  return useQuery({
    queryKey: peopleKeys.duplicates(offset),
    queryFn: () => unwrap(api.GET('/people/duplicates', { params: { query: { limit: DUPLICATES_PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** Merges `otherId` into `keepId`; a dry run (the preview) writes nothing. */
export function useMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keepId, otherId, dryRun }: { keepId: string; otherId: string; dryRun: boolean }) =>
      unwrap(api.POST('/people/{id}/merge', { params: { path: { id: keepId } }, body: { otherId, dryRun } })),
    // Not awaited: the merged group leaves the screen when the duplicates refetch, and the caller's
    // own onSuccess (the notice) must run before that.
    onSuccess: (result) => {
      if (result.applied) void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
    },
  });
}
