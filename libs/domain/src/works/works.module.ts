import { Module, OnModuleInit } from '@nestjs/common';
import { PeopleModule, PersonReferences } from '../people/index';
import { NewWorksService } from './new-works.service';
import { WorkAttributionsRepository } from './work-attributions.repository';
import { WorkAttributionsService } from './work-attributions.service';
import { WorkMergeHooks } from './work-merge-hooks';
import { WorksExport } from './works.export';
import { WorksIngestService } from './works-ingest.service';
import { WorksQueryRepository } from './works-query.repository';
import { WorksQueryService } from './works-query.service';
import { WorksRepository } from './works.repository';

@Module({
  // PeopleModule: for PersonReferences, where the rows that point at people are registered.
  imports: [PeopleModule],
  providers: [WorksRepository, WorksQueryRepository, WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService, WorkAttributionsRepository, WorksExport, WorkMergeHooks],
  exports: [WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService, WorkMergeHooks],
})
export class WorksModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: WorkAttributionsRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
