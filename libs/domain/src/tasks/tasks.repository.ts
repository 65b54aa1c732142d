import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { columnReference } from '#platform';
import { APPLICATIONS } from '../applications/repository/applications.relations';
import { INTERVIEWS } from '../interviews/repository/interviews.relations';
import { Task, TaskCloseReason } from './task.entity';
import type { PersonReference } from '../people/index';

/** Which tasks a list shows (all of them the user's); `dueOp` compares due_on with `today`. */
export interface TaskFilter {
  status?: 'open' | 'done' | 'closed' | 'all';
  dueOp?: '<' | '=' | '>';
  today?: string;
  /** Open tasks due on or before this day. */
  dueBy?: string;
  /** Open tasks with a due date. */
  dated?: boolean;
  personId?: string;
  applicationId?: string;
  interviewId?: string;
  stageId?: string;
  ids?: string[];
}

/**
 * Every statement on tasks. Methods that take an EntityManager run inside the caller's transaction
 * (prep tasks are written in the transactions of applications and interviews).
 *
 * The few reads of applications and interviews here (is it the user's, which stage's interview comes
 * first) join their published relations: applications and interviews write prep tasks through this
 * module, so reaching back through their services would be an import cycle.
 */
@Injectable()
export class TasksRepository {
  /** A person's tasks follow a merge to the survivor and go with an erasure. People's merges and erasures run these (registered in TasksModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'tasks', ...columnReference({ table: 'tasks', column: 'person_id', onErase: 'delete' }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts a new task; answers it with its generated id. */
  async insert(fields: Partial<Task>): Promise<Task> {
    const em = this.dataSource.manager;
    const task = em.create(Task, fields);
    await em.insert(Task, task);
    return task;
  }

  /** Tasks with their person (even in the trash), application, interview and stage; soonest due first, undated last, then oldest. */
  find(userId: string, filter: TaskFilter, page?: { limit: number; offset: number }, em: EntityManager = this.dataSource.manager): Promise<[Task[], number]> {
    const qb = this.query(em, userId);
    if (filter.status === 'open') qb.andWhere('t.done_at IS NULL AND t.closed_at IS NULL');
    if (filter.status === 'done') qb.andWhere('t.done_at IS NOT NULL');
    if (filter.status === 'closed') qb.andWhere('t.closed_at IS NOT NULL');
    if (filter.dueOp) qb.andWhere(`t.due_on ${filter.dueOp} :today`, { today: filter.today });
    if (filter.dueBy !== undefined) qb.andWhere('t.done_at IS NULL AND t.closed_at IS NULL AND t.due_on <= :by', { by: filter.dueBy });
    if (filter.dated) qb.andWhere('t.done_at IS NULL AND t.closed_at IS NULL AND t.due_on IS NOT NULL');
    for (const [key, column] of [['personId', 'person_id'], ['applicationId', 'application_id'], ['interviewId', 'interview_id'], ['stageId', 'stage_id']] as const) {
      if (filter[key]) qb.andWhere(`t.${column} = :${key}`, { [key]: filter[key] });
    }
    if (filter.ids) qb.andWhere('t.id IN (:...ids)', { ids: filter.ids });
    ordered(qb);
    if (page) return qb.limit(page.limit).offset(page.offset).getManyAndCount();
    return qb.getMany().then((tasks) => [tasks, tasks.length]);
  }

  findOne(userId: string, id: string): Promise<Task | null> {
    return this.query(this.dataSource.manager, userId).andWhere('t.id = :id', { id }).getOne();
  }

