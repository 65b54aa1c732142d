export * from './built-in-templates';
export * from './stage-template.entity';
export * from './stage-templates.errors';
export * from './stage-templates.module';
export * from './stage-templates.service';
export * from './stage-types';
export * from './stage-templates.export';
