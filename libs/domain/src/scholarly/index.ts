export * from './scholarly-http';
export * from './scholarly.types';
export * from './scholarly-clients';
export * from './source-lookup';
export * from './source-descriptor';
export * from './source-registry';
export * from './request-count';
export * from './scholarly.module';
