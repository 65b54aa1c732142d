import { Module, OnModuleInit } from '@nestjs/common';
import { PeopleModule, PersonReferences } from '../people/index';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScholarlyModule } from '../scholarly/index';
import { SyncRun } from './sync-run.entity';
import { WorksModule } from '../works/index';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncProblemsService } from './sync-problems.service';
import { SyncSchedulesService } from './sync-schedules.service';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';
import { SyncExport } from './sync.export';
import { DomainEvents } from '../jobs/index';

/**
 * Publication sync. Its queries are SyncRepository's. The source clients are built once
 * (ScholarlyModule, exported for the worker's processors); each step counts the requests it makes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SyncRun, PersonSyncSettings]), WorksModule, ScholarlyModule, PeopleModule],
  providers: [SyncExport, SyncRepository, SyncService, SyncSchedulesService, SyncProblemsService, DomainEvents],
  exports: [SyncService, SyncSchedulesService, SyncProblemsService, ScholarlyModule],
})
export class SyncModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: SyncRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
