export * from './mail-log.entity';
export * from './mail-settings.entity';
export * from './mail.errors';
export * from './mail.module';
export * from './mail.service';
export * from './mail.types';
