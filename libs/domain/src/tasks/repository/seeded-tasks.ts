import type { EntityManager } from 'typeorm';
import { APPLICATION_STAGES } from '../../applications/repository/applications.relations';
import { Task } from '../task.entity';

/** A task written as it stands (the example account's), not through the API's checks. */
export interface SeededTask {
  title: string;
  dueOn: string;
  notes: string | null;
  personId: string | null;
  applicationId: string | null;
}

/** Adds the user's own (manual) tasks, in the caller's transaction. */
export async function insertSeededTasks(em: EntityManager, userId: string, tasks: SeededTask[]): Promise<void> {
  await em.insert(
    Task,
    tasks.map((t) => em.create(Task, { userId, title: t.title, dueOn: t.dueOn, doneAt: null, notes: t.notes, origin: 'manual', personId: t.personId, applicationId: t.applicationId, stageId: null, interviewId: null })),
  );
}

/**
 * Marks done, when their stage was left, the open checklist tasks of every stage the user's loops
 * have left behind (a stage left after its prep was settled stays settled).
 */
export async function completeLeftStagesPrep(em: EntityManager, userId: string): Promise<void> {
  await em.query(
    `UPDATE tasks t SET done_at = s.left_at, closed_at = NULL, closed_reason = NULL, updated_at = now() FROM ${APPLICATION_STAGES} s
      WHERE t.stage_id = s.id AND t.user_id = $1 AND t.origin = 'checklist' AND t.done_at IS NULL AND s.left_at IS NOT NULL
        AND (t.closed_at IS NULL OR s.left_at < t.closed_at)`,
    [userId],
  );
}
