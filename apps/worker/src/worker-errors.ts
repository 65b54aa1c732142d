import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobQueueService } from '#platform';
import { processors } from './processors/index';

/** Every processor's BullMQ worker reports its connection errors as log lines (see JobQueueService.reportErrors), never as a stack on stderr. */
@Injectable()
export class WorkerErrors implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly jobs: JobQueueService,
  ) {}

  onApplicationBootstrap(): void {
    for (const processor of processors()) {
      const host = this.moduleRef.get<WorkerHost>(processor, { strict: false });
      this.jobs.reportErrors(host.worker, `worker ${host.worker.name}`);
    }
  }
}
