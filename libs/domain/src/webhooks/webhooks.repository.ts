import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookDueKind } from './webhook-due-notice.entity';
import { mentionsSql } from '../shared/text-mentions';

/** Every statement on webhook endpoints and their deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertEndpoint(fields: Partial<WebhookEndpoint>, em: EntityManager = this.dataSource.manager): Promise<WebhookEndpoint> {
    const endpoint = em.create(WebhookEndpoint, fields);
    await em.insert(WebhookEndpoint, endpoint);
    return endpoint;
  }

  endpoints(userId: string): Promise<WebhookEndpoint[]> {
    return this.dataSource.manager.find(WebhookEndpoint, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  endpoint(userId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpoint, { userId, id });
  }

  endpointById(id: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.manager.findOneBy(WebhookEndpoint, { id });
  }

  /** The user's endpoints that are on and chose `type`. */
  subscribers(userId: string, type: string): Promise<WebhookEndpoint[]> {
    return this.dataSource.manager
      .createQueryBuilder(WebhookEndpoint, 'e')
      .where('e.user_id = :userId AND e.enabled AND :type = ANY(e.events)', { userId, type })
      .orderBy('e.created_at', 'ASC')
      .getMany();
  }

  async updateEndpoint(id: string, fields: Partial<WebhookEndpoint>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(WebhookEndpoint, { id }, fields);
  }

  /**
   * A delivery went through: the failing streak ends. Raw, like countFailure, so the endpoint's
   * updated_at keeps saying when its owner last changed it, not when traffic last passed.
   */
  async countSuccess(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE webhook_endpoints SET failing_since = NULL, consecutive_failures = 0, last_success_at = $2 WHERE id = $1', [id, at]);
  }

  async deleteEndpoint(userId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(WebhookEndpoint, { userId, id });
    return (result.affected ?? 0) > 0;
  }

  /** A failed attempt: one more in the streak, which starts now unless it is already running. Answers the endpoint as it is now. */
  async countFailure(id: string, at: Date): Promise<{ failingSince: Date; consecutiveFailures: number } | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, $2)
        WHERE id = $1 RETURNING failing_since, consecutive_failures`,
      [id, at],
    )) as [{ failing_since: Date; consecutive_failures: number }[], number];
    return rows[0] ? { failingSince: rows[0].failing_since, consecutiveFailures: rows[0].consecutive_failures } : null;
  }

  /** Turns an endpoint off for failing, once: false when it was already off. */
  async disableFailing(id: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.manager.update(WebhookEndpoint, { id, enabled: true }, { enabled: false, disabledReason: 'failing', disabledAt: at });
    return (result.affected ?? 0) > 0;
  }

  async insertDeliveries(rows: Partial<WebhookDelivery>[]): Promise<WebhookDelivery[]> {
    if (rows.length === 0) return [];
    const em = this.dataSource.manager;
    const deliveries = rows.map((r) => em.create(WebhookDelivery, r));
    await em.insert(WebhookDelivery, deliveries);
    return deliveries;
  }

  /** An event's deliveries, once fanned out (a retried fan-out adds no second one). */
  deliveriesOfEvent(eventId: string): Promise<WebhookDelivery[]> {
    return this.dataSource.manager.find(WebhookDelivery, { where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  delivery(id: string): Promise<WebhookDelivery | null> {
    return this.dataSource.manager.findOneBy(WebhookDelivery, { id });
  }

  async updateDelivery(id: string, fields: Partial<WebhookDelivery>): Promise<void> {
    await this.dataSource.manager.update(WebhookDelivery, { id }, fields);
  }

  /** Deliveries still waiting to go out to an endpoint that was turned off (but the one whose failed attempt turned it off). */
  async cancelPending(endpointId: string, exceptDeliveryId?: string): Promise<void> {
    const where = exceptDeliveryId ? { endpointId, status: 'pending' as const, id: Not(exceptDeliveryId) } : { endpointId, status: 'pending' as const };
    await this.dataSource.manager.update(WebhookDelivery, where, { status: 'cancelled', error: 'the endpoint was turned off' });
  }

  /**
   * Deletes finished deliveries (not pending) created before `before`, at most `perEndpoint` of each
   * endpoint (its (endpoint_id, created_at) index finds them) and `inAll` in one call; answers how many went.
   */
  async pruneDeliveries(before: Date, perEndpoint: number, inAll: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM webhook_deliveries d USING (
           SELECT old.id FROM webhook_endpoints e
            CROSS JOIN LATERAL (SELECT x.id FROM webhook_deliveries x WHERE x.endpoint_id = e.id AND x.created_at < $1 AND x.status <> 'pending' ORDER BY x.created_at LIMIT $2) old
           LIMIT $3
         ) doomed
         WHERE d.id = doomed.id
         RETURNING 1)
       SELECT count(*)::int AS count FROM gone`,
      [before, perEndpoint, inAll],
    )) as { count: number }[];
    return rows[0].count;
  }

  /** The accounts with an endpoint on that chose `type`. */
  async usersSubscribedTo(type: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query('SELECT DISTINCT user_id FROM webhook_endpoints WHERE enabled AND $1 = ANY(events) ORDER BY user_id', [type]);
    return rows.map((r) => r.user_id);
  }

  /** Records the notices not given yet and answers their item ids: each item is announced once per due date. */
  async claimDueNotices(userId: string, kind: WebhookDueKind, items: { id: string; dueOn: string }[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `INSERT INTO webhook_due_notices (kind, item_id, due_on, user_id)
       SELECT $1, i.id, i.due_on, $2 FROM unnest($3::uuid[], $4::date[]) AS i(id, due_on)
       ON CONFLICT DO NOTHING RETURNING item_id`,
      [kind, userId, items.map((i) => i.id), items.map((i) => i.dueOn)],
    )) as { item_id: string }[];
    return new Set(rows.map((r) => r.item_id));
  }

  /** An endpoint's deliveries, newest first. */
  deliveries(userId: string, endpointId: string, query: { status?: WebhookDeliveryStatus; limit: number; offset: number }): Promise<[WebhookDelivery[], number]> {
    return this.dataSource.manager.findAndCount(WebhookDelivery, {
      where: { userId, endpointId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
  }
}

/**
 * Deletes the user's deliveries whose body or error names an erased person (or holds their id),
 * in the caller's transaction; answers how many. A delivery already sent is the log of a message,
 * not something to resend: nothing is lost that the receiver does not already have.
 */
export async function deleteDeliveriesMentioning(em: EntityManager, userId: string, needles: string[]): Promise<number> {
  const rows = (await em.query(
    `WITH gone AS (DELETE FROM webhook_deliveries WHERE user_id = $1 AND (${mentionsSql('body', 2)} OR ${mentionsSql("coalesce(error, '')", 2)}) RETURNING id)
     SELECT count(*)::int AS n FROM gone`,
    [userId, needles],
  )) as { n: number }[];
  return rows[0]?.n ?? 0;
}
