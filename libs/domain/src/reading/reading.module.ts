import { Module } from '@nestjs/common';
import { ReadingRepository } from './reading.repository';
import { ReadingService } from './reading.service';
import { ReadingExport } from './reading.export';

@Module({
  providers: [ReadingExport, ReadingRepository, ReadingService],
  exports: [ReadingService],
})
export class ReadingModule {}
