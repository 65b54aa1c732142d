import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue } from '#platform';
import { DossierJobs, sourceJobs } from '../jobs/index';
import { AuthorWorksSummary, rebuildLookupFailure, scholarlySource, SourceBusyError, SourceLookupAnswer, SourceLookupRequest, SourceRateLimitedError } from '../scholarly/index';
import type { AuthorCandidate, AuthorSnapshot, ScholarlySource } from '../scholarly/index';

/** Extra patience beyond one request's time limit and one rate-limit window: the queue's own round trips. */
const QUEUE_SLACK_MS = 3_000;
/** The first look at the job is soon (a free queue answers in a few tens of ms); then less often, to spare the backend. */
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 250;
/** A Retry-After is waited out only when this much of the time limit is left after it, for the request itself. */
const AFTER_RETRY_MS = 1_500;

/**
 * The API's way to ask a source something while a user waits: the request runs in the worker, in
 * the source's queue, whose global rate limit and concurrency count it with the sync's steps (see
 * SyncSourceProcessor), however many API processes ask. Throws what the client would have thrown;
 * no answer in time (a long queue, or no worker) is a SourceBusyError, and the job is taken back
 * when it has not started. A 429 whose Retry-After (seconds or an HTTP date) ends early enough is
 * waited out and the request asked again, within the same time limit: one short refusal does not
 * drop the source from a search the user is waiting for.
 */
@Injectable()
export class SourceLookups {
  constructor(
    private readonly jobs: JobQueue<DossierJobs>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  searchAuthors(source: ScholarlySource, query: { name: string; affiliation: string | null; limit: number }): Promise<AuthorCandidate[]> {
    return this.ask(source, { kind: 'search', ...query }, 'author search') as Promise<AuthorCandidate[]>;
  }

  /** The years and co-authors of the author's first page of works (one request): evidence for a split profile. */
  summarizeWorks(source: ScholarlySource, sourceAuthorId: string): Promise<AuthorWorksSummary> {
    return this.ask(source, { kind: 'works', sourceAuthorId }, `works of ${sourceAuthorId}`) as Promise<AuthorWorksSummary>;
  }

  getAuthor(source: ScholarlySource, sourceAuthorId: string): Promise<AuthorSnapshot> {
    return this.ask(source, { kind: 'author', sourceAuthorId }, `author ${sourceAuthorId}`) as Promise<AuthorSnapshot>;
  }

  /** How long a user waits at most: one request's time limit, one window of the source's rate limit, and the queue's slack. */
  waitMs(source: ScholarlySource): number {
    return this.config.scholarly.timeoutMs + scholarlySource(source).limit(this.config.sync, this.config.scholarly).durationMs + QUEUE_SLACK_MS;
  }

  private async ask(source: ScholarlySource, request: SourceLookupRequest, what: string): Promise<unknown> {
    const waitMs = this.waitMs(source);
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        return await this.askOnce(source, request, what, deadline, waitMs);
      } catch (e) {
        const retryAfterMs = e instanceof SourceRateLimitedError ? e.retryAfterMs : null;
        if (retryAfterMs === null || Date.now() + retryAfterMs + AFTER_RETRY_MS > deadline) throw e;
        await sleep(retryAfterMs);
      }
    }
  }

  private async askOnce(source: ScholarlySource, request: SourceLookupRequest, what: string, deadline: number, waitMs: number): Promise<unknown> {
    const { lookup } = sourceJobs(source);
    const id = await this.jobs.enqueue({ name: lookup, data: request });
    // Polling the one job costs a read per look; a QueueEvents listener would hold connections of its own.
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const job = await this.jobs.findJob(lookup, id);
      if (!job) throw new Error(`${source}: the lookup job ${id} disappeared before it answered`);
      if (job.finished) {
        // Lookups return their failures; a failed job is a bug in the worker, reported as unexpected.
        if (job.failedReason) throw new Error(job.failedReason);
        const answer = job.returnValue as SourceLookupAnswer<unknown>;
        if (answer.ok) return answer.value;
        throw rebuildLookupFailure(source, answer.error);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        // Not started yet: taken back, so the source is not asked for an answer nobody reads. Active: let it finish.
        await this.jobs.removeJob(lookup, id).catch(() => undefined);
        throw new SourceBusyError(source, what, waitMs);
      }
      await sleep(Math.min(pause, left));
    }
  }
}
