import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DigestsService } from '#domain/digests/index';
import { JobData, JobName, QueueName } from '#domain/jobs/index';

type DigestsJobName = typeof JobName.SendDueDigests;
export type DigestsJob = Job<JobData<DigestsJobName>, unknown, DigestsJobName>;

/** Every few minutes, the daily digests whose hour has come. */
@Processor(QueueName.Digests)
export class DigestsProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestsProcessor.name);
  private stopping = false;

  constructor(private readonly digests: DigestsService) {
    super();
  }

  /** Every worker start keeps the scheduler at its pace. */
  onApplicationBootstrap(): void {
    void this.digests.reconcileScheduler().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`digest scheduler not reconciled: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(job: DigestsJob): Promise<unknown> {
    if (job.name === JobName.SendDueDigests) return this.digests.tick();
    throw new UnrecoverableError(`digests queue received an unknown job: ${String((job as Job).name)}`);
  }
}
