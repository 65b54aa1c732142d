import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue } from '#platform';
import { DossierJobs, JobItem, JobName, parseAuthorBatchJobId, sourceJobs } from '../jobs/index';
import { isScholarlySource, scholarlySources } from '../scholarly/index';
import { AuthorBatchResult, AuthorChecks } from './author-checks';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

/** The scheduler of everyone on the default cadence. */
export const DEFAULT_SCHEDULER_ID = 'sync-default';
/** A person's own scheduler. */
export const personSchedulerId = (personId: string): string => `sync-person-${personId}`;
const PERSON_SCHEDULER = /^sync-person-([0-9a-f-]{36})$/;
/** An account's own scheduler, for its people without a cadence of their own. */
export const accountSchedulerId = (userId: string): string => `sync-account-${userId}`;
const ACCOUNT_SCHEDULER = /^sync-account-([0-9a-f-]{36})$/;
const HOUR_MS = 3_600_000;

/** What a tick started: people, runs created at once, and author batch checks queued first (whose runs come later). */
export interface ScheduledStart {
  people: number;
  runs: number;
  authorBatches: number;
}

/** Requests a batch check's earlier attempts made, kept as its job's progress. */
export function batchRequests(progress: unknown): number {
  const requests = (progress as { requests?: unknown } | null)?.requests;
  return typeof requests === 'number' && Number.isInteger(requests) && requests > 0 ? requests : 0;
}

/** Where the default cadence of an account's people comes from: the account's own setting, or the server's SYNC_DEFAULT_EVERY_HOURS. */
export type SyncDefaultSource = 'account' | 'server';

export interface SyncSchedule {
  /** The person's own cadence in hours; null: the default. */
  everyHours: number | null;
  /** The default the person follows without their own: the account's, else the server's; null: the account paused it. */
  defaultEveryHours: number | null;
  defaultSource: SyncDefaultSource;
  /** The cadence the person is synced at; null: not synced on schedule. */
  effectiveEveryHours: number | null;
}

/** The account's default cadence, for its people without their own. */
export interface AccountSyncSchedule {
  /** The cadence in force in hours; null: paused. */
  everyHours: number | null;
  paused: boolean;
  source: SyncDefaultSource;
  /** SYNC_DEFAULT_EVERY_HOURS, what `server` means. */
  serverEveryHours: number;
}

/** What an account may set: its own cadence, a pause, or back to the server's default. */
export type AccountSyncSetting = { mode: 'every'; everyHours: number } | { mode: 'paused' } | { mode: 'server' };

/**
 * Scheduled publication sync, on BullMQ job schedulers: one scheduler ticks every
 * SYNC_DEFAULT_EVERY_HOURS and starts a scheduled sync of every person with linked identities and
 * no schedule of their own; a person with their own cadence (person_sync_settings) has their own
 * scheduler, and so has an account with its own default cadence (users.sync_every_hours: one
 * scheduler for all its people without their own, so changing it is one upsert whatever their
 * number) or a paused one (users.sync_paused: no scheduler; the default tick skips its people).
 * The order: the person's cadence, else the account's, else the server's. A scheduled sync is cheap for an author whose works did not change: one snapshot
 * request per identity, and for Semantic Scholar not even that: a tick first reads all its
 * people's S2 authors in batches of up to 1,000 ids per request (a flow: the batch checks are
 * children in the Semantic Scholar queue, so its limiter counts them; the parent then starts each
 * person's sync with what they found, see SyncService.trigger and AuthorChecks). The schedulers
 * live in the queue backend; the table is the truth, and the schedulers are brought in line with
 * it when a worker starts and on every default tick.
 */
@Injectable()
export class SyncSchedulesService {
  private readonly logger = new Logger(SyncSchedulesService.name);

  constructor(
    private readonly store: SyncRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly sync: SyncService,
  ) {}

  async get(userId: string, personId: string): Promise<SyncSchedule> {
    await this.sync.assertPerson(userId, personId);
    const row = await this.store.personCadence(personId, userId);
    return this.view(row?.everyHours ?? null, await this.getAccount(userId));
  }

  /** The account's default cadence: its own, paused, or the server's. */
  async getAccount(userId: string): Promise<AccountSyncSchedule> {
    const { everyHours, paused } = await this.store.accountCadence(userId);
    return this.accountView(everyHours, paused);
  }

