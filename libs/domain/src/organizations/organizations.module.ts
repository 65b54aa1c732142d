import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organization } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { Team } from './team.entity';
import { OrganizationsExport } from './organizations.export';
import { OrganizationReferences } from './organization-references';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, Team])],
  providers: [OrganizationsExport, OrganizationsService, OrganizationsRepository, OrganizationReferences],
  // OrganizationReferences: where the modules whose rows point at organizations and teams register them.
  exports: [OrganizationsService, OrganizationReferences],
})
export class OrganizationsModule {}
