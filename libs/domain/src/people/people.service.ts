import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { FieldProblem, JobQueue, NotFoundError } from '#platform';
import type { DossierJobs } from '../jobs/index';
import { eraseFromBriefings } from '../briefings/briefing-erasure';
import { eraseFromImportRuns } from '../imports/import-erasure';
import { OrganizationsService } from '../organizations/index';
import { mentionsSql } from '../shared/text-mentions';
import { foldName, foldText, LINK_KINDS, normalizeEmail, normalizeLinks, PersonLinks, splitFullName } from '../shared/text/index';
import { normalizePhone, phoneKey } from './phone-numbers';
import { InvalidPersonError, MergeSelfError, PersonDeletedError } from './people.errors';
import { listStatements, PERSON_BY_ID, PERSON_BY_ID_WITH_DELETED, PERSON_DETAIL, PersonDetail, personDetailFromRows, personFromRow } from './people.queries';
import { Page, PeopleQuery, PersonInput } from './people.types';
import { Person } from './person.entity';
import { PERSON_REFERENCES } from './person-references';
import { dateIn } from '../shared/dates';

export type { PersonDetail } from './people.queries';

export interface DuplicateGroup {
  reason: 'email' | 'linkedin' | 'name';
  value: string;
  people: Person[];
}

export interface MergePreview {
  survivor: Person;
  merged: Person;
  /** Fields where both had a different value; the survivor's value is kept. */
  conflicts: { field: string; kept: unknown; dropped: unknown }[];
  /** Related records moved from the merged person to the survivor, by kind. */
  moved: Record<string, number>;
  applied: boolean;
}

