import type { EntityManager } from 'typeorm';
import type { ApplicationStage } from '../applications/index';
import type { TaskCloseReason } from './task.entity';
import { TasksRepository } from './tasks.repository';

// Prep tasks are written inside the transactions of applications and interviews, which call these
// with their EntityManager; the statements are TasksRepository's, bound to that transaction's connection.
function tasksOf(em: EntityManager): TasksRepository {
  return new TasksRepository(em.connection);
}

/**
 * Prep tasks: when an application enters a stage, one task per item of the stage's checklist.
 * They are due the day before the stage's first interview (in the interview's own time zone),
 * and have no date until one is scheduled.
 */
export async function createPrepTasks(em: EntityManager, userId: string, stage: ApplicationStage): Promise<void> {
  if (stage.checklist.length === 0) return;
  const tasks = tasksOf(em);
  await tasks.insertPrepTasks(
    em,
    stage.checklist.map((title) => ({ userId, title, origin: 'checklist' as const, applicationId: stage.applicationId, stageId: stage.id, dueOn: null, notes: null, personId: null, interviewId: null, doneAt: null })),
  );
  await tasks.refreshPrepTaskDueDates(em, stage.id);
}

/** Re-dates a stage's open prep tasks after its interviews change; bumps SEQUENCE for calendars. */
export async function refreshPrepTaskDueDates(em: EntityManager, stageId: string): Promise<void> {
  await tasksOf(em).refreshPrepTaskDueDates(em, stageId);
}

/**
 * When an application closes (rejected, withdrawn, declined, accepted) or is rerouted away from,
 * its open prep tasks are settled: kept with when and why, out of the due lists and the calendar
 * feed (SEQUENCE goes up so calendars drop the to-do). Tasks the user wrote are left as they are.
 * Returns how many were settled.
 */
export function settlePrepTasks(em: EntityManager, applicationId: string, reason: TaskCloseReason, at: Date): Promise<number> {
  return tasksOf(em).settlePrepTasks(em, applicationId, reason, at);
}

/** Opens an application's settled prep tasks again; their due dates follow their stages' first interviews. Returns their ids. */
export async function reopenSettledTasks(em: EntityManager, applicationId: string): Promise<string[]> {
  const tasks = tasksOf(em);
  const rows = await tasks.reopenSettled(em, applicationId);
  for (const stageId of new Set(rows.map((r) => r.stage_id).filter((s): s is string => !!s))) await tasks.refreshPrepTaskDueDates(em, stageId);
  return rows.map((r) => r.id);
}
