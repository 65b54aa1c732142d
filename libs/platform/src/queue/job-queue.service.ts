import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobItem, JobName, QueueName } from './jobs';

/** The one producer API: every job enters a queue through `enqueue`. */
@Injectable()
export class JobQueueService {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue(item: JobItem): Promise<string> {
    const job = await this.queue(JOB_QUEUE[item.name]).add(item.name, item.data, jobOptions(item));
    return job.id ?? '';
  }

  /** Reachable backend check for /health/ready: a cheap read on every queue. */
  async ping(): Promise<void> {
    await Promise.all(Object.values(QueueName).map((name) => this.queue(name).getJobCounts('waiting')));
  }
}

/** Retry and de-duplication rules, in one place. */
function jobOptions(item: JobItem): JobsOptions {
  switch (item.name) {
    case JobName.RunImport:
      // An import is not safe to run twice concurrently; the id de-duplicates a double enqueue.
      return { jobId: `import-${item.data.importId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 };
  }
}
