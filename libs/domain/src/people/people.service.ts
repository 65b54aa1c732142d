import { Injectable } from '@nestjs/common';
import { FieldProblem, JobQueue, NotFoundError } from '#platform';
import { IdempotencyKeysService, TimeZonesService } from '../accounts/index';
import type { DossierJobs } from '../jobs/index';
import { OrganizationsService } from '../organizations/index';
import { foldName, foldText, LINK_KINDS, normalizeEmail, normalizeLinks, PersonLinks, splitFullName } from '../shared/text/index';
import { normalizePhone, phoneKey } from './phone-numbers';
import { InvalidPersonError, MergeSelfError, PersonDeletedError } from './people.errors';
import type { PersonDetail } from './people.queries';
import { DuplicateReason, PeopleRepository } from './people.repository';
import { Page, PeopleQuery, PersonInput } from './people.types';
import { Person } from './person.entity';
import type { PersonCard } from './repository/people.read-model';
import { PersonReferences } from './person-references';
import { addDays, dateIn } from '../shared/dates';
import type { EntityManager } from 'typeorm';

export type { PersonDetail } from './people.queries';

export interface DuplicateGroup {
  reason: DuplicateReason;
  value: string;
  people: Person[];
}

/**
 * A module's part of erasing a person, run inside the erasure's transaction with the person's
 * needles (see personNeedles): it answers what it erased, by kind, and the ids that belong to this
 * person alone (queued jobs naming them are removed too).
 */
export type PersonErasureStep = (em: EntityManager, needles: string[]) => Promise<{ erased: Record<string, number>; jobNeedles?: string[] }>;

/**
 * A module's part of an applied merge, run inside the merge's transaction once the rows that point
 * at the merged person have moved to the survivor, before the merged person is deleted: the modules
 * above people rewrite there what they keep of them (import reports name the person a row was about).
 */
