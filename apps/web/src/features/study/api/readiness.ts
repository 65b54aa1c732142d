import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { studyKeys } from './keys';

export type Readiness = components['schemas']['ReadinessResponse'];

/** The interviews ahead (a year, as the Interviews screen's "upcoming") with their readiness, soonest first. */
const AHEAD_DAYS = 366;

export function useUpcomingReadiness() {
  return useQuery({ queryKey: [...studyKeys.readiness(), 'upcoming'], queryFn: () => unwrap(api.GET('/readiness/upcoming', { params: { query: { days: AHEAD_DAYS } } })) });
}
