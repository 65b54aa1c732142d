import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { ApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type Board = components['schemas']['BoardResponse'];
export type BoardColumn = components['schemas']['BoardColumnDto'];
export type BoardCard = components['schemas']['BoardCardDto'];
export type Application = components['schemas']['ApplicationResponse'];
export type UserMove = components['schemas']['UserMove'];
export type ApplicationStatus = components['schemas']['ApplicationStatus'];
type ErrorBody = components['schemas']['ErrorBody'];

export interface BoardFilter {
  organizationId: string;
  closed: boolean;
}

export const pipelineKeys = {
  all: ['pipeline'] as const,
  boards: () => [...pipelineKeys.all, 'board'] as const,
  board: (filter: BoardFilter) => [...pipelineKeys.boards(), filter] as const,
  applications: () => [...pipelineKeys.all, 'application'] as const,
  application: (id: string) => [...pipelineKeys.applications(), id] as const,
  interviews: (id: string) => [...pipelineKeys.all, 'interviews', id] as const,
  tasks: (id: string) => [...pipelineKeys.all, 'tasks', id] as const,
  retrospective: (id: string, stageId: string) => [...pipelineKeys.all, 'retrospective', id, stageId] as const,
  organizations: () => [...pipelineKeys.all, 'organizations'] as const,
  organization: (id: string) => [...pipelineKeys.all, 'organization', id] as const,
  templates: () => [...pipelineKeys.all, 'templates'] as const,
  people: (q: string) => [...pipelineKeys.all, 'people', q] as const,
};

/** The whole board in one call: every active application by its current stage, then offers (and ended loops on request). */
export function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: pipelineKeys.board(filter),
    queryFn: () => unwrap(api.GET('/applications/board', { params: { query: { organizationId: filter.organizationId || undefined, closed: filter.closed || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: pipelineKeys.application(id), queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })) });
}

/**
 * A move the server refused (409): illegal from where the application is (with the moves allowed
 * now), or stale (the application moved elsewhere since the screen was drawn; nothing changed).
 */
export class MoveRefused extends ApiError {
  constructor(
    error: ApiError,
    readonly allowedMoves: UserMove[] | undefined,
    readonly currentStage: string | null | undefined,
  ) {
    super(error.status, error.code, error.message, error.details, error.requestId);
  }

  get stale(): boolean {
    return this.code === 'application.stale-move';
  }
}

const USER_MOVES: readonly string[] = ['advance', 'pass', 'fail', 'withdraw', 'offer', 'accept', 'decline'] satisfies UserMove[];

/** unwrap, keeping what a refused move's body says about where the application is now. */
async function unwrapMove<T>(call: Promise<{ data?: T; error?: ErrorBody; response: Response }>): Promise<T> {
  try {
    return await unwrap(call);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const body = await call.then((r) => r.error, () => undefined);
    const allowed = body?.allowedMoves?.filter((m): m is UserMove => USER_MOVES.includes(m));
    throw new MoveRefused(error, allowed, body?.currentStage);
  }
}

export interface MoveInput {
  id: string;
  move: UserMove;
  /** The stage the screen showed as current: the server refuses the move if the application has left it. */
  fromStageId?: string;
  note?: string;
}

/** Moves an application; whatever the answer, the board and the page are read again (a refusal means they were out of date). */
export function useMove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, move, fromStageId, note }: MoveInput) => unwrapMove(api.POST('/applications/{id}/moves', { params: { path: { id } }, body: { move, fromStageId, note: note || undefined } })),
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pipelineKeys.boards() }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.applications() }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.tasks(id) }),
        // Today's due tasks follow the stages (prep tasks made on entering one, settled when the loop ends); shared by value.
        queryClient.invalidateQueries({ queryKey: ['today'] }),
      ]),
  });
}

export type CreateApplicationBody = components['schemas']['CreateApplicationDto'];
export type CreateReferralBody = Omit<components['schemas']['CreateReferralDto'], 'applicationId'>;

/** The application, then (when a referrer is named) its referral: the second may fail on its own. */
export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ application, referral }: { application: CreateApplicationBody; referral?: CreateReferralBody }) => {
      const created = await unwrap(api.POST('/applications', { body: application }));
      let referralError: unknown;
      if (referral) {
        try {
          await unwrap(api.POST('/referrals', { body: { ...referral, applicationId: created.id } }));
        } catch (error) {
          referralError = error;
        }
      }
      return { created, referralError };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pipelineKeys.boards() }),
  });
}

export function useReroute(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['RerouteDto']) => unwrap(api.POST('/applications/{id}/reroute', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: pipelineKeys.boards() }), queryClient.invalidateQueries({ queryKey: pipelineKeys.applications() })]),
  });
}

/** The user's organizations with their teams, for the pickers (by name; a job search names a few dozen at most). */
export function useOrganizations() {
  return useQuery({ queryKey: pipelineKeys.organizations(), queryFn: () => unwrap(api.GET('/organizations', { params: { query: { limit: 200 } } })) });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: pipelineKeys.organization(id), queryFn: () => unwrap(api.GET('/organizations/{id}', { params: { path: { id } } })) });
}

/** The loops an application can follow: the built-in ones and the user's own templates. */
export function useTemplates() {
  return useQuery({
    queryKey: pipelineKeys.templates(),
    queryFn: async () => {
      const [builtIn, own] = await Promise.all([unwrap(api.GET('/stage-templates/built-in')), unwrap(api.GET('/stage-templates', { params: { query: { limit: 200 } } }))]);
      return { builtIn, own: own.items };
    },
    staleTime: 5 * 60_000,
  });
}

/** People whose name matches, for naming a referrer (the server searches; the list stays short). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: pipelineKeys.people(q),
    queryFn: () => unwrap(api.GET('/people', { params: { query: { q, limit: 10, sort: 'name' } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useApplicationInterviews(applicationId: string) {
  return useQuery({
    queryKey: pipelineKeys.interviews(applicationId),
    queryFn: () => unwrap(api.GET('/interviews', { params: { query: { applicationId, limit: 100 } } })),
  });
}

export function useApplicationTasks(applicationId: string) {
  return useQuery({
    queryKey: pipelineKeys.tasks(applicationId),
    queryFn: () => unwrap(api.GET('/tasks', { params: { query: { applicationId, status: 'all', limit: 200 } } })),
  });
}

export function useSetTaskDone(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => unwrap(api.PATCH('/tasks/{id}', { params: { path: { id } }, body: { done } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pipelineKeys.tasks(applicationId) }),
  });
}

export function useReopenTasks(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/applications/{id}/reopen-tasks', { params: { path: { id: applicationId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pipelineKeys.tasks(applicationId) }),
  });
}

/** A stage's retrospective, or null when none was written yet (404). */
export function useRetrospective(applicationId: string, stageId: string) {
  return useQuery({
    queryKey: pipelineKeys.retrospective(applicationId, stageId),
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/applications/{id}/stages/{stageId}/retrospective', { params: { path: { id: applicationId, stageId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveRetrospective(applicationId: string, stageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['RetrospectiveDto']) => unwrap(api.PUT('/applications/{id}/stages/{stageId}/retrospective', { params: { path: { id: applicationId, stageId } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(pipelineKeys.retrospective(applicationId, stageId), saved),
  });
}
