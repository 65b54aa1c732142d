export * from './briefing.entity';
export * from './briefing-content';
export * from './briefings.service';
export * from './briefings.module';
export * from './briefings.errors';
export * from './briefing-pdf';
export { eraseFromBriefings } from './briefing-erasure';
export * from './briefings.export';
export * from './repository/briefings.read-model';
