import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '#platform';
import { Person } from '../people/person.entity';
import { ScholarlyClients } from '../scholarly/scholarly-clients';
import { IdentitiesService } from './identities.service';
import { ScholarlyIdentity } from './scholarly-identity.entity';

/**
 * Scholarly identities: who each person is at each source. Provides the source clients, built
 * once from the configuration, to the identities service and to whoever imports this module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScholarlyIdentity, Person])],
  providers: [IdentitiesService, { provide: ScholarlyClients, useFactory: (config: AppConfig) => new ScholarlyClients(config.scholarly), inject: [APP_CONFIG] }],
  exports: [IdentitiesService, ScholarlyClients],
})
export class ScholarlyIdentitiesModule {}
