import { Module } from '@nestjs/common';
import { WorksIngestService } from './works-ingest.service';
import { WorksQueryService } from './works-query.service';

@Module({
  providers: [WorksIngestService, WorksQueryService],
  exports: [WorksIngestService, WorksQueryService],
})
export class WorksModule {}
