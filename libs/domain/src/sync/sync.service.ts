import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, configuredSecrets, JobQueue, NotFoundError, redactSecrets } from '#platform';
import { DomainEvents, DossierJobs, JobName, sourceJobs, syncRunJobId } from '../jobs/index';
import { countRequests, isScholarlySource, laterTimestamp, MalformedResponseError, ScholarlyClients, scholarlySource, scholarlySourceNames, SourceRateLimitedError, SourceRejectedError } from '../scholarly/index';
import type { AuthorSnapshot, ScholarlyClient, ScholarlySourceDescriptor, WorksPage } from '../scholarly/index';
import { IdentitySyncState, ScholarlyIdentity } from '../scholarly-identities/index';
import { SyncRun } from './sync-run.entity';
import { SyncRepository } from './sync.repository';
import { withCategories, WorkAttributionsService, WorksIngestService } from '../works/index';
import { AuthorChecks } from './author-checks';

export type SyncTrigger = SyncRun['trigger'];

/**
 * Where one identity's sync stands between two steps. It is kept with the job (as its progress),
 * so a retried or restarted job resumes at the page it had reached instead of starting over.
 */
export interface SyncStepState {
  step: 'author' | 'list';
  /** The token of the next listWorks page; null: the first page. */
  page: string | null;
  /** Pages ingested so far. */
  pages: number;
  /** The author as read at the start; saved on the identity only once every page is in. */
  snapshot: AuthorSnapshot | null;
  /** The snapshot was derived from the listing's first page: each later page may move its updatedAt. */
  fromListing?: boolean;
}

/** What the queue should do after one step. The processor turns each into BullMQ's own mechanics. */
export type SyncStepOutcome =
  /** More to fetch: run again (through the queue, so the source's rate limit counts the next request). */
  | { kind: 'continue'; state: SyncStepState }
  | { kind: 'done'; status: 'succeeded' | 'skipped' }
  /** 429 (or 503 with Retry-After): wait, then run the same step again, without using up an attempt. */
  | { kind: 'wait'; ms: number; message: string }
  /** The source refused the identity: retrying will not help. */
  | { kind: 'broken'; message: string }
  /** Worth retrying with backoff (5xx, reset, timeout, malformed body, anything unexpected). */
  | { kind: 'retry'; error: Error; final: boolean }
  /** The run or its identity no longer exists (the person was erased, the identity unlinked). */
  | { kind: 'gone' };

/** How a batch check of Semantic Scholar authors went; the processor turns each into BullMQ's mechanics. */
export type AuthorBatchOutcome =
  | { kind: 'done'; snapshots: (AuthorSnapshot | null)[]; requests: number }
  /** 429: the queue waits, then the same batch again. */
  | { kind: 'wait'; ms: number; message: string; requests: number }
  /** Another 4xx: the batch is not tried again; its identities are checked one by one. */
  | { kind: 'rejected'; message: string; requests: number }
  | { kind: 'retry'; error: Error; requests: number };

export interface SyncRunPage {
  items: SyncRun[];
  total: number;
  limit: number;
  offset: number;
}

/** A 429 without Retry-After waits this long; a Retry-After longer than the cap is read as the cap. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
export const MAX_RATE_LIMIT_WAIT_MS = 3_600_000;
/** A listing that has not ended after this many pages is stopped (a source repeating its cursor). */
export const MAX_PAGES = 500;
/** An open run whose job has vanished (a flushed queue) is given up after this long. */
const LOST_AFTER_MS = 60_000;

