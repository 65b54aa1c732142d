import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#platform';
import { ApplicationsService } from '../applications/index';
import { InterviewDates, InterviewsService } from '../interviews/index';
import { ReadingService } from '../reading/index';
import type { StageType } from '../stage-templates/index';
import { StudyProgressService } from '../study/index';
import { TasksService } from '../tasks/index';
import { Readiness, readiness } from './readiness';

/** Readiness of one interview, with what it is. */
export interface InterviewReadiness extends Readiness {
  interviewId: string;
  startsAt: Date;
  stage: { id: string; name: string; type: StageType };
  application: { id: string; role: string; organization: { id: string; name: string } };
}

/** What the user has done so far, in totals: a briefing keeps them to say what changed since its last version. */
export interface ReadinessProgress {
  /** Papers read of the interview's checklist. */
  papersRead: number;
  studyMinutes: number;
  studySessions: number;
  questionsDrilled: number;
  mocks: number;
  stories: number;
}

/**
 * Readiness per interview, from the facts each owner gives for all the interviews at once: their
 * dates (interviews), stages and organizations (applications), reading coverage (reading), prep
 * tasks (tasks), the plan, practice, mocks and stories (study). A Today of many interviews is one
 * read of each kind, not one per interview.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly applications: ApplicationsService,
    private readonly reading: ReadingService,
    private readonly tasks: TasksService,
    private readonly study: StudyProgressService,
  ) {}

  async forInterview(userId: string, interviewId: string): Promise<InterviewReadiness> {
    const [found] = await this.of(userId, await this.interviews.dates(userId, { interviewIds: [interviewId] }));
    if (!found) throw new NotFoundError('interview', interviewId);
    return found;
  }

  /** Readiness of several of the user's interviews in one pass (those not the user's are left out). */
  async forInterviews(userId: string, interviewIds: string[]): Promise<InterviewReadiness[]> {
    if (!interviewIds.length) return [];
    return this.of(userId, await this.interviews.dates(userId, { interviewIds }));
  }

  /** Each upcoming interview (not over, starting within `days`, not cancelled), soonest first. */
  async upcoming(userId: string, days: number): Promise<InterviewReadiness[]> {
    return this.of(userId, await this.interviews.dates(userId, { upcomingDays: days }));
  }

  /** The user's totals of study, drills, mocks and stories, and the papers read for the interview. */
  async progress(userId: string, of: InterviewReadiness): Promise<ReadinessProgress> {
    const totals = await this.study.totals(userId);
    return { papersRead: of.parts.find((p) => p.key === 'reading')?.done ?? 0, studyMinutes: totals.studyMinutes, studySessions: totals.studySessions, questionsDrilled: totals.drills, mocks: totals.mocks, stories: totals.stories };
  }

  private async of(userId: string, dates: InterviewDates[]): Promise<InterviewReadiness[]> {
    if (!dates.length) return [];
    const ids = dates.map((d) => d.id);
    const [stages, summaries] = await Promise.all([this.applications.stagesByIds([...new Set(dates.map((d) => d.stageId))]), this.applications.summaries(userId, [...new Set(dates.map((d) => d.applicationId))])]);
    const interviews = dates.flatMap((d) => {
      const stage = stages.get(d.stageId);
      const application = summaries.get(d.applicationId);
      return stage && application ? [{ ...d, stage, application, stageType: stage.type as StageType }] : [];
    });
    const [coverages, goal, tasks, study] = await Promise.all([
      this.reading.interviewCoverages(userId, ids),
      this.reading.getGoal(userId),
      this.tasks.ofInterviews(userId, interviews.map((i) => ({ interviewId: i.id, stageId: i.stageId, applicationId: i.applicationId, checklist: i.stage.checklist ?? [] }))),
      this.study.forInterviews(userId, interviews.map((i) => ({ id: i.id, applicationId: i.applicationId, stageId: i.stageId, stageType: i.stageType, organizationId: i.application.organizationId }))),
    ]);
    return interviews.map((i) => {
      const coverage = coverages.get(i.id);
      const prep = tasks.get(i.id) ?? [];
      const facts = study.get(i.id)!;
      const figure = readiness({
        stageType: i.stageType,
        reading: { read: coverage?.read ?? 0, total: coverage?.total ?? 0, target: goal.coverageTarget, nextUnread: coverage?.nextUnread?.title ?? null },
        prep: { done: prep.filter((t) => t.done).length, total: prep.length, nextOpen: prep.find((t) => !t.done)?.title ?? null },
        plan: facts.plan,
        practice: facts.practice,
        mocks: facts.mocks,
        stories: facts.stories,
      });
      return {
        interviewId: i.id,
        startsAt: i.startsAt,
        stage: { id: i.stage.id, name: i.stage.name, type: i.stageType },
        application: { id: i.application.id, role: i.application.role, organization: { id: i.application.organizationId, name: i.application.organization } },
        ...figure,
      };
    });
  }
}
