import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Referral } from './referral.entity';
import { ReferralsService } from './referrals.service';
import { ReferralsExport } from './referrals.export';

@Module({
  imports: [TypeOrmModule.forFeature([Referral])],
  providers: [ReferralsExport, ReferralsService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
