import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobData, JobName, QueueName } from '#domain/jobs/index';
import { WebhooksService } from '#domain/webhooks/index';

type WebhooksJobName = typeof JobName.PublishEvent | typeof JobName.DeliverWebhook | typeof JobName.AnnounceDue;
export type WebhooksJob = Job<JobData<WebhooksJobName>, unknown, WebhooksJobName>;

/**
 * Fans each event out to its endpoints and sends each delivery. One job at a time per worker: a
 * fan-out queues its deliveries behind those of earlier events, so an endpoint receives a moved
 * application's events in the order they happened (as long as each first attempt succeeds).
 */
@Processor(QueueName.Webhooks, { concurrency: 1 })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhooksProcessor.name);
  private stopping = false;

  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  /** Every worker start keeps the due-notices tick at its pace. */
  onApplicationBootstrap(): void {
    void this.webhooks.reconcileScheduler().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`webhooks scheduler not reconciled: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(job: WebhooksJob): Promise<unknown> {
    switch (job.name) {
      case JobName.AnnounceDue:
        // The same tick keeps the delivery log to its retention.
        return { ...(await this.webhooks.announceDue()), pruned: await this.webhooks.pruneDeliveryLog() };
      case JobName.PublishEvent:
        return this.webhooks.fanOut(job.data as JobData<typeof JobName.PublishEvent>);
      case JobName.DeliverWebhook: {
        const { deliveryId } = job.data as JobData<typeof JobName.DeliverWebhook>;
        const attempt = job.attemptsMade + 1;
        const outcome = await this.webhooks.deliver(deliveryId, attempt, attempt >= (job.opts.attempts ?? 1));
        // The delivery's row holds what went wrong; the job only needs to be tried again later.
        if (outcome === 'retry') throw new Error(`delivery ${deliveryId}: attempt ${attempt} failed`);
        return { outcome };
      }
      default:
        throw new UnrecoverableError(`webhooks queue received an unknown job: ${String((job as Job).name)}`);
    }
  }
}
