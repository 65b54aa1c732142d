import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResumeProject } from './resume-project.entity';
import { ResumeProjectsService } from './resume-projects.service';

@Module({
  imports: [TypeOrmModule.forFeature([ResumeProject])],
  providers: [ResumeProjectsService],
  exports: [ResumeProjectsService],
})
export class ResumeProjectsModule {}
