import { Module } from '@nestjs/common';
import { NewWorksService } from './new-works.service';
import { WorksIngestService } from './works-ingest.service';
import { WorksQueryService } from './works-query.service';
import { WorksRepository } from './works.repository';

@Module({
  providers: [WorksRepository, WorksIngestService, WorksQueryService, NewWorksService],
  exports: [WorksIngestService, WorksQueryService, NewWorksService],
})
export class WorksModule {}
