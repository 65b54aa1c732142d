import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadingModule } from '../reading/index';
import { ReadingTasksService } from './reading-tasks.service';
import { Task } from './task.entity';
import { TasksService } from './tasks.service';
import { TasksExport } from './tasks.export';

@Module({
  imports: [TypeOrmModule.forFeature([Task]), ReadingModule],
  providers: [TasksExport, TasksService, ReadingTasksService],
  exports: [TasksService, ReadingTasksService],
})
export class TasksModule {}
