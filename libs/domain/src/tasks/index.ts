export * from './prep-tasks';
export * from './reading-tasks.service';
export * from './task.entity';
export * from './tasks.errors';
export * from './tasks.module';
export * from './tasks.service';
export * from './repository/tasks.read-model';
export * from './repository/seeded-tasks';
