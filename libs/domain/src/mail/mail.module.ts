import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { MailTransport } from './mail-transport';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

@Module({
  imports: [TypeOrmModule.forFeature([MailSettingsRow, MailLogEntry])],
  providers: [MailRepository, MailTransport, MailService],
  exports: [MailService],
})
export class MailModule {}
