export * from './client-info';
export * from './security-event.entity';
export * from './security-events.module';
export * from './security-events.service';
