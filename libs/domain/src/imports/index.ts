export * from './account-export.service';
export * from './import-run.entity';
export * from './imports.errors';
export * from './imports.module';
export * from './imports.service';
export { serializeVCards, type VCardVersion } from './formats/index';
export { eraseFromImportRuns } from './import-erasure';
