export * from './warm-paths.module';
export * from './warm-paths.service';
