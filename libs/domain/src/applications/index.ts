export * from './application-move.entity';
export * from './application-stage.entity';
export * from './application.entity';
export * from './applications.errors';
export * from './applications.module';
export * from './applications.service';
export * from './pipeline-state-machine';