/**
 * Publication sync of a person's scholarly identities. A sync is a BullMQ flow: one child job per
 * linked identity, in its source's queue (so every source keeps to its own rate limit), and a parent
 * job per person that runs once they have all finished. Each identity's job works in steps of one
 * request: the author snapshot first, then one page of works per step, each page ingested in its
 * own transaction; every step goes back through the queue, so the source's limiter counts every
 * request. Each identity sync is recorded on a sync_runs row: requests, works new/updated/unchanged,
 * errors and its outcome.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly store: SyncRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly ingest: WorksIngestService,
    private readonly clients: ScholarlyClients,
    private readonly attributions: WorkAttributionsService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Starts a sync of every linked identity of the person, as one flow. An identity whose sync is
   * already queued or running is not queued twice: its open run is returned instead. A scheduled
   * sync leaves out broken identities (a manual one tries them again).
   *
   * `checks`: author records a scheduled tick already read in batches (Semantic Scholar). An
   * identity whose author is unchanged gets its 'skipped' run at once, without a job or a request
   * of its own; a changed one starts at listing its works, with the record already read.
   */
  async trigger(userId: string, personId: string, trigger: SyncTrigger, checks?: AuthorChecks): Promise<{ runIds: string[] }> {
    await this.assertPerson(userId, personId);
    const charges = checks?.saveCharges();
    const { created, open, skipped } = await this.store.transaction(async (em) => {
      const identities = await this.store.lockLinkedIdentities(em, userId, personId);
      const created: { run: SyncRun; snapshot: AuthorSnapshot | null }[] = [];
      const open: string[] = [];
      const skipped: string[] = [];
      for (const identity of identities) {
        if (trigger === 'schedule' && identity.syncState === 'broken') continue;
        if (identity.syncState === 'queued' || identity.syncState === 'running') {
          const inFlight = await this.openRun(em, identity);
          if (inFlight) {
            open.push(inFlight.id);
            continue;
          }
        }
        const checked = trigger === 'schedule' ? (checks?.snapshot(identity.source, identity.sourceAuthorId) ?? null) : null;
        const charge = checks?.charge(identity.source, identity.sourceAuthorId) ?? { requests: 0, error: null };
        const now = new Date();
        const counted = { requests: charge.requests, errors: charge.error ? [charge.error] : [] };
        if (checked && sameSnapshot(checked, identity.lastSnapshot)) {
          const run = await this.store.insertRun(em, { userId, personId, identityId: identity.id, source: identity.source, trigger, status: 'skipped', startedAt: now, finishedAt: now, ...counted });
          await this.store.updateIdentity(identity.id, { syncState: 'ok', brokenReason: null, lastSyncedAt: now }, em);
          skipped.push(run.id);
          continue;
        }
        const run = await this.store.insertRun(em, { userId, personId, identityId: identity.id, source: identity.source, trigger, status: 'running', startedAt: now, finishedAt: null, ...counted });
        await this.store.updateIdentity(identity.id, { syncState: 'queued' }, em);
        created.push({ run, snapshot: checked });
      }
      return { created, open, skipped };
    }).catch((e: unknown) => {
      // No run was written: the batch requests they would have counted go to the next ones.
      if (checks && charges) checks.restoreCharges(charges);
      throw e;
    });
    if (created.length > 0) {
      try {
        await this.jobs.enqueueFlow(
          { name: JobName.FinishPersonSync, data: { personId, runIds: created.map((c) => c.run.id) } },
          created.map(({ run, snapshot }) => ({ name: sourceJobs(run.source).job, data: { runId: run.id, ...(snapshot ? { snapshot } : {}) } })),
        );
      } catch (e) {
        // Nothing was queued (a flow is added atomically): the runs did not happen.
        for (const { run } of created) await this.finishFailed(run.id, `could not be queued: ${(e as Error).message}`);
        await this.store.unqueueIdentities(created.map((c) => c.run.identityId));
        throw e;
      }
    }
    return { runIds: [...open, ...skipped, ...created.map((c) => c.run.id)] };
  }

  /**
   * The cheap change check of many of a source's authors at once: one request of its descriptor's
   * `authorBatch` (Semantic Scholar's `POST /author/batch`; the caller keeps a batch to its size).
   * Failures are sorted as a sync step's are; `requests` counts what this call sent.
   */
  async checkAuthorBatch(source: string, ids: string[]): Promise<AuthorBatchOutcome> {
    const count = { requests: 0 };
    const batch = scholarlySource(source).authorBatch;
    if (!batch) return { kind: 'rejected', message: `${source}: reads no authors in batches`, requests: 0 };
    const client = this.clients.get(source);
    try {
      const snapshots = await countRequests(count, () => batch.read(client, ids));
      return { kind: 'done', snapshots, requests: count.requests };
    } catch (e) {
      const { requests } = count;
      const error = e as Error;
      if (error instanceof SourceRateLimitedError) return { kind: 'wait', ms: Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS), message: error.message, requests };
      if (error instanceof SourceRejectedError) return { kind: 'rejected', message: error.message, requests };
      const message = error.message.startsWith(`${source}: `) ? error.message : `${source}: ${error.message} (author batch of ${ids.length})`;
      this.logger.warn(message);
      return { kind: 'retry', error: error.message === message ? error : Object.assign(new Error(message), { cause: error }), requests };
    }
  }

  /** The open run of an identity marked queued/running, if its job is still in the queue; a lost one is closed. */
  private async openRun(em: EntityManager, identity: ScholarlyIdentity): Promise<SyncRun | null> {
    const run = await this.store.latestOpenRun(em, identity.id);
    if (!run) return null;
    if (Date.now() - run.startedAt.getTime() < LOST_AFTER_MS) return run;
    const state = await this.jobs.jobState(sourceJobs(identity.source).job, syncRunJobId(run.id));
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return run;
    await this.store.closeRun(run.id, 'failed', 'its job was lost from the queue', em);
    return null;
  }

  async listRuns(userId: string, personId: string, page: { limit?: number; offset?: number } = {}): Promise<SyncRunPage> {
    await this.assertPerson(userId, personId);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.store.pageRuns(userId, personId, limit, offset);
    return { items, total, limit, offset };
  }

  async getRun(userId: string, runId: string): Promise<SyncRun> {
    const run = await this.store.findOwnRun(userId, runId);
    if (!run) throw new NotFoundError('sync run', runId);
    return run;
  }

  async assertPerson(userId: string, personId: string): Promise<void> {
    if (!(await this.store.personExists(userId, personId))) throw new NotFoundError('person', personId);
  }

  /**
   * One step of one identity's sync: exactly one call of the source's client (one request, except
   * where a client needs more for one page: ORCID's bulk works, Semantic Scholar's shrinking page).
   * `attempt` is the job's: a retryable failure on its last attempt closes the run as failed.
   */
  async runStep(runId: string, previous: SyncStepState | null, attempt: { made: number; max: number }): Promise<SyncStepOutcome> {
    const run = await this.store.findRun(runId);
    if (!run || run.status !== 'running') return { kind: 'gone' };
    const identity = await this.store.findIdentity(run.identityId);
    if (!identity || identity.status !== 'linked') {
      await this.finishFailed(run.id, 'the identity was unlinked before its sync ran');
      return { kind: 'gone' };
    }
    const state: SyncStepState = previous ?? { step: 'author', page: null, pages: 0, snapshot: null };
    if (identity.syncState !== 'running') await this.store.updateIdentity(identity.id, { syncState: 'running' });

    // The requests this step sends are counted onto its run; `take` hands them over once.
    const count = { requests: 0 };
    const take = (): number => {
      const n = count.requests;
      count.requests = 0;
      return n;
    };
    if (!isScholarlySource(identity.source)) return this.failure(run, identity, new SourceRejectedError(identity.source, 'sync', 400, 'no such source is registered'), attempt);
    const client = this.clients.get(identity.source);
    const source = scholarlySource(identity.source);
    return countRequests(count, async (): Promise<SyncStepOutcome> => {
      try {
        if (state.step === 'author' && client.getAuthorWithWorks && readsOnce(source, run.trigger)) {
          // One read is the author and the first page: the same document is not read again to list it.
          const { snapshot, works, fromListing } = await client.getAuthorWithWorks(identity.sourceAuthorId);
          if (run.trigger === 'schedule' && sameSnapshot(snapshot, identity.lastSnapshot)) {
            await this.count(run.id, take());
            await this.finish(run, identity, 'skipped', snapshot);
            return { kind: 'done', status: 'skipped' };
          }
          return await this.ingestPage(run, identity, source, { step: 'list', page: null, pages: 0, snapshot, fromListing }, await works(), take);
        }
        if (state.step === 'author') {
          const snapshot = await client.getAuthor(identity.sourceAuthorId);
          await this.count(run.id, take());
          if (run.trigger === 'schedule' && sameSnapshot(snapshot, identity.lastSnapshot)) {
            // Kept: the fresh record, with the same counts and any new affiliations or topics.
            await this.finish(run, identity, 'skipped', snapshot);
            return { kind: 'done', status: 'skipped' };
          }
          return { kind: 'continue', state: { step: 'list', page: null, pages: 0, snapshot } };
        }
        const listId = source.listId?.(identity.sourceAuthorId, state.snapshot) ?? identity.sourceAuthorId;
        const page = await client.listWorks(listId, state.page);
        return await this.ingestPage(run, identity, source, state, page, take);
      } catch (e) {
        await this.count(run.id, take());
        return this.failure(run, identity, e as Error, attempt);
      }
    });
  }

  /** Ingests one page (its requests counted with it), then: the next page, or the end of the run. */
  private async ingestPage(run: SyncRun, identity: ScholarlyIdentity, source: ScholarlySourceDescriptor, state: SyncStepState, page: WorksPage, takeRequests: () => number): Promise<SyncStepOutcome> {
    const result = await this.ingest.ingest(withCategories(page));
    // A name query's fresh matches are weighed at once, before anyone reads them as the person's.
    if (source.attributedByName) await this.attributions.evaluatePerson(run.userId, run.personId);
    await this.count(run.id, takeRequests(), result);
    const pages = state.pages + 1;
    // A snapshot derived from the listing takes the newest change of every page it lists.
    const snapshot =
      state.fromListing && state.snapshot && state.pages > 0 ? { ...state.snapshot, updatedAt: page.works.reduce((at, w) => laterTimestamp(at, w.sourceUpdatedAt), state.snapshot.updatedAt) } : state.snapshot;
    if (page.next !== null && pages >= MAX_PAGES) {
      await this.addError(run.id, `${identity.source}: stopped after ${MAX_PAGES} pages; the rest of the list was not read`);
    } else if (page.next !== null) {
      return { kind: 'continue', state: { step: 'list', page: page.next, pages, snapshot, ...(state.fromListing ? { fromListing: true } : {}) } };
    }
    await this.finish(run, identity, 'succeeded', snapshot);
    return { kind: 'done', status: 'succeeded' };
  }

  /** Sorts a failure into what the queue does next, and records it on the run (and identity). */
  private async failure(run: SyncRun, identity: ScholarlyIdentity, error: Error, attempt: { made: number; max: number }): Promise<SyncStepOutcome> {
    // The message goes to the run, the identity, the log and (thrown on) the job's failedReason: redacted once, here.
    error.message = redactSecrets(error.message, configuredSecrets(this.config));
    if (error instanceof SourceRateLimitedError) {
      const ms = Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS);
      await this.addError(run.id, error.message);
      return { kind: 'wait', ms, message: error.message };
    }
    if (error instanceof SourceRejectedError) {
      await this.store.transaction(async (em) => {
        await this.store.closeRun(run.id, 'broken', redactSecrets(error.message), em);
        await this.store.updateIdentity(identity.id, { syncState: 'broken', brokenReason: error.message }, em);
      });
      await this.announceFailure(run.id);
      return { kind: 'broken', message: error.message };
    }
    const message = error instanceof MalformedResponseError ? error.message : describe(identity, error);
    const final = attempt.made + 1 >= attempt.max;
    if (final) {
      await this.finishFailed(run.id, message);
      await this.store.updateIdentity(identity.id, { syncState: restingState(identity) });
    } else {
      await this.addError(run.id, message);
    }
    this.logger.warn(`sync run ${run.id} (${identity.source}): ${message}${final ? ' (last attempt)' : ''}`);
    return { kind: 'retry', error: error.message === message ? error : Object.assign(new Error(message), { cause: error }), final };
  }

  /**
   * The person's flow is over: any of its runs still open (its job failed without reaching the
   * handler, e.g. it stalled too often) is closed as failed with the queue's reason.
   */
  async finishFlow(runIds: string[], failures: Record<string, string>): Promise<{ runs: Pick<SyncRun, 'id' | 'status'>[] }> {
    if (runIds.length === 0) return { runs: [] };
    const reasons = new Map<string, string>();
    for (const [key, reason] of Object.entries(failures)) {
      const runId = /sync-run-([0-9a-f-]{36})$/.exec(key)?.[1];
      if (runId) reasons.set(runId, reason);
    }
    const open = await this.store.openRunsAmong(runIds);
    for (const run of open) {
      await this.finishFailed(run.id, reasons.get(run.id) ?? 'its job ended without finishing the run');
      const identity = await this.store.findIdentity(run.identityId);
      if (identity && (identity.syncState === 'queued' || identity.syncState === 'running')) await this.store.updateIdentity(identity.id, { syncState: restingState(identity) });
    }
    const runs = await this.store.runStatuses(runIds);
    return { runs };
  }

  private async finish(run: SyncRun, identity: ScholarlyIdentity, status: 'succeeded' | 'skipped', snapshot: AuthorSnapshot | null): Promise<void> {
    // Another identity's works are evidence for (or against) the name query's matches.
    if (status === 'succeeded') await this.attributions.evaluatePerson(run.userId, run.personId);
    await this.store.finishRun(run.id, identity, status, snapshot);
    const done = await this.store.findRun(run.id);
    if (done && done.worksNew > 0) {
      await this.events.publish(done.userId, 'works.new', { personId: done.personId, runId: done.id, source: done.source, count: done.worksNew });
    }
  }

  private async finishFailed(runId: string, message: string): Promise<void> {
    await this.store.closeRun(runId, 'failed', redactSecrets(message));
    await this.announceFailure(runId);
  }

  /** `sync.failed`: the run's person, source and last error (already redacted). */
  private async announceFailure(runId: string): Promise<void> {
    const run = await this.store.findRun(runId);
    if (!run || (run.status !== 'failed' && run.status !== 'broken')) return;
    await this.events.publish(run.userId, 'sync.failed', { personId: run.personId, runId: run.id, identityId: run.identityId, source: run.source, status: run.status, error: run.errors.at(-1) ?? null, trigger: run.trigger });
  }

  private async addError(runId: string, message: string): Promise<void> {
    await this.store.appendRunError(runId, redactSecrets(message));
  }

  /** Adds what one step did to its run's counters. */
  private async count(runId: string, requests: number, works?: { new: number; updated: number; unchanged: number }): Promise<void> {
    if (requests === 0 && !works) return;
    await this.store.addRunCounts(runId, requests, works);
  }
}

