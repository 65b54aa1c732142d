import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, JobName, JobQueueService, QueueName } from '#platform';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncService } from './sync.service';

/** The scheduler of everyone on the default cadence. */
export const DEFAULT_SCHEDULER_ID = 'sync-default';
/** A person's own scheduler. */
export const personSchedulerId = (personId: string): string => `sync-person-${personId}`;
const PERSON_SCHEDULER = /^sync-person-([0-9a-f-]{36})$/;
const HOUR_MS = 3_600_000;

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
 * request per identity. The schedulers live in the queue backend; the table is the truth, and the
 * schedulers are brought in line with it when a worker starts and on every default tick.
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
  async syncDuePeople(): Promise<{ people: number; runs: number }> {
    await this.reconcile();
    const people = (await this.dataSource.query(
      `SELECT DISTINCT i.user_id, i.person_id
         FROM scholarly_identities i
         JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
         LEFT JOIN person_sync_settings s ON s.person_id = i.person_id
        WHERE i.status = 'linked' AND s.person_id IS NULL`,
    )) as { user_id: string; person_id: string }[];
    let runs = 0;
    for (const person of people) {
      try {
        runs += (await this.sync.trigger(person.user_id, person.person_id, 'schedule')).runIds.length;
      } catch (e) {
        this.logger.warn(`scheduled sync of person ${person.person_id} not started: ${(e as Error).message}`);
      }
    }
    return { people: people.length, runs };
  }

  /** A person's own tick. A scheduler left behind (the person was erased or merged away, or set back to the default) removes itself. */
  async syncScheduledPerson(personId: string): Promise<{ runIds: string[] }> {
    const row = await this.settings.findOneBy({ personId });
    const person = row ? ((await this.dataSource.query('SELECT 1 FROM people WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [personId, row.userId])) as unknown[]) : [];
    if (!row || person.length === 0) {
      if (!row) await this.jobs.removeScheduler(QueueName.SyncPeople, personSchedulerId(personId));
      return { runIds: [] };
    }
    return this.sync.trigger(row.userId, personId, 'schedule');
  }

  private view(everyHours: number | null): SyncSchedule {
    const defaultEveryHours = this.config.sync.defaultEveryHours;
    return { everyHours, defaultEveryHours, effectiveEveryHours: everyHours ?? defaultEveryHours };
  }
}
