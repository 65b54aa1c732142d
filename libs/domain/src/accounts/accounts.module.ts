import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEventsModule } from '../security-events/index';
import { AccountsService } from './accounts.service';
import { InvitationsService } from './invitations.service';
import { RecoveryCode } from './recovery-code.entity';
import { SignInThrottleService } from './sign-in-throttle.service';
import { UserTwoFactor } from './two-factor.entity';
import { TwoFactorService } from './two-factor.service';
import { User } from './user.entity';
import { UsersAdminService } from './users-admin.service';
import { AccountsExport } from './accounts.export';

@Module({
  imports: [SecurityEventsModule, TypeOrmModule.forFeature([User, UserTwoFactor, RecoveryCode])],
  providers: [AccountsExport, AccountsService, InvitationsService, UsersAdminService, TwoFactorService, SignInThrottleService],
  exports: [AccountsService, InvitationsService, UsersAdminService, SecurityEventsModule, TwoFactorService, SignInThrottleService],
})
export class AccountsModule {}
