import { Module } from '@nestjs/common';
import { ResumeProjectsRepository } from './resume-projects.repository';
import { ResumeProjectsService } from './resume-projects.service';

@Module({
  providers: [ResumeProjectsService, ResumeProjectsRepository],
  exports: [ResumeProjectsService],
})
export class ResumeProjectsModule {}
