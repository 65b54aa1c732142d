import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, RequestPacer } from '#platform';
import { countingFetch } from './request-count';
import { ScholarlyClients } from './scholarly-clients';
import { ScholarlyHttp } from './scholarly-http';

/** The sources' clients, built once per process, paced when they send; each sync step counts its own requests (see request-count.ts). */
@Module({
  providers: [
    {
      provide: ScholarlyClients,
      inject: [APP_CONFIG, RequestPacer],
      // The pacer holds each source's next send slot across processes (see request-pacer.ts).
      useFactory: (config: AppConfig, pacer: RequestPacer) => new ScholarlyClients(config.scholarly, new ScholarlyHttp(config.scholarly, countingFetch, pacer)),
    },
  ],
  exports: [ScholarlyClients],
})
export class ScholarlyModule {}
