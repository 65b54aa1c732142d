import { Module } from '@nestjs/common';
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
  providers: [WorksRepository, WorksQueryRepository, WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService, WorkAttributionsRepository, WorksExport, WorkMergeHooks],
  exports: [WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService, WorkMergeHooks],
})
export class WorksModule {}
