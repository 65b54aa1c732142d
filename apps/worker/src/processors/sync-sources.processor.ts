import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DelayedError, type Job, RateLimitError, UnrecoverableError } from 'bullmq';
import { answerLookup, ScholarlyClients, scholarlySource, SourceLookupAnswer } from '#domain/scholarly/index';
import type { ScholarlySource, ScholarlySourceDescriptor } from '#domain/scholarly/index';
import { AuthorBatchResult, batchRequests, DEFAULT_RATE_LIMIT_WAIT_MS, firstStep, MAX_RATE_LIMIT_WAIT_MS, SyncService, SyncStepState } from '#domain/sync/index';
import { CheckAuthorsJobName, JobData, JobName, sourceJobs, SourceLookupJobName, SourceQueueName, SyncIdentityJobName } from '#domain/jobs/index';
import { APP_CONFIG, AppConfig, JobQueueService } from '#platform';

export type SyncIdentityJob = Job<JobData<SyncIdentityJobName>, unknown, SyncIdentityJobName>;
export type SourceLookupJob = Job<JobData<SourceLookupJobName>, SourceLookupAnswer<unknown>, SourceLookupJobName>;
export type CheckAuthorsJob = Job<JobData<CheckAuthorsJobName>, AuthorBatchResult, CheckAuthorsJobName>;

/**
 * Every worker option that matters for a source comes from configuration, which the @Processor
 * decorator cannot read; so the workers start paused (autorun: false), and each one sets its
 * queue's limits before it runs:
 * - the source's rate limit as the queue's global rate limit (`setGlobalRateLimit`), and its
 *   concurrency as the queue's global concurrency (`setGlobalConcurrency`): both hold over every
 *   worker process, on Redis and on the PostgreSQL backend;
 * - the same concurrency on this worker.
 * A job step makes one request, so the limiter counts requests; the limiter spaces job starts, and
 * the RequestPacer (in ScholarlyHttp) spaces the sends themselves, over every process. Besides the sync's steps, each queue
 * runs the API's interactive lookups (an author search, or reading one author while an identity is
 * linked), one request each, under the same limiter: they jump the queue (LIFO) and return their
 * answer, failures included, as the job's value (see SourceLookups). A step's lock is renewed while it
 * runs; a worker that dies mid-step leaves a lock that expires within 10 s, and the stalled check
 * (every 5 s) gives the step to another worker, which resumes from the job's saved progress.
 */
const WORKER_OPTIONS = { autorun: false, lockDuration: 10_000, stalledInterval: 5_000 } as const;

/**
 * One class for every source's queue: `sourceProcessor(descriptor)` makes the subclass bound to
 * one source's queue (the queue a @Processor decorator names is fixed per class).
 */
