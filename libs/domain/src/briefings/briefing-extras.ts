import { Injectable } from '@nestjs/common';
import { ReadingService } from '../reading/index';
import { toBriefingReading } from './briefing-reading';
import { ResumeProjectsService } from '../resume-projects/index';
import type { StageType } from '../stage-templates/index';
import type { PersonWork } from '../works/index';
import { WarmPathsService } from '../warm-paths/index';
import type { BriefingReading, BriefingResumeProject, BriefingWarmPaths } from './briefing-content';

/** Paths and projects listed in a briefing: enough to act on, short enough to read before a call. */
const WARM_PATHS = 5;
const SHARED_WORKS = 3;
const RESUME_PROJECTS = 10;

/**
 * The parts of a briefing that other modules own, in the briefing's shape: the interview's reading
 * checklist, an interviewer's warm paths, and the résumé projects worth raising at this stage.
 */
@Injectable()
export class BriefingExtras {
  constructor(
    private readonly readingService: ReadingService,
    private readonly warmPathsService: WarmPathsService,
    private readonly resumeProjectsService: ResumeProjectsService,
  ) {}

  /** `works`: the interviewers' works when already read (with abstracts), so they are not read again. */
  async reading(userId: string, interviewId: string, interviewers: { id: string }[], now: Date, works?: Map<string, PersonWork[]>): Promise<BriefingReading | null> {
    if (interviewers.length === 0) return null;
    return toBriefingReading(await this.readingService.interviewChecklist(userId, interviewId, now, { works }));
  }

  async warmPaths(userId: string, personId: string): Promise<BriefingWarmPaths> {
    const paths = await this.warmPathsService.forPerson(userId, personId, { limit: WARM_PATHS, works: SHARED_WORKS });
    return {
      direct: paths.direct.map((p) => ({ personId: p.contact.id, fullName: p.contact.fullName, sharedWorks: p.sharedWorks.map((w) => ({ id: w.id, title: w.title, year: w.year })) })),
      viaCoauthor: paths.viaCoauthor.map((p) => ({
        personId: p.contact.id,
        fullName: p.contact.fullName,
        through: { name: p.through[0]?.coauthor.name ?? 'a co-author', personId: p.through[0]?.coauthor.personId ?? null },
      })),
    };
  }

  async resumeProjects(userId: string, stageType: StageType): Promise<BriefingResumeProject[]> {
    const page = await this.resumeProjectsService.list(userId, { stageType, limit: RESUME_PROJECTS });
    return page.items.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary,
      role: p.role,
      technologies: p.tags,
      talkingPoints: p.talkingPoints,
      links: p.links.map((l) => l.url),
    }));
  }
}
