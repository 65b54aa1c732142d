export * from './access-token.entity';
export * from './accounts.errors';
export * from './accounts.module';
export * from './accounts.service';
export * from './user.entity';
