import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index';
import { StageTemplate } from './stage-template.entity';
import { StageTemplatesRepository } from './stage-templates.repository';
import { StageTemplatesService } from './stage-templates.service';

@Module({
  imports: [TypeOrmModule.forFeature([StageTemplate]), OrganizationsModule],
  providers: [StageTemplatesService, StageTemplatesRepository],
  exports: [StageTemplatesService],
})
export class StageTemplatesModule {}
