import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule } from '../people/index';
import { FollowUpsService } from './follow-ups.service';
import { InteractionsRepository } from './interactions.repository';
import { InteractionsService } from './interactions.service';
import { InteractionsExport } from './interactions.export';

@Module({
  imports: [PeopleModule, AccountsModule],
  providers: [InteractionsExport, InteractionsService, FollowUpsService, InteractionsRepository],
  exports: [InteractionsService, FollowUpsService],
})
export class InteractionsModule {}
