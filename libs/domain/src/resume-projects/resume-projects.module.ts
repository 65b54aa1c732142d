import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResumeProject } from './resume-project.entity';
import { ResumeProjectsService } from './resume-projects.service';
import { ResumeProjectsExport } from './resume-projects.export';

@Module({
  imports: [TypeOrmModule.forFeature([ResumeProject])],
  providers: [ResumeProjectsExport, ResumeProjectsService],
  exports: [ResumeProjectsService],
})
export class ResumeProjectsModule {}
