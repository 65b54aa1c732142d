import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobCatalogue, JobMap, JobQueue } from './job-queue.port';
import { JOB_CATALOGUE, JobQueueService } from './job-queue.service';
import { bullConnection } from './queue-connection';

/**
 * Connects BullMQ and registers every queue of the catalogue it is given (the domain's: platform
 * names no job of its own). Producers inject JobQueue (the port, answered by JobQueueService);
 * only the worker app adds processors.
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
      providers: [{ provide: JOB_CATALOGUE, useValue: catalogue }, JobQueueService, { provide: JobQueue, useExisting: JobQueueService }],
      exports: [JobQueueService, JobQueue, ...queues],
    };
  }
}
