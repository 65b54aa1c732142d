import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index';
import { InterviewsModule } from '../interviews/index';
import { ReadingModule } from '../reading/index';
import { StudyModule } from '../study/index';
import { TasksModule } from '../tasks/index';
import { ReadinessService } from './readiness.service';

/** Readiness per interview: owns no table, reads through the owners' services. */
@Module({
  imports: [ApplicationsModule, InterviewsModule, ReadingModule, TasksModule, StudyModule],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class ReadinessModule {}
