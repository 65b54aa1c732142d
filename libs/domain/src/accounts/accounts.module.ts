import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { AccountsService } from './accounts.service';
import { InvitationsService } from './invitations.service';
import { UsersAdminService } from './users-admin.service';

@Module({
  imports: [SecurityEventsModule],
  providers: [AccountsService, InvitationsService, UsersAdminService],
  exports: [AccountsService, InvitationsService, UsersAdminService, SecurityEventsModule],
})
export class AccountsModule {}
