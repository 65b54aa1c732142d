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
