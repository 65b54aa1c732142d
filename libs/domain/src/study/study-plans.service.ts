import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { CLOCK, Clock, NotFoundError } from '#platform';
import { AccountsService } from '../accounts/index';
import { ApplicationsService, ApplicationStage } from '../applications/index';
import { InterviewsService } from '../interviews/index';
import type { Page } from '../people/index';
import type { StageType } from '../stage-templates/index';
import { dateIn } from '../shared/dates';
import { planSchedule, PlanSchedule } from './plan-schedule';
import { STARTER_PLANS, STARTER_RESOURCES } from './starter-plans';
import { InvalidStudyInputError, ResourceAlreadyPlannedError, StudyPlanExistsError } from './study.errors';
import { StudyRepository } from './study.repository';
import { StudyService, StudyResourceView } from './study.service';
import { StudyPlanItem } from './study-plan-item.entity';
import { StudyPlan } from './study-plan.entity';
import { STUDY_UNITS, StudyPaces, StudyUnit } from './study.types';

export interface StudyPlanInput {
  applicationId: string;
  hoursPerWeek: number;
  statedPace?: StudyPaces;
  items?: { stageId: string; resourceId: string }[];
}

export interface StudyPlanItemInput {
  stageId?: string;
  resourceId?: string;
  position?: number;
}

/** Dossier's guess when neither the user nor their log says: a careful reader of technical books. */
export const DEFAULT_PACES: Readonly<Record<StudyUnit, number>> = { pages: 15, problems: 2, chapters: 0.5, minutes: 60 };

export type PaceSource = 'log' | 'stated' | 'default';

export interface UnitPace {
  unit: StudyUnit;
  unitsPerHour: number;
  source: PaceSource;
  /** Timed sessions it was learned from (source `log`). */
  sessions: number;
}

export interface StudyPlanItemView {
  item: StudyPlanItem;
  resource: StudyResourceView;
}

export interface StudyPlanView {
  plan: StudyPlan;
  items: StudyPlanItemView[];
  paces: UnitPace[];
  schedule: PlanSchedule;
}

/**
 * Study plans per application. The schedule is computed on every read from the current interview
 * dates, the log and the clock, so an interview moved or a session logged re-plans at once.
 */
@Injectable()
export class StudyPlansService {
  constructor(
    private readonly repository: StudyRepository,
    private readonly resources: StudyService,
    private readonly applications: ApplicationsService,
    private readonly interviews: InterviewsService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(userId: string, input: StudyPlanInput, days?: number): Promise<StudyPlanView> {
    const stages = (await this.applications.get(userId, input.applicationId)).stages;
    const items = input.items ?? [];
    const problems = items.flatMap((item, i) => (stages.some((s) => s.id === item.stageId) ? [] : [{ field: `items.${i}.stageId`, problem: 'must be a stage of the application' }]));
    const seen = new Set<string>();
    items.forEach((item, i) => (seen.has(item.resourceId) ? problems.push({ field: `items.${i}.resourceId`, problem: 'is already in the plan' }) : seen.add(item.resourceId)));
    if (problems.length) throw new InvalidStudyInputError('study-plan', problems);
    const owned = await this.resources.views(userId, items.map((i) => i.resourceId));
    const missing = items.find((i) => !owned.has(i.resourceId));
    if (missing) throw new NotFoundError('study resource', missing.resourceId);
    const plan = await this.oncePerApplication(userId, input.applicationId, (em) =>
      this.insertPlan(em, userId, input).then(async (created) => {
        await this.repository.insertItems(items.map((item, position) => ({ userId, planId: created.id, stageId: item.stageId, resourceId: item.resourceId, position })), em);
        return created;
      }),
    );
    return this.get(userId, plan.id, days);
  }

  /**
   * A plan from the starter plans: for each stage of the application, the starter resources of its
   * stage type, copied into the account (or the copies made for an earlier plan reused). A resource
   * goes to the first stage that wants it.
   */
  async createFromStarter(userId: string, input: Omit<StudyPlanInput, 'items'>, days?: number): Promise<StudyPlanView> {
    const stages = (await this.applications.get(userId, input.applicationId)).stages;
    const plan = await this.oncePerApplication(userId, input.applicationId, async (em) => {
      const created = await this.insertPlan(em, userId, input);
      const wanted: { stage: ApplicationStage; key: string }[] = [];
      for (const stage of stages) {
        for (const key of STARTER_PLANS.find((p) => p.stageType === stage.type)?.resources ?? []) {
          if (!wanted.some((w) => w.key === key)) wanted.push({ stage, key });
        }
      }
      const existing = new Map((await this.repository.findResourcesByStarterKeys(userId, wanted.map((w) => w.key), em)).map((r) => [r.starterKey, r]));
      const items: Pick<StudyPlanItem, 'userId' | 'planId' | 'stageId' | 'resourceId' | 'position'>[] = [];
      for (const [position, { stage, key }] of wanted.entries()) {
        let resource = existing.get(key);
        if (!resource) {
          const { key: starterKey, ...fields } = STARTER_RESOURCES.find((r) => r.key === key)!;
          resource = await this.repository.insertResource({ ...fields, parts: fields.parts.map((p) => ({ ...p })), topics: [...fields.topics], stageTypes: [...fields.stageTypes], userId, starterKey }, em);
        }
        items.push({ userId, planId: created.id, stageId: stage.id, resourceId: resource.id, position });
      }
      await this.repository.insertItems(items, em);
      return created;
    });
    return this.get(userId, plan.id, days);
  }

  /** The account's plans, oldest first; `applicationId`: that application's only. */
  async list(userId: string, page: { limit?: number; offset?: number; applicationId?: string } = {}): Promise<Page<{ plan: StudyPlan; itemCount: number }>> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const { items, total } = await this.repository.listPlans(userId, { limit, offset }, page.applicationId);
    const counts = await this.repository.itemCounts(items.map((p) => p.id));
    return { items: items.map((plan) => ({ plan, itemCount: counts.get(plan.id) ?? 0 })), total, limit, offset };
  }

