import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organization } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { Team } from './team.entity';
import { OrganizationsExport } from './organizations.export';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, Team])],
  providers: [OrganizationsExport, OrganizationsService, OrganizationsRepository],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
