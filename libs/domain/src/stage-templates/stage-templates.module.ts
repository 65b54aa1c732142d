import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationReferences, OrganizationsModule } from '../organizations/index';
import { StageTemplate } from './stage-template.entity';
import { StageTemplatesRepository } from './stage-templates.repository';
import { StageTemplatesService } from './stage-templates.service';
import { StageTemplatesExport } from './stage-templates.export';

@Module({
  imports: [TypeOrmModule.forFeature([StageTemplate]), OrganizationsModule],
  providers: [StageTemplatesExport, StageTemplatesService, StageTemplatesRepository],
  exports: [StageTemplatesService],
})
export class StageTemplatesModule implements OnModuleInit {
  constructor(
    private readonly organizationReferences: OrganizationReferences,
    private readonly repository: StageTemplatesRepository,
  ) {}

  // Organizations merges organizations without knowing this module: an organization's templates follow through what is registered.
  onModuleInit(): void {
    this.organizationReferences.registerOrganizationReferences(...this.repository.organizationReferences);
  }
}
