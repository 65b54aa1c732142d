import { Module } from '@nestjs/common';
import { WorksModule } from '../works/index';
import { ReadingService } from './reading.service';
import { ReadingExport } from './reading.export';

@Module({
  imports: [WorksModule],
  providers: [ReadingExport, ReadingService],
  exports: [ReadingService],
})
export class ReadingModule {}
