import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index';
import { StageTemplate } from './stage-template.entity';
import { StageTemplatesService } from './stage-templates.service';

@Module({
  imports: [TypeOrmModule.forFeature([StageTemplate]), OrganizationsModule],
  providers: [StageTemplatesService],
  exports: [StageTemplatesService],
})
export class StageTemplatesModule {}
