import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/index';
import { Interview } from './interview.entity';
import { InterviewsRepository } from './interviews.repository';
import { InterviewsService } from './interviews.service';
import { InterviewsExport } from './interviews.export';
import { DomainEvents } from '../jobs/index';

@Module({
  imports: [TypeOrmModule.forFeature([Interview]), ApplicationsModule],
  providers: [InterviewsExport, InterviewsRepository, InterviewsService, DomainEvents],
  exports: [InterviewsService],
})
export class InterviewsModule {}
