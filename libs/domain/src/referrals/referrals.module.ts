import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule } from '../people/index';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [PeopleModule, AccountsModule],
  providers: [ReferralsService, ReferralsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule {}
