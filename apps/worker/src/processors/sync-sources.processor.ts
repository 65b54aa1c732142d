import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, RateLimitError, UnrecoverableError } from 'bullmq';
import { answerLookup, ScholarlyClients, ScholarlyHttp, SourceLookupAnswer } from '#domain/scholarly/index';
import type { ScholarlySource } from '#domain/scholarly/index';
import { AuthorBatchResult, batchRequests, DEFAULT_RATE_LIMIT_WAIT_MS, firstStep, MAX_RATE_LIMIT_WAIT_MS, SyncService, SyncStepState } from '#domain/sync/index';
import { JobData, JobName, SYNC_SOURCE_JOBS, SourceLookupJobName, SourceQueueName, SyncIdentityJobName } from '#domain/jobs/index';
import { APP_CONFIG, AppConfig, JobQueueService, RequestPacer } from '#platform';

export type SyncIdentityJob = Job<JobData<SyncIdentityJobName>, unknown, SyncIdentityJobName>;
export type SourceLookupJob = Job<JobData<SourceLookupJobName>, SourceLookupAnswer<unknown>, SourceLookupJobName>;
export type CheckAuthorsJob = Job<JobData<typeof JobName.CheckSemanticScholarAuthors>, AuthorBatchResult, typeof JobName.CheckSemanticScholarAuthors>;

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

@Injectable()
export abstract class SyncSourceProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly source: ScholarlySource;
  private readonly logger = new Logger('SyncSourceProcessor');
  private stopping = false;
  private clients?: ScholarlyClients;

  constructor(
    protected readonly sync: SyncService,
    protected readonly jobs: JobQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pacer: RequestPacer,
  ) {
    super();
  }

  protected get queueName(): SourceQueueName {
    return SYNC_SOURCE_JOBS[this.source].queue;
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
    const limit = this.config.sync.limits[this.source];
    const queue = this.jobs.queue(this.queueName);
    await Promise.all([queue.setGlobalRateLimit(limit.max, limit.durationMs), queue.setGlobalConcurrency(limit.concurrency)]);
    if (this.stopping || this.worker.closing) return;
    this.worker.concurrency = limit.concurrency;
    await this.worker.run();
  }

  async process(job: SyncIdentityJob | SourceLookupJob, token?: string): Promise<unknown> {
    if (job.name === SYNC_SOURCE_JOBS[this.source].lookup) return this.lookup(job as SourceLookupJob);
    return this.syncStep(job as SyncIdentityJob, token);
  }

  /** Never throws: someone is waiting for the answer, and a retry would come too late. */
  private async lookup(job: SourceLookupJob): Promise<SourceLookupAnswer<unknown>> {
    this.clients ??= new ScholarlyClients(this.config.scholarly, new ScholarlyHttp(this.config.scholarly, fetch, this.pacer));
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

  private async syncStep(job: SyncIdentityJob, token?: string): Promise<unknown> {
    if (job.name !== SYNC_SOURCE_JOBS[this.source].job) throw new UnrecoverableError(`${this.queueName} received an unknown job: ${job.name}`);
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
        // 429: the whole queue waits Retry-After; the job goes back to waiting without using an attempt.
        await this.jobs.queue(this.queueName).rateLimit(Math.max(1, outcome.ms));
        throw new RateLimitError();
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

@Processor(SYNC_SOURCE_JOBS.openalex.queue, WORKER_OPTIONS)
export class SyncOpenAlexProcessor extends SyncSourceProcessor {
  protected readonly source = 'openalex';
}

@Processor(SYNC_SOURCE_JOBS.semanticscholar.queue, WORKER_OPTIONS)
export class SyncSemanticScholarProcessor extends SyncSourceProcessor {
  protected readonly source = 'semanticscholar';

  /** Besides identity steps, this queue runs the scheduled ticks' author batch checks: one request each, under the same limiter. */
  override async process(job: SyncIdentityJob | SourceLookupJob | CheckAuthorsJob, token?: string): Promise<unknown> {
    if (job.name !== JobName.CheckSemanticScholarAuthors) return super.process(job as SyncIdentityJob | SourceLookupJob, token);
    const { ids } = (job as CheckAuthorsJob).data;
    const outcome = await this.sync.checkAuthorBatch(ids);
    // Requests of earlier attempts are kept on the job, so the batch's count includes them.
    const requests = batchRequests(job.progress) + outcome.requests;
    if (outcome.kind === 'done') return { ids, snapshots: outcome.snapshots, requests, failure: null } satisfies AuthorBatchResult;
    await job.updateProgress({ requests });
    switch (outcome.kind) {
      case 'wait':
        await this.jobs.queue(this.queueName).rateLimit(Math.max(1, outcome.ms));
        throw new RateLimitError();
      case 'rejected':
        throw new UnrecoverableError(outcome.message);
      case 'retry':
        throw outcome.error;
    }
  }
}

@Processor(SYNC_SOURCE_JOBS.arxiv.queue, WORKER_OPTIONS)
export class SyncArxivProcessor extends SyncSourceProcessor {
  protected readonly source = 'arxiv';
}

@Processor(SYNC_SOURCE_JOBS.dblp.queue, WORKER_OPTIONS)
export class SyncDblpProcessor extends SyncSourceProcessor {
  protected readonly source = 'dblp';
}

@Processor(SYNC_SOURCE_JOBS.crossref.queue, WORKER_OPTIONS)
export class SyncCrossrefProcessor extends SyncSourceProcessor {
  protected readonly source = 'crossref';
}

@Processor(SYNC_SOURCE_JOBS.orcid.queue, WORKER_OPTIONS)
export class SyncOrcidProcessor extends SyncSourceProcessor {
  protected readonly source = 'orcid';
}
