import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '#platform';
import { countingFetch } from './request-count';
import { ScholarlyClients } from './scholarly-clients';
import { ScholarlyHttp } from './scholarly-http';

/** The sources' clients, built once per process; each sync step counts its own requests (see request-count.ts). */
@Module({
  providers: [{ provide: ScholarlyClients, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ScholarlyClients(config.scholarly, new ScholarlyHttp(config.scholarly, countingFetch)) }],
  exports: [ScholarlyClients],
})
export class ScholarlyModule {}