export type PersonMergeHandler = (em: EntityManager, merge: { userId: string; survivorId: string; mergedId: string }) => Promise<void>;

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
  private readonly mergeHandlers: PersonMergeHandler[] = [];

  constructor(
    private readonly people: PeopleRepository,
    private readonly organizations: OrganizationsService,
    private readonly timeZones: TimeZonesService,
    private readonly idempotencyKeys: IdempotencyKeysService,
    private readonly jobs: JobQueue<DossierJobs>,
    private readonly references: PersonReferences,
  ) {}

  async create(userId: string, input: PersonInput & { fullName: string }): Promise<Person> {
    const person = this.people.build({ userId, emails: [], phones: [], links: {}, tags: [], relationshipStage: 'stranger' });
    await this.apply(userId, person, input);
    await this.people.insert(person);
    return this.get(userId, person.id);
  }

  /** GET /people: one hand-written statement (people.queries.ts), the page with its total. */
  async list(userId: string, query: PeopleQuery): Promise<Page<Person>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    // "today" is the user's today, as in the follow-ups list, not the server's.
    const dueBy = query.dueBy === 'today' ? dateIn(await this.timeZones.of(userId), new Date()) : query.dueBy;
    const { items, total } = await this.people.listPage(userId, { ...query, dueBy }, limit, offset);
    return { items, total, limit, offset };
  }

  /** One statement (findOne with relations took two round trips: a DISTINCT id query, then the row). */
  async get(userId: string, id: string, options: { withDeleted?: boolean } = {}): Promise<Person> {
    const person = await this.people.findById(userId, id, options.withDeleted);
    if (!person) throw new NotFoundError('person', id);
    return person;
  }

  /** GET /people/:id: the person, what the user asked of them and the referrals they made, in one round trip. */
  async detail(userId: string, id: string): Promise<PersonDetail> {
    const detail = await this.people.findDetail(userId, id);
    if (!detail) throw new NotFoundError('person', id);
    return detail;
  }

  /** The user's people among `ids` not in the trash, as cards (name, headline, role, organization), by id: one read for them all. */
  liveCards(userId: string, ids: string[]): Promise<Map<string, PersonCard & { organizationId: string | null }>> {
    return this.people.liveCards(userId, [...new Set(ids)]);
  }

  /** Every (not deleted) person of the user, by name: for whole-network exports. */
  listAll(userId: string): Promise<Person[]> {
    return this.people.findAll(userId);
  }

  async update(userId: string, id: string, input: PersonInput): Promise<Person> {
    const person = await this.get(userId, id);
    await this.apply(userId, person, input);
    // Leave out the timestamps as loaded: TypeORM only sets updated_at to now when it is not given.
    const { organization: _o, team: _t, createdAt: _c, updatedAt: _u, deletedAt: _d, ...columns } = person;
    await this.people.update(userId, id, columns);
    return this.get(userId, id);
  }

  async softDelete(userId: string, id: string): Promise<void> {
    if (!(await this.people.softDelete(userId, id))) throw new NotFoundError('person', id);
  }

  async restore(userId: string, id: string): Promise<Person> {
    if (!(await this.people.restore(userId, id))) throw new NotFoundError('person', id);
    return this.get(userId, id);
  }

  /**
   * Deletes the person and everything about them, for good (their data is theirs, not the user's):
   * every other trace the account holds of their name, emails and links, through `steps` of the
   * modules above people (import report rows, briefing versions, webhook deliveries, and the ids of
   * sync runs whose jobs name only those: see PersonErasureService), run first so that they still
   * find their rows; then the rows that point at them (PersonReferences), stored answers to
   * Idempotency-Key writes, and after the commit queued and finished jobs and their events. Free text the user wrote on their own records (an
   * application's notes) is the user's and stays as written.
   */
  async erase(userId: string, id: string, steps: PersonErasureStep[] = []): Promise<{ erased: Record<string, number> }> {
    const { erased, jobNeedles } = await this.people.transaction(async (em) => {
      const person = await this.people.findWithDeleted(em, userId, id);
      if (!person) throw new NotFoundError('person', id);
      const needles = personNeedles(person);
      const erased: Record<string, number> = {};
      const stepNeedles: string[] = [];
      for (const step of steps) {
        const done = await step(em, needles);
        Object.assign(erased, done.erased);
        stepNeedles.push(...(done.jobNeedles ?? []));
      }
      for (const ref of this.references.list()) erased[ref.label] = (erased[ref.label] ?? 0) + (await ref.erase(em, id));
      await this.people.delete(em, userId, id);
      erased.people = 1;
      erased.idempotencyAnswers = await this.idempotencyKeys.eraseMentioning(em, userId, [...needles, id]);
      // Run and version ids belong to this person alone; their own id is matched only where a job
      // names one person (a scheduled tick's job lists many, and must not go with them).
      return { erased, jobNeedles: [...needles, ...stepNeedles] };
    });
    // After the commit: a queue is not part of the transaction, and the person is gone either way.
    const jobs = await this.jobs.removeJobsMentioning(jobNeedles, (data) => (data as { personId?: unknown } | null)?.personId === id);
    erased.jobs = jobs.removed;
    return { erased };
  }

  /** Likely duplicates: the same email, the same LinkedIn profile, or the same name once accents and case are folded. */
  async findDuplicates(userId: string, page: { limit: number; offset: number }): Promise<Page<DuplicateGroup>> {
    const rows = await this.people.duplicateGroups(userId);
    // Groups are ids only until here: the page's people alone are loaded.
    const pageRows = rows.slice(page.offset, page.offset + page.limit);
    if (pageRows.length === 0) return { items: [], total: rows.length, ...page };
    const people = await this.people.findByIds(userId, pageRows.flatMap((r) => r.ids));
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
    return this.people.transaction(async (em) => {
      // Locked in id order, so two opposite merges of the same pair wait instead of deadlocking.
      const [first, second] = [survivorId, otherId].sort();
      const locked = new Map([[first, await this.lockedPerson(em, userId, first)], [second, await this.lockedPerson(em, userId, second)]]);
      const survivor = locked.get(survivorId)!;
      const other = locked.get(otherId)!;
      const { merged, conflicts } = combine(survivor, other);
      const moved: Record<string, number> = {};
      for (const ref of this.references.list()) moved[ref.label] = await ref.count(em, otherId);
      if (!dryRun) {
        // Both were on the same interview or referred the same application: the survivor's row stays.
        for (const ref of this.references.list()) await ref.moveToSurvivor(em, survivorId, otherId);
        for (const handler of this.mergeHandlers) await handler(em, { userId, survivorId, mergedId: otherId });
        const { organization: _o, team: _t, ...columns } = merged;
        await this.people.update(userId, survivorId, { ...columns, updatedAt: new Date() }, em);
        await this.people.delete(em, userId, otherId);
        // The merged-in timeline may be newer: the last interaction and the cadence follow it.
        await this.touch(em, userId, survivorId);
      }
      const result = dryRun ? merged : await this.people.findWithRelations(em, survivorId);
      return { survivor: result, merged: other, conflicts, moved, applied: !dryRun };
    });
  }

  /**
   * Adds a step every applied merge runs in its transaction (see PersonMergeHandler), by a module
   * above people when it starts: people does not know those modules, they know people.
   */
  whenMerged(handler: PersonMergeHandler): void {
    this.mergeHandlers.push(handler);
  }

  /** Records that the user was in touch: keeps the last-interaction date and advances the cadence. */
  touch(em: EntityManager, userId: string, personId: string): Promise<void> {
    return this.people.touch(em, userId, personId);
  }

  /**
   * Locks a (not deleted) person's row for the rest of the transaction, or throws 404. Writes to one
   * person's timeline or follow-up take it first, so they queue up and each `touch` sees the
   * others' rows; without it the last to commit could keep a stale date.
   */
  async lock(em: EntityManager, userId: string, personId: string): Promise<Person> {
    const person = await this.people.lock(em, userId, personId);
    if (!person) throw new NotFoundError('person', personId);
    return person;
  }

  /** The user was in touch: a follow-up Dossier suggested (e.g. thanking a referrer) is taken care of. */
  clearFollowUpReason(em: EntityManager, userId: string, personId: string): Promise<void> {
    return this.people.clearFollowUpReason(em, userId, personId);
  }

  /** Suggests reaching out the day after `today` with a reason shown in the due list, unless a follow-up is due sooner. */
  suggestFollowUp(em: EntityManager, userId: string, personId: string, today: string, reason: string): Promise<void> {
    return this.people.suggestFollowUp(em, userId, personId, addDays(today, 1), reason);
  }

  /** Sets follow-up columns inside the caller's transaction. */
  async setFollowUp(em: EntityManager, userId: string, personId: string, patch: Pick<Partial<Person>, 'nextFollowUpAt' | 'nextFollowUpReason' | 'followUpCadenceDays'>): Promise<void> {
    await this.people.update(userId, personId, patch, em);
  }

  /** People whose next follow-up is on or before `by`, oldest due first, with the total. */
  findDue(userId: string, by: string, limit: number, offset: number): Promise<[Person[], number]> {
    return this.people.findDue(userId, by, limit, offset);
  }

  /** Every person with a follow-up date, soonest first (for the calendar feed). */
  withFollowUps(userId: string, em?: EntityManager): Promise<Person[]> {
    return this.people.findWithFollowUps(userId, em);
  }

  /** The person's row as stored (no organization or team), or null; inside the caller's transaction if given. */
  find(userId: string, personId: string, em?: EntityManager): Promise<Person | null> {
    return this.people.findOne(userId, personId, em);
  }

  /** Whether the person is the user's (and not deleted), inside the caller's transaction if given. */
  exists(userId: string, personId: string, em?: EntityManager): Promise<boolean> {
    return this.people.exists(userId, personId, em);
  }

  async assertExists(userId: string, personId: string): Promise<void> {
    if (!(await this.people.exists(userId, personId))) throw new NotFoundError('person', personId);
  }

  private async lockedPerson(em: EntityManager, userId: string, id: string): Promise<Person> {
    const person = await this.people.lockWithDeleted(em, userId, id);
    if (!person) throw new NotFoundError('person', id);
    if (person.deletedAt) throw new PersonDeletedError(id);
    return this.people.findWithRelations(em, id);
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