@Injectable()
export abstract class SyncSourceProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly source: ScholarlySource;
  private readonly logger = new Logger('SyncSourceProcessor');
  private stopping = false;

  constructor(
    protected readonly sync: SyncService,
    protected readonly jobs: JobQueueService,
    private readonly clients: ScholarlyClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected get queueName(): SourceQueueName {
    return sourceJobs(this.source).queue;
  }

  /** Does not hold up the app's start: the worker runs as soon as its queue has its limits. */
  onApplicationBootstrap(): void {
    void this.start().catch((e: unknown) => {
      if (!this.stopping) this.logger.error(`${this.queueName} worker stopped: ${(e as Error).message}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  private async start(): Promise<void> {
    const limit = scholarlySource(this.source).limit(this.config.sync, this.config.scholarly);
    const queue = this.jobs.queue(this.queueName);
    await Promise.all([queue.setGlobalRateLimit(limit.max, limit.durationMs), queue.setGlobalConcurrency(limit.concurrency)]);
    if (this.stopping || this.worker.closing) return;
    this.worker.concurrency = limit.concurrency;
    await this.worker.run();
  }

  async process(job: SyncIdentityJob | SourceLookupJob | CheckAuthorsJob, token?: string): Promise<unknown> {
    if (job.name === sourceJobs(this.source).lookup) return this.lookup(job as SourceLookupJob);
    // A source with `authorBatch` also runs the scheduled ticks' author batch checks: one request each, under the same limiter.
    if (job.name === sourceJobs(this.source).checkAuthors) return this.checkAuthors(job as CheckAuthorsJob);
    return this.syncStep(job as SyncIdentityJob, token);
  }

  /** Never throws: someone is waiting for the answer, and a retry would come too late. */
  private async lookup(job: SourceLookupJob): Promise<SourceLookupAnswer<unknown>> {
    const answer = await answerLookup(this.clients, this.source, job.data);
    if (!answer.ok && answer.error.kind === 'rate-limited') {
      // The source said to wait: the sync's steps wait too, as after their own 429.
      // A Retry-After already past (an HTTP date) is no wait: BullMQ refuses a rate limit of 0 ms.
      const ms = Math.min(answer.error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS);
      if (ms > 0) await this.jobs.queue(this.queueName).rateLimit(ms);
    }
    if (!answer.ok && answer.error.kind === 'unexpected') this.logger.warn(`${this.queueName} lookup failed unexpectedly: ${answer.error.message}`);
    return answer;
  }

  private async checkAuthors(job: CheckAuthorsJob): Promise<AuthorBatchResult> {
    const { ids } = job.data;
    const outcome = await this.sync.checkAuthorBatch(this.source, ids);
    // Requests of earlier attempts are kept on the job, so the batch's count includes them.
    const requests = batchRequests(job.progress) + outcome.requests;
    if (outcome.kind === 'done') return { source: this.source, ids, snapshots: outcome.snapshots, requests, failure: null } satisfies AuthorBatchResult;
    await job.updateProgress({ requests });
    switch (outcome.kind) {
      case 'wait':
        return this.waitOut(outcome.ms);
      case 'rejected':
        throw new UnrecoverableError(outcome.message);
      case 'retry':
        throw outcome.error;
    }
  }

  /** 429: the whole queue waits Retry-After; the job goes back to waiting without using an attempt. */
  private async waitOut(ms: number): Promise<never> {
    // At least 1 ms: a Retry-After date already past would ask BullMQ for a 0 ms limit, which it refuses.
    await this.jobs.queue(this.queueName).rateLimit(Math.max(1, ms));
    throw new RateLimitError();
  }

  private async syncStep(job: SyncIdentityJob, token?: string): Promise<unknown> {
    if (job.name !== sourceJobs(this.source).job) throw new UnrecoverableError(`${this.queueName} received an unknown job: ${job.name}`);
    // A run whose author a batch check already read starts at listing (see SyncService.trigger).
    const state = stepState(job.progress) ?? firstStep(job.data.snapshot);
    const outcome = await this.sync.runStep(job.data.runId, state, { made: job.attemptsMade, max: job.opts.attempts ?? 1 });
    switch (outcome.kind) {
      case 'continue':
        // The next request is the next step: back through the queue, where the limiter counts it.
        await job.updateProgress(outcome.state as unknown as object);
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      case 'wait':
        return this.waitOut(outcome.ms);
      case 'broken':
        throw new UnrecoverableError(outcome.message);
      case 'retry':
        throw outcome.error;
      case 'done':
        return { status: outcome.status };
      case 'gone':
        return { status: 'gone' };
    }
  }
}

function stepState(progress: unknown): SyncStepState | null {
  const p = progress as Partial<SyncStepState> | null;
  return p && typeof p === 'object' && (p.step === 'author' || p.step === 'list') ? (p as SyncStepState) : null;
}

/** The processor of one source's queue: the generic class, bound to that queue. */
export function sourceProcessor(descriptor: ScholarlySourceDescriptor): Type<SyncSourceProcessor> {
  @Processor(sourceJobs(descriptor.name).queue, WORKER_OPTIONS)
  class BoundSourceProcessor extends SyncSourceProcessor {
    protected readonly source = descriptor.name;
  }
  // Nest tells providers apart by class name in its messages: one per source.
  Object.defineProperty(BoundSourceProcessor, 'name', { value: `Sync${descriptor.name[0].toUpperCase()}${descriptor.name.slice(1)}Processor` });
  return BoundSourceProcessor;
}
