import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/index';
import { InterviewsModule } from '../interviews/index';
import { ReadingModule } from '../reading/index';
import { ReadinessModule } from '../readiness/index';
import { ResumeProjectsModule } from '../resume-projects/index';
import { WarmPathsModule } from '../warm-paths/index';
import { BriefingAssembler } from './briefing-assembler';
import { BriefingExtras } from './briefing-extras';
import { BriefingPdfRenderer } from './briefing-pdf';
import { Briefing } from './briefing.entity';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';
import { BriefingsExport } from './briefings.export';

@Module({
  imports: [TypeOrmModule.forFeature([Briefing]), ApplicationsModule, InterviewsModule, ReadingModule, WarmPathsModule, ResumeProjectsModule, ReadinessModule],
  providers: [BriefingsExport, BriefingsRepository, BriefingsService, BriefingAssembler, BriefingExtras, BriefingPdfRenderer],
  exports: [BriefingsService, BriefingPdfRenderer],
})
export class BriefingsModule {}
