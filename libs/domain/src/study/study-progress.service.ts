import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '#platform';
import type { StageType } from '../stage-templates/index';
import { COMPETENCIES, Competency } from './behavioural-story.entity';
import { StudyProgressTotals, StudyRepository } from './study.repository';
import { StudyPlansService } from './study-plans.service';

export type { StudyProgressTotals } from './study.repository';

/** An interview as readiness sees it: which stage of which application, of what type, at which organization. */
export interface InterviewToPrepare {
  id: string;
  applicationId: string;
  stageId: string;
  stageType: StageType;
  organizationId: string | null;
}

/** How far the user's study goes for one interview: its stage's plan, the practice, mocks and stories that fit it. */
export interface StudyReadinessFacts {
  /** Null: no plan for the application, or nothing planned for the stage. */
  plan: { planId: string; status: string; hoursLeft: number; behindHours: number; advice: string | null; nextStudy: string | null } | null;
  practice: { total: number; practised: number; due: number };
  mocks: { held: number };
  stories: { covered: Competency[]; missing: Competency[] };
}

/**
 * What the study module tells readiness, for many interviews at once: one read per kind (plans with
 * their schedules, question counts, mocks, stories), however many interviews.
 */
@Injectable()
export class StudyProgressService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly plans: StudyPlansService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forInterviews(userId: string, interviews: InterviewToPrepare[]): Promise<Map<string, StudyReadinessFacts>> {
    const out = new Map<string, StudyReadinessFacts>();
    if (!interviews.length) return out;
    const now = this.clock.now();
    const [plans, practice, mocks, stories] = await Promise.all([
      this.plans.ofApplications(userId, interviews.map((i) => i.applicationId)),
      this.repository.practiceCounts(userId, now),
      this.repository.mocksHeld(userId, now),
      this.repository.storyTags(userId),
    ]);
    for (const interview of interviews) {
      const view = plans.get(interview.applicationId);
      const stagePlan = view?.schedule.stages.find((s) => s.stageId === interview.stageId);
      const planned = view?.items.some((i) => i.item.stageId === interview.stageId);
      const advice = view?.schedule.advice.find((a) => a.stageId === interview.stageId);
      const itemIds = new Set(view?.items.filter((i) => i.item.stageId === interview.stageId).map((i) => i.item.id));
      const next = view?.schedule.days.flatMap((d) => d.chunks.map((c) => ({ day: d.date, c }))).find(({ c }) => itemIds.has(c.itemId));
      const related = practice.filter((r) => (interview.organizationId !== null && r.organizationId === interview.organizationId) || r.stageType === interview.stageType);
      const covered = COMPETENCIES.filter((c) => stories.some((s) => s.competencies.includes(c) && (s.stageTypes.length === 0 || s.stageTypes.includes(interview.stageType))));
      out.set(interview.id, {
        plan:
          view && stagePlan && planned
            ? {
                planId: view.plan.id,
                status: stagePlan.status,
                hoursLeft: stagePlan.hoursLeft,
                behindHours: stagePlan.behindHours,
                advice: advice ? `${advice.action === 'drop' ? 'Drop' : 'Skim'} ${advice.title}${advice.parts.length ? ` (${advice.parts.slice(0, 3).join(', ')}${advice.parts.length > 3 ? ', …' : ''})` : ''} to save ${Math.round(advice.savesHours * 10) / 10} h` : null,
                nextStudy: next ? `Study ${next.c.title}${next.c.part ? `, ${next.c.part}` : ''} on ${next.day}` : null,
              }
            : null,
        practice: { total: sum(related, 'total'), practised: sum(related, 'practised'), due: sum(related, 'due') },
        mocks: { held: mocks.get(interview.stageType) ?? 0 },
        stories: { covered, missing: COMPETENCIES.filter((c) => !covered.includes(c)) },
      });
    }
    return out;
  }

  /** What the user has done so far, in totals (a briefing keeps them to say what changed). */
  totals(userId: string): Promise<StudyProgressTotals> {
    return this.repository.progressTotals(userId);
  }
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0);
}
