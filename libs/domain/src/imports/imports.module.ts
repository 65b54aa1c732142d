import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index';
import { PeopleModule } from '../people/index';
import { SyncModule } from '../sync/index';
import { AccountExportService } from './account-export.service';
import { ImportRun } from './import-run.entity';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), PeopleModule, OrganizationsModule, SyncModule],
  providers: [ImportsRepository, ImportsService, AccountExportService],
  exports: [ImportsService, AccountExportService],
})
export class ImportsModule {}
