import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { columnReference, userRowsReference } from '#platform';
import type { StageType } from '../stage-templates/index';
import { escapeLike } from '../shared/sql';
import { BehaviouralStory, Competency } from './behavioural-story.entity';
import { MockInterview } from './mock-interview.entity';
import { PracticeDrill } from './practice-drill.entity';
import { PracticeQuestion, QuestionSource } from './practice-question.entity';
import { StudyPlanItem } from './study-plan-item.entity';
import { StudyPlan } from './study-plan.entity';
import { StudyResource } from './study-resource.entity';
import { StudySession } from './study-session.entity';
import type { StudyUnit } from './study.types';
import type { PersonReference } from '../people/index';
import type { OrganizationReference } from '../organizations/index';

export interface PracticeCountRow {
  organizationId: string | null;
  stageType: StageType | null;
  total: number;
  practised: number;
  due: number;
}

/** Totals of what the user did, for a briefing's "what changed" to compare. */
export interface StudyProgressTotals {
  studyMinutes: number;
  studySessions: number;
  drills: number;
  mocks: number;
  stories: number;
}

export interface ResourceProgressRow {
  resourceId: string;
  doneAmount: number;
  sessions: number;
  minutes: number;
  lastStudiedAt: Date | null;
}

/** Amount and minutes of the user's latest timed sessions in one unit: their pace. */
export interface LoggedPaceRow {
  unit: StudyUnit;
  amount: number;
  minutes: number;
  sessions: number;
}

export interface ResourceFilter {
  stageType?: StageType;
  topic?: string;
  q?: string;
  limit: number;
  offset: number;
}

export interface QuestionFilter {
  topic?: string;
  stageType?: StageType;
  organizationId?: string;
  interviewId?: string;
  source?: QuestionSource;
  q?: string;
  /** Questions of this organization or this stage type (those recorded for either show up). */
  relatedTo?: { organizationId: string; stageType: StageType };
  limit: number;
  offset: number;
}

/** How many of the latest timed sessions per unit the pace is learned from: recent habits count, old ones fade out. */
export const PACE_SESSIONS = 50;

