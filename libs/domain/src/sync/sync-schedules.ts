import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, JobItem, JobName, JobQueueService, QueueName } from '#platform';
import { S2_AUTHOR_BATCH } from '../scholarly/sources/semantic-scholar/semantic-scholar.client';
import { AuthorBatchResult, AuthorChecks } from './author-checks';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncService } from './sync.service';

/** The scheduler of everyone on the default cadence. */
export const DEFAULT_SCHEDULER_ID = 'sync-default';
/** A person's own scheduler. */
export const personSchedulerId = (personId: string): string => `sync-person-${personId}`;
const PERSON_SCHEDULER = /^sync-person-([0-9a-f-]{36})$/;
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

export interface SyncSchedule {
  /** The person's own cadence in hours; null: the default. */
  everyHours: number | null;
  defaultEveryHours: number;
  /** The cadence the person is synced at. */
  effectiveEveryHours: number;
}

/**
 * Scheduled publication sync, on BullMQ job schedulers: one scheduler ticks every
 * SYNC_DEFAULT_EVERY_HOURS and starts a scheduled sync of every person with linked identities and
 * no schedule of their own; a person with their own cadence (person_sync_settings) has their own
 * scheduler. A scheduled sync is cheap for an author whose works did not change: one snapshot
 * request per identity, and for Semantic Scholar not even that: a tick first reads all its
 * people's S2 authors in batches of up to 1,000 ids per request (a flow: the batch checks are
 * children in the Semantic Scholar queue, so its limiter counts them; the parent then starts each
 * person's sync with what they found, see SyncService.trigger and AuthorChecks). The schedulers
 * live in the queue backend; the table is the truth, and the schedulers are brought in line with
 * it when a worker starts and on every default tick.
 */
