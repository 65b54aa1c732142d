import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '#platform';
import { Application } from '../applications/application.entity';
import { Interview } from '../interviews/interview.entity';
import type { Page } from '../people/index';
import { Person } from '../people/index';
import { dateIn, daysBetween } from '../shared/dates';
import { refreshPrepTaskDueDates, reopenSettledTasks } from './prep-tasks';
import { Task } from './task.entity';
import { InvalidTaskError } from './tasks.errors';

/** open: neither done nor settled; done: done by hand; closed: settled with its application; all. */
export const TASK_STATUSES = ['open', 'done', 'closed', 'all'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Relative to the user's today: before it, on it, after it. */
export const TASK_DUE_WINDOWS = ['overdue', 'today', 'upcoming'] as const;
export type TaskDueWindow = (typeof TASK_DUE_WINDOWS)[number];

export interface CreateTaskInput {
  title: string;
  /** yyyy-mm-dd */
  dueOn?: string | null;
  notes?: string | null;
  personId?: string | null;
  applicationId?: string | null;
  /** Linking an interview links its application too. */
  interviewId?: string | null;
}

export interface TaskInput {
  title?: string;
  dueOn?: string | null;
  notes?: string | null;
  /** true marks it done (now); false opens it again (a task settled with its application too). */
  done?: boolean;
}

export interface TasksQuery {
  status?: TaskStatus;
  due?: TaskDueWindow;
  personId?: string;
  applicationId?: string;
  interviewId?: string;
  stageId?: string;
  limit?: number;
  offset?: number;
}

export interface DueTask {
  task: Task;
  /** Days from the due date to the user's today: 0 = due today. */
  daysOverdue: number;
}

export interface DueTasks extends Page<DueTask> {
  /** The day the list was computed for (yyyy-mm-dd). */
  by: string;
  /** Today in the user's time zone (yyyy-mm-dd). */
  today: string;
}

/**
 * The user's to-do list: tasks written by hand and the prep checklists of the stages their
 * applications enter. "Today" and "overdue" are in the user's time zone, as for follow-ups.
 */
@Injectable()
export class TasksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(userId: string, input: CreateTaskInput): Promise<Task> {
    const em = this.dataSource.manager;
    const links = await this.links(em, userId, input);
    const task = em.create(Task, {
      userId,
      title: input.title.trim(),
      dueOn: input.dueOn ?? null,
      notes: input.notes ?? null,
      origin: 'manual',
      stageId: null,
      doneAt: null,
      sequence: 0,
      ...links,
    });
    await em.insert(Task, task);
    return this.get(userId, task.id);
  }

  async get(userId: string, id: string): Promise<Task> {
    const task = await this.query(this.dataSource.manager, userId).andWhere('t.id = :id', { id }).getOne();
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  /** Open tasks by default; soonest due first, undated last, then oldest first. */
  async list(userId: string, query: TasksQuery = {}): Promise<Page<Task>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const em = this.dataSource.manager;
    const qb = this.query(em, userId);
    const status = query.status ?? 'open';
    if (status === 'open') qb.andWhere('t.done_at IS NULL AND t.closed_at IS NULL');
    if (status === 'done') qb.andWhere('t.done_at IS NOT NULL');
    if (status === 'closed') qb.andWhere('t.closed_at IS NOT NULL');
    if (query.due) {
      const today = await this.today(em, userId);
      const op = { overdue: '<', today: '=', upcoming: '>' }[query.due];
      qb.andWhere(`t.due_on ${op} :today`, { today });
    }
    for (const [key, column] of [['personId', 'person_id'], ['applicationId', 'application_id'], ['interviewId', 'interview_id'], ['stageId', 'stage_id']] as const) {
      if (query[key]) qb.andWhere(`t.${column} = :${key}`, { [key]: query[key] });
    }
    const [items, total] = await ordered(qb).limit(limit).offset(offset).getManyAndCount();
    return { items, total, limit, offset };
  }

  /** Open tasks due on or before `by` (default: the user's today), oldest due first. */
  async due(userId: string, query: { by?: string; limit?: number; offset?: number } = {}): Promise<DueTasks> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const em = this.dataSource.manager;
    const today = await this.today(em, userId);
    const by = query.by ?? today;
    const qb = this.query(em, userId).andWhere('t.done_at IS NULL AND t.closed_at IS NULL AND t.due_on <= :by', { by });
    const [tasks, total] = await ordered(qb).limit(limit).offset(offset).getManyAndCount();
    return { by, today, items: tasks.map((task) => ({ task, daysOverdue: daysBetween(task.dueOn!, today) })), total, limit, offset };
  }

  /** Every open task with a due date (for the calendar feed). */
  async openDated(userId: string, em: EntityManager = this.dataSource.manager): Promise<Task[]> {
    return ordered(this.query(em, userId).andWhere('t.done_at IS NULL AND t.closed_at IS NULL AND t.due_on IS NOT NULL')).getMany();
  }

  async update(userId: string, id: string, input: TaskInput): Promise<Task> {
    const nulls = (['title', 'done'] as const).filter((f) => input[f] === null);
    if (nulls.length) throw new InvalidTaskError(nulls.map((field) => ({ field, problem: 'must not be null' })));
    await this.dataSource.transaction(async (em) => {
      const task = await em.findOne(Task, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundError('task', id);
      const patch: Partial<Task> = {};
      if (input.title !== undefined && input.title.trim() !== task.title) patch.title = input.title.trim();
      if (input.dueOn !== undefined && input.dueOn !== task.dueOn) patch.dueOn = input.dueOn;
      if (input.notes !== undefined && input.notes !== task.notes) patch.notes = input.notes;
      if (input.done === true && !task.doneAt) patch.doneAt = new Date();
      if (input.done === false && task.doneAt) patch.doneAt = null;
      // Done or opened again by hand: no longer settled with its application.
      if (input.done !== undefined && task.closedAt) Object.assign(patch, { closedAt: null, closedReason: null });
      // Back in (or out of) the calendars' to-dos: clients must apply it.
      if ('closedAt' in patch && !('doneAt' in patch)) patch.sequence = task.sequence + 1;
      // Calendars show the title on the due date: either changing is an update clients must apply.
      if ('title' in patch || 'dueOn' in patch) patch.sequence = task.sequence + 1;
      if (Object.keys(patch).length) await em.update(Task, { id }, patch);
      // A checklist task opened again follows its stage's first interview, unless given a date now.
      const reopened = patch.doneAt === null || (input.done === false && 'closedAt' in patch);
      if (reopened && task.origin === 'checklist' && task.stageId && input.dueOn === undefined) await refreshPrepTaskDueDates(em, task.stageId);
    });
    return this.get(userId, id);
  }

  /**
   * Opens again the prep tasks settled when the application closed (e.g. the lab reconsidered):
   * the explicit way back, as no move reopens a closed application. Returns the tasks reopened.
   */
  async reopenSettled(userId: string, applicationId: string): Promise<Task[]> {
    const ids = await this.dataSource.transaction(async (em) => {
      const application = await em.findOne(Application, { where: { id: applicationId, userId }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw new NotFoundError('application', applicationId);
      return reopenSettledTasks(em, applicationId);
    });
    if (!ids.length) return [];
    return ordered(this.query(this.dataSource.manager, userId).andWhere('t.id IN (:...ids)', { ids })).getMany();
  }

  async remove(userId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(Task).delete({ id, userId });
    if (!result.affected) throw new NotFoundError('task', id);
  }

  /** The links of a new task, each checked to be the user's (another user's id is not found). */
  private async links(em: EntityManager, userId: string, input: CreateTaskInput): Promise<Pick<Task, 'personId' | 'applicationId' | 'interviewId'>> {
    if (input.personId && !(await em.existsBy(Person, { id: input.personId, userId }))) throw new NotFoundError('person', input.personId);
    if (input.applicationId && !(await em.existsBy(Application, { id: input.applicationId, userId }))) throw new NotFoundError('application', input.applicationId);
    let interview: Interview | null = null;
    if (input.interviewId) {
      interview = await em.findOneBy(Interview, { id: input.interviewId, userId });
      if (!interview) throw new NotFoundError('interview', input.interviewId);
      if (input.applicationId && input.applicationId !== interview.applicationId) {
        throw new InvalidTaskError([{ field: 'applicationId', problem: 'must be the application of the interview (or left out)' }]);
      }
    }
    return { personId: input.personId ?? null, applicationId: input.applicationId ?? interview?.applicationId ?? null, interviewId: interview?.id ?? null };
  }

  private query(em: EntityManager, userId: string): SelectQueryBuilder<Task> {
    return (
      em
        .getRepository(Task)
        .createQueryBuilder('t')
        // A person in the trash still names the tasks about them.
        .withDeleted()
        .leftJoinAndSelect('t.person', 'p')
        .leftJoinAndSelect('t.application', 'a')
        .leftJoinAndSelect('a.organization', 'o')
        .leftJoinAndSelect('a.team', 'tm')
        .leftJoinAndSelect('t.interview', 'i')
        .leftJoinAndSelect('i.stage', 'istage')
        .leftJoinAndSelect('t.stage', 's')
        .where('t.user_id = :userId', { userId })
    );
  }

  private async today(em: EntityManager, userId: string): Promise<string> {
    const [row] = (await em.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    return dateIn(row?.time_zone ?? 'UTC', new Date());
  }
}

function ordered(qb: SelectQueryBuilder<Task>): SelectQueryBuilder<Task> {
  return qb.orderBy('t.due_on', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC');
}
