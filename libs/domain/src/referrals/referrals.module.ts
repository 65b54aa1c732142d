import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule } from '../people/index';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { ReferralsExport } from './referrals.export';

@Module({
  imports: [PeopleModule, AccountsModule],
  providers: [ReferralsExport, ReferralsService, ReferralsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule {}