/** The user's network. Every query is scoped to one user; another user's id is simply not found. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly jobs: JobQueue<DossierJobs>,
  ) {}

  async create(userId: string, input: PersonInput & { fullName: string }): Promise<Person> {
    const person = this.people.create({ userId, emails: [], phones: [], links: {}, tags: [], relationshipStage: 'stranger' });
    await this.apply(userId, person, input);
    await this.people.insert(person);
    return this.get(userId, person.id);
  }

  /** GET /people: one hand-written statement (people.queries.ts), the page with its total. */
  async list(userId: string, query: PeopleQuery): Promise<Page<Person>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    // "today" is the user's today, as in the follow-ups list, not the server's.
    const dueBy = query.dueBy === 'today' ? dateIn(await this.timeZone(userId), new Date()) : query.dueBy;
    const sql = listStatements(userId, { ...query, dueBy }, limit, offset);
    const rows = await this.read(sql.page, sql.pageParams);
    let total = rows.length > 0 ? (rows[0].total as number) : 0;
    // A page past the end has no row to carry the total: only then is it counted apart.
    if (rows.length === 0 && offset > 0) [{ total }] = (await this.read(sql.count, sql.countParams)) as { total: number }[];
    return { items: rows.map((row) => personFromRow(row)), total, limit, offset };
  }

  /** One statement (findOne with relations took two round trips: a DISTINCT id query, then the row). */
  async get(userId: string, id: string, options: { withDeleted?: boolean } = {}): Promise<Person> {
    const [row] = await this.read(options.withDeleted ? PERSON_BY_ID_WITH_DELETED : PERSON_BY_ID, [id, userId]);
    if (!row) throw new NotFoundError('person', id);
    return personFromRow(row);
  }

  /** GET /people/:id: the person, what the user asked of them and the referrals they made, in one round trip. */
  async detail(userId: string, id: string): Promise<PersonDetail> {
    const rows = await this.read(PERSON_DETAIL, [id, userId]);
    if (rows.length === 0) throw new NotFoundError('person', id);
    return personDetailFromRows(rows);
  }

  /** Every (not deleted) person of the user, by name: for whole-network exports. */
  listAll(userId: string): Promise<Person[]> {
    return this.people.find({ where: { userId }, relations: { organization: true, team: true }, order: { nameFolded: 'ASC', id: 'ASC' } });
  }

  async update(userId: string, id: string, input: PersonInput): Promise<Person> {
    const person = await this.get(userId, id);
    await this.apply(userId, person, input);
    // Leave out the timestamps as loaded: TypeORM only sets updated_at to now when it is not given.
    const { organization: _o, team: _t, createdAt: _c, updatedAt: _u, deletedAt: _d, ...columns } = person;
    await this.people.update({ id, userId }, columns);
    return this.get(userId, id);
  }

  async softDelete(userId: string, id: string): Promise<void> {
    const result = await this.people.softDelete({ id, userId });
    if (!result.affected) throw new NotFoundError('person', id);
  }

  async restore(userId: string, id: string): Promise<Person> {
    const result = await this.people.restore({ id, userId });
    if (!result.affected) throw new NotFoundError('person', id);
    return this.get(userId, id);
  }

  /**
   * Deletes the person and everything about them, for good (their data is theirs, not the user's):
   * the rows that point at them (PERSON_REFERENCES), and every other trace the account holds of their
   * name, emails and links: import report rows (rewritten, the counts kept), briefing versions
   * (deleted, see eraseFromBriefings), stored answers to Idempotency-Key writes, then queued and
   * finished jobs and their events. Free text the user wrote on their own records (an application's
   * notes) is the user's and stays as written.
   */
  async erase(userId: string, id: string): Promise<{ erased: Record<string, number> }> {
    const { erased, jobNeedles } = await this.dataSource.transaction(async (em) => {
      const person = await em.findOne(Person, { where: { id, userId }, withDeleted: true });
      if (!person) throw new NotFoundError('person', id);
      const needles = personNeedles(person);
      // Sync jobs carry only their run's id: found by it once the runs are gone.
      const runs = (await em.query('SELECT id FROM sync_runs WHERE person_id = $1', [id])) as { id: string }[];
      const erased: Record<string, number> = {};
      for (const ref of PERSON_REFERENCES) {
        const sql =
          ref.onErase === 'delete'
            ? `DELETE FROM "${ref.table}" WHERE "${ref.column}" = $1 RETURNING 1`
            : `UPDATE "${ref.table}" SET "${ref.column}" = NULL WHERE "${ref.column}" = $1 RETURNING 1`;
        // Counted through a SELECT: for a bare DELETE/UPDATE the driver answers [rows, rowCount], not the rows.
        const [{ count }] = (await em.query(`WITH changed AS (${sql}) SELECT count(*)::int AS count FROM changed`, [id])) as { count: number }[];
        erased[ref.label] = (erased[ref.label] ?? 0) + count;
      }
      await em.delete(Person, { id, userId });
      erased.people = 1;
      erased.importReports = await eraseFromImportRuns(em, userId, id, needles);
      const briefings = await eraseFromBriefings(em, userId, id, needles);
      erased.briefingVersions = briefings.length;
      const [{ count: answers }] = (await em.query(
        `WITH gone AS (DELETE FROM idempotency_keys WHERE user_id = $1 AND (${mentionsSql("coalesce(body, '')", 2)} OR ${mentionsSql("coalesce(headers::text, '')", 2)}) RETURNING 1)
         SELECT count(*)::int AS count FROM gone`,
        [userId, [...needles, id]],
      )) as { count: number }[];
      erased.idempotencyAnswers = answers;
      // Run and version ids belong to this person alone; their own id is matched only where a job
      // names one person (a scheduled tick's job lists many, and must not go with them).
      return { erased, jobNeedles: [...needles, ...runs.map((r) => r.id), ...briefings] };
    });
    // After the commit: a queue is not part of the transaction, and the person is gone either way.
    const jobs = await this.jobs.removeJobsMentioning(jobNeedles, (data) => (data as { personId?: unknown } | null)?.personId === id);
    erased.jobs = jobs.removed;
    return { erased };
  }

  /** Likely duplicates: the same email, the same LinkedIn profile, or the same name once accents and case are folded. */
  async findDuplicates(userId: string, page: { limit: number; offset: number }): Promise<Page<DuplicateGroup>> {
    const rows: { reason: DuplicateGroup['reason']; value: string; ids: string[] }[] = await this.dataSource.query(
      `SELECT 'email' AS reason, e.email AS value, array_agg(p.id ORDER BY p.created_at, p.id) AS ids
         FROM people p CROSS JOIN LATERAL unnest(p.emails) AS e(email)
        WHERE p.user_id = $1 AND p.deleted_at IS NULL GROUP BY e.email HAVING count(DISTINCT p.id) > 1
       UNION ALL
       SELECT 'linkedin', p.links->>'linkedin', array_agg(p.id ORDER BY p.created_at, p.id)
         FROM people p WHERE p.user_id = $1 AND p.deleted_at IS NULL AND p.links ? 'linkedin' GROUP BY p.links->>'linkedin' HAVING count(*) > 1
       UNION ALL
       SELECT 'name', p.name_folded, array_agg(p.id ORDER BY p.created_at, p.id)
         FROM people p WHERE p.user_id = $1 AND p.deleted_at IS NULL GROUP BY p.name_folded HAVING count(*) > 1
       ORDER BY 1, 2`,
      [userId],
    );
    // Groups are ids only until here: the page's people alone are loaded.
    const pageRows = rows.slice(page.offset, page.offset + page.limit);
    if (pageRows.length === 0) return { items: [], total: rows.length, ...page };
    const people = await this.people.find({ where: pageRows.flatMap((r) => r.ids.map((id) => ({ id, userId }))), relations: { organization: true, team: true } });
    const byId = new Map(people.map((p) => [p.id, p]));
    return { items: pageRows.map((r) => ({ reason: r.reason, value: r.value, people: r.ids.map((id) => byId.get(id)!).filter(Boolean) })), total: rows.length, ...page };
  }

  /**
   * Merges `otherId` into `survivorId`. The survivor's values win; empty fields are filled from the
   * other; lists are united; notes are appended; every related record moves to the survivor.
   * With `dryRun` nothing is written and the preview shows what would happen.
   */
  async merge(userId: string, survivorId: string, otherId: string, dryRun: boolean): Promise<MergePreview> {
    if (survivorId === otherId) throw new MergeSelfError();
    return this.dataSource.transaction(async (em) => {
      // Locked in id order, so two opposite merges of the same pair wait instead of deadlocking.
      const [first, second] = [survivorId, otherId].sort();
      const locked = new Map([[first, await this.lockedPerson(em, userId, first)], [second, await this.lockedPerson(em, userId, second)]]);
      const survivor = locked.get(survivorId)!;
      const other = locked.get(otherId)!;
      const { merged, conflicts } = combine(survivor, other);
      const moved: Record<string, number> = {};
      for (const ref of PERSON_REFERENCES) {
        const [{ count }] = (await em.query(`SELECT count(*)::int AS count FROM "${ref.table}" WHERE "${ref.column}" = $1`, [otherId])) as { count: number }[];
        moved[ref.label] = count;
      }
      if (!dryRun) {
        for (const ref of PERSON_REFERENCES) {
          if (ref.uniqueWith) {
            // Both were on the same interview or referred the same application: keep the survivor's row.
            const same = ref.uniqueWith.map((c) => `mine."${c}" = theirs."${c}"`).join(' AND ');
            await em.query(
              `DELETE FROM "${ref.table}" theirs WHERE theirs."${ref.column}" = $2
                 AND EXISTS (SELECT 1 FROM "${ref.table}" mine WHERE mine."${ref.column}" = $1 AND ${same})`,
              [survivorId, otherId],
            );
          }
          await em.query(`UPDATE "${ref.table}" SET "${ref.column}" = $1 WHERE "${ref.column}" = $2`, [survivorId, otherId]);
        }
        // Import report rows name the person they were about, for erasure: now the survivor.
        await em.query('UPDATE import_runs SET report = replace(report::text, $2, $1)::jsonb WHERE user_id = $3 AND strpos(report::text, $2) > 0', [survivorId, otherId, userId]);
        const { organization: _o, team: _t, ...columns } = merged;
        await em.update(Person, { id: survivorId, userId }, { ...columns, updatedAt: new Date() });
        await em.delete(Person, { id: otherId, userId });
        // The merged-in timeline may be newer: the last interaction and the cadence follow it.
        await this.touch(em, userId, survivorId);
      }
      const result = dryRun ? merged : await em.findOneOrFail(Person, { where: { id: survivorId }, relations: { organization: true, team: true } });
      return { survivor: result, merged: other, conflicts, moved, applied: !dryRun };
    });
  }

  /** Records that the user was in touch: keeps the last-interaction date and advances the cadence. */
  async touch(em: EntityManager, userId: string, personId: string): Promise<void> {
    await em.query(
      `UPDATE people p SET
         last_interaction_at = latest.at,
         next_follow_up_at = CASE WHEN p.follow_up_cadence_days IS NULL OR latest.at IS NULL THEN p.next_follow_up_at
                                  ELSE (latest.at AT TIME ZONE 'UTC')::date + p.follow_up_cadence_days END
       FROM (SELECT max(occurred_at) AS at FROM interactions WHERE person_id = $1) latest
       WHERE p.id = $1 AND p.user_id = $2`,
      [personId, userId],
    );
  }

  /**
   * The statements of people.queries.ts, on the DataSource's own pg pool. DataSource.query checks a
   * connection out through a QueryRunner, then queries it: under load (`npm run bench:api`) each
   * request's objects then outlived young-generation GCs, ~0.1 ms more CPU per request than the
   * pool's query(). Errors are wrapped as DataSource.query wraps them, so the exception filter
   * answers alike (e.g. 400 for a malformed value). TypeORM's query logging does not see these.
   */
  private async read(sql: string, params: unknown[]): Promise<Record<string, any>[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    try {
      return (await pool.query(sql, params)).rows;
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  private async timeZone(userId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    return row?.time_zone ?? 'UTC';
  }

  async assertExists(userId: string, personId: string): Promise<void> {
    if (!(await this.people.existsBy({ id: personId, userId }))) throw new NotFoundError('person', personId);
  }

  private async lockedPerson(em: EntityManager, userId: string, id: string): Promise<Person> {
    const person = await em.findOne(Person, { where: { id, userId }, withDeleted: true, lock: { mode: 'pessimistic_write', tables: ['people'] } });
    if (!person) throw new NotFoundError('person', id);
    if (person.deletedAt) throw new PersonDeletedError(id);
    const withRelations = await em.findOneOrFail(Person, { where: { id }, relations: { organization: true, team: true } });
    return withRelations;
  }

  /** Validates and normalizes input onto the entity; throws one 400 listing every bad field. */
  private async apply(userId: string, person: Person, input: PersonInput): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.fullName !== undefined) {
      const fullName = input.fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
      if (!fullName) problems.push({ field: 'fullName', problem: 'must not be empty' });
      person.fullName = fullName;
      person.nameFolded = foldName(fullName);
      if (input.givenName === undefined && input.familyName === undefined && !person.givenName && !person.familyName) {
        const split = splitFullName(fullName);
        person.givenName = split.givenName ?? null;
        person.familyName = split.familyName ?? null;
      }
    }
    for (const key of ['givenName', 'familyName', 'headline', 'role', 'howWeMet', 'notes', 'nextFollowUpAt'] as const) {
      if (input[key] !== undefined) person[key] = input[key] === null ? null : (input[key] as string).normalize('NFC').trim() || null;
    }
    // A date set by the user replaces a follow-up Dossier suggested, and its reason.
    if (input.nextFollowUpAt !== undefined) person.nextFollowUpReason = null;
    if (input.followUpCadenceDays !== undefined) person.followUpCadenceDays = input.followUpCadenceDays;
    if (input.relationshipStage !== undefined) person.relationshipStage = input.relationshipStage;
    if (input.tags !== undefined) person.tags = uniq(input.tags.map((t) => t.trim()).filter(Boolean));
    if (input.emails !== undefined) {
      const emails: string[] = [];
      input.emails.forEach((raw, i) => {
        const email = normalizeEmail(raw);
        if (email) emails.push(email);
        else problems.push({ field: `emails.${i}`, problem: 'is not an email address' });
      });
      person.emails = uniq(emails);
    }
    if (input.phones !== undefined) {
      const phones = new Map<string, string>();
      input.phones.forEach((raw, i) => {
        const phone = normalizePhone(raw);
        if (!phone) problems.push({ field: `phones.${i}`, problem: 'is not a phone number (digits, with +, spaces, dots, dashes, parentheses or an extension)' });
        else if (!phones.has(phoneKey(phone))) phones.set(phoneKey(phone), phone);
      });
      person.phones = [...phones.values()];
    }
    if (input.links !== undefined) {
      const removals = Object.entries(input.links).filter(([, v]) => v === null || v === '').map(([k]) => k);
      const { links, problems: linkProblems } = normalizeLinks(Object.fromEntries(Object.entries(input.links).filter(([, v]) => v !== null && v !== '')));
      problems.push(...linkProblems);
      for (const kind of removals) {
        if (!(LINK_KINDS as readonly string[]).includes(kind)) problems.push({ field: `links.${kind}`, problem: 'is not a known link kind' });
      }
      const next: PersonLinks = { ...person.links, ...links };
      for (const kind of removals) delete next[kind as keyof PersonLinks];
      person.links = next;
    }
    if (input.organizationId !== undefined) person.organizationId = input.organizationId;
    if (input.teamId !== undefined) person.teamId = input.teamId;
    if (problems.length > 0) throw new InvalidPersonError(problems);
    if (input.organizationId !== undefined || input.teamId !== undefined) {
      await this.organizations.assertOwned(userId, person.organizationId, person.teamId);
      // A team implies its organization.
      if (person.teamId && !person.organizationId) person.organizationId = (await this.organizations.teamOrganization(userId, person.teamId)) ?? null;
    }
  }
}

