import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/index';
import { InteractionsModule } from '../interactions/index';
import { DomainEvents } from '../jobs/index';
import { TasksModule } from '../tasks/index';
import { systemResolver, WEBHOOK_RESOLVER } from './webhook-target';
import { WebhooksExport } from './webhooks.export';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [SecurityEventsModule, TasksModule, InteractionsModule],
  providers: [WebhooksExport, WebhooksService, WebhooksRepository, DomainEvents, { provide: WEBHOOK_RESOLVER, useValue: systemResolver }],
  exports: [WebhooksService],
})
export class WebhooksModule {}
