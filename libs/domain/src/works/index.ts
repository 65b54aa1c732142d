export * from './work-authorship.entity';
export * from './work-matching';
export * from './work-record.entity';
export * from './work.entity';
export * from './works-ingest.service';
export * from './works-query.service';
export * from './works.module';
export * from './person-authorships';
