import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ImportsService } from '#domain/imports/imports.service';
import { JobData, JobName, QueueName } from '#platform';

export type RunImportJob = Job<JobData<typeof JobName.RunImport>, void, typeof JobName.RunImport>;

@Processor(QueueName.Imports)
export class ImportsProcessor extends WorkerHost {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  async process(job: RunImportJob): Promise<void> {
    switch (job.name) {
      case JobName.RunImport:
        await this.imports.runQueued(job.data.importId, (done, total) => job.updateProgress({ done, total }));
        return;
      default:
        assertNever(job.name);
    }
  }
}

function assertNever(name: never): never {
  throw new Error(`imports queue received an unknown job: ${String(name)}`);
}
