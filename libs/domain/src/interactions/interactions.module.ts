import { Module, OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule, PersonReferences } from '../people/index';
import { FollowUpsService } from './follow-ups.service';
import { InteractionsRepository } from './interactions.repository';
import { InteractionsService } from './interactions.service';
import { InteractionsExport } from './interactions.export';

@Module({
  imports: [PeopleModule, AccountsModule],
  providers: [InteractionsExport, InteractionsService, FollowUpsService, InteractionsRepository],
  exports: [InteractionsService, FollowUpsService],
})
export class InteractionsModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: InteractionsRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
