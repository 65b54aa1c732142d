import { Module, OnModuleInit } from '@nestjs/common';
import { PeopleModule, PersonReferences } from '../people/index';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationReferences, OrganizationsModule } from '../organizations/index';
import { StageTemplatesModule } from '../stage-templates/index';
import { ApplicationMove } from './application-move.entity';
import { ApplicationStage } from './application-stage.entity';
import { Application } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import { PipelineStatsRepository } from './pipeline-stats.repository';
import { StageRetrospectivesRepository } from './stage-retrospectives.repository';
import { PipelineStatsService } from './pipeline-stats.service';
import { StageRetrospectivesService } from './stage-retrospectives.service';
import { ApplicationsExport } from './applications.export';
import { DomainEvents } from '../jobs/index';

@Module({
  imports: [TypeOrmModule.forFeature([Application, ApplicationStage, ApplicationMove]), OrganizationsModule, StageTemplatesModule, PeopleModule],
  providers: [ApplicationsExport, ApplicationsRepository, PipelineStatsRepository, StageRetrospectivesRepository, ApplicationsService, PipelineStatsService, StageRetrospectivesService, DomainEvents],
  exports: [ApplicationsService, PipelineStatsService, StageRetrospectivesService],
})
export class ApplicationsModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly organizationReferences: OrganizationReferences,
    private readonly repository: ApplicationsRepository,
  ) {}

  // People and organizations merge (people also erase) without knowing this module: they move these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
    this.organizationReferences.registerOrganizationReferences(...this.repository.organizationReferences);
    this.organizationReferences.registerTeamReferences(...this.repository.teamReferences);
  }
}
