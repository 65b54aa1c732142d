import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { columnReference } from '#platform';
import { accountsWithOwnSyncCadence, accountSyncCadence, setAccountSyncCadence } from '../accounts/index';
import { ACCOUNTS } from '../accounts/repository/accounts.relations';
import { LIVE_PEOPLE } from '../people/repository/people.relations';
import type { AuthorSnapshot, ScholarlySource } from '../scholarly/index';
import { identityById, IdentitySyncPatch, linkedAuthorIdsToCheck, lockLinkedIdentitiesOfPerson, recordIdentitySync, ScholarlyIdentity, unqueueIdentities } from '../scholarly-identities/index';
import { LINKED_IDENTITIES } from '../scholarly-identities/repository/scholarly-identities.relations';
import { PersonSyncSettings } from './person-sync-settings.entity';
import { SyncRun } from './sync-run.entity';
import { syncProblemsOfAccounts } from './repository/sync-problems.read-model';
import type { PersonReference } from '../people/index';

/** Errors kept on one run. */
const MAX_ERRORS = 50;

/** SQL for a run's errors with the message $2 appended, keeping the last MAX_ERRORS. */
const APPEND_ERROR = `(SELECT COALESCE(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(errors || jsonb_build_array($2::text)) WITH ORDINALITY AS t(e, n) WHERE n > jsonb_array_length(errors) + 1 - ${MAX_ERRORS})`;

/** One row of the sync problems list, as read (see SyncProblemsService). */
export interface SyncProblemRow {
  kind: 'broken' | 'busy' | 'failed';
  identity_id: string;
  person_id: string;
  full_name: string;
  source: ScholarlySource;
  source_author_id: string;
  message: string | null;
  at: Date | string;
  run_id: string | null;
  total: number;
}

/**
 * Every query of publication sync: its runs (sync_runs), people's own cadences
 * (person_sync_settings), and, through what their owners publish, accounts' cadences (users' sync
 * columns) and the identities' sync state. Methods that take an EntityManager run inside the
 * caller's transaction.
 */
