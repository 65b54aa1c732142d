import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { settingsKeys } from './settings';

export type WebhookEventType = components['schemas']['WebhookEventType'];
export type Webhook = components['schemas']['WebhookResponse'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryResponse'];
export const DELIVERIES_SHOWN = 10;

const webhookKeys = {
  all: [...settingsKeys.all, 'webhooks'] as const,
  deliveries: (id: string) => [...settingsKeys.all, 'webhooks', id, 'deliveries'] as const,
};

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: () => unwrap(api.GET('/webhooks')) });
}

/** The endpoints (and each one's log) read again after any change. */
function useWebhookMutation<A, R>(run: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.eventsAll() });
    },
  });
}

export function useCreateWebhook() {
  return useWebhookMutation((body: components['schemas']['CreateWebhookDto']) => unwrap(api.POST('/webhooks', { body })));
}

export function useUpdateWebhook() {
  return useWebhookMutation(({ id, body }: { id: string; body: components['schemas']['UpdateWebhookDto'] }) => unwrap(api.PATCH('/webhooks/{id}', { params: { path: { id } }, body })));
}

export function useDeleteWebhook() {
  return useWebhookMutation((id: string) => unwrap(api.DELETE('/webhooks/{id}', { params: { path: { id } } })));
}

export function useRollWebhookSecret() {
  return useWebhookMutation(({ id, graceHours }: { id: string; graceHours: number }) => unwrap(api.POST('/webhooks/{id}/roll-secret', { params: { path: { id } }, body: { graceHours } })));
}

export function usePingWebhook() {
  return useWebhookMutation((id: string) => unwrap(api.POST('/webhooks/{id}/ping', { params: { path: { id } } })));
}

/** An endpoint's latest deliveries; read again every 2 s while one is still pending. */
export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: () => unwrap(api.GET('/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: DELIVERIES_SHOWN } } })),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 2000 : false),
  });
}
