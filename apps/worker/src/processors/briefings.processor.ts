import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { BriefingsService } from '#domain/briefings/index';
import { JobData, JobName, QueueName } from '#domain/jobs/index';
import { DomainError } from '#platform';

type BriefingsJobName = typeof JobName.GenerateBriefing | typeof JobName.GenerateDueBriefings;
export type BriefingsJob = Job<JobData<BriefingsJobName>, unknown, BriefingsJobName>;

/** Generates briefing versions, and every few minutes queues those due before an interview. */
@Processor(QueueName.Briefings)
export class BriefingsProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BriefingsProcessor.name);
  private stopping = false;

  constructor(private readonly briefings: BriefingsService) {
    super();
  }

  /** Every worker start keeps the scheduler at the configured pace. */
  onApplicationBootstrap(): void {
    void this.briefings.reconcileScheduler().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`briefing scheduler not reconciled: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(job: BriefingsJob): Promise<unknown> {
    switch (job.name) {
      case JobName.GenerateDueBriefings:
        return this.briefings.generateDue();
      case JobName.GenerateBriefing: {
        const { briefingId } = job.data as JobData<typeof JobName.GenerateBriefing>;
        try {
          const briefing = await this.briefings.generate(briefingId);
          return { status: briefing?.status ?? 'gone' };
        } catch (e) {
          const message = (e as Error).message;
          // A domain error (the interview was deleted) fails the same way on every attempt.
          const final = e instanceof DomainError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (final) {
            await this.briefings.fail(briefingId, message);
            if (e instanceof DomainError) throw new UnrecoverableError(message);
          }
          throw e;
        }
      }
      default:
        throw new UnrecoverableError(`briefings queue received an unknown job: ${String((job as Job).name)}`);
    }
  }
}
