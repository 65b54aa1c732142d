import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/index';
import { ScholarlyModule } from '../scholarly/index';
import { ScholarlyIdentity } from '../scholarly-identities/index';
import { SyncRun } from './sync-run.entity';
import { WorksModule } from '../works/index';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncProblemsService } from './sync-problems.service';
import { SyncSchedules } from './sync-schedules';
import { SyncService } from './sync.service';

/**
 * Publication sync. The source clients are built once (ScholarlyModule, exported for the worker's
 * processors); each step counts the requests it makes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SyncRun, ScholarlyIdentity, Person, PersonSyncSettings]), WorksModule, ScholarlyModule],
  providers: [SyncService, SyncSchedules, SyncProblemsService],
  exports: [SyncService, SyncSchedules, SyncProblemsService, ScholarlyModule],
})
export class SyncModule {}
