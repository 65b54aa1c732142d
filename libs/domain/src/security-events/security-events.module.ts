import { Module } from '@nestjs/common';
import { SecurityEventsRepository } from './security-events.repository';
import { SecurityEventsService } from './security-events.service';

@Module({
  providers: [SecurityEventsService, SecurityEventsRepository],
  exports: [SecurityEventsService],
})
export class SecurityEventsModule {}
