import { Module } from '@nestjs/common';
import { WorksIngestService } from './works-ingest.service';

@Module({
  providers: [WorksIngestService],
  exports: [WorksIngestService],
})
export class WorksModule {}
