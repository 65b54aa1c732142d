import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/index';
import { ScholarlyIdentity } from '../scholarly-identities/index';
import { SyncRun } from './sync-run.entity';
import { WorksModule } from '../works/index';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncProblemsService } from './sync-problems.service';
import { SyncSchedules } from './sync-schedules';
import { SyncService } from './sync.service';
import { SyncExport } from './sync.export';

/**
 * Publication sync. The source clients are built per job step from APP_CONFIG (see SyncService),
 * so each step counts the requests it makes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SyncRun, ScholarlyIdentity, Person, PersonSyncSettings]), WorksModule],
  providers: [SyncExport, SyncService, SyncSchedules, SyncProblemsService],
  exports: [SyncService, SyncSchedules, SyncProblemsService],
})
export class SyncModule {}