@Injectable()
export class SyncRepository {
  /** A person's sync runs, and their schedule (one row per person: when both have their own, the survivor's stays). People's merges and erasures run these (registered in SyncModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'syncRuns', ...columnReference({ table: 'sync_runs', column: 'person_id', onErase: 'delete' }) },
    { label: 'syncSettings', ...columnReference({ table: 'person_sync_settings', column: 'person_id', onErase: 'delete', uniqueWith: ['user_id'] }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  // --- people and identities, as sync sees them

  /** Whether the person is there (not erased) under that account. */
  async personExists(userId: string, personId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM ${LIVE_PEOPLE} p WHERE p.id = $1 AND p.user_id = $2`, [personId, userId])).length > 0;
  }

  /** The accounts of these people (erased ones left out). */
  async ownersOf(personIds: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT p.id, p.user_id FROM ${LIVE_PEOPLE} p WHERE p.id = ANY($1::uuid[])`, [personIds])) as { id: string; user_id: string }[];
    return new Map(rows.map((p) => [p.id, p.user_id]));
  }

  /** The person's linked identities, locked until the transaction ends (two triggers never queue one twice). */
  lockLinkedIdentities(em: EntityManager, userId: string, personId: string): Promise<ScholarlyIdentity[]> {
    return lockLinkedIdentitiesOfPerson(em, userId, personId);
  }

  findIdentity(id: string): Promise<ScholarlyIdentity | null> {
    return identityById(this.dataSource.manager, id);
  }

  updateIdentity(id: string, patch: IdentitySyncPatch, em: EntityManager = this.dataSource.manager): Promise<void> {
    return recordIdentitySync(em, id, patch);
  }

  /** Identities left `queued` by runs that were never queued go back to the state they had. */
  unqueueIdentities(identityIds: string[]): Promise<void> {
    return unqueueIdentities(this.dataSource, identityIds);
  }

  /** The ids of `source`'s linked authors of these people that a scheduled sync would check (not broken, not being synced). */
  authorsToCheck(personIds: string[], source: ScholarlySource): Promise<string[]> {
    return linkedAuthorIdsToCheck(this.dataSource, personIds, source);
  }

  // --- runs

  async insertRun(em: EntityManager, fields: Partial<SyncRun>): Promise<SyncRun> {
    const run = em.create(SyncRun, fields);
    await em.insert(SyncRun, run);
    return run;
  }

  findRun(runId: string): Promise<SyncRun | null> {
    return this.dataSource.manager.findOneBy(SyncRun, { id: runId });
  }

  findOwnRun(userId: string, runId: string): Promise<SyncRun | null> {
    return this.dataSource.manager.findOneBy(SyncRun, { id: runId, userId });
  }

  /** The identity's latest run still open. */
  latestOpenRun(em: EntityManager, identityId: string): Promise<SyncRun | null> {
    return em.findOne(SyncRun, { where: { identityId, status: 'running' }, order: { startedAt: 'DESC' } });
  }

  pageRuns(userId: string, personId: string, limit: number, offset: number): Promise<[SyncRun[], number]> {
    return this.dataSource.manager.findAndCount(SyncRun, { where: { userId, personId }, order: { startedAt: 'DESC', id: 'DESC' }, take: limit, skip: offset });
  }

  openRunsAmong(runIds: string[]): Promise<SyncRun[]> {
    return this.dataSource.manager.find(SyncRun, { where: { id: In(runIds), status: 'running' } });
  }

  runStatuses(runIds: string[]): Promise<Pick<SyncRun, 'id' | 'status'>[]> {
    return this.dataSource.manager.find(SyncRun, { where: { id: In(runIds) }, select: { id: true, status: true } });
  }

  /** Ends the run (succeeded or skipped) and records on its identity what the sync found, together. */
  async finishRun(runId: string, identity: ScholarlyIdentity, status: 'succeeded' | 'skipped', snapshot: AuthorSnapshot | null): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (em) => {
      await em.update(SyncRun, { id: runId }, { status, finishedAt: now });
      await recordIdentitySync(em, identity.id, { syncState: 'ok', brokenReason: null, lastSyncedAt: now, lastSnapshot: snapshot ?? identity.lastSnapshot });
    });
  }

  /** Ends a run that is still open with `status`, recording why. */
  async closeRun(runId: string, status: 'failed' | 'broken', message: string, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.query(`UPDATE sync_runs SET status = $3, finished_at = now(), errors = ${APPEND_ERROR} WHERE id = $1 AND status = 'running'`, [runId, message.slice(0, 1000), status]);
  }

  async appendRunError(runId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET errors = ${APPEND_ERROR} WHERE id = $1`, [runId, message.slice(0, 1000)]);
  }

  /** Adds to the run's counters in one statement (two workers never lose an update). */
  async addRunCounts(runId: string, requests: number, works?: { new: number; updated: number; unchanged: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_runs SET requests = requests + $2, works_new = works_new + $3, works_updated = works_updated + $4, works_unchanged = works_unchanged + $5 WHERE id = $1`,
      [runId, requests, works?.new ?? 0, works?.updated ?? 0, works?.unchanged ?? 0],
    );
  }

  // --- cadences

  async accountCadence(userId: string): Promise<{ everyHours: number | null; paused: boolean }> {
    return (await accountSyncCadence(this.dataSource, userId)) ?? { everyHours: null, paused: false };
  }

  async setAccountCadence(userId: string, everyHours: number | null, paused: boolean): Promise<void> {
    await setAccountSyncCadence(this.dataSource, userId, everyHours, paused);
  }

  /** Accounts with a cadence of their own, not paused. */
  async accountsWithOwnCadence(): Promise<{ id: string; everyHours: number }[]> {
    return accountsWithOwnSyncCadence(this.dataSource);
  }

  /** The person's own cadence row; with `userId`, only under that account. */
  personCadence(personId: string, userId?: string): Promise<PersonSyncSettings | null> {
    return this.dataSource.manager.findOneBy(PersonSyncSettings, userId === undefined ? { personId } : { personId, userId });
  }

  allPersonCadences(): Promise<PersonSyncSettings[]> {
    return this.dataSource.manager.find(PersonSyncSettings);
  }

  async setPersonCadence(userId: string, personId: string, everyHours: number): Promise<void> {
    await this.dataSource.manager.upsert(PersonSyncSettings, { personId, userId, everyHours }, ['personId']);
  }

  async clearPersonCadence(userId: string, personId: string): Promise<void> {
    await this.dataSource.manager.delete(PersonSyncSettings, { personId, userId });
  }

  /** People with linked identities and no cadence of their own whose account is on the server's default (not paused). */
  peopleOnServerDefault(): Promise<string[]> {
    return this.peopleWithoutOwnCadence('u.sync_every_hours IS NULL AND NOT u.sync_paused', []);
  }

  /** The account's people with linked identities and no cadence of their own. */
  peopleOnAccountDefault(userId: string): Promise<string[]> {
    return this.peopleWithoutOwnCadence('u.id = $1', [userId]);
  }

  private async peopleWithoutOwnCadence(accountFilter: string, params: unknown[]): Promise<string[]> {
    const people = (await this.dataSource.query(
      `SELECT DISTINCT i.person_id
         FROM ${LINKED_IDENTITIES} i
         JOIN ${LIVE_PEOPLE} p ON p.id = i.person_id
         JOIN ${ACCOUNTS} u ON u.id = p.user_id
         LEFT JOIN person_sync_settings s ON s.person_id = i.person_id
        WHERE s.person_id IS NULL AND ${accountFilter}
        ORDER BY i.person_id`,
      params,
    )) as { person_id: string }[];
    return people.map((p) => p.person_id);
  }

  // --- problems

  /**
   * One line per linked identity with a problem, newest first: broken, or its latest run failed or
   * is retrying with errors (one rule with the digest: syncProblemsOfAccounts). Each row carries
   * the total count, for paging.
   */
  async problems(userId: string, limit: number, offset: number): Promise<SyncProblemRow[]> {
    const problems = await syncProblemsOfAccounts(this.dataSource, [userId]);
    return problems.slice(offset, offset + limit).map((p) => ({
      kind: p.kind,
      identity_id: p.identityId,
      person_id: p.personId,
      full_name: p.fullName,
      source: p.source,
      source_author_id: p.sourceAuthorId,
      message: p.message,
      at: p.at,
      run_id: p.runId,
      total: problems.length,
    }));
  }
}
