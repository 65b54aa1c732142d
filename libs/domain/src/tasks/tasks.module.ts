import { Module, OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/index';
import { PeopleModule, PersonReferences } from '../people/index';
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
export class TasksModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: TasksRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
