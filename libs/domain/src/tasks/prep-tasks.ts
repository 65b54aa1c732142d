import { EntityManager } from 'typeorm';
import type { ApplicationStage } from '../applications/index';
import { Task, TaskCloseReason } from './task.entity';

/**
 * Prep tasks: when an application enters a stage, one task per item of the stage's checklist.
 * They are due the day before the stage's first interview (in the interview's own time zone),
 * and have no date until one is scheduled.
 */
export async function createPrepTasks(em: EntityManager, userId: string, stage: ApplicationStage): Promise<void> {
  if (stage.checklist.length === 0) return;
  const rows = stage.checklist.map((title) => em.create(Task, { userId, title, origin: 'checklist', applicationId: stage.applicationId, stageId: stage.id, dueOn: null, notes: null, personId: null, interviewId: null, doneAt: null }));
  await em.insert(Task, rows);
  await refreshPrepTaskDueDates(em, stage.id);
}

/** Re-dates a stage's open prep tasks after its interviews change; bumps SEQUENCE for calendars. */
export async function refreshPrepTaskDueDates(em: EntityManager, stageId: string): Promise<void> {
  await em.query(
    `UPDATE tasks t SET due_on = first.due, sequence = t.sequence + 1, updated_at = now()
       FROM (SELECT ((SELECT (i.starts_at AT TIME ZONE i.time_zone)::date - 1
                        FROM interviews i WHERE i.stage_id = $1 AND i.outcome <> 'cancelled'
                       ORDER BY i.starts_at LIMIT 1)) AS due) first
      WHERE t.stage_id = $1 AND t.origin = 'checklist' AND t.done_at IS NULL AND t.closed_at IS NULL
        AND t.due_on IS DISTINCT FROM first.due`,
    [stageId],
  );
}

/**
 * When an application closes (rejected, withdrawn, declined, accepted) or is rerouted away from,
 * its open prep tasks are settled: kept with when and why, out of the due lists and the calendar
 * feed (SEQUENCE goes up so calendars drop the to-do). Tasks the user wrote are left as they are.
 * Returns how many were settled.
 */
export async function settlePrepTasks(em: EntityManager, applicationId: string, reason: TaskCloseReason, at: Date): Promise<number> {
  const rows = (await em.query(
    `UPDATE tasks SET closed_at = $2, closed_reason = $3, sequence = sequence + 1, updated_at = now()
      WHERE application_id = $1 AND origin = 'checklist' AND done_at IS NULL AND closed_at IS NULL
      RETURNING id`,
    [applicationId, at, reason],
  )) as [unknown[], number];
  return rows[1];
}

/** Opens an application's settled prep tasks again; their due dates follow their stages' first interviews. Returns their ids. */
export async function reopenSettledTasks(em: EntityManager, applicationId: string): Promise<string[]> {
  const [rows] = (await em.query(
    `UPDATE tasks SET closed_at = NULL, closed_reason = NULL, sequence = sequence + 1, updated_at = now()
      WHERE application_id = $1 AND closed_at IS NOT NULL
      RETURNING id, stage_id`,
    [applicationId],
  )) as [{ id: string; stage_id: string | null }[], number];
  for (const stageId of new Set(rows.map((r) => r.stage_id).filter((s): s is string => !!s))) await refreshPrepTaskDueDates(em, stageId);
  return rows.map((r) => r.id);
}