  /**
   * Sets the account's default cadence for its people without their own: one scheduler for them
   * all (the first tick one period from now), or none when paused or back to the server's (whose
   * tick then takes them again). Other accounts and people with their own cadence are not touched.
   */
  async setAccount(userId: string, setting: AccountSyncSetting): Promise<AccountSyncSchedule> {
    const everyHours = setting.mode === 'every' ? setting.everyHours : null;
    const paused = setting.mode === 'paused';
    await this.store.setAccountCadence(userId, everyHours, paused);
    if (everyHours === null) await this.jobs.removeSchedule(JobName.SyncAccountPeople, accountSchedulerId(userId));
    else await this.jobs.upsertSchedule(accountSchedulerId(userId), everyHours * HOUR_MS, { name: JobName.SyncAccountPeople, data: { userId } }, everyHours * HOUR_MS);
    return this.accountView(everyHours, paused);
  }

  /** Sets the person's own cadence (the first scheduled sync one period from now), or null to follow the default. */
  async set(userId: string, personId: string, everyHours: number | null): Promise<SyncSchedule> {
    await this.sync.assertPerson(userId, personId);
    if (everyHours === null) {
      await this.store.clearPersonCadence(userId, personId);
      await this.jobs.removeSchedule(JobName.SyncScheduledPerson, personSchedulerId(personId));
    } else {
      await this.store.setPersonCadence(userId, personId, everyHours);
      await this.jobs.upsertSchedule(personSchedulerId(personId), everyHours * HOUR_MS, { name: JobName.SyncScheduledPerson, data: { personId } }, everyHours * HOUR_MS);
    }
    return this.view(everyHours, await this.getAccount(userId));
  }

  /**
   * Brings the schedulers in line with the configuration and the table: the default one at
   * SYNC_DEFAULT_EVERY_HOURS (left alone when it already is, so a restart does not move it), one
   * per person with their own cadence and one per account with its own, none for anyone else.
   */
  async reconcile(): Promise<void> {
    const defaultMs = this.config.sync.defaultEveryHours * HOUR_MS;
    const defaults = await this.jobs.listSchedules(JobName.SyncDuePeople);
    if (defaults.find((s) => s.id === DEFAULT_SCHEDULER_ID)?.everyMs !== defaultMs) {
      await this.jobs.upsertSchedule(DEFAULT_SCHEDULER_ID, defaultMs, { name: JobName.SyncDuePeople, data: {} }, defaultMs);
    }
    const accounts = await this.store.accountsWithOwnCadence();
    const wanted = new Map<string, { hours: number; item: JobItem }>([
      ...(await this.store.allPersonCadences()).map((row) => [personSchedulerId(row.personId), { hours: row.everyHours, item: { name: JobName.SyncScheduledPerson, data: { personId: row.personId } } }] as const),
      ...accounts.map((a) => [accountSchedulerId(a.id), { hours: a.everyHours, item: { name: JobName.SyncAccountPeople, data: { userId: a.id } } }] as const),
    ]);
    const existing = new Map<string, { everyMs: number | null; name: JobName }>();
    for (const name of [JobName.SyncScheduledPerson, JobName.SyncAccountPeople] as const) {
      for (const schedule of await this.jobs.listSchedules(name)) existing.set(schedule.id, { everyMs: schedule.everyMs, name });
    }
    for (const [id, { hours, item }] of wanted) {
      if (existing.get(id)?.everyMs !== hours * HOUR_MS) await this.jobs.upsertSchedule(id, hours * HOUR_MS, item, hours * HOUR_MS);
    }
    for (const [id, { name }] of existing) if ((PERSON_SCHEDULER.test(id) || ACCOUNT_SCHEDULER.test(id)) && !wanted.has(id)) await this.jobs.removeSchedule(name, id);
  }

  /** The default tick: a scheduled sync of everyone with linked identities and no cadence of their own whose account has none either (nor paused it). */
  async syncDuePeople(): Promise<ScheduledStart> {
    await this.reconcile();
    return this.startScheduled(await this.dueOnDefault());
  }

  /** Whom the server's default tick syncs. */
  async dueOnDefault(): Promise<string[]> {
    return this.store.peopleOnServerDefault();
  }

  /** Whom the account's own tick syncs: its people with linked identities and no cadence of their own. */
  async dueForAccount(userId: string): Promise<string[]> {
    return this.store.peopleOnAccountDefault(userId);
  }

