import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type FunnelResponse = components['schemas']['FunnelResponse'];
export type FunnelSection = components['schemas']['FunnelSectionDto'];
export type FunnelStage = components['schemas']['FunnelStageDto'];
export type FunnelType = components['schemas']['FunnelTypeDto'];
export type StageType = components['schemas']['StageType'];

/** What GET /applications/funnel filters on: one organization, and the applied-on range (yyyy-mm-dd, both ends included). */
export interface FunnelFilter {
  organizationId: string;
  from: string;
  to: string;
}

export const funnelKeys = {
  all: ['funnel'] as const,
  funnel: (filter: FunnelFilter) => [...funnelKeys.all, 'figures', filter] as const,
  organizations: () => [...funnelKeys.all, 'organizations'] as const,
};

export function useFunnel(filter: FunnelFilter) {
  return useQuery({
    queryKey: funnelKeys.funnel(filter),
    queryFn: () => unwrap(api.GET('/applications/funnel', { params: { query: { organizationId: filter.organizationId || undefined, from: filter.from || undefined, to: filter.to || undefined } } })),
    // No placeholder from the previous filter: figures are never shown under a title they do not belong to.
  });
}

/** The organizations to filter by (the first 200 by name: the API's largest page). */
export function useFunnelOrganizations() {
  return useQuery({
    queryKey: funnelKeys.organizations(),
    queryFn: () => unwrap(api.GET('/organizations', { params: { query: { limit: 200 } } })),
  });
}
