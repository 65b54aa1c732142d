import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock, JobQueue, NotFoundError, SECRET_KEYRING, SecretKeyring } from '#platform';
import { DomainEvent, DomainEvents, DomainEventType, DossierJobs, JobName } from '../jobs/index';
import { FollowUpsService } from '../interactions/index';
import { TasksService } from '../tasks/index';
import type { Page } from '../people/index';
import { SecurityEventsService } from '../security-events/index';
import { WEBHOOK_PING, WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { sendWebhook } from './webhook-sender';
import { newWebhookSecret, signatureHeader, webhookSecretContext } from './webhook-signature';
import { isLocalName, literalAddress, WEBHOOK_RESOLVER, WebhookAddressPolicy, WebhookResolver } from './webhook-target';
import { InvalidWebhookError, TooManyWebhooksError } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

export interface WebhookEndpointInput {
  url?: string;
  description?: string;
  events?: DomainEventType[];
  /** true turns a turned-off endpoint on again (its failure streak starts over). */
  enabled?: boolean;
}

/** A new endpoint or a rolled secret: the secret is in this answer and in no other. */
export interface WebhookWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export const MAX_WEBHOOK_ENDPOINTS = 20;
/** Failures in a row (beside WEBHOOK_DISABLE_AFTER_HOURS of them) before an endpoint is turned off. */
export const DISABLE_AFTER_FAILURES = 5;
export const DEFAULT_GRACE_HOURS = 24;
/** How often the worker looks for tasks and follow-ups that fell due, and how many of each an account gets per look. */
const DUE_CHECK_EVERY_MS = 15 * 60_000;
/** Old deliveries each endpoint sheds per tick: a log that grew for years empties over a few ticks, no tick long. */
const PRUNE_PER_ENDPOINT = 5_000;
const PRUNE_PER_TICK = 20_000;
const DUE_BATCH = 200;
/** Pages of due items read per account and tick: 5,000 items, past what any person keeps due. */
const DUE_PAGES = 25;
const DUE_SCHEDULER_ID = 'webhooks-announce-due';


/**
 * Webhook endpoints and their deliveries: the user's settings, the fan-out of each event to the
 * endpoints that chose it, and the delivery of each message (signed, to a checked address).
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly policy: WebhookAddressPolicy;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly securityEvents: SecurityEventsService,
    private readonly jobs: JobQueue<DossierJobs>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_KEYRING) private readonly keyring: SecretKeyring,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: WebhookResolver,
    private readonly tasks: TasksService,
    private readonly followUps: FollowUpsService,
    private readonly events: DomainEvents,
  ) {
    this.policy = new WebhookAddressPolicy(config.webhooks.allowedNetworks);
  }

  list(userId: string): Promise<WebhookEndpoint[]> {
    return this.repository.endpoints(userId);
  }

  async get(userId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.repository.endpoint(userId, id);
    if (!endpoint) throw new NotFoundError('webhook', id);
    return endpoint;
  }

  async create(userId: string, input: WebhookEndpointInput & { url: string; events: DomainEventType[] }): Promise<WebhookWithSecret> {
    const url = this.checkUrl(input.url);
    const events = this.checkEvents(input.events);
    if ((await this.repository.endpoints(userId)).length >= MAX_WEBHOOK_ENDPOINTS) throw new TooManyWebhooksError(MAX_WEBHOOK_ENDPOINTS);
    const secret = newWebhookSecret();
    const endpoint = await this.repository.transaction(async (em) => {
      const created = await this.repository.insertEndpoint({ userId, url, description: input.description?.trim() ?? '', events, enabled: input.enabled ?? true, disabledReason: input.enabled === false ? 'user' : null, disabledAt: input.enabled === false ? this.clock.now() : null, secretSealed: '' }, em);
      await this.repository.updateEndpoint(created.id, { secretSealed: this.keyring.seal(secret, webhookSecretContext(created.id)) }, em);
      return created;
    });
    return { endpoint: await this.get(userId, endpoint.id), secret };
  }

  async update(userId: string, id: string, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    const endpoint = await this.get(userId, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (input.url !== undefined) changes.url = this.checkUrl(input.url);
    if (input.events !== undefined) changes.events = this.checkEvents(input.events);
    if (input.description !== undefined) changes.description = input.description.trim();
    if (input.enabled === true && !endpoint.enabled) Object.assign(changes, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, consecutiveFailures: 0 });
    if (input.enabled === false && endpoint.enabled) Object.assign(changes, { enabled: false, disabledReason: 'user', disabledAt: this.clock.now() });
    if (Object.keys(changes).length) await this.repository.updateEndpoint(id, changes);
    if (changes.enabled === false) await this.repository.cancelPending(id);
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteEndpoint(userId, id))) throw new NotFoundError('webhook', id);
  }

  /**
   * A new secret, shown once. The previous one keeps signing beside it (both signatures in the
   * header) for `graceHours`, so the receiver can switch without refusing a delivery; 0 ends it now.
   */
  async rollSecret(userId: string, id: string, graceHours = DEFAULT_GRACE_HOURS): Promise<WebhookWithSecret> {
    const endpoint = await this.get(userId, id);
    const now = this.clock.now();
    const secret = newWebhookSecret();
    await this.repository.updateEndpoint(id, {
      secretSealed: this.keyring.seal(secret, webhookSecretContext(id)),
      previousSecretSealed: graceHours > 0 ? endpoint.secretSealed : null,
      previousSecretExpiresAt: graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null,
    });
    return { endpoint: await this.get(userId, id), secret };
  }

  /** A test message (`webhook.ping`), sent whether or not the endpoint is on; answers its delivery, to follow in the log. */
  async ping(userId: string, id: string): Promise<WebhookDelivery> {
    const endpoint = await this.get(userId, id);
    const now = this.clock.now();
    const [delivery] = await this.repository.insertDeliveries([{ userId, endpointId: endpoint.id, eventId: null, eventType: WEBHOOK_PING, status: 'pending', body: JSON.stringify({ type: WEBHOOK_PING, timestamp: now.toISOString(), data: { endpointId: endpoint.id } }) }]);
    await this.jobs.enqueue({ name: JobName.DeliverWebhook, data: { deliveryId: delivery.id } });
    return (await this.repository.delivery(delivery.id))!;
  }

  async deliveries(userId: string, id: string, query: { status?: WebhookDeliveryStatus; limit?: number; offset?: number } = {}): Promise<Page<WebhookDelivery>> {
    await this.get(userId, id);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const [items, total] = await this.repository.deliveries(userId, id, { status: query.status, limit, offset });
    return { items, total, limit, offset };
  }

  /** The worker's half of an event: one delivery per endpoint that chose it, queued in the event's order. */
  async fanOut(event: DomainEvent): Promise<{ deliveries: number }> {
    let deliveries = await this.repository.deliveriesOfEvent(event.id);
    if (deliveries.length === 0) {
      const endpoints = await this.repository.subscribers(event.userId, event.type);
      const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });
      deliveries = await this.repository.insertDeliveries(endpoints.map((e) => ({ userId: event.userId, endpointId: e.id, eventId: event.id, eventType: event.type, body, status: 'pending' as const })));
    }
    // A retried fan-out queues what it had not queued yet; the delivery's id names its job.
    for (const d of deliveries) if (d.status === 'pending') await this.jobs.enqueue({ name: JobName.DeliverWebhook, data: { deliveryId: d.id } });
    return { deliveries: deliveries.length };
  }

  /**
   * One attempt of a delivery. Answers `retry` when it failed and attempts are left (the job is
   * then retried with backoff), `done` otherwise. A refused target (an address the policy refuses)
   * is never contacted nor retried; a name that did not resolve is a failed attempt, tried again.
   */
  async deliver(deliveryId: string, attempt: number, lastAttempt: boolean): Promise<'done' | 'retry'> {
    const delivery = await this.repository.delivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'done';
    const endpoint = await this.repository.endpointById(delivery.endpointId);
    if (!endpoint) return 'done';
    if (!endpoint.enabled && delivery.eventType !== WEBHOOK_PING) {
      await this.repository.updateDelivery(delivery.id, { status: 'cancelled', error: 'the endpoint was turned off' });
      return 'done';
    }
    const now = this.clock.now();
    const secrets = this.liveSecrets(endpoint, now);
    if (secrets.length === 0) {
      await this.repository.updateDelivery(delivery.id, { status: 'failed', attempts: attempt, lastAttemptAt: now, error: 'the signing secret cannot be read with this server key: roll the secret' });
      return 'done';
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = { 'webhook-id': delivery.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, delivery.id, timestamp, delivery.body) };
    const outcome = await sendWebhook(endpoint.url, headers, delivery.body, { policy: this.policy, resolve: this.resolve, timeoutMs: this.config.webhooks.timeoutMs });
    const at = this.clock.now();
    if (outcome.kind === 'delivered') {
      await this.repository.updateDelivery(delivery.id, { status: 'succeeded', attempts: attempt, lastAttemptAt: at, responseStatus: outcome.status, durationMs: outcome.durationMs, error: null });
      await this.repository.countSuccess(endpoint.id, at);
      return 'done';
    }
    const final = outcome.kind === 'refused' || lastAttempt;
    // The streak is counted before the attempt is written, so its delivery is never seen cancelled
    // for a moment by the same turning-off that cancels the endpoint's other pending deliveries.
    const turnedOff = await this.countFailure(endpoint, at, delivery.id);
    await this.repository.updateDelivery(delivery.id, {
      status: outcome.kind === 'refused' ? 'refused' : final || turnedOff ? 'failed' : 'pending',
      attempts: attempt,
      lastAttemptAt: at,
      responseStatus: outcome.kind === 'failed' ? outcome.status : null,
      durationMs: outcome.kind === 'failed' ? outcome.durationMs : null,
      error: turnedOff ? `${outcome.error}; the endpoint was turned off after failing for ${this.config.webhooks.disableAfterHours} hours` : outcome.error,
    });
    return final || turnedOff ? 'done' : 'retry';
  }

  /** Every worker start keeps the due-notices tick at its pace. */
  async reconcileScheduler(): Promise<void> {
    const existing = (await this.jobs.listSchedules(JobName.AnnounceDue)).find((s) => s.id === DUE_SCHEDULER_ID);
    if (existing?.everyMs !== DUE_CHECK_EVERY_MS) await this.jobs.upsertSchedule(DUE_SCHEDULER_ID, DUE_CHECK_EVERY_MS, { name: JobName.AnnounceDue, data: {} });
  }

  /**
   * The tick: for each account with an endpoint that chose `task.due` or `follow-up.due`, what is
   * due by its today (in its time zone) and was not announced for that date yet. The due lists are
   * read a page of DUE_BATCH at a time, oldest due first, up to DUE_PAGES pages: an account with
   * many old items already announced still has its newly due ones found behind them.
   */
  async announceDue(): Promise<{ tasks: number; followUps: number }> {
    let tasks = 0;
    let followUps = 0;
    for (const userId of await this.repository.usersSubscribedTo('task.due')) {
      for (let page = 0, offset = 0; page < DUE_PAGES; page++, offset += DUE_BATCH) {
        const due = await this.tasks.due(userId, { limit: DUE_BATCH, offset });
        const fresh = await this.repository.claimDueNotices(userId, 'task', due.items.map((i) => ({ id: i.task.id, dueOn: i.task.dueOn! })));
        for (const { task, daysOverdue } of due.items.filter((i) => fresh.has(i.task.id))) {
          await this.events.publish(userId, 'task.due', { taskId: task.id, title: task.title, dueOn: task.dueOn, daysOverdue, personId: task.personId, applicationId: task.applicationId, interviewId: task.interviewId });
          tasks += 1;
        }
        if (offset + DUE_BATCH >= due.total) break;
      }
    }
    for (const userId of await this.repository.usersSubscribedTo('follow-up.due')) {
      for (let page = 0, offset = 0; page < DUE_PAGES; page++, offset += DUE_BATCH) {
        const due = await this.followUps.due(userId, { limit: DUE_BATCH, offset });
        const fresh = await this.repository.claimDueNotices(userId, 'follow-up', due.items.map((i) => ({ id: i.person.id, dueOn: i.person.nextFollowUpAt! })));
        for (const { person, daysOverdue } of due.items.filter((i) => fresh.has(i.person.id))) {
          // The person by id only: a delivery's body is kept in its log, and an erased person's name must not stay there.
          await this.events.publish(userId, 'follow-up.due', { personId: person.id, dueOn: person.nextFollowUpAt, daysOverdue });
          followUps += 1;
        }
        if (offset + DUE_BATCH >= due.total) break;
      }
    }
    return { tasks, followUps };
  }

  /** Finished deliveries older than WEBHOOK_LOG_RETENTION_DAYS leave the log (run on the due-notices tick); answers how many. */
  async pruneDeliveryLog(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.webhooks.logRetentionDays * 86_400_000);
    return this.repository.pruneDeliveries(before, PRUNE_PER_ENDPOINT, PRUNE_PER_TICK);
  }

  /** Every failed attempt lengthens the streak; one that has lasted WEBHOOK_DISABLE_AFTER_HOURS turns the endpoint off and tells its owner. */
  private async countFailure(endpoint: WebhookEndpoint, at: Date, deliveryId: string): Promise<boolean> {
    const streak = await this.repository.countFailure(endpoint.id, at);
    if (!streak || !endpoint.enabled) return false;
    const failingHours = (at.getTime() - streak.failingSince.getTime()) / 3_600_000;
    if (streak.consecutiveFailures < DISABLE_AFTER_FAILURES || failingHours < this.config.webhooks.disableAfterHours) return false;
    if (!(await this.repository.disableFailing(endpoint.id, at))) return false;
    await this.repository.cancelPending(endpoint.id, deliveryId);
    await this.securityEvents.record(endpoint.userId, 'webhook-disabled', {
      details: { endpointId: endpoint.id, host: new URL(endpoint.url).host, failingSince: streak.failingSince.toISOString(), consecutiveFailures: streak.consecutiveFailures },
    });
    this.logger.warn(`webhook endpoint ${endpoint.id} turned off after ${streak.consecutiveFailures} failed attempts since ${streak.failingSince.toISOString()}`);
    return true;
  }

  /** The current secret, and the previous one while its grace period lasts. */
  private liveSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
    const current = this.keyring.open(endpoint.secretSealed, webhookSecretContext(endpoint.id));
    if (current === null) return [];
    const previous = endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? this.keyring.open(endpoint.previousSecretSealed, webhookSecretContext(endpoint.id)) : null;
    return previous ? [current, previous] : [current];
  }

  /** https, or plain http into an allowed network; no credentials; a literal address or a local name is checked at once. */
  private checkUrl(value: string): string {
    const problem = (text: string) => new InvalidWebhookError([{ field: 'url', problem: text }]);
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      throw problem('must be an absolute https URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw problem('must be an https URL (or http into a network the server allows)');
    if (url.username || url.password) throw problem('must not hold a user name or password: put a token in the path, or verify the signature');
    if (url.hash) throw problem('must not have a #fragment');
    const plainHttp = url.protocol === 'http:';
    if (plainHttp && this.config.webhooks.allowedNetworks.length === 0) throw problem('must be https: this server allows plain http only into networks its admin named (WEBHOOK_ALLOWED_NETWORKS)');
    const literal = literalAddress(url.hostname);
    const address = literal ?? (isLocalName(url.hostname) ? '127.0.0.1' : null);
    if (address) {
      const refusal = this.policy.refusal(address, plainHttp);
      if (refusal) throw problem(`is refused: ${address} is ${refusal}`);
    }
    return url.toString();
  }

  private checkEvents(events: DomainEventType[]): DomainEventType[] {
    const unique = [...new Set(events)];
    if (unique.length === 0) throw new InvalidWebhookError([{ field: 'events', problem: 'must name at least one event' }]);
    return unique;
  }
}
