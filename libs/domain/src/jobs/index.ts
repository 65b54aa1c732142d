export * from './dossier-jobs';
export * from './job-policies';
export * from './domain-event';
export * from './domain-events';
