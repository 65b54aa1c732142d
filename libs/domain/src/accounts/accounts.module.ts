import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/index';
import { AccessTokensRepository } from './access-tokens.repository';
import { AccountsService } from './accounts.service';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { IdempotencyKeysService } from './idempotency-keys.service';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { SignInThrottlesRepository } from './sign-in-throttles.repository';
import { TimeZonesService } from './time-zones.service';
import { TwoFactorRepository } from './two-factor.repository';
import { TwoFactorService } from './two-factor.service';
import { UsersAdminService } from './users-admin.service';
import { UsersRepository } from './users.repository';
import { AccountsExport } from './accounts.export';

@Module({
  imports: [SecurityEventsModule],
  providers: [
    AccountsExport,
    AccountsService,
    InvitationsService,
    UsersAdminService,
    TwoFactorService,
    SignInThrottleService,
    TimeZonesService,
    IdempotencyKeysService,
    UsersRepository,
    AccessTokensRepository,
    InvitationsRepository,
    TwoFactorRepository,
    SignInThrottlesRepository,
    IdempotencyKeysRepository,
  ],
  exports: [AccountsService, InvitationsService, UsersAdminService, SecurityEventsModule, TwoFactorService, SignInThrottleService, TimeZonesService, IdempotencyKeysService],
})
export class AccountsModule {}
