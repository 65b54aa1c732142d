import { Injectable } from '@nestjs/common';
import type { BriefingReading, BriefingResumeProject, BriefingWarmPaths } from './briefing-content';
import type { StageType } from '../stage-templates/stage-types';

/**
 * The parts of a briefing that other modules own: the interview's reading checklist, an
 * interviewer's warm paths, and the résumé projects to discuss.
 */
@Injectable()
export class BriefingExtras {
  async reading(_userId: string, _interviewId: string, _interviewers: { id: string; fullName: string }[]): Promise<BriefingReading | null> {
    return null;
  }

  async warmPaths(_userId: string, _personId: string): Promise<BriefingWarmPaths> {
    return { direct: [], viaCoauthor: [] };
  }

  async resumeProjects(_userId: string, _stageType: StageType): Promise<BriefingResumeProject[]> {
    return [];
  }
}
