import { Module } from '@nestjs/common';
import { WorksModule } from '../works/index';
import { ReadingService } from './reading.service';

@Module({
  imports: [WorksModule],
  providers: [ReadingService],
  exports: [ReadingService],
})
export class ReadingModule {}
