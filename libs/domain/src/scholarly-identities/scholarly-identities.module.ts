import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeopleModule, PersonReferences } from '../people/index';
import { IdentitiesRepository } from './identities.repository';
import { WorksModule } from '../works/index';
import { IdentitiesService } from './identities.service';
import { ScholarlyIdentity } from './scholarly-identity.entity';
import { SourceLookups } from './source-lookups';
import { ScholarlyIdentitiesExport } from './scholarly-identities.export';

/**
 * Scholarly identities: who each person is at each source. The identities service asks the
 * sources only through their queues (SourceLookups), under their rate limits: no source client is
 * provided here, so the API cannot call a source directly.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScholarlyIdentity]), PeopleModule, WorksModule],
  providers: [ScholarlyIdentitiesExport, IdentitiesService, IdentitiesRepository, SourceLookups],
  exports: [IdentitiesService],
})
export class ScholarlyIdentitiesModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: IdentitiesRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
