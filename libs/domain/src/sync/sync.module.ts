import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Person } from '../people/person.entity';
import { ScholarlyIdentity } from '../scholarly-identities/scholarly-identity.entity';
import { SyncRun } from '../scholarly-identities/sync-run.entity';
import { WorksModule } from '../works/works.module';
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
