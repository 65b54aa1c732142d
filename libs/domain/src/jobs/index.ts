export * from './dossier-jobs';
export * from './job-policies';
