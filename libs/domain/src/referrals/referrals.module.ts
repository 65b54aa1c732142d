import { Module, OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule, PersonReferences } from '../people/index';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { ReferralsExport } from './referrals.export';

@Module({
  imports: [PeopleModule, AccountsModule],
  providers: [ReferralsExport, ReferralsService, ReferralsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: ReferralsRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
