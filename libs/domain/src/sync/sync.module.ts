import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/index';
import { ScholarlyIdentity, SyncRun } from '../scholarly-identities/index';
import { WorksModule } from '../works/index';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncProblems } from './sync-problems';
import { SyncSchedules } from './sync-schedules';
import { SyncService } from './sync.service';

/**
 * Publication sync. The source clients are built per job step from APP_CONFIG (see SyncService),
 * so each step counts the requests it makes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SyncRun, ScholarlyIdentity, Person, PersonSyncSettings]), WorksModule],
  providers: [SyncService, SyncSchedules, SyncProblems],
  exports: [SyncService, SyncSchedules, SyncProblems],
})
export class SyncModule {}
