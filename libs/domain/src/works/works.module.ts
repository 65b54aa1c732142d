import { Module } from '@nestjs/common';
import { NewWorksService } from './new-works.service';
import { WorksIngestService } from './works-ingest.service';
import { WorksQueryService } from './works-query.service';

@Module({
  providers: [WorksIngestService, WorksQueryService, NewWorksService],
  exports: [WorksIngestService, WorksQueryService, NewWorksService],
})
export class WorksModule {}
