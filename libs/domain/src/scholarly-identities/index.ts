export * from './candidate-scoring';
export * from './identities.errors';
export * from './identities.service';
export * from './identity-input';
export * from './scholarly-identities.module';
export * from './scholarly-identity.entity';
export * from './source-lookups';
export * from './repository/identities.read-model';
