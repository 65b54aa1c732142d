import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { TimeZonesService } from '../accounts/index';
import type { Page } from '../people/index';
import { PeopleService } from '../people/index';
import { daysBetween } from '../shared/dates';
import { refreshPrepTaskDueDates, reopenSettledTasks } from './prep-tasks';
import type { PrepTaskFacts } from './repository/tasks.read-model';
import { Task } from './task.entity';
import { InvalidTaskError } from './tasks.errors';
import { TasksRepository } from './tasks.repository';

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
  constructor(
    private readonly tasks: TasksRepository,
    private readonly people: PeopleService,
    private readonly timeZones: TimeZonesService,
  ) {}

  async create(userId: string, input: CreateTaskInput): Promise<Task> {
    const links = await this.links(userId, input);
    const task = await this.tasks.insert({
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
    return this.get(userId, task.id);
  }

  async get(userId: string, id: string): Promise<Task> {
    const task = await this.tasks.findOne(userId, id);
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  /** Open tasks by default; soonest due first, undated last, then oldest first. */
  async list(userId: string, query: TasksQuery = {}): Promise<Page<Task>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const due = query.due ? { dueOp: ({ overdue: '<', today: '=', upcoming: '>' } as const)[query.due], today: await this.timeZones.today(userId) } : {};
    const [items, total] = await this.tasks.find(
      userId,
      { status: query.status ?? 'open', ...due, personId: query.personId, applicationId: query.applicationId, interviewId: query.interviewId, stageId: query.stageId },
      { limit, offset },
    );
    return { items, total, limit, offset };
  }

  /** Open tasks due on or before `by` (default: the user's today), oldest due first. */
  async due(userId: string, query: { by?: string; limit?: number; offset?: number } = {}): Promise<DueTasks> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const today = await this.timeZones.today(userId);
    const by = query.by ?? today;
    const [tasks, total] = await this.tasks.find(userId, { dueBy: by }, { limit, offset });
    return { by, today, items: tasks.map((task) => ({ task, daysOverdue: daysBetween(task.dueOn!, today) })), total, limit, offset };
  }

  /**
   * The tasks of each interview (linked to it, or prep tasks of its stage), as a briefing lists them
   * (interviewTasks) but for many interviews in one read: by interview id, soonest due first, then in
   * the order of the stage's checklist.
   */
  async ofInterviews(userId: string, interviews: { interviewId: string; stageId: string; applicationId: string; checklist: string[] }[]): Promise<Map<string, PrepTaskFacts[]>> {
    const out = new Map<string, PrepTaskFacts[]>();
    if (!interviews.length) return out;
    const rows = await this.tasks.ofInterviewsOrStages(userId, interviews.map((i) => i.interviewId), [...new Set(interviews.map((i) => i.stageId))]);
    for (const of of interviews) {
      const place = (title: string): number => {
        const at = of.checklist.indexOf(title);
        return at < 0 ? Number.MAX_SAFE_INTEGER : at;
      };
      const mine = rows
        .filter((t) => t.interviewId === of.interviewId || (t.stageId === of.stageId && t.applicationId === of.applicationId))
        .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || place(a.title) - place(b.title) || a.createdAt.getTime() - b.createdAt.getTime() || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
      out.set(of.interviewId, mine.map((t) => ({ id: t.id, title: t.title, dueOn: t.dueOn, done: t.done })));
    }
    return out;
  }

  /** Every open task with a due date (for the calendar feed). */
  async openDated(userId: string, em?: EntityManager): Promise<Task[]> {
    const [tasks] = await this.tasks.find(userId, { dated: true }, undefined, em);
    return tasks;
  }

  async update(userId: string, id: string, input: TaskInput): Promise<Task> {
    const nulls = (['title', 'done'] as const).filter((f) => input[f] === null);
    if (nulls.length) throw new InvalidTaskError(nulls.map((field) => ({ field, problem: 'must not be null' })));
    await this.tasks.transaction(async (em) => {
      const task = await this.tasks.lock(em, userId, id);
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
      if (Object.keys(patch).length) await this.tasks.update(em, id, patch);
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
    const ids = await this.tasks.transaction(async (em) => {
      if (!(await this.tasks.lockApplication(em, userId, applicationId))) throw new NotFoundError('application', applicationId);
      return reopenSettledTasks(em, applicationId);
    });
    if (!ids.length) return [];
    const [tasks] = await this.tasks.find(userId, { ids });
    return tasks;
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.tasks.delete(userId, id))) throw new NotFoundError('task', id);
  }

  /** The links of a new task, each checked to be the user's (another user's id is not found). */
  private async links(userId: string, input: CreateTaskInput): Promise<Pick<Task, 'personId' | 'applicationId' | 'interviewId'>> {
    if (input.personId && !(await this.people.exists(userId, input.personId))) throw new NotFoundError('person', input.personId);
    if (input.applicationId && !(await this.tasks.applicationExists(userId, input.applicationId))) throw new NotFoundError('application', input.applicationId);
    let interview: { id: string; applicationId: string } | null = null;
    if (input.interviewId) {
      interview = await this.tasks.findInterview(userId, input.interviewId);
      if (!interview) throw new NotFoundError('interview', input.interviewId);
      if (input.applicationId && input.applicationId !== interview.applicationId) {
        throw new InvalidTaskError([{ field: 'applicationId', problem: 'must be the application of the interview (or left out)' }]);
      }
    }
    return { personId: input.personId ?? null, applicationId: input.applicationId ?? interview?.applicationId ?? null, interviewId: interview?.id ?? null };
  }
}
