import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobQueueService } from './job-queue.service';
import { QueueName } from './jobs';
import { bullConnection } from './queue-connection';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/** Connects BullMQ and registers every queue. Producers use JobQueueService; only the worker app adds processors. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => bullConnection(config.queue) as never,
        }),
        ...queues,
      ],
      providers: [JobQueueService],
      exports: [JobQueueService, ...queues],
    };
  }
}
