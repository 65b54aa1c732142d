import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];
export type ScholarlySource = Schemas['ScholarlySource'];
export type Identity = Schemas['IdentityResponse'];
export type Candidate = Schemas['CandidateResponse'];
export type SyncRun = Schemas['SyncRunResponse'];
export type PersonWork = Schemas['PersonWorkDto'];
export type PersonWorkSort = Schemas['PersonWorkSort'];
export type AuthorPositionFilter = Schemas['AuthorPositionFilter'];
export type WorkAttribution = Schemas['WorkAttributionDto'];
export type AttributionDecision = Schemas['AttributionDecision'];

export const WORKS_PAGE_SIZE = 20;
const RUNS_SHOWN = 10;
const POLL_MS = 1000;

export interface WorksFilter {
  sort: PersonWorkSort;
  position: AuthorPositionFilter;
  offset: number;
}

export const scholarlyKeys = {
  all: ['scholarly'] as const,
  person: (personId: string) => [...scholarlyKeys.all, personId] as const,
  identities: (personId: string) => [...scholarlyKeys.person(personId), 'identities'] as const,
  candidates: (personId: string) => [...scholarlyKeys.person(personId), 'candidates'] as const,
  runs: (personId: string) => [...scholarlyKeys.person(personId), 'runs'] as const,
  schedule: (personId: string) => [...scholarlyKeys.person(personId), 'schedule'] as const,
  works: (personId: string) => [...scholarlyKeys.person(personId), 'works'] as const,
  worksPage: (personId: string, filter: WorksFilter) => [...scholarlyKeys.works(personId), filter] as const,
  // Under works: whatever refreshes the works (a sync ending, a decision) refreshes these too.
  held: (personId: string) => [...scholarlyKeys.works(personId), 'held'] as const,
};

/** Linked then rejected identities (a person has a handful: one page of 100 holds them). */
export function useIdentities(personId: string) {
  return useQuery({
    queryKey: scholarlyKeys.identities(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/identities', { params: { path: { id: personId }, query: { limit: 100 } } })),
  });
}

/**
 * Authors at the sources who may be this person. Each search asks every source under its rate
 * limit, so it runs when the user asks for it, and its answer is kept while the page is open.
 */
export function useCandidates(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: scholarlyKeys.candidates(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/identity-candidates', { params: { path: { id: personId } } })),
    enabled,
    staleTime: Infinity,
  });
}

function useInvalidateIdentities(personId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: scholarlyKeys.identities(personId) });
}

export function useLinkIdentity(personId: string) {
  const invalidate = useInvalidateIdentities(personId);
  return useMutation({
    mutationFn: (body: Schemas['LinkIdentityDto']) => unwrap(api.POST('/people/{id}/identities', { params: { path: { id: personId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRejectIdentity(personId: string) {
  const invalidate = useInvalidateIdentities(personId);
  return useMutation({
    mutationFn: (body: Schemas['RejectIdentityDto']) => unwrap(api.POST('/people/{id}/identities/reject', { params: { path: { id: personId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUnlinkIdentity(personId: string) {
  const invalidate = useInvalidateIdentities(personId);
  return useMutation({
    mutationFn: (identityId: string) => unwrap(api.DELETE('/people/{id}/identities/{identityId}', { params: { path: { id: personId, identityId } } })),
    onSuccess: invalidate,
  });
}

export function useAutoLink(personId: string) {
  const invalidate = useInvalidateIdentities(personId);
  return useMutation({
    mutationFn: () => unwrap(api.POST('/people/{id}/identities/auto-link', { params: { path: { id: personId } }, body: {} })),
    onSuccess: invalidate,
  });
}

/** The latest runs, newest first; asked again every second while one of them is still running. */
export function useSyncRuns(personId: string) {
  return useQuery({
    queryKey: scholarlyKeys.runs(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/sync-runs', { params: { path: { id: personId }, query: { limit: RUNS_SHOWN } } })),
    refetchInterval: (query) => (query.state.data?.items.some((run) => run.status === 'running') ? POLL_MS : false),
  });
}

export function useStartSync(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/people/{id}/sync', { params: { path: { id: personId } } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: scholarlyKeys.runs(personId) }), queryClient.invalidateQueries({ queryKey: scholarlyKeys.identities(personId) })]),
  });
}

export function useSyncSchedule(personId: string) {
  return useQuery({
    queryKey: scholarlyKeys.schedule(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/sync-schedule', { params: { path: { id: personId } } })),
  });
}

export function useSetSyncSchedule(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (everyHours: number | null) => unwrap(api.PUT('/people/{id}/sync-schedule', { params: { path: { id: personId } }, body: { everyHours } })),
    onSuccess: (schedule) => queryClient.setQueryData(scholarlyKeys.schedule(personId), schedule),
  });
}

export function usePersonWorks(personId: string, filter: WorksFilter) {
  return useQuery({
    queryKey: scholarlyKeys.worksPage(personId, filter),
    queryFn: () =>
      unwrap(
        api.GET('/people/{id}/works', {
          params: { path: { id: personId }, query: { limit: WORKS_PAGE_SIZE, offset: filter.offset, sort: filter.sort, position: filter.position === 'any' ? undefined : filter.position } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** After a sync ends: the works, the identities' sync state and whatever else was built on the works. */
export function useRefreshAfterSync(personId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: scholarlyKeys.works(personId) }), queryClient.invalidateQueries({ queryKey: scholarlyKeys.identities(personId) })]);
}

/** Works only a name query attributes, that nothing confirms: held back until the user decides (one page holds them). */
export function useHeldWorks(personId: string) {
  return useQuery({
    queryKey: scholarlyKeys.held(personId),
    queryFn: () => unwrap(api.GET('/people/{id}/work-attributions', { params: { path: { id: personId }, query: { state: 'held', limit: 200 } } })),
  });
}

/** Accepting or rejecting one changes the person's works: both lists are read again. */
export function useDecideAttribution(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workId, decision }: { workId: string; decision: AttributionDecision }) =>
      unwrap(api.PUT('/people/{id}/work-attributions/{workId}', { params: { path: { id: personId, workId } }, body: { decision } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scholarlyKeys.works(personId) }),
  });
}
