import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { AuthorBatchResult, AuthorChecks, SyncSchedulesService, SyncService } from '#domain/sync/index';
import { JobData, JobName, QueueName } from '#domain/jobs/index';

type SyncPeopleJobName = typeof JobName.SyncDuePeople | typeof JobName.SyncScheduledPerson | typeof JobName.SyncAccountPeople | typeof JobName.FinishPersonSync | typeof JobName.StartScheduledSyncs;
export type SyncPeopleJob = Job<JobData<SyncPeopleJobName>, unknown, SyncPeopleJobName>;

/** The person side of publication sync: scheduler ticks, the parent of a tick's author checks, and the parent job of each person's flow. */
@Processor(QueueName.SyncPeople)
export class SyncPeopleProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SyncPeopleProcessor.name);
  private stopping = false;

  constructor(
    private readonly sync: SyncService,
    private readonly schedules: SyncSchedulesService,
  ) {
    super();
  }

  /** Every worker start brings the job schedulers in line with the configuration and the table. */
  onApplicationBootstrap(): void {
    void this.schedules.reconcile().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`sync schedulers not reconciled: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async process(job: SyncPeopleJob): Promise<unknown> {
    switch (job.name) {
      case JobName.SyncDuePeople:
        return this.schedules.syncDuePeople();
      case JobName.SyncScheduledPerson:
        return this.schedules.syncScheduledPerson((job.data as JobData<typeof JobName.SyncScheduledPerson>).personId);
      case JobName.SyncAccountPeople:
        return this.schedules.syncAccountPeople((job.data as JobData<typeof JobName.SyncAccountPeople>).userId);
      case JobName.FinishPersonSync: {
        const data = job.data as JobData<typeof JobName.FinishPersonSync>;
        return this.sync.finishFlow(data.runIds, await job.getIgnoredChildrenFailures());
      }
      case JobName.StartScheduledSyncs: {
        // The children are the tick's Semantic Scholar batch checks: those that answered, and those that failed for good.
        const data = job.data as JobData<typeof JobName.StartScheduledSyncs>;
        const answered = Object.values(await job.getChildrenValues<AuthorBatchResult>());
        const failed = await this.schedules.failedAuthorBatches(await job.getIgnoredChildrenFailures());
        const checks = new AuthorChecks([...answered, ...failed]);
        return { ...(await this.schedules.startCheckedSyncs(data.personIds, checks)), authorsChecked: checks.size };
      }
      default:
        throw new UnrecoverableError(`sync-people queue received an unknown job: ${String((job as Job).name)}`);
    }
  }
}
