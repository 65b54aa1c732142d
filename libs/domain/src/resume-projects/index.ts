export * from './resume-project.entity';
export * from './resume-projects.errors';
export * from './resume-projects.module';
export * from './resume-projects.service';
export * from './resume-projects.export';