  /** An account's own tick. A scheduler left behind (the account went back to the server's default, paused, or is gone) removes itself. */
  async syncAccountPeople(userId: string): Promise<ScheduledStart> {
    const account = await this.getAccount(userId);
    if (account.source !== 'account' || account.everyHours === null) {
      await this.jobs.removeSchedule(JobName.SyncAccountPeople, accountSchedulerId(userId));
      return { people: 0, runs: 0, authorBatches: 0 };
    }
    return this.startScheduled(await this.dueForAccount(userId));
  }

  /** A person's own tick. A scheduler left behind (the person was erased or merged away, or set back to the default) removes itself. */
  async syncScheduledPerson(personId: string): Promise<ScheduledStart> {
    const row = await this.store.personCadence(personId);
    if (!row || !(await this.store.personExists(row.userId, personId))) {
      if (!row) await this.jobs.removeSchedule(JobName.SyncScheduledPerson, personSchedulerId(personId));
      return { people: 0, runs: 0, authorBatches: 0 };
    }
    return this.startScheduled([personId]);
  }

  /**
   * Scheduled syncs of these people. Their authors at sources that read authors in batches
   * (descriptor `authorBatch`: Semantic Scholar) that a sync would check (linked, not broken, not
   * already being synced) are read first, in batches, by a flow whose parent then starts the syncs
   * (startCheckedSyncs); without any, the syncs start at once. Also how an import brings the
   * imported people's works back.
   */
  async startScheduled(personIds: string[]): Promise<ScheduledStart> {
    if (personIds.length === 0) return { people: 0, runs: 0, authorBatches: 0 };
    const batches: JobItem[] = [];
    for (const source of scholarlySources()) {
      if (!source.authorBatch) continue;
      const ids = await this.store.authorsToCheck(personIds, source.name);
      const { size } = source.authorBatch;
      for (let start = 0; start < ids.length; start += size) {
        batches.push({ name: sourceJobs(source.name).checkAuthors, data: { batchId: randomUUID(), ids: ids.slice(start, start + size) } });
      }
    }
    if (batches.length > 0) {
      try {
        await this.jobs.enqueueFlow({ name: JobName.StartScheduledSyncs, data: { personIds } }, batches);
        return { people: personIds.length, runs: 0, authorBatches: batches.length };
      } catch (e) {
        this.logger.warn(`author batches not queued, each author is checked alone: ${(e as Error).message}`);
      }
    }
    const { runs } = await this.startCheckedSyncs(personIds, new AuthorChecks());
    return { people: personIds.length, runs, authorBatches: 0 };
  }

  /** The parent of a tick's flow: each person's scheduled sync, with what the batch checks found. */
  async startCheckedSyncs(personIds: string[], checks: AuthorChecks): Promise<{ runs: number }> {
    const owners = await this.store.ownersOf(personIds);
    let runs = 0;
    for (const personId of personIds) {
      const userId = owners.get(personId);
      if (!userId) continue;
      try {
        runs += (await this.sync.trigger(userId, personId, 'schedule', checks)).runIds.length;
      } catch (e) {
        this.logger.warn(`scheduled sync of person ${personId} not started: ${(e as Error).message}`);
      }
    }
    return { runs };
  }

  /**
   * The batches among a tick's children that failed for good (BullMQ gives their keys and
   * reasons): their ids and the requests their attempts made, read back from each job.
   */
  async failedAuthorBatches(failures: Record<string, string>): Promise<AuthorBatchResult[]> {
    const failed: AuthorBatchResult[] = [];
    for (const [key, reason] of Object.entries(failures)) {
      const batch = parseAuthorBatchJobId(key);
      if (!batch || !isScholarlySource(batch.source)) continue;
      const job = await this.jobs.findJob(sourceJobs(batch.source).checkAuthors, batch.jobId);
      const ids = (job?.data as { ids?: unknown } | undefined)?.ids;
      if (!Array.isArray(ids)) continue;
      failed.push({ source: batch.source, ids: ids as string[], snapshots: null, requests: batchRequests(job?.progress), failure: reason });
    }
    return failed;
  }

  private view(everyHours: number | null, account: AccountSyncSchedule): SyncSchedule {
    return { everyHours, defaultEveryHours: account.everyHours, defaultSource: account.source, effectiveEveryHours: everyHours ?? account.everyHours };
  }

  private accountView(everyHours: number | null, paused: boolean): AccountSyncSchedule {
    const serverEveryHours = this.config.sync.defaultEveryHours;
    if (paused) return { everyHours: null, paused, source: 'account', serverEveryHours };
    return everyHours === null ? { everyHours: serverEveryHours, paused, source: 'server', serverEveryHours } : { everyHours, paused, source: 'account', serverEveryHours };
  }
}
