import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { InterviewsModule } from '../interviews/interviews.module';
import { ReadingModule } from '../reading/reading.module';
import { ResumeProjectsModule } from '../resume-projects/resume-projects.module';
import { WarmPathsModule } from '../warm-paths/warm-paths.module';
import { WorksModule } from '../works/works.module';
import { BriefingAssembler } from './briefing-assembler';
import { BriefingExtras } from './briefing-extras';
import { BriefingPdfRenderer } from './briefing-pdf';
import { Briefing } from './briefing.entity';
import { BriefingsService } from './briefings.service';

@Module({
  imports: [TypeOrmModule.forFeature([Briefing]), ApplicationsModule, InterviewsModule, WorksModule, ReadingModule, WarmPathsModule, ResumeProjectsModule],
  providers: [BriefingsService, BriefingAssembler, BriefingExtras, BriefingPdfRenderer],
  exports: [BriefingsService, BriefingPdfRenderer],
})
export class BriefingsModule {}
