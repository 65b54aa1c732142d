export * from './checklist-settings.entity';
export * from './reading-bibtex';
export * from './reading-entry.entity';
export * from './reading-goal.entity';
export * from './reading-ranking';
export * from './reading-terms';
export * from './reading.module';
export * from './reading.service';
