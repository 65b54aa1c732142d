import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { SecurityEventsModule } from '../security-events/index';
import { AccountMailService } from './account-mail.service';
import { MailTransport } from './mail-transport';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

@Module({
  imports: [TypeOrmModule.forFeature([MailSettingsRow, MailLogEntry]), SecurityEventsModule],
  providers: [MailRepository, MailTransport, MailService, AccountMailService],
  exports: [MailService, AccountMailService],
})
export class MailModule {}
