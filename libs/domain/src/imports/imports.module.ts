import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index';
import { ApplicationsModule } from '../applications/index';
import { BriefingsModule } from '../briefings/index';
import { InteractionsModule } from '../interactions/index';
import { InterviewsModule } from '../interviews/index';
import { OrganizationsModule } from '../organizations/index';
import { PeopleModule, Person } from '../people/index';
import { ReadingModule } from '../reading/index';
import { ReferralsModule } from '../referrals/index';
import { ResumeProjectsModule } from '../resume-projects/index';
import { ScholarlyIdentitiesModule } from '../scholarly-identities/index';
import { StageTemplatesModule } from '../stage-templates/index';
import { StudyModule } from '../study/index';
import { MailModule } from '../mail/index';
import { SyncModule } from '../sync/index';
import { TasksModule } from '../tasks/index';
import { WorksModule } from '../works/index';
import { WebhooksModule } from '../webhooks/index';
import { AccountExportRepository } from './account-export.repository';
import { AccountExportService } from './account-export.service';
import { ImportRun } from './import-run.entity';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { DigestsModule } from '../digests/index';

/**
 * The modules whose records the account document holds, each with its export part: loaded here so
 * that a restore run by the worker has every part the API's export wrote.
 */
const EXPORTED_MODULES = [AccountsModule, OrganizationsModule, PeopleModule, InteractionsModule, StageTemplatesModule, ApplicationsModule, InterviewsModule, TasksModule, ReferralsModule, ResumeProjectsModule, ReadingModule, ScholarlyIdentitiesModule, SyncModule, BriefingsModule, WorksModule, StudyModule, WebhooksModule, MailModule, DigestsModule];

@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), DiscoveryModule, ...EXPORTED_MODULES],
  providers: [ImportsRepository, ImportsService, AccountExportRepository, AccountExportService],
  exports: [ImportsService, AccountExportService],
})
export class ImportsModule {}
