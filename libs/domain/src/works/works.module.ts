import { Module } from '@nestjs/common';
import { NewWorksService } from './new-works.service';
import { WorkAttributionsService } from './work-attributions.service';
import { WorksIngestService } from './works-ingest.service';
import { WorksQueryService } from './works-query.service';

@Module({
  providers: [WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService],
  exports: [WorksIngestService, WorksQueryService, NewWorksService, WorkAttributionsService],
})
export class WorksModule {}
