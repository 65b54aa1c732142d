export * from './interview.entity';
export * from './interviewer-note.entity';
export * from './interviews.errors';
export * from './interviews.module';
export * from './interviews.service';
export * from './zoned-time';
export * from './interviews.export';
export * from './repository/interviews.read-model';
