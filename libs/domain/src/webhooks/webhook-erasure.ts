import type { EntityManager } from 'typeorm';
import { deleteDeliveriesMentioning } from './webhooks.repository';

/**
 * A person's erasure step for webhooks: the delivery log's messages that name them or hold their id
 * are deleted (events carry people by id, but a sync's error or an application's role may name one).
 */
export function eraseFromWebhookDeliveries(em: EntityManager, userId: string, personId: string, needles: string[]): Promise<number> {
  return deleteDeliveriesMentioning(em, userId, [...needles, personId.toLowerCase()]);
}
