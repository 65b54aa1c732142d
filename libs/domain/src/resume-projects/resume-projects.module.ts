import { Module } from '@nestjs/common';
import { ResumeProjectsRepository } from './resume-projects.repository';
import { ResumeProjectsService } from './resume-projects.service';
import { ResumeProjectsExport } from './resume-projects.export';

@Module({
  providers: [ResumeProjectsExport, ResumeProjectsService, ResumeProjectsRepository],
  exports: [ResumeProjectsService],
})
export class ResumeProjectsModule {}
