export * from './digest-content';
export * from './digest-postbox';
export * from './digest-render';
export * from './digest-run.entity';
export * from './digests.module';
export * from './digests.service';
export * from './digests.export';
