import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/index';
import { systemResolver, WEBHOOK_RESOLVER } from './webhook-target';
import { WebhooksExport } from './webhooks.export';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [SecurityEventsModule],
  providers: [WebhooksExport, WebhooksService, WebhooksRepository, { provide: WEBHOOK_RESOLVER, useValue: systemResolver }],
  exports: [WebhooksService],
})
export class WebhooksModule {}