  async get(userId: string, id: string, days = 28): Promise<StudyPlanView> {
    const plan = await this.repository.findPlan(userId, id);
    if (!plan) throw new NotFoundError('study plan', id);
    return (await this.schedule(userId, [plan], days))[0];
  }

  /**
   * The plans of these applications with their schedules (an application without a plan is absent),
   * read together: what readiness reads for a Today of many interviews.
   */
  async ofApplications(userId: string, applicationIds: string[], days = 7): Promise<Map<string, StudyPlanView>> {
    const plans = await this.repository.plansOfApplications(userId, [...new Set(applicationIds)]);
    return new Map((await this.schedule(userId, plans, days)).map((view) => [view.plan.applicationId, view]));
  }

  /**
   * Each plan's schedule, from one read of each kind for all of them: the applications' stages, the
   * dates of their interviews (the interviews module's light read: no panels, no suggested moves),
   * the items with their resources and logged progress, and the paces learned from the log.
   */
  private async schedule(userId: string, plans: StudyPlan[], days: number): Promise<StudyPlanView[]> {
    if (!plans.length) return [];
    const applicationIds = plans.map((p) => p.applicationId);
    const [stagesOf, interviews, user, allItems, logged] = await Promise.all([
      this.applications.stagesOfApplications(userId, applicationIds),
      this.interviews.dates(userId, { applicationIds }),
      this.accounts.getUser(userId),
      this.repository.itemsOfPlans(plans.map((p) => p.id)),
      this.repository.loggedPaces(userId),
    ]);
    const resources = await this.resources.views(userId, [...new Set(allItems.map((i) => i.resourceId))]);
    const today = dateIn(user.timeZone, this.clock.now());
    // Each stage's first interview that is not cancelled, as a day in the user's zone.
    const firstInterview = new Map<string, string>();
    for (const interview of interviews) {
      if (interview.outcome === 'cancelled') continue;
      const day = dateIn(user.timeZone, interview.startsAt);
      const current = firstInterview.get(interview.stageId);
      if (!current || day < current) firstInterview.set(interview.stageId, day);
    }
    return plans.map((plan) => {
      const paces = STUDY_UNITS.map((unit): UnitPace => {
        const log = logged.find((l) => l.unit === unit);
        if (unit === 'minutes') return { unit, unitsPerHour: 60, source: 'default', sessions: 0 };
        if (log && log.minutes > 0 && log.amount > 0) return { unit, unitsPerHour: round2(log.amount / (log.minutes / 60)), source: 'log', sessions: log.sessions };
        const stated = plan.statedPace[unit];
        return stated ? { unit, unitsPerHour: stated, source: 'stated', sessions: 0 } : { unit, unitsPerHour: DEFAULT_PACES[unit], source: 'default', sessions: 0 };
      });
      const views = allItems.flatMap((item) => {
        const resource = item.planId === plan.id ? resources.get(item.resourceId) : undefined;
        return resource ? [{ item, resource }] : [];
      });
      const schedule = planSchedule({
        today,
        hoursPerWeek: plan.hoursPerWeek,
        paces: Object.fromEntries(paces.map((p) => [p.unit, p.unitsPerHour])) as Record<StudyUnit, number>,
        stages: (stagesOf.get(plan.applicationId) ?? []).map((s) => ({ stageId: s.id, name: s.name, type: s.type, position: s.position, interviewOn: firstInterview.get(s.id) ?? null })),
        items: views.map(({ item, resource: { resource, progress } }) => ({
          itemId: item.id,
          resourceId: resource.id,
          title: resource.title,
          stageId: item.stageId,
          position: item.position,
          unit: resource.unit,
          emphasis: resource.emphasis,
          parts: resource.parts,
          totalAmount: resource.totalAmount,
          doneAmount: progress.doneAmount,
        })),
        dayLimit: days,
      });
      return { plan, items: views, paces, schedule };
    });
  }

