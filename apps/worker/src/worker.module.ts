import { DynamicModule, Module } from '@nestjs/common';
import { ENTITIES } from '#domain/entities';
import { BriefingsModule } from '#domain/briefings/index';
import { DigestsModule } from '#domain/digests/index';
import { ImportsModule } from '#domain/imports/index';
import { SyncModule } from '#domain/sync/index';
import { WebhooksModule } from '#domain/webhooks/index';
import { DOSSIER_JOBS } from '#domain/jobs/index';
import { MailModule } from '#domain/mail/index';
import { AppConfig, AppConfigModule, DatabaseModule, QueueModule } from '#platform';
import { MIGRATIONS } from '../../../migrations/index';
import { processors } from './processors/index';
import { WorkerErrors } from './worker-errors';

/** The worker app: the same domain services as the API, plus the BullMQ processors. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES, MIGRATIONS), QueueModule.forRoot(DOSSIER_JOBS), ImportsModule, SyncModule, BriefingsModule, WebhooksModule, MailModule, DigestsModule],
      providers: [...processors(), WorkerErrors],
    };
  }
}
