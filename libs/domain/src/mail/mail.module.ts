import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { BriefingsModule } from '../briefings/index';
import { InterviewsModule } from '../interviews/index';
import { SecurityEventsModule } from '../security-events/index';
import { BriefingMailService } from './briefing-mail.service';
import { AccountMailService } from './account-mail.service';
import { MailTransport } from './mail-transport';
import { MailExport } from './mail.export';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

@Module({
  imports: [TypeOrmModule.forFeature([MailSettingsRow, MailLogEntry]), SecurityEventsModule, BriefingsModule, InterviewsModule],
  providers: [MailExport, MailRepository, MailTransport, MailService, AccountMailService, BriefingMailService],
  exports: [MailService, AccountMailService, BriefingMailService],
})
export class MailModule {}