/** Whether a sync reads the author and the first page at once (the source's `authorWithWorks`). */
function readsOnce(source: ScholarlySourceDescriptor, trigger: SyncTrigger): boolean {
  return source.authorWithWorks === 'always' || (source.authorWithWorks === 'unscheduled' && trigger !== 'schedule');
}

/** Where an identity's job starts: at listing its works when a batch check already read its author. */
export function firstStep(snapshot: AuthorSnapshot | null | undefined): SyncStepState | null {
  return snapshot ? { step: 'list', page: null, pages: 0, snapshot } : null;
}

/** Whether the author's works can be assumed unchanged: the same counts and the same last change. */
export function sameSnapshot(a: AuthorSnapshot, b: AuthorSnapshot | null): boolean {
  return !!b && a.worksCount === b.worksCount && a.citationCount === b.citationCount && a.updatedAt === b.updatedAt;
}

/** The identity's state once a run ends without new data: as it was before the run. */
function restingState(identity: ScholarlyIdentity): IdentitySyncState {
  if (identity.brokenReason) return 'broken';
  return identity.lastSyncedAt ? 'ok' : 'never';
}

/** A failure that is not a source error still names the source and the identity. */
function describe(identity: ScholarlyIdentity, error: Error): string {
  return scholarlySourceNames().some((name) => error.message.startsWith(`${name}: `)) ? error.message : `${identity.source}: ${error.message} (identity ${identity.sourceAuthorId})`;
}
