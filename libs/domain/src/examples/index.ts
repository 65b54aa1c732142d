export * from './examples.errors';
export * from './examples.module';
export * from './examples.service';
export * from './research-lab.example';
