import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/index';
import { ReadinessModule } from '../readiness/index';
import { DigestPostbox } from './digest-postbox';
import { DigestRun } from './digest-run.entity';
import { DigestsExport } from './digests.export';
import { DigestsRepository } from './digests.repository';
import { DigestsService } from './digests.service';

/** The daily digest: composed here, sent by the mail module. */
@Module({
  imports: [TypeOrmModule.forFeature([DigestRun]), MailModule, ReadinessModule],
  providers: [DigestsRepository, DigestsService, DigestPostbox, DigestsExport],
  exports: [DigestsService],
})
export class DigestsModule {}
