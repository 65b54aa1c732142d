import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Interview } from './interview.entity';
import { InterviewsService } from './interviews.service';
import { InterviewsExport } from './interviews.export';

@Module({
  imports: [TypeOrmModule.forFeature([Interview])],
  providers: [InterviewsExport, InterviewsService],
  exports: [InterviewsService],
})
export class InterviewsModule {}
