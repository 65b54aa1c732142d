import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { invalidateProgress, studyKeys } from './keys';

export type StudyPlan = components['schemas']['StudyPlanResponse'];
export type StudyPlanSummary = components['schemas']['StudyPlanSummaryResponse'];
export type StudyPace = components['schemas']['StudyPaceDto'];
export type PlanSchedule = components['schemas']['PlanScheduleResponse'];
export type StagePlan = components['schemas']['StagePlanResponse'];
export type PlanAdvice = components['schemas']['PlanAdviceResponse'];
export type ScheduledDay = components['schemas']['ScheduledDayResponse'];
export type StarterPlan = components['schemas']['StarterPlanResponse'];
export type Application = components['schemas']['ApplicationResponse'];

/** Four weeks of the day-by-day schedule at first; "Show more days" asks for more. */
export const PLAN_DAYS = 28;
/** One plan per application: the user's plans fit one page (the API's largest). */
const PLANS_PAGE = 200;

export function useStudyPlans() {
  return useQuery({ queryKey: studyKeys.planList(), queryFn: () => unwrap(api.GET('/study-plans', { params: { query: { limit: PLANS_PAGE } } })) });
}

export function useStudyPlan(id: string | undefined, days: number) {
  return useQuery({
    queryKey: studyKeys.plan(id ?? '', days),
    queryFn: () => unwrap(api.GET('/study-plans/{id}', { params: { path: { id: id! }, query: { days } } })),
    enabled: id !== undefined,
  });
}

export function useStarterPlans() {
  return useQuery({ queryKey: studyKeys.starterPlans(), queryFn: () => unwrap(api.GET('/study-starter-plans', { params: { query: { limit: 50 } } })), staleTime: Infinity });
}

/** The application a plan is for, with its stages. */
export function usePlanApplication(id: string) {
  return useQuery({ queryKey: [...studyKeys.lookups(), 'application', id], queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })) });
}

/** The user's applications, to name the plans by. */
export function useApplicationNames() {
  return useQuery({ queryKey: [...studyKeys.lookups(), 'applications'], queryFn: () => unwrap(api.GET('/applications', { params: { query: { limit: 200 } } })) });
}

function usePlanChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: studyKeys.plans() });
    // Starting from the starter plans copies resources into the account.
    void queryClient.invalidateQueries({ queryKey: studyKeys.resources() });
    invalidateProgress(queryClient);
  };
}

export function useStartPlan() {
  const changed = usePlanChanged();
  return useMutation({
    mutationFn: ({ starter, ...body }: { starter: boolean; applicationId: string; hoursPerWeek: number; statedPace?: StudyPace }) =>
      unwrap(starter ? api.POST('/study-plans/from-starter', { body, params: { query: { days: PLAN_DAYS } } }) : api.POST('/study-plans', { body, params: { query: { days: PLAN_DAYS } } })),
    onSuccess: changed,
  });
}

export function useUpdatePlan(id: string) {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: (body: { hoursPerWeek?: number; statedPace?: StudyPace }) => unwrap(api.PATCH('/study-plans/{id}', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useDeletePlan(id: string) {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/study-plans/{id}', { params: { path: { id } } })), onSuccess: changed });
}

export function useAddPlanItem(id: string) {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: (body: { stageId: string; resourceId: string }) => unwrap(api.POST('/study-plans/{id}/items', { params: { path: { id } }, body })), onSuccess: changed });
}

export function useMovePlanItem(id: string) {
  const changed = usePlanChanged();
  return useMutation({
    mutationFn: ({ itemId, stageId }: { itemId: string; stageId: string }) => unwrap(api.PATCH('/study-plans/{id}/items/{planItemId}', { params: { path: { id, planItemId: itemId } }, body: { stageId } })),
    onSuccess: changed,
  });
}

export function useRemovePlanItem(id: string) {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: (itemId: string) => unwrap(api.DELETE('/study-plans/{id}/items/{planItemId}', { params: { path: { id, planItemId: itemId } } })), onSuccess: changed });
}