  async update(userId: string, id: string, input: { hoursPerWeek?: number; statedPace?: StudyPaces }, days?: number): Promise<StudyPlanView> {
    await this.repository.transaction(async (em) => {
      const plan = await this.repository.lockPlan(userId, id, em);
      if (!plan) throw new NotFoundError('study plan', id);
      if (input.hoursPerWeek !== undefined) plan.hoursPerWeek = input.hoursPerWeek;
      if (input.statedPace !== undefined) plan.statedPace = cleanPace(input.statedPace);
      await this.repository.savePlan(plan, em);
    });
    return this.get(userId, id, days);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deletePlan(userId, id))) throw new NotFoundError('study plan', id);
  }

  async addItem(userId: string, planId: string, input: Required<Pick<StudyPlanItemInput, 'stageId' | 'resourceId'>> & StudyPlanItemInput): Promise<StudyPlanView> {
    const plan = await this.repository.findPlan(userId, planId);
    if (!plan) throw new NotFoundError('study plan', planId);
    await this.assertStage(userId, plan, input.stageId);
    if (!(await this.resources.views(userId, [input.resourceId])).size) throw new NotFoundError('study resource', input.resourceId);
    await this.repository.transaction(async (em) => {
      await this.repository.lockPlan(userId, planId, em);
      const taken = (await this.repository.planItems(planId, em)).find((i) => i.resourceId === input.resourceId);
      if (taken) throw new ResourceAlreadyPlannedError(input.resourceId, taken.id);
      const position = input.position ?? (await this.repository.nextItemPosition(planId, em));
      await this.repository.insertItems([{ userId, planId, stageId: input.stageId, resourceId: input.resourceId, position }], em);
    });
    return this.get(userId, planId);
  }

  async updateItem(userId: string, planId: string, itemId: string, input: StudyPlanItemInput): Promise<StudyPlanView> {
    const plan = await this.repository.findPlan(userId, planId);
    if (!plan) throw new NotFoundError('study plan', planId);
    if (input.stageId !== undefined) await this.assertStage(userId, plan, input.stageId);
    if (input.resourceId !== undefined) throw new InvalidStudyInputError('study-plan', [{ field: 'resourceId', problem: 'cannot change; remove the item and add the other resource' }]);
    await this.repository.transaction(async (em) => {
      const item = await this.repository.findItem(userId, planId, itemId, em);
      if (!item) throw new NotFoundError('study plan item', itemId);
      if (input.stageId !== undefined) item.stageId = input.stageId;
      if (input.position !== undefined) item.position = input.position;
      await this.repository.saveItem(item, em);
    });
    return this.get(userId, planId);
  }

  async removeItem(userId: string, planId: string, itemId: string): Promise<void> {
    if (!(await this.repository.deleteItem(userId, planId, itemId))) throw new NotFoundError('study plan item', itemId);
  }

  /** The starter plans as shipped, with their resources, for the dashboard to show before copying. */
  starterPlans(): { stageType: StageType; summary: string; resources: (typeof STARTER_RESOURCES)[number][] }[] {
    return STARTER_PLANS.map((p) => ({ stageType: p.stageType, summary: p.summary, resources: p.resources.map((key) => STARTER_RESOURCES.find((r) => r.key === key)!) }));
  }

  /** Two plans started at once for one application: the unique index refuses the second, answered as the first's 409. */
  private async oncePerApplication(userId: string, applicationId: string, work: (em: EntityManager) => Promise<StudyPlan>): Promise<StudyPlan> {
    try {
      return await this.repository.transaction(work);
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        const existing = await this.repository.findPlanOfApplication(userId, applicationId);
        if (existing) throw new StudyPlanExistsError(applicationId, existing.id);
      }
      throw e;
    }
  }

  private async insertPlan(em: EntityManager, userId: string, input: Omit<StudyPlanInput, 'items'>): Promise<StudyPlan> {
    const existing = await this.repository.findPlanOfApplication(userId, input.applicationId, em);
    if (existing) throw new StudyPlanExistsError(input.applicationId, existing.id);
    return this.repository.insertPlan({ userId, applicationId: input.applicationId, hoursPerWeek: input.hoursPerWeek, statedPace: cleanPace(input.statedPace ?? {}) }, em);
  }

  private async assertStage(userId: string, plan: StudyPlan, stageId: string): Promise<void> {
    const { stages } = await this.applications.get(userId, plan.applicationId);
    if (!stages.some((s) => s.id === stageId)) throw new InvalidStudyInputError('study-plan', [{ field: 'stageId', problem: "must be a stage of the plan's application" }]);
  }
}

function cleanPace(pace: StudyPaces): StudyPaces {
  return Object.fromEntries(Object.entries(pace).filter(([, v]) => typeof v === 'number' && v > 0)) as StudyPaces;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
