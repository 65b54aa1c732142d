export * from './scholarly-http';
export * from './scholarly.types';
export * from './scholarly-clients';
export * from './source-lookup';
