import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index';
import { StageTemplate } from './stage-template.entity';
import { StageTemplatesRepository } from './stage-templates.repository';
import { StageTemplatesService } from './stage-templates.service';
import { StageTemplatesExport } from './stage-templates.export';

@Module({
  imports: [TypeOrmModule.forFeature([StageTemplate]), OrganizationsModule],
  providers: [StageTemplatesExport, StageTemplatesService, StageTemplatesRepository],
  exports: [StageTemplatesService],
})
export class StageTemplatesModule {}
