import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, configuredSecrets, JobQueue, NotFoundError, redactSecrets, RequestPacer } from '#platform';
import { DossierJobs, JobName, SYNC_SOURCE_JOBS, syncRunJobId } from '../jobs/index';
import { Person } from '../people/index';
import { MalformedResponseError, ScholarlyClients, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError } from '../scholarly/index';
import { laterTimestamp, type AuthorSnapshot, type ScholarlyClient, type WorksPage } from '../scholarly/index';
import { IdentitySyncState, ScholarlyIdentity } from '../scholarly-identities/index';
import { SyncRun } from './sync-run.entity';
import { NAME_QUERY_SOURCES, withCategories, WorkAttributionsService, WorksIngestService } from '../works/index';
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
/** Errors kept on one run. */
const MAX_ERRORS = 50;
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SyncRun) private readonly runs: Repository<SyncRun>,
    @InjectRepository(ScholarlyIdentity) private readonly identities: Repository<ScholarlyIdentity>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly ingest: WorksIngestService,
    private readonly pacer: RequestPacer,
    private readonly attributions: WorkAttributionsService,
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
    const { created, open, skipped } = await this.dataSource.transaction(async (em) => {
      const identities = await em
        .createQueryBuilder(ScholarlyIdentity, 'i')
        .setLock('pessimistic_write')
        .where('i.user_id = :userId AND i.person_id = :personId AND i.status = :status', { userId, personId, status: 'linked' })
        .orderBy('i.created_at')
        .addOrderBy('i.id')
        .getMany();
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
          const run = em.create(SyncRun, { userId, personId, identityId: identity.id, source: identity.source, trigger, status: 'skipped', startedAt: now, finishedAt: now, ...counted });
          await em.insert(SyncRun, run);
          await em.update(ScholarlyIdentity, { id: identity.id }, { syncState: 'ok', brokenReason: null, lastSyncedAt: now });
          skipped.push(run.id);
          continue;
        }
        const run = em.create(SyncRun, { userId, personId, identityId: identity.id, source: identity.source, trigger, status: 'running', startedAt: now, finishedAt: null, ...counted });
        await em.insert(SyncRun, run);
        await em.update(ScholarlyIdentity, { id: identity.id }, { syncState: 'queued' });
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
          created.map(({ run, snapshot }) => ({ name: SYNC_SOURCE_JOBS[run.source].job, data: { runId: run.id, ...(snapshot ? { snapshot } : {}) } })),
        );
      } catch (e) {
        // Nothing was queued (a flow is added atomically): the runs did not happen.
        for (const { run } of created) await this.finishFailed(run.id, `could not be queued: ${(e as Error).message}`);
        await this.dataSource.query(
          `UPDATE scholarly_identities SET sync_state = CASE WHEN broken_reason IS NOT NULL THEN 'broken' WHEN last_synced_at IS NOT NULL THEN 'ok' ELSE 'never' END
            WHERE id = ANY($1::uuid[]) AND sync_state = 'queued'`,
          [created.map((c) => c.run.identityId)],
        );
        throw e;
      }
    }
    return { runIds: [...open, ...skipped, ...created.map((c) => c.run.id)] };
  }

  /**
   * The cheap change check of many Semantic Scholar authors at once: one `POST /author/batch`
   * request (the caller keeps a batch to S2_AUTHOR_BATCH ids). Failures are sorted as a sync
   * step's are; `requests` counts what this call sent.
   */
  async checkAuthorBatch(ids: string[]): Promise<AuthorBatchOutcome> {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const client = new ScholarlyClients(this.config.scholarly, new ScholarlyHttp(this.config.scholarly, counting, this.pacer)).semanticscholar;
    try {
      const snapshots = await client.getAuthors(ids);
      return { kind: 'done', snapshots, requests };
    } catch (e) {
      const error = e as Error;
      if (error instanceof SourceRateLimitedError) return { kind: 'wait', ms: Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS), message: error.message, requests };
      if (error instanceof SourceRejectedError) return { kind: 'rejected', message: error.message, requests };
      const message = /^semanticscholar: /.test(error.message) ? error.message : `semanticscholar: ${error.message} (author batch of ${ids.length})`;
      this.logger.warn(message);
      return { kind: 'retry', error: error.message === message ? error : Object.assign(new Error(message), { cause: error }), requests };
    }
  }

  /** The open run of an identity marked queued/running, if its job is still in the queue; a lost one is closed. */
  private async openRun(em: EntityManager, identity: ScholarlyIdentity): Promise<SyncRun | null> {
    const run = await em.findOne(SyncRun, { where: { identityId: identity.id, status: 'running' }, order: { startedAt: 'DESC' } });
    if (!run) return null;
    if (Date.now() - run.startedAt.getTime() < LOST_AFTER_MS) return run;
    const state = await this.jobs.jobState(SYNC_SOURCE_JOBS[identity.source].job, syncRunJobId(run.id));
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return run;
    await closeRun(em, run.id, 'failed', 'its job was lost from the queue');
    return null;
  }

  async listRuns(userId: string, personId: string, page: { limit?: number; offset?: number } = {}): Promise<SyncRunPage> {
    await this.assertPerson(userId, personId);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.runs.findAndCount({ where: { userId, personId }, order: { startedAt: 'DESC', id: 'DESC' }, take: limit, skip: offset });
    return { items, total, limit, offset };
  }

  async getRun(userId: string, runId: string): Promise<SyncRun> {
    const run = await this.runs.findOneBy({ id: runId, userId });
    if (!run) throw new NotFoundError('sync run', runId);
    return run;
  }

  async assertPerson(userId: string, personId: string): Promise<void> {
    if (!(await this.people.existsBy({ id: personId, userId }))) throw new NotFoundError('person', personId);
  }

  /**
   * One step of one identity's sync: exactly one call of the source's client (one request, except
   * where a client needs more for one page: ORCID's bulk works, Semantic Scholar's shrinking page).
   * `attempt` is the job's: a retryable failure on its last attempt closes the run as failed.
   */
  async runStep(runId: string, previous: SyncStepState | null, attempt: { made: number; max: number }): Promise<SyncStepOutcome> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || run.status !== 'running') return { kind: 'gone' };
    const identity = await this.identities.findOneBy({ id: run.identityId });
    if (!identity || identity.status !== 'linked') {
      await this.finishFailed(run.id, 'the identity was unlinked before its sync ran');
      return { kind: 'gone' };
    }
    const state: SyncStepState = previous ?? { step: 'author', page: null, pages: 0, snapshot: null };
    if (identity.syncState !== 'running') await this.identities.update({ id: identity.id }, { syncState: 'running' });

    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const client = new ScholarlyClients(this.config.scholarly, new ScholarlyHttp(this.config.scholarly, counting, this.pacer)).get(identity.source);
    /** The requests not yet counted on the run, now counted by the caller. */
    const take = (): number => {
      const n = requests;
      requests = 0;
      return n;
    };
    try {
      if (state.step === 'author' && client.getAuthorWithWorks && readsOnce(client, run.trigger)) {
        // One read is the author and the first page: the same document is not read again to list it.
        const { snapshot, works, fromListing } = await client.getAuthorWithWorks(identity.sourceAuthorId);
        if (run.trigger === 'schedule' && sameSnapshot(snapshot, identity.lastSnapshot)) {
          await this.count(run.id, take());
          await this.finish(run, identity, 'skipped', snapshot);
          return { kind: 'done', status: 'skipped' };
        }
        return await this.ingestPage(run, identity, { step: 'list', page: null, pages: 0, snapshot, fromListing }, await works(), take);
      }
      if (state.step === 'author') {
        const snapshot = await client.getAuthor(identity.sourceAuthorId);
        await this.count(run.id, requests);
        requests = 0;
        if (run.trigger === 'schedule' && sameSnapshot(snapshot, identity.lastSnapshot)) {
          // Kept: the fresh record, with the same counts and any new affiliations or topics.
          await this.finish(run, identity, 'skipped', snapshot);
          return { kind: 'done', status: 'skipped' };
        }
        return { kind: 'continue', state: { step: 'list', page: null, pages: 0, snapshot } };
      }
      // A merged OpenAlex author answers under the surviving id: list that one.
      const listId = state.snapshot?.sourceAuthorId && identity.source === 'openalex' ? state.snapshot.sourceAuthorId : identity.sourceAuthorId;
      const page = await client.listWorks(listId, state.page);
      return await this.ingestPage(run, identity, state, page, take);
    } catch (e) {
      await this.count(run.id, requests);
      return this.failure(run, identity, e as Error, attempt);
    }
  }

  /** Ingests one page (its requests counted with it), then: the next page, or the end of the run. */
  private async ingestPage(run: SyncRun, identity: ScholarlyIdentity, state: SyncStepState, page: WorksPage, takeRequests: () => number): Promise<SyncStepOutcome> {
    const result = await this.ingest.ingest(withCategories(page));
    // A name query's fresh matches are weighed at once, before anyone reads them as the person's.
    if (NAME_QUERY_SOURCES.includes(identity.source)) await this.attributions.evaluatePerson(run.userId, run.personId);
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
      await this.dataSource.transaction(async (em) => {
        await closeRun(em, run.id, 'broken', error.message);
        await em.update(ScholarlyIdentity, { id: identity.id }, { syncState: 'broken', brokenReason: error.message });
      });
      return { kind: 'broken', message: error.message };
    }
    const message = error instanceof MalformedResponseError ? error.message : describe(identity, error);
    const final = attempt.made + 1 >= attempt.max;
    if (final) {
      await this.finishFailed(run.id, message);
      await this.identities.update({ id: identity.id }, { syncState: restingState(identity) });
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
    const open = await this.runs.find({ where: { id: In(runIds), status: 'running' } });
    for (const run of open) {
      await this.finishFailed(run.id, reasons.get(run.id) ?? 'its job ended without finishing the run');
      const identity = await this.identities.findOneBy({ id: run.identityId });
      if (identity && (identity.syncState === 'queued' || identity.syncState === 'running')) await this.identities.update({ id: identity.id }, { syncState: restingState(identity) });
    }
    const runs = await this.runs.find({ where: { id: In(runIds) }, select: { id: true, status: true } });
    return { runs };
  }

  private async finish(run: SyncRun, identity: ScholarlyIdentity, status: 'succeeded' | 'skipped', snapshot: AuthorSnapshot | null): Promise<void> {
    const now = new Date();
    // Another identity's works are evidence for (or against) the name query's matches.
    if (status === 'succeeded') await this.attributions.evaluatePerson(run.userId, run.personId);
    await this.dataSource.transaction(async (em) => {
      await em.update(SyncRun, { id: run.id }, { status, finishedAt: now });
      await em.update(ScholarlyIdentity, { id: identity.id }, { syncState: 'ok', brokenReason: null, lastSyncedAt: now, lastSnapshot: snapshot ?? identity.lastSnapshot });
    });
  }

  private async finishFailed(runId: string, message: string): Promise<void> {
    await closeRun(this.dataSource.manager, runId, 'failed', message);
  }

  private async addError(runId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET errors = ${APPEND_ERROR} WHERE id = $1`, [runId, redactSecrets(message).slice(0, 1000)]);
  }

  /** Adds to the run's counters in one statement (two workers never lose an update). */
  private async count(runId: string, requests: number, works?: { new: number; updated: number; unchanged: number }): Promise<void> {
    if (requests === 0 && !works) return;
    await this.dataSource.query(
      `UPDATE sync_runs SET requests = requests + $2, works_new = works_new + $3, works_updated = works_updated + $4, works_unchanged = works_unchanged + $5 WHERE id = $1`,
      [runId, requests, works?.new ?? 0, works?.updated ?? 0, works?.unchanged ?? 0],
    );
  }
}

/**
 * Whether a sync reads the author and the first page at once. Where they are one document (dblp,
 * ORCID) always; where the listing only stands in for the author read (arXiv, Crossref), not for a
 * scheduled sync, whose cheap author read spares the whole listing when nothing changed.
 */
function readsOnce(client: ScholarlyClient, trigger: SyncTrigger): boolean {
  return trigger !== 'schedule' || client.source === 'dblp' || client.source === 'orcid';
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

/** SQL for a run's errors with the message $2 appended, keeping the last MAX_ERRORS. */
const APPEND_ERROR = `(SELECT COALESCE(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(errors || jsonb_build_array($2::text)) WITH ORDINALITY AS t(e, n) WHERE n > jsonb_array_length(errors) + 1 - ${MAX_ERRORS})`;

/** Ends a run that is still open with `status`, recording why. */
async function closeRun(em: EntityManager, runId: string, status: 'failed' | 'broken', message: string): Promise<void> {
  await em.query(`UPDATE sync_runs SET status = $3, finished_at = now(), errors = ${APPEND_ERROR} WHERE id = $1 AND status = 'running'`, [runId, redactSecrets(message).slice(0, 1000), status]);
}

/** A failure that is not a source error still names the source and the identity. */
function describe(identity: ScholarlyIdentity, error: Error): string {
  return /^(openalex|semanticscholar|arxiv|dblp|crossref|orcid): /.test(error.message) ? error.message : `${identity.source}: ${error.message} (identity ${identity.sourceAuthorId})`;
}
