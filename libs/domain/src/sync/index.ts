export * from './author-checks';
export * from './person-sync-settings.entity';
export * from './sync-problems';
export * from './sync-schedules';
export * from './sync.module';
export * from './sync.service';
