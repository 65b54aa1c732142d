import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { ImportsService } from '#domain/imports/index';
import { JobData, JobName, QueueName } from '#domain/jobs/index';
import { DomainError } from '#platform';

export type RunImportJob = Job<JobData<typeof JobName.RunImport>, void, typeof JobName.RunImport>;

@Processor(QueueName.Imports)
export class ImportsProcessor extends WorkerHost {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  async process(job: RunImportJob): Promise<void> {
    switch (job.name) {
      case JobName.RunImport:
        try {
          await this.imports.runQueued(job.data.importId, (done, total) => job.updateProgress({ done, total }));
        } catch (e) {
          // A domain error (e.g. the account is no longer empty) fails the same way on every retry.
          if (e instanceof DomainError) throw new UnrecoverableError(e.message);
          throw e;
        }
        return;
      default:
        assertNever(job.name);
    }
  }
}

function assertNever(name: never): never {
  throw new Error(`imports queue received an unknown job: ${String(name)}`);
}
