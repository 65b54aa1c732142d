import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FlowProducer, type FlowJob, type JobType, type JobsOptions, type Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOB_QUEUE, JobItem, JobName, QueueName } from './jobs';
import { mentionsAny, scrubQueueEvents } from './queue-scrub';

/** Every state a job can be listed in; an active job is locked by its worker and cannot be removed. */
const LISTED_STATES: JobType[] = ['wait', 'prioritized', 'delayed', 'waiting-children', 'completed', 'failed', 'active'];
const PAGE = 500;

/** The one producer API: every job enters a queue through `enqueue` (or `enqueueFlow`, for a parent and its children). */
@Injectable()
export class JobQueueService implements OnApplicationShutdown {
  private flows?: FlowProducer;
  private readonly logger = new Logger(JobQueueService.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue(item: JobItem): Promise<string> {
    const job = await this.queue(JOB_QUEUE[item.name]).add(item.name, item.data, jobOptions(item, this.config));
    return job.id ?? '';
  }

  /**
   * A BullMQ flow: the children run first (each in its own queue), the parent once they have all
   * finished. Atomic: either every job is added or none.
   */
  async enqueueFlow(parent: JobItem, children: JobItem[]): Promise<string> {
    const flow: FlowJob = {
      name: parent.name,
      queueName: JOB_QUEUE[parent.name],
      data: parent.data,
      opts: jobOptions(parent, this.config),
      children: children.map((child) => ({ name: child.name, queueName: JOB_QUEUE[child.name], data: child.data, opts: jobOptions(child, this.config) })),
    };
    const node = await this.flowProducer().add(flow);
    return node.job.id ?? '';
  }

  /**
   * Creates or updates a job scheduler: `item` is added every `everyMs` (the first one at once
   * unless `firstInMs` says later), with the job's usual options.
   */
  async upsertScheduler(schedulerId: string, everyMs: number, item: JobItem, firstInMs = 0): Promise<void> {
    const { jobId: _id, ...opts } = jobOptions(item, this.config);
    await this.queue(JOB_QUEUE[item.name]).upsertJobScheduler(
      schedulerId,
      { every: everyMs, ...(firstInMs > 0 ? { startDate: Date.now() + firstInMs } : {}) },
      { name: item.name, data: item.data, opts },
    );
  }

  async removeScheduler(queue: QueueName, schedulerId: string): Promise<boolean> {
    return this.queue(queue).removeJobScheduler(schedulerId);
  }

  /**
   * Removes every job, in every queue and state, whose name, data, progress, result or failure
   * mentions one of `needles` (case aside), then the queue events that repeat such a result. Used when
   * a person is erased: a search job carries their name, a sync job their run, a result their
   * candidates. `alsoWhen` picks more jobs by their data (an id in a given field: an id as a mere
   * substring would also pick a job about many people). A running job cannot be removed (its worker
   * holds it): it is counted in `left`.
   */
  async removeJobsMentioning(needles: string[], alsoWhen: (data: unknown) => boolean = () => false): Promise<{ removed: number; left: number }> {
    const wanted = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0);
    let removed = 0;
    let left = 0;
    for (const name of Object.values(QueueName)) {
      const queue = this.queue(name);
      const matching = new Set<string>();
      for (const state of LISTED_STATES) {
        for (let start = 0; ; start += PAGE) {
          const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
          for (const job of jobs) {
            if (job?.id && (mentionsAny([job.name, job.data, job.progress, job.returnvalue, job.failedReason, job.stacktrace], wanted) || alsoWhen(job.data))) matching.add(job.id);
          }
          if (jobs.length < PAGE) break;
        }
      }
      for (const id of matching) {
        try {
          if ((await queue.remove(id, { removeChildren: true })) === 1) removed += 1;
          else left += 1;
        } catch (e) {
          left += 1;
          this.logger.warn(`job ${name}/${id} matched for removal but could not be removed: ${(e as Error).message}`);
        }
      }
    }
    await scrubQueueEvents(this.config.queue, Object.values(QueueName), wanted);
    return { removed, left };
  }

