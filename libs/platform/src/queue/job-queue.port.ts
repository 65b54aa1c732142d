import type { AppConfig } from '../config/app-config';

/**
 * The queue as the domain sees it: typed jobs added one at a time, as a flow, or on a schedule,
 * and read back by id. Generic over a job map (each job name's payload), which the domain owns:
 * platform knows no job, no source and no queue of its own. The BullMQ implementation
 * (JobQueueService) is the only code that holds a Queue or a FlowProducer.
 */

/** Each job name's payload. Payloads hold ids (and small plain values), never entities. */
export type JobMap = Record<string, object>;

/** One job of a map: its name and its payload, each name with its own payload type. */
export type JobItemOf<M extends JobMap> = { [N in keyof M & string]: { name: N; data: M[N] } }[keyof M & string];

/**
 * How one job is retried, de-duplicated and kept once finished. The fields mean what BullMQ's job
 * options of the same names mean; nothing else is passed to the queue.
 */
export interface JobPolicy {
  /** Names the job: a second job with the same id is not added while the first is kept. */
  jobId?: string;
  attempts: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number; jitter?: number };
  /** Runs before the jobs already waiting in its queue. */
  lifo?: boolean;
  /** A child that fails for good does not hold its parent: the parent runs and reads the failure. */
  ignoreDependencyOnFailure?: boolean;
  /** How many finished jobs (or for how many seconds) are kept. */
  removeOnComplete?: number | { age: number; count: number };
  removeOnFail?: number | { age: number; count: number };
}

/** Every job of a map: which queue carries it and under which policy. Handed to QueueModule.forRoot. */
export interface JobCatalogue<M extends JobMap> {
  /** Every queue, in the order they are registered (and listed on the admin dashboard). */
  readonly queues: readonly string[];
  queueOf(name: keyof M & string): string;
  policy(item: JobItemOf<M>, config: AppConfig): JobPolicy;
}

/** Where a job stands; `unknown`: no such job (never added, removed, or expired). */
export type JobState = 'waiting' | 'prioritized' | 'delayed' | 'waiting-children' | 'active' | 'completed' | 'failed' | 'unknown';

/** A job as read back from its queue. */
export interface JobRecord<D> {
  id: string;
  data: D;
  /** What the handler saved along the way (see a worker's updateProgress). */
  progress: unknown;
  /** Completed or failed for good. */
  finished: boolean;
  failedReason: string | null;
  /** The handler's return value, once completed. */
  returnValue: unknown;
}

/** A repeating schedule: it adds a job every `everyMs`. */
export interface ScheduleRecord {
  id: string;
  everyMs: number | null;
}

/** The injection token and the contract: inject `JobQueue<YourJobMap>`. */
export abstract class JobQueue<M extends JobMap = JobMap> {
  /** Adds one job; returns its id. */
  abstract enqueue(item: JobItemOf<M>): Promise<string>;

  /**
   * A parent and its children: the children run first (each in its own queue), the parent once they
   * have all finished. Atomic: either every job is added or none. Returns the parent's id.
   */
  abstract enqueueFlow(parent: JobItemOf<M>, children: JobItemOf<M>[]): Promise<string>;

  /**
   * Creates or updates a schedule: `item` is added every `everyMs` (the first one at once unless
   * `firstInMs` says later), under the job's usual policy.
   */
  abstract upsertSchedule(scheduleId: string, everyMs: number, item: JobItemOf<M>, firstInMs?: number): Promise<void>;

  /** Removes a schedule of `name` jobs; false when there was none. */
  abstract removeSchedule(name: keyof M & string, scheduleId: string): Promise<boolean>;

  /** The schedules that add `name` jobs. */
  abstract listSchedules(name: keyof M & string): Promise<ScheduleRecord[]>;

  /** A `name` job by id, or null when its queue no longer holds it. */
  abstract findJob<N extends keyof M & string>(name: N, jobId: string): Promise<JobRecord<M[N]> | null>;

  abstract jobState(name: keyof M & string, jobId: string): Promise<JobState>;

  /** Takes a job back. Throws when it cannot be removed (a worker holds it). */
  abstract removeJob(name: keyof M & string, jobId: string): Promise<void>;

  /**
   * Removes every job, in every queue and state, whose name, data, progress, result or failure
   * mentions one of `needles` (case aside), then the queue events that repeat such a result. Used when
   * a person is erased: a search job carries their name, a sync job their run, a result their
   * candidates. `alsoWhen` picks more jobs by their data (an id in a given field: an id as a mere
   * substring would also pick a job about many people). A running job cannot be removed (its worker
   * holds it): it is counted in `left`.
   */
  abstract removeJobsMentioning(needles: string[], alsoWhen?: (data: unknown) => boolean): Promise<{ removed: number; left: number }>;
}