/** Every query of the study module (resources, sessions, plans, the question bank), one named method each. */
@Injectable()
export class StudyRepository {
  /** A practice interview is the user's: it stays when the person is erased, without them. People's merges and erasures run these (registered in StudyModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'mockInterviews', ...columnReference({ table: 'mock_interviews', column: 'person_id', onErase: 'nullify' }) },
  ];

  /** A mock and a bank question name the organization they were for: they follow a merge of organizations (registered in StudyModule). */
  readonly organizationReferences: OrganizationReference[] = [
    { kind: 'mockInterviews', ...userRowsReference({ table: 'mock_interviews', column: 'organization_id' }) },
    { kind: 'practiceQuestions', ...userRowsReference({ table: 'practice_questions', column: 'organization_id' }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- resources

  async insertResource(fields: Omit<StudyResource, 'id' | 'createdAt' | 'updatedAt' | 'user'>, em: EntityManager = this.dataSource.manager): Promise<StudyResource> {
    return em.save(em.create(StudyResource, fields));
  }

  async listResources(userId: string, filter: ResourceFilter): Promise<{ items: StudyResource[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(StudyResource, 'r').where('r.user_id = :userId', { userId });
    if (filter.stageType) qb.andWhere("(r.stage_types = '{}' OR :stageType = ANY(r.stage_types))", { stageType: filter.stageType });
    if (filter.topic) qb.andWhere('EXISTS (SELECT 1 FROM unnest(r.topics) t WHERE lower(t) = lower(:topic))', { topic: filter.topic });
    if (filter.q) qb.andWhere("r.title ILIKE :q ESCAPE '\\'", { q: `%${escapeLike(filter.q)}%` });
    const [items, total] = await qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total };
  }

  findResource(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<StudyResource | null> {
    return em.findOneBy(StudyResource, { id, userId });
  }

  async findResources(userId: string, ids: string[]): Promise<StudyResource[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.createQueryBuilder(StudyResource, 'r').where('r.user_id = :userId AND r.id IN (:...ids)', { userId, ids }).getMany();
  }

  async findResourcesByStarterKeys(userId: string, keys: string[], em: EntityManager = this.dataSource.manager): Promise<StudyResource[]> {
    if (!keys.length) return [];
    return em.createQueryBuilder(StudyResource, 'r').where('r.user_id = :userId AND r.starter_key IN (:...keys)', { userId, keys }).orderBy('r.created_at', 'ASC').getMany();
  }

  saveResource(resource: StudyResource): Promise<StudyResource> {
    return this.dataSource.manager.save(resource);
  }

  async deleteResource(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(StudyResource, { id, userId })).affected;
  }

  async progressOf(userId: string, resourceIds: string[]): Promise<Map<string, ResourceProgressRow>> {
    if (!resourceIds.length) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT resource_id, sum(amount)::int AS done, count(*)::int AS sessions, coalesce(sum(minutes), 0)::int AS minutes, max(studied_at) AS last
         FROM study_sessions WHERE user_id = $1 AND resource_id = ANY($2::uuid[]) GROUP BY resource_id`,
      [userId, resourceIds],
    )) as { resource_id: string; done: number; sessions: number; minutes: number; last: Date }[];
    return new Map(rows.map((r) => [r.resource_id, { resourceId: r.resource_id, doneAmount: r.done, sessions: r.sessions, minutes: r.minutes, lastStudiedAt: r.last }]));
  }

  // --- sessions

  insertSession(fields: Omit<StudySession, 'id' | 'createdAt' | 'resource'>): Promise<StudySession> {
    const em = this.dataSource.manager;
    return em.save(em.create(StudySession, fields));
  }

  async listSessions(userId: string, resourceId: string, page: { limit: number; offset: number }): Promise<{ items: StudySession[]; total: number }> {
    const [items, total] = await this.dataSource.manager.findAndCount(StudySession, { where: { userId, resourceId }, order: { studiedAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items, total };
  }

  async deleteSession(userId: string, resourceId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(StudySession, { id, userId, resourceId })).affected;
  }

  async loggedPaces(userId: string): Promise<LoggedPaceRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT unit, sum(amount)::float8 AS amount, sum(minutes)::float8 AS minutes, count(*)::int AS sessions
         FROM (SELECT r.unit, s.amount, s.minutes, row_number() OVER (PARTITION BY r.unit ORDER BY s.studied_at DESC, s.id) AS n
                 FROM study_sessions s JOIN study_resources r ON r.id = s.resource_id
                WHERE s.user_id = $1 AND s.minutes > 0) timed
        WHERE n <= $2 GROUP BY unit`,
      [userId, PACE_SESSIONS],
    )) as LoggedPaceRow[];
    return rows;
  }

  // --- plans

  insertPlan(fields: Pick<StudyPlan, 'userId' | 'applicationId' | 'hoursPerWeek' | 'statedPace'>, em: EntityManager): Promise<StudyPlan> {
    return em.save(em.create(StudyPlan, fields));
  }

  findPlan(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<StudyPlan | null> {
    return em.findOneBy(StudyPlan, { id, userId });
  }

  lockPlan(userId: string, id: string, em: EntityManager): Promise<StudyPlan | null> {
    return em.findOne(StudyPlan, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  findPlanOfApplication(userId: string, applicationId: string, em: EntityManager = this.dataSource.manager): Promise<StudyPlan | null> {
    return em.findOneBy(StudyPlan, { applicationId, userId });
  }

  /** The user's plans of these applications (one each at most). */
  plansOfApplications(userId: string, applicationIds: string[]): Promise<StudyPlan[]> {
    return applicationIds.length ? this.dataSource.manager.createQueryBuilder(StudyPlan, 'p').where('p.user_id = :userId AND p.application_id IN (:...applicationIds)', { userId, applicationIds }).getMany() : Promise.resolve([]);
  }

  /** The items of several plans, each plan's in order. */
  itemsOfPlans(planIds: string[]): Promise<StudyPlanItem[]> {
    return planIds.length ? this.dataSource.manager.createQueryBuilder(StudyPlanItem, 'i').where('i.plan_id IN (:...planIds)', { planIds }).orderBy('i.plan_id').addOrderBy('i.position').addOrderBy('i.id').getMany() : Promise.resolve([]);
  }

  async listPlans(userId: string, page: { limit: number; offset: number }, applicationId?: string): Promise<{ items: StudyPlan[]; total: number }> {
    const where = applicationId ? { userId, applicationId } : { userId };
    const [items, total] = await this.dataSource.manager.findAndCount(StudyPlan, { where, order: { createdAt: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items, total };
  }

  savePlan(plan: StudyPlan, em: EntityManager = this.dataSource.manager): Promise<StudyPlan> {
    return em.save(plan);
  }

  async deletePlan(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(StudyPlan, { id, userId })).affected;
  }

  planItems(planId: string, em: EntityManager = this.dataSource.manager): Promise<StudyPlanItem[]> {
    return em.find(StudyPlanItem, { where: { planId }, order: { position: 'ASC', id: 'ASC' } });
  }

  async itemCounts(planIds: string[]): Promise<Map<string, number>> {
    if (!planIds.length) return new Map();
    const rows = (await this.dataSource.query('SELECT plan_id, count(*)::int AS n FROM study_plan_items WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id', [planIds])) as { plan_id: string; n: number }[];
    return new Map(rows.map((r) => [r.plan_id, r.n]));
  }

  insertItems(items: Pick<StudyPlanItem, 'userId' | 'planId' | 'stageId' | 'resourceId' | 'position'>[], em: EntityManager): Promise<StudyPlanItem[]> {
    return em.save(items.map((i) => em.create(StudyPlanItem, i)));
  }

  findItem(userId: string, planId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<StudyPlanItem | null> {
    return em.findOneBy(StudyPlanItem, { id, planId, userId });
  }

  saveItem(item: StudyPlanItem, em: EntityManager): Promise<StudyPlanItem> {
    return em.save(item);
  }

  async deleteItem(userId: string, planId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(StudyPlanItem, { id, planId, userId })).affected;
  }

  async nextItemPosition(planId: string, em: EntityManager): Promise<number> {
    const [row] = (await em.query('SELECT coalesce(max(position) + 1, 0)::int AS next FROM study_plan_items WHERE plan_id = $1', [planId])) as { next: number }[];
    return row.next;
  }

  // --- the question bank

  insertQuestion(fields: Omit<PracticeQuestion, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'organization' | 'interview'>): Promise<PracticeQuestion> {
    const em = this.dataSource.manager;
    return em.save(em.create(PracticeQuestion, fields));
  }

  findQuestion(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<PracticeQuestion | null> {
    return em.findOneBy(PracticeQuestion, { id, userId });
  }

  lockQuestion(userId: string, id: string, em: EntityManager): Promise<PracticeQuestion | null> {
    return em.findOne(PracticeQuestion, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  async listQuestions(userId: string, filter: QuestionFilter): Promise<{ items: PracticeQuestion[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(PracticeQuestion, 'q').where('q.user_id = :userId', { userId });
    if (filter.topic) qb.andWhere('lower(q.topic) = lower(:topic)', { topic: filter.topic });
    if (filter.stageType) qb.andWhere('q.stage_type = :stageType', { stageType: filter.stageType });
    if (filter.organizationId) qb.andWhere('q.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.interviewId) qb.andWhere('q.interview_id = :interviewId', { interviewId: filter.interviewId });
    if (filter.source) qb.andWhere('q.source = :source', { source: filter.source });
    if (filter.q) qb.andWhere("(q.text ILIKE :q ESCAPE '\\' OR q.answer_notes ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(filter.q)}%` });
    if (filter.relatedTo) qb.andWhere('(q.organization_id = :relatedOrg OR q.stage_type = :relatedType)', { relatedOrg: filter.relatedTo.organizationId, relatedType: filter.relatedTo.stageType });
    const [items, total] = await qb.orderBy('q.created_at', 'DESC').addOrderBy('q.id', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total };
  }

  saveQuestion(question: PracticeQuestion, em: EntityManager = this.dataSource.manager): Promise<PracticeQuestion> {
    return em.save(question);
  }

  async deleteQuestion(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(PracticeQuestion, { id, userId })).affected;
  }

  insertDrill(fields: Omit<PracticeDrill, 'id' | 'question'>, em: EntityManager): Promise<PracticeDrill> {
    return em.save(em.create(PracticeDrill, fields));
  }

  async listDrills(userId: string, questionId: string, page: { limit: number; offset: number }): Promise<{ items: PracticeDrill[]; total: number }> {
    const [items, total] = await this.dataSource.manager.findAndCount(PracticeDrill, { where: { userId, questionId }, order: { drilledAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items, total };
  }

  /**
   * The daily queue: questions due before the end of `today` in `timeZone` (midnight that ends it,
   * computed by PostgreSQL's zone rules), most overdue first; optionally only one organization's or
   * stage type's.
   */
  async dueQuestions(userId: string, today: string, timeZone: string, filter: { relatedTo?: QuestionFilter['relatedTo']; limit: number; offset: number }): Promise<{ items: PracticeQuestion[]; total: number; dueBefore: Date }> {
    const [{ until }] = (await this.dataSource.query('SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS until', [today, timeZone])) as { until: Date }[];
    const qb = this.dataSource.manager.createQueryBuilder(PracticeQuestion, 'q').where('q.user_id = :userId AND q.due < :until', { userId, until });
    if (filter.relatedTo) qb.andWhere('(q.organization_id = :relatedOrg OR q.stage_type = :relatedType)', { relatedOrg: filter.relatedTo.organizationId, relatedType: filter.relatedTo.stageType });
    const [items, total] = await qb.orderBy('q.due', 'ASC').addOrderBy('q.id', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, dueBefore: until };
  }

  async ownedQuestionIds(userId: string, ids: string[], em: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = (await em.query('SELECT id FROM practice_questions WHERE user_id = $1 AND id = ANY($2::uuid[])', [userId, ids])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  insertQuestionIn(fields: Omit<PracticeQuestion, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'organization' | 'interview'>, em: EntityManager): Promise<PracticeQuestion> {
    return em.save(em.create(PracticeQuestion, fields));
  }

  // --- mock interviews

  insertMock(fields: Omit<MockInterview, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'person' | 'organization' | 'interaction' | 'questions'>, em: EntityManager): Promise<MockInterview> {
    return em.save(em.create(MockInterview, fields));
  }

  async linkMockQuestions(mockId: string, questionIds: string[], em: EntityManager): Promise<void> {
    if (questionIds.length) await em.createQueryBuilder().relation(MockInterview, 'questions').of(mockId).add(questionIds);
  }

  findMock(userId: string, id: string): Promise<MockInterview | null> {
    return this.dataSource.manager.findOne(MockInterview, { where: { id, userId }, relations: { questions: true } });
  }

  async listMocks(userId: string, filter: { stageType?: StageType; personId?: string; limit: number; offset: number }): Promise<{ items: MockInterview[]; total: number }> {
    const [items, total] = await this.dataSource.manager.findAndCount(MockInterview, {
      where: { userId, ...(filter.stageType ? { stageType: filter.stageType } : {}), ...(filter.personId ? { personId: filter.personId } : {}) },
      relations: { questions: true },
      order: { heldAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  async updateMock(userId: string, id: string, patch: Partial<Pick<MockInterview, 'feedback' | 'scores'>>): Promise<void> {
    if (Object.keys(patch).length) await this.dataSource.manager.update(MockInterview, { id, userId }, patch);
  }

  async deleteMock(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(MockInterview, { id, userId })).affected;
  }

  // --- behavioural stories

  insertStory(fields: Omit<BehaviouralStory, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'projects'>, em: EntityManager): Promise<BehaviouralStory> {
    return em.save(em.create(BehaviouralStory, fields));
  }

  async setStoryProjects(storyId: string, projectIds: string[], em: EntityManager): Promise<void> {
    const relation = em.createQueryBuilder().relation(BehaviouralStory, 'projects').of(storyId);
    const current = (await em.query('SELECT resume_project_id FROM behavioural_story_projects WHERE story_id = $1', [storyId])) as { resume_project_id: string }[];
    await relation.addAndRemove(projectIds, current.map((c) => c.resume_project_id));
  }

  findStory(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<BehaviouralStory | null> {
    return em.findOne(BehaviouralStory, { where: { id, userId }, relations: { projects: true } });
  }

  async listStories(userId: string, filter: { stageType?: StageType; competency?: Competency; limit: number; offset: number }): Promise<{ items: BehaviouralStory[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(BehaviouralStory, 's').leftJoinAndSelect('s.projects', 'p').where('s.user_id = :userId', { userId });
    if (filter.stageType) qb.andWhere("(s.stage_types = '{}' OR :stageType = ANY(s.stage_types))", { stageType: filter.stageType });
    if (filter.competency) qb.andWhere(':competency = ANY(s.competencies)', { competency: filter.competency });
    const [items, total] = await qb.orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').addOrderBy('p.position', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total };
  }

  saveStory(story: BehaviouralStory, em: EntityManager): Promise<BehaviouralStory> {
    return em.save(BehaviouralStory, story);
  }

  async deleteStory(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.manager.delete(BehaviouralStory, { id, userId })).affected;
  }

  /** How many of the user's stories show each competency, among those worth telling in `stageType` (or all). */
  async storiesPerCompetency(userId: string, stageType: StageType | undefined): Promise<Map<Competency, number>> {
    const rows = (await this.dataSource.query(
      `SELECT c AS competency, count(*)::int AS n FROM behavioural_stories s, unnest(s.competencies) c
        WHERE s.user_id = $1 AND ($2::text IS NULL OR s.stage_types = '{}' OR $2 = ANY(s.stage_types)) GROUP BY c`,
      [userId, stageType ?? null],
    )) as { competency: Competency; n: number }[];
    return new Map(rows.map((r) => [r.competency, r.n]));
  }
  // --- what readiness counts (one statement each, for all the user's interviews at once)

  /** The user's questions per organization and stage type: how many, practised at least once, due before `until`. */
  async practiceCounts(userId: string, until: Date): Promise<PracticeCountRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT organization_id, stage_type, count(*)::int AS total, (count(*) FILTER (WHERE reps > 0))::int AS practised, (count(*) FILTER (WHERE due < $2))::int AS due
         FROM practice_questions WHERE user_id = $1 GROUP BY organization_id, stage_type`,
      [userId, until],
    )) as { organization_id: string | null; stage_type: StageType | null; total: number; practised: number; due: number }[];
    return rows.map((r) => ({ organizationId: r.organization_id, stageType: r.stage_type, total: r.total, practised: r.practised, due: r.due }));
  }

  /** Mocks held before `before`, per stage type. */
  async mocksHeld(userId: string, before: Date): Promise<Map<StageType, number>> {
    const rows = (await this.dataSource.query('SELECT stage_type, count(*)::int AS n FROM mock_interviews WHERE user_id = $1 AND held_at <= $2 GROUP BY stage_type', [userId, before])) as { stage_type: StageType; n: number }[];
    return new Map(rows.map((r) => [r.stage_type, r.n]));
  }

  /** Every story's competencies and stage types (what coverage per stage type is computed from). */
  async storyTags(userId: string): Promise<{ competencies: Competency[]; stageTypes: StageType[] }[]> {
    const rows = (await this.dataSource.query('SELECT competencies, stage_types FROM behavioural_stories WHERE user_id = $1', [userId])) as { competencies: Competency[]; stage_types: StageType[] }[];
    return rows.map((r) => ({ competencies: r.competencies, stageTypes: r.stage_types }));
  }

  /** What the user has done so far, in totals: minutes studied, sessions, drills, mocks, stories. */
  async progressTotals(userId: string): Promise<StudyProgressTotals> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(minutes), 0)::int FROM study_sessions WHERE user_id = $1) AS study_minutes,
              (SELECT count(*)::int FROM study_sessions WHERE user_id = $1) AS study_sessions,
              (SELECT count(*)::int FROM practice_drills WHERE user_id = $1) AS drills,
              (SELECT count(*)::int FROM mock_interviews WHERE user_id = $1) AS mocks,
              (SELECT count(*)::int FROM behavioural_stories WHERE user_id = $1) AS stories`,
      [userId],
    )) as { study_minutes: number; study_sessions: number; drills: number; mocks: number; stories: number }[];
    return { studyMinutes: row.study_minutes, studySessions: row.study_sessions, drills: row.drills, mocks: row.mocks, stories: row.stories };
  }
}
