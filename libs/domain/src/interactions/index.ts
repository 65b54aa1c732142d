export * from './follow-ups.service';
export * from './interaction-input';
export * from './interaction.entity';
export * from './interactions.errors';
export * from './interactions.module';
export * from './interactions.service';
export * from './interactions.export';
export * from './repository/interactions.read-model';
