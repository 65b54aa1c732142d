import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessToken } from './access-token.entity';
import { AccountsService } from './accounts.service';
import { RecoveryCode } from './recovery-code.entity';
import { SignInThrottleService } from './sign-in-throttle.service';
import { UserTwoFactor } from './two-factor.entity';
import { TwoFactorService } from './two-factor.service';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, AccessToken, UserTwoFactor, RecoveryCode])],
  providers: [AccountsService, TwoFactorService, SignInThrottleService],
  exports: [AccountsService, TwoFactorService, SignInThrottleService],
})
export class AccountsModule {}
