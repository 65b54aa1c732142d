import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule } from '../people/index';
import { ReadingModule } from '../reading/index';
import { ReadingTasksService } from './reading-tasks.service';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { TasksExport } from './tasks.export';

@Module({
  imports: [ReadingModule, PeopleModule, AccountsModule],
  providers: [TasksExport, TasksService, ReadingTasksService, TasksRepository],
  exports: [TasksService, ReadingTasksService],
})
export class TasksModule {}
