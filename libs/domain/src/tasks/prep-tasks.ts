import { EntityManager } from 'typeorm';
import type { ApplicationStage } from '../applications/application-stage.entity';
import { Task } from './task.entity';

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
      WHERE t.stage_id = $1 AND t.origin = 'checklist' AND t.done_at IS NULL
        AND t.due_on IS DISTINCT FROM first.due`,
    [stageId],
  );
}
