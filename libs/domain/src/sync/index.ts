export * from './person-sync-settings.entity';
export * from './sync-schedules';
export * from './sync.module';
export * from './sync.service';