@Injectable()
export class SyncSchedules {
  private readonly logger = new Logger(SyncSchedules.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PersonSyncSettings) private readonly settings: Repository<PersonSyncSettings>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueueService,
    private readonly sync: SyncService,
  ) {}

  async get(userId: string, personId: string): Promise<SyncSchedule> {
    await this.sync.assertPerson(userId, personId);
    const row = await this.settings.findOneBy({ personId, userId });
    return this.view(row?.everyHours ?? null);
  }

  /** Sets the person's own cadence (the first scheduled sync one period from now), or null to follow the default. */
  async set(userId: string, personId: string, everyHours: number | null): Promise<SyncSchedule> {
    await this.sync.assertPerson(userId, personId);
    if (everyHours === null) {
      await this.settings.delete({ personId, userId });
      await this.jobs.removeScheduler(QueueName.SyncPeople, personSchedulerId(personId));
    } else {
      await this.settings.upsert({ personId, userId, everyHours }, ['personId']);
      await this.jobs.upsertScheduler(personSchedulerId(personId), everyHours * HOUR_MS, { name: JobName.SyncScheduledPerson, data: { personId } }, everyHours * HOUR_MS);
    }
    return this.view(everyHours);
  }

  /**
   * Brings the schedulers in line with the configuration and the table: the default one at
   * SYNC_DEFAULT_EVERY_HOURS (left alone when it already is, so a restart does not move it), one
   * per person with their own cadence, none for anyone else.
   */
  async reconcile(): Promise<void> {
    const queue = this.jobs.queue(QueueName.SyncPeople);
    const defaultMs = this.config.sync.defaultEveryHours * HOUR_MS;
    const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
    if (Number(existing.get(DEFAULT_SCHEDULER_ID)?.every) !== defaultMs) {
      await this.jobs.upsertScheduler(DEFAULT_SCHEDULER_ID, defaultMs, { name: JobName.SyncDuePeople, data: {} }, defaultMs);
    }
    const wanted = new Map((await this.settings.find()).map((row) => [personSchedulerId(row.personId), row]));
    for (const [id, row] of wanted) {
      if (Number(existing.get(id)?.every) !== row.everyHours * HOUR_MS) {
        await this.jobs.upsertScheduler(id, row.everyHours * HOUR_MS, { name: JobName.SyncScheduledPerson, data: { personId: row.personId } }, row.everyHours * HOUR_MS);
      }
    }
    for (const id of existing.keys()) if (PERSON_SCHEDULER.test(id) && !wanted.has(id)) await queue.removeJobScheduler(id);
  }

  /** The default tick: a scheduled sync of everyone with linked identities and no cadence of their own. */
  async syncDuePeople(): Promise<ScheduledStart> {
    await this.reconcile();
    const people = (await this.dataSource.query(
      `SELECT DISTINCT i.person_id
         FROM scholarly_identities i
         JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
         LEFT JOIN person_sync_settings s ON s.person_id = i.person_id
        WHERE i.status = 'linked' AND s.person_id IS NULL
        ORDER BY i.person_id`,
    )) as { person_id: string }[];
    return this.startScheduled(people.map((p) => p.person_id));
  }

  /** A person's own tick. A scheduler left behind (the person was erased or merged away, or set back to the default) removes itself. */
  async syncScheduledPerson(personId: string): Promise<ScheduledStart> {
    const row = await this.settings.findOneBy({ personId });
    const person = row ? ((await this.dataSource.query('SELECT 1 FROM people WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [personId, row.userId])) as unknown[]) : [];
    if (!row || person.length === 0) {
      if (!row) await this.jobs.removeScheduler(QueueName.SyncPeople, personSchedulerId(personId));
      return { people: 0, runs: 0, authorBatches: 0 };
    }
    return this.startScheduled([personId]);
  }

  /**
   * Scheduled syncs of these people. Their Semantic Scholar authors that a sync would check
   * (linked, not broken, not already being synced) are read first, in batches, by a flow whose
   * parent then starts the syncs (startCheckedSyncs); without any, the syncs start at once.
   * Also how an import brings the imported people's works back.
   */
  async startScheduled(personIds: string[]): Promise<ScheduledStart> {
    if (personIds.length === 0) return { people: 0, runs: 0, authorBatches: 0 };
    const ids = (
      (await this.dataSource.query(
        `SELECT DISTINCT btrim(source_author_id) AS id FROM scholarly_identities
          WHERE person_id = ANY($1::uuid[]) AND source = 'semanticscholar' AND status = 'linked' AND sync_state NOT IN ('broken', 'queued', 'running')
          ORDER BY 1`,
        [personIds],
      )) as { id: string }[]
    ).map((r) => r.id);
    if (ids.length > 0) {
      const batches: JobItem[] = [];
      for (let start = 0; start < ids.length; start += S2_AUTHOR_BATCH) {
        batches.push({ name: JobName.CheckSemanticScholarAuthors, data: { batchId: randomUUID(), ids: ids.slice(start, start + S2_AUTHOR_BATCH) } });
      }
      try {
        await this.jobs.enqueueFlow({ name: JobName.StartScheduledSyncs, data: { personIds } }, batches);
        return { people: personIds.length, runs: 0, authorBatches: batches.length };
      } catch (e) {
        this.logger.warn(`Semantic Scholar author batches not queued, each author is checked alone: ${(e as Error).message}`);
      }
    }
    const { runs } = await this.startCheckedSyncs(personIds, new AuthorChecks());
    return { people: personIds.length, runs, authorBatches: 0 };
  }

  /** The parent of a tick's flow: each person's scheduled sync, with what the batch checks found. */
  async startCheckedSyncs(personIds: string[], checks: AuthorChecks): Promise<{ runs: number }> {
    const owners = new Map(
      ((await this.dataSource.query('SELECT id, user_id FROM people WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [personIds])) as { id: string; user_id: string }[]).map((p) => [p.id, p.user_id]),
    );
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
    const queue = this.jobs.queue(QueueName.SyncSemanticScholar);
    const failed: AuthorBatchResult[] = [];
    for (const [key, reason] of Object.entries(failures)) {
      const jobId = /(s2-authors-[0-9a-f-]{36})$/.exec(key)?.[1];
      const job = jobId ? await queue.getJob(jobId) : undefined;
      const ids = (job?.data as { ids?: unknown } | undefined)?.ids;
      if (!Array.isArray(ids)) continue;
      failed.push({ ids: ids as string[], snapshots: null, requests: batchRequests(job?.progress), failure: reason });
    }
    return failed;
  }

  private view(everyHours: number | null): SyncSchedule {
    const defaultEveryHours = this.config.sync.defaultEveryHours;
    return { everyHours, defaultEveryHours, effectiveEveryHours: everyHours ?? defaultEveryHours };
  }
}
