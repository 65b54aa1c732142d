import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Organization = components['schemas']['OrganizationResponse'];
export type Team = components['schemas']['TeamResponse'];
export type OrganizationPatch = components['schemas']['UpdateOrganizationDto'];
export type TeamPatch = components['schemas']['UpdateTeamDto'];

export const PAGE_SIZE = 25;
/** People and applications of one organization shown on its page, a page at a time. */
export const MEMBERS_PAGE_SIZE = 20;

export interface OrganizationsFilter {
  q: string;
  tag: string;
  offset: number;
}

export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (filter: OrganizationsFilter) => [...organizationKeys.lists(), filter] as const,
  detail: (id: string) => [...organizationKeys.all, 'detail', id] as const,
  people: (id: string, offset: number) => [...organizationKeys.all, 'people', id, offset] as const,
  applications: (id: string, offset: number) => [...organizationKeys.all, 'applications', id, offset] as const,
  search: (q: string) => [...organizationKeys.all, 'search', q] as const,
};

/** One page of organizations, searched by name or alias and filtered by tag on the server. */
export function useOrganizations(filter: OrganizationsFilter) {
  return useQuery({
    queryKey: organizationKeys.list(filter),
    queryFn: () => unwrap(api.GET('/organizations', { params: { query: { q: filter.q || undefined, tag: filter.tag || undefined, limit: PAGE_SIZE, offset: filter.offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** Organizations matching a few typed letters (the merge picker). */
export function useOrganizationSearch(q: string) {
  return useQuery({
    queryKey: organizationKeys.search(q),
    queryFn: () => unwrap(api.GET('/organizations', { params: { query: { q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: organizationKeys.detail(id), queryFn: () => unwrap(api.GET('/organizations/{id}', { params: { path: { id } } })) });
}

export function useOrganizationPeople(organizationId: string, offset: number) {
  return useQuery({
    queryKey: organizationKeys.people(organizationId, offset),
    queryFn: () => unwrap(api.GET('/people', { params: { query: { organizationId, limit: MEMBERS_PAGE_SIZE, offset, sort: 'name' } } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganizationApplications(organizationId: string, offset: number) {
  return useQuery({
    queryKey: organizationKeys.applications(organizationId, offset),
    queryFn: () => unwrap(api.GET('/applications', { params: { query: { organizationId, limit: MEMBERS_PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateOrganizationDto']) => unwrap(api.POST('/organizations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** A partial update; the answer replaces the cached organization at once. */
export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationPatch) => unwrap(api.PATCH('/organizations/{id}', { params: { path: { id } }, body })),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(id), organization);
      return queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
}

export function useDeleteOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/organizations/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: organizationKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
}

export function useAddTeam(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateTeamDto']) => unwrap(api.POST('/organizations/{id}/teams', { params: { path: { id: organizationId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.detail(organizationId) }),
  });
}

export function useUpdateTeam(organizationId: string, teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamPatch) => unwrap(api.PATCH('/organizations/{id}/teams/{teamId}', { params: { path: { id: organizationId, teamId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.detail(organizationId) }),
  });
}

export function useRemoveTeam(organizationId: string, teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/organizations/{id}/teams/{teamId}', { params: { path: { id: organizationId, teamId } } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: organizationKeys.detail(organizationId) }), queryClient.invalidateQueries({ queryKey: [...organizationKeys.all, 'people', organizationId] })]),
  });
}

/** Merging another organization into this one: `dryRun: true` previews what moves, `false` applies it. */
export function useMergeOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['MergeOrganizationsDto']) => unwrap(api.POST('/organizations/{id}/merge', { params: { path: { id } }, body })),
    onSuccess: (answer) => {
      if (!answer.applied) return;
      queryClient.setQueryData(organizationKeys.detail(id), answer.result);
      queryClient.removeQueries({ queryKey: organizationKeys.detail(answer.merged.id) });
      return queryClient.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}