  lock(em: EntityManager, userId: string, id: string): Promise<Task | null> {
    return em.findOne(Task, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(em: EntityManager, id: string, patch: Partial<Task>): Promise<void> {
    await em.update(Task, { id }, patch);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(Task).delete({ id, userId })).affected;
  }

  /** The tasks linked to any of these interviews or of any of these stages (one read for many interviews). */
  async ofInterviewsOrStages(userId: string, interviewIds: string[], stageIds: string[]): Promise<{ id: string; title: string; interviewId: string | null; stageId: string | null; applicationId: string | null; dueOn: string | null; done: boolean; createdAt: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, title, interview_id, stage_id, application_id, due_on::text AS due_on, done_at IS NOT NULL AS done, created_at FROM tasks
        WHERE user_id = $1 AND (interview_id = ANY($2::uuid[]) OR stage_id = ANY($3::uuid[]))`,
      [userId, interviewIds, stageIds],
    )) as { id: string; title: string; interview_id: string | null; stage_id: string | null; application_id: string | null; due_on: string | null; done: boolean; created_at: Date }[];
    return rows.map((r) => ({ id: r.id, title: r.title, interviewId: r.interview_id, stageId: r.stage_id, applicationId: r.application_id, dueOn: r.due_on, done: r.done, createdAt: r.created_at }));
  }

  /** Open checklist tasks of a stage (the candidates for reading tasks). */
  openChecklistTasks(userId: string): Promise<Task[]> {
    return this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .where("t.user_id = :userId AND t.origin = 'checklist' AND t.done_at IS NULL AND t.closed_at IS NULL AND t.stage_id IS NOT NULL", { userId })
      .getMany();
  }

  async markDone(userId: string, ids: string[]): Promise<void> {
    await this.dataSource.query('UPDATE tasks SET done_at = now(), updated_at = now() WHERE id = ANY($1::uuid[]) AND user_id = $2 AND done_at IS NULL', [ids, userId]);
  }

  /** The stage's first interview not cancelled, if any. */
  async firstInterviewOfStage(userId: string, stageId: string): Promise<string | null> {
    const [interview] = (await this.dataSource.query(
      `SELECT i.id FROM ${INTERVIEWS} i WHERE i.stage_id = $1 AND i.user_id = $2 AND i.outcome <> 'cancelled' ORDER BY i.starts_at, i.id LIMIT 1`,
      [stageId, userId],
    )) as { id: string }[];
    return interview?.id ?? null;
  }

  async applicationExists(userId: string, applicationId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM ${APPLICATIONS} a WHERE a.id = $1 AND a.user_id = $2`, [applicationId, userId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Locks the user's application row for the rest of the transaction (against the application's
   * moves, which lock it too); false when there is none. FOR UPDATE through the relation locks the
   * applications row beneath it.
   */
  async lockApplication(em: EntityManager, userId: string, applicationId: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM ${APPLICATIONS} a WHERE a.id = $1 AND a.user_id = $2 FOR UPDATE`, [applicationId, userId])) as unknown[];
    return rows.length > 0;
  }

  /** The user's interview and its application, if it is theirs. */
  async findInterview(userId: string, interviewId: string): Promise<{ id: string; applicationId: string } | null> {
    const [row] = (await this.dataSource.query(`SELECT i.id, i.application_id FROM ${INTERVIEWS} i WHERE i.id = $1 AND i.user_id = $2`, [interviewId, userId])) as { id: string; application_id: string }[];
    return row ? { id: row.id, applicationId: row.application_id } : null;
  }

  async insertPrepTasks(em: EntityManager, rows: Partial<Task>[]): Promise<void> {
    await em.insert(Task, rows.map((row) => em.create(Task, row)));
  }

  /** Re-dates a stage's open prep tasks to the day before its first interview; bumps SEQUENCE for calendars. */
  async refreshPrepTaskDueDates(em: EntityManager, stageId: string): Promise<void> {
    await em.query(
      `UPDATE tasks t SET due_on = first.due, sequence = t.sequence + 1, updated_at = now()
         FROM (SELECT ((SELECT (i.starts_at AT TIME ZONE i.time_zone)::date - 1
                          FROM ${INTERVIEWS} i WHERE i.stage_id = $1 AND i.outcome <> 'cancelled'
                         ORDER BY i.starts_at LIMIT 1)) AS due) first
        WHERE t.stage_id = $1 AND t.origin = 'checklist' AND t.done_at IS NULL AND t.closed_at IS NULL
          AND t.due_on IS DISTINCT FROM first.due`,
      [stageId],
    );
  }

  /** Settles an application's open prep tasks; answers how many. */
  async settlePrepTasks(em: EntityManager, applicationId: string, reason: TaskCloseReason, at: Date): Promise<number> {
    const rows = (await em.query(
      `UPDATE tasks SET closed_at = $2, closed_reason = $3, sequence = sequence + 1, updated_at = now()
        WHERE application_id = $1 AND origin = 'checklist' AND done_at IS NULL AND closed_at IS NULL
        RETURNING id`,
      [applicationId, at, reason],
    )) as [unknown[], number];
    return rows[1];
  }

  /** Opens an application's settled tasks again; answers their ids and stages. */
  async reopenSettled(em: EntityManager, applicationId: string): Promise<{ id: string; stage_id: string | null }[]> {
    const [rows] = (await em.query(
      `UPDATE tasks SET closed_at = NULL, closed_reason = NULL, sequence = sequence + 1, updated_at = now()
        WHERE application_id = $1 AND closed_at IS NOT NULL
        RETURNING id, stage_id`,
      [applicationId],
    )) as [{ id: string; stage_id: string | null }[], number];
    return rows;
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
}

function ordered(qb: SelectQueryBuilder<Task>): SelectQueryBuilder<Task> {
  return qb.orderBy('t.due_on', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC');
}
