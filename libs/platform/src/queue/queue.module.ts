import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobCatalogue, JobMap, JobQueue } from './job-queue.port';
import { JOB_CATALOGUE, JobQueueService } from './job-queue.service';
import { bullConnection } from './queue-connection';
import { createRequestPacer, RequestPacer } from '../http/request-pacer';

/**
 * Connects BullMQ and registers every queue of the catalogue it is given (the domain's: platform
 * names no job of its own). Producers inject JobQueue (the port, answered by JobQueueService);
 * only the worker app adds processors. Beside the queues, on the same backend, the RequestPacer that
 * spaces the requests to each scholarly source over every process (its limits: config.sync.limits).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot<M extends JobMap>(catalogue: JobCatalogue<M>): DynamicModule {
    const queues = catalogue.queues.map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => bullConnection(config.queue) as never,
        }),
        ...queues,
      ],
      providers: [
        { provide: JOB_CATALOGUE, useValue: catalogue },
        JobQueueService,
        { provide: JobQueue, useExisting: JobQueueService },
        {
          provide: RequestPacer,
          inject: [APP_CONFIG, DataSource],
          useFactory: (config: AppConfig, dataSource: DataSource) => createRequestPacer(config.queue, (dataSource.driver as unknown as { master: Pool }).master, sourceSpacing(config.sync.limits)),
        },
      ],
      exports: [JobQueueService, JobQueue, RequestPacer, ...queues],
    };
  }
}

/** The least time between two requests to each source: its window over its count (`10/1s` → 100 ms). */
export function sourceSpacing(limits: AppConfig['sync']['limits']): Record<string, number> {
  return Object.fromEntries(Object.entries(limits).map(([source, limit]) => [source, Math.ceil(limit.durationMs / limit.max)]));
}