function combine(survivor: Person, other: Person): { merged: Person; conflicts: MergePreview['conflicts'] } {
  const merged: Person = { ...survivor, links: { ...survivor.links } };
  const conflicts: MergePreview['conflicts'] = [];
  for (const key of ['givenName', 'familyName', 'headline', 'role', 'organizationId', 'teamId', 'howWeMet', 'followUpCadenceDays'] as const) {
    const kept = survivor[key];
    const dropped = other[key];
    if (kept === null || kept === undefined) (merged as unknown as Record<string, unknown>)[key] = dropped;
    else if (dropped !== null && dropped !== undefined && dropped !== kept) conflicts.push({ field: key, kept, dropped });
  }
  // The sooner follow-up wins, with its reason (e.g. a thank-you suggested on the merged-in record).
  const [sooner, later] = other.nextFollowUpAt && (!survivor.nextFollowUpAt || other.nextFollowUpAt < survivor.nextFollowUpAt) ? [other, survivor] : [survivor, other];
  merged.nextFollowUpAt = sooner.nextFollowUpAt;
  merged.nextFollowUpReason = sooner.nextFollowUpReason;
  if (later.nextFollowUpAt && later.nextFollowUpAt !== sooner.nextFollowUpAt) conflicts.push({ field: 'nextFollowUpAt', kept: sooner.nextFollowUpAt, dropped: later.nextFollowUpAt });
  // A team implies its organization: the other's team comes along only with the organization kept.
  if (merged.teamId !== survivor.teamId && merged.organizationId !== other.organizationId) merged.teamId = survivor.teamId;
  merged.organization = merged.organizationId === survivor.organizationId ? survivor.organization : other.organization;
  merged.team = merged.teamId === survivor.teamId ? survivor.team : other.team;
  if (survivor.fullName !== other.fullName) conflicts.push({ field: 'fullName', kept: survivor.fullName, dropped: other.fullName });
  for (const [kind, value] of Object.entries(other.links) as [keyof PersonLinks, string][]) {
    if (!merged.links[kind]) merged.links[kind] = value;
    else if (merged.links[kind] !== value) conflicts.push({ field: `links.${kind}`, kept: merged.links[kind], dropped: value });
  }
  merged.emails = uniq([...survivor.emails, ...other.emails]);
  const phones = new Map<string, string>();
  for (const phone of [...survivor.phones, ...other.phones]) if (!phones.has(phoneKey(phone))) phones.set(phoneKey(phone), phone);
  merged.phones = [...phones.values()];
  merged.tags = uniq([...survivor.tags, ...other.tags]);
  merged.notes = [survivor.notes, other.notes].filter(Boolean).join('\n\n') || null;
  const stages = ['stranger', 'acquainted', 'engaged', 'advocate'];
  if (stages.indexOf(other.relationshipStage) > stages.indexOf(survivor.relationshipStage)) merged.relationshipStage = other.relationshipStage;
  merged.lastInteractionAt = latest(survivor.lastInteractionAt, other.lastInteractionAt);
  merged.createdAt = survivor.createdAt < other.createdAt ? survivor.createdAt : other.createdAt;
  return { merged, conflicts };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * What identifies a person in text, lower case: their name, each email and each link. (Their given
 * or family name alone would also match everyone who shares it.)
 */
export function personNeedles(person: Pick<Person, 'fullName' | 'emails' | 'links'>): string[] {
  const values = [person.fullName, ...person.emails, ...Object.values(person.links ?? {})];
  return [...new Set(values.filter((v): v is string => typeof v === 'string').map((v) => v.trim().toLowerCase()).filter((v) => v.length >= 3))];
}
