import type { DataSource, EntityManager } from 'typeorm';

export interface PrepTaskFacts {
  id: string;
  title: string;
  dueOn: string | null;
  done: boolean;
}

/**
 * The tasks of one interview: linked to it, or prep tasks of its stage (listed in the order of the
 * stage's checklist).
 */
export async function interviewTasks(
  db: DataSource | EntityManager,
  userId: string,
  of: { interviewId: string; stageId: string | null; applicationId: string; checklist: string[] },
): Promise<PrepTaskFacts[]> {
  const rows = (await db.query(
    `SELECT id, title, due_on::text AS due_on, done_at IS NOT NULL AS done FROM tasks
      WHERE user_id = $1 AND (interview_id = $2 OR (stage_id = $3 AND application_id = $4))
      ORDER BY due_on NULLS LAST, array_position($5::text[], title) NULLS LAST, created_at, title, id`,
    [userId, of.interviewId, of.stageId, of.applicationId, of.checklist],
  )) as { id: string; title: string; due_on: string | null; done: boolean }[];
  return rows.map((t) => ({ id: t.id, title: t.title, dueOn: t.due_on, done: t.done }));
}

/** How many tasks the user has. */
export async function countTasks(db: DataSource | EntityManager, userId: string): Promise<number> {
  const [{ tasks }] = (await db.query('SELECT count(*)::int AS tasks FROM tasks WHERE user_id = $1', [userId])) as { tasks: number }[];
  return tasks;
}

/** An open task due for one account, as a digest lists it. */
export interface DueTaskFacts {
  userId: string;
  taskId: string;
  title: string;
  /** yyyy-mm-dd */
  dueOn: string;
  /** Whom or what it is about: the person's name, or the application's organization and role. */
  about: string | null;
}

/** A due task's own row: whom or what it is about by id (the person's and the application's names are their owners'). */
export type DueTaskRow = Omit<DueTaskFacts, 'about'> & { personId: string | null; applicationId: string | null };

/**
 * For many accounts at once, each with its own today (yyyy-mm-dd in its time zone): the open tasks
 * due on or before that day, oldest due first, at most `perAccount` each, with each account's
 * total. One statement however many accounts.
 */
export async function dueTasksOfAccounts(
  db: DataSource | EntityManager,
  days: { userId: string; today: string }[],
  perAccount: number,
): Promise<{ items: DueTaskRow[]; totals: Map<string, number> }> {
  if (days.length === 0) return { items: [], totals: new Map() };
  const rows = (await db.query(
    `WITH day AS (SELECT * FROM unnest($1::uuid[], $2::date[]) AS d(user_id, today)),
     due AS (
       SELECT t.user_id, t.id, t.title, t.due_on::text AS due_on, t.person_id, t.application_id,
              row_number() OVER (PARTITION BY t.user_id ORDER BY t.due_on, t.created_at, t.id) AS n,
              count(*) OVER (PARTITION BY t.user_id)::int AS total
         FROM day JOIN tasks t ON t.user_id = day.user_id AND t.due_on <= day.today AND t.done_at IS NULL AND t.closed_at IS NULL
     )
     SELECT user_id, id, title, due_on, person_id, application_id, total FROM due WHERE n <= $3 ORDER BY user_id, n`,
    [days.map((d) => d.userId), days.map((d) => d.today), perAccount],
  )) as { user_id: string; id: string; title: string; due_on: string; person_id: string | null; application_id: string | null; total: number }[];
  return {
    items: rows.map((r) => ({ userId: r.user_id, taskId: r.id, title: r.title, dueOn: r.due_on, personId: r.person_id, applicationId: r.application_id })),
    totals: new Map(rows.map((r) => [r.user_id, r.total])),
  };
}
