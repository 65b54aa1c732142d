import { Module, OnModuleInit } from '@nestjs/common';
import { PeopleModule, PersonReferences } from '../people/index';
import { WorksModule } from '../works/index';
import { ReadingRepository } from './reading.repository';
import { ReadingService } from './reading.service';
import { ReadingExport } from './reading.export';
import { ReadingWorkMergeHook } from './reading-work-merge-hook';

@Module({
  // WorksModule: for its merge hooks, where users' reading registers to follow merged works.
  imports: [WorksModule, PeopleModule],
  providers: [ReadingExport, ReadingRepository, ReadingService, ReadingWorkMergeHook],
  exports: [ReadingService],
})
export class ReadingModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: ReadingRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
