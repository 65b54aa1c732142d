export * from './author-checks';
export * from './person-sync-settings.entity';
export * from './sync-problems.service';
export * from './sync-run.entity';
export * from './sync-schedules.service';
export * from './sync.module';
export * from './sync.service';
export * from './sync.export';
