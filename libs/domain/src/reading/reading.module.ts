import { Module } from '@nestjs/common';
import { WorksModule } from '../works/index';
import { ReadingRepository } from './reading.repository';
import { ReadingService } from './reading.service';
import { ReadingExport } from './reading.export';
import { ReadingWorkMergeHook } from './reading-work-merge-hook';

@Module({
  // WorksModule: for its merge hooks, where users' reading registers to follow merged works.
  imports: [WorksModule],
  providers: [ReadingExport, ReadingRepository, ReadingService, ReadingWorkMergeHook],
  exports: [ReadingService],
})
export class ReadingModule {}
