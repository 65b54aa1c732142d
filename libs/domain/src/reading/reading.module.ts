import { Module } from '@nestjs/common';
import { ReadingRepository } from './reading.repository';
import { ReadingService } from './reading.service';

@Module({
  providers: [ReadingRepository, ReadingService],
  exports: [ReadingService],
})
export class ReadingModule {}