  /** Reachable backend check for /health/ready: a cheap read on every queue. */
  async ping(): Promise<void> {
    await Promise.all(Object.values(QueueName).map((name) => this.queue(name).getJobCounts('waiting')));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flows?.close();
  }

  /** Created on first use, on the same connection (and backend) as the registered queues. */
  private flowProducer(): FlowProducer {
    if (!this.flows) {
      const { connection, prefix } = this.queue(QueueName.SyncPeople).opts;
      this.flows = new FlowProducer({ connection, prefix });
      // A dropped connection is reported, not thrown from an event handler; the next add reconnects.
      this.flows.on('error', (e) => this.logger.warn(`flow producer: ${e.message}`));
    }
    return this.flows;
  }
}

/** Jobs removed this long after they finish, successful or not (enough to read a failure). */
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5000 };
const LOOKUP_KEEP = { age: 600, count: 1000 };
/** Attempts of one sync step (one request) that fails in a way worth retrying: 5xx, reset, timeout, malformed body. */
export const SYNC_ATTEMPTS = 6;

/** Retry and de-duplication rules, in one place. */
export function jobOptions(item: JobItem, config: AppConfig): JobsOptions {
  switch (item.name) {
    case JobName.RunImport:
      // An import is not safe to run twice concurrently; the id de-duplicates a double enqueue.
      return { jobId: `import-${item.data.importId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 };
    case JobName.GenerateBriefing:
      // The version's id names the job; a generation reads and writes only that row, so a retry is safe.
      return { jobId: `briefing-${item.data.briefingId}`, attempts: 3, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.GenerateDueBriefings:
      // A tick that fails is the next tick's work.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.SyncDuePeople:
      // A tick that fails is simply the next tick's work; no retries.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.SyncScheduledPerson:
    case JobName.SyncAccountPeople:
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.FinishPersonSync:
      // One flow per set of runs: the first run id names it, so a re-sent flow is not added twice.
      return { jobId: `sync-flow-${item.data.runIds[0] ?? item.data.personId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.StartScheduledSyncs:
      // Like the tick that adds it: a failure is the next tick's work.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };
    case JobName.CheckSemanticScholarAuthors:
      // One request, retried like a sync step. A batch that fails for good does not hold the tick:
      // its parent still runs, and the identities it held are checked one by one.
      return {
        jobId: `s2-authors-${item.data.batchId}`,
        attempts: SYNC_ATTEMPTS,
        backoff: { type: 'exponential', delay: config.sync.backoffMs, jitter: 0.5 },
        ignoreDependencyOnFailure: true,
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      };
    case JobName.SyncOpenAlexIdentity:
    case JobName.SyncSemanticScholarIdentity:
    case JobName.SyncArxivIdentity:
    case JobName.SyncDblpIdentity:
    case JobName.SyncCrossrefIdentity:
    case JobName.SyncOrcidIdentity:
      // The run id names the job: one job per run. A failed child does not hold its person's flow:
      // the parent still runs and records it. 429s do not count as attempts (they wait, see the processor).
      return {
        jobId: `sync-run-${item.data.runId}`,
        attempts: SYNC_ATTEMPTS,
        backoff: { type: 'exponential', delay: config.sync.backoffMs, jitter: 0.5 },
        ignoreDependencyOnFailure: true,
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      };
    case JobName.LookupOpenAlex:
    case JobName.LookupSemanticScholar:
    case JobName.LookupArxiv:
    case JobName.LookupDblp:
    case JobName.LookupCrossref:
    case JobName.LookupOrcid:
      // Someone is waiting for it: LIFO puts it ahead of the queued sync steps (BullMQ runs jobs
      // without a priority before prioritized ones, so a numeric priority would put it behind them).
      // Never retried: a failure is the answer. Kept a little while, for the API to read the result.
      return { attempts: 1, lifo: true, removeOnComplete: LOOKUP_KEEP, removeOnFail: LOOKUP_KEEP };
  }
}
