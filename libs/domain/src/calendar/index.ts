export * from './calendar-feed.entity';
export * from './calendar-feed.service';
export * from './calendar-ics';
export * from './calendar.errors';
export * from './calendar.module';
