import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '#platform';
import type { DomainEventData, DomainEventType } from './domain-event';
import { DossierJobs, JobName } from './dossier-jobs';

/**
 * The port a module announces its events through: each event is one job in the webhooks queue,
 * whose handler finds the endpoints that chose it. Call it after the change is committed; an event
 * that cannot be queued is logged, not thrown, as the user's change has been made.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);

  constructor(private readonly jobs: JobQueue<DossierJobs>) {}

  async publish(userId: string, type: DomainEventType, data: DomainEventData, occurredAt: Date = new Date()): Promise<void> {
    try {
      await this.jobs.enqueue({ name: JobName.PublishEvent, data: { id: randomUUID(), userId, type, occurredAt: occurredAt.toISOString(), data } });
    } catch (e) {
      this.logger.warn(`event ${type} not queued: ${(e as Error).message}`);
    }
  }
}

/** For scripts that build services by hand without a queue (benchmarks' seeds): their events go nowhere. */
export function unheardEvents(): DomainEvents {
  return Object.assign(Object.create(DomainEvents.prototype) as DomainEvents, { publish: async () => undefined });
}
