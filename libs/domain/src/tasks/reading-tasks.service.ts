import { Injectable } from '@nestjs/common';
import { ReadingService } from '../reading/index';
import { Task } from './task.entity';
import { TasksRepository } from './tasks.repository';

/**
 * A prep item that means reading the interviewers' papers ("Read the team lead's most cited and
 * first-author papers", "Read the senior lead's recent work", "Read the team's recent papers"):
 * a title starting with "Read" that names papers, work or publications.
 */
export const READING_TASK_TITLE = /^read\b.*\b(papers?|work|publications?)\b/i;

export interface TaskReading {
  /** The stage's first interview (not cancelled), whose reading checklist the task is about; null until one is scheduled. */
  interviewId: string | null;
  /** Its interviewers, each with their own part of the checklist read. */
  interviewers: { id: string; fullName: string; read: number; total: number }[];
  read: number;
  total: number;
  /** Percent of the checklist read (rounded down); null while it is empty. */
  percent: number | null;
  /** The user's reading goal, in percent. */
  target: number;
  /** Whether the read share has reached the target: the task is then done (once, by itself). */
  reached: boolean;
}

/**
 * Ties reading prep tasks to the reading checklist of the interview they prepare, and marks them
 * done once its coverage reaches the user's goal. The user may still mark them done (or open) by hand.
 */
@Injectable()
export class ReadingTasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly reading: ReadingService,
  ) {}

  isReadingTask(task: Pick<Task, 'origin' | 'stageId' | 'title'>): boolean {
    return task.origin === 'checklist' && !!task.stageId && READING_TASK_TITLE.test(task.title);
  }

  /** The reading link of each reading task among `tasks`, by task id. */
  async links(userId: string, tasks: Task[]): Promise<Map<string, TaskReading>> {
    const out = new Map<string, TaskReading>();
    const reading = tasks.filter((t) => this.isReadingTask(t));
    if (!reading.length) return out;
    const { coverageTarget: target } = await this.reading.getGoal(userId);
    const byStage = new Map<string, TaskReading>();
    for (const task of reading) {
      const stageId = task.stageId!;
      if (!byStage.has(stageId)) byStage.set(stageId, await this.forStage(userId, stageId, target));
      out.set(task.id, byStage.get(stageId)!);
    }
    return out;
  }

  /** Marks done the open reading tasks whose checklist coverage has reached the goal; returns their ids. */
  async completeReached(userId: string): Promise<string[]> {
    const open = await this.tasks.openChecklistTasks(userId);
    const links = await this.links(userId, open);
    const reached = [...links].filter(([, link]) => link.reached).map(([id]) => id);
    if (reached.length) await this.tasks.markDone(userId, reached);
    return reached;
  }

  private async forStage(userId: string, stageId: string, target: number): Promise<TaskReading> {
    const interviewId = await this.tasks.firstInterviewOfStage(userId, stageId);
    if (!interviewId) return { interviewId: null, interviewers: [], read: 0, total: 0, percent: null, target, reached: false };
    const checklist = await this.reading.interviewChecklist(userId, interviewId);
    const { read, total } = checklist.coverage;
    return {
      interviewId,
      interviewers: checklist.perInterviewer.map((p) => ({ id: p.id, fullName: p.fullName, read: p.read, total: p.total })),
      read,
      total,
      percent: total ? Math.floor((read * 100) / total) : null,
      target,
      reached: total > 0 && read * 100 >= target * total,
    };
  }
}
