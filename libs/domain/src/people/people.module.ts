import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index';
import { OrganizationReferences, OrganizationsModule } from '../organizations/index';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { PeopleExport } from './people.export';
import { PersonReferences } from './person-references';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), OrganizationsModule, AccountsModule],
  providers: [PeopleExport, PeopleService, PeopleRepository, PersonReferences],
  // PersonReferences: where the modules whose rows point at people register them.
  exports: [PeopleService, PersonReferences],
})
export class PeopleModule implements OnModuleInit {
  constructor(
    private readonly organizationReferences: OrganizationReferences,
    private readonly repository: PeopleRepository,
  ) {}

  // Organizations merges organizations without knowing people: a person's organization and team follow through what is registered.
  onModuleInit(): void {
    this.organizationReferences.registerOrganizationReferences(...this.repository.organizationReferences);
    this.organizationReferences.registerTeamReferences(...this.repository.teamReferences);
  }
}
