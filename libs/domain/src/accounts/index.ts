export * from './access-token.entity';
export * from './accounts.errors';
export * from './accounts.module';
export * from './accounts.service';
export * from './idempotency-key.entity';
export * from './user.entity';
