import type { DataSource, EntityManager } from 'typeorm';
import { organizationNames } from '../../organizations/index';
import type { PersonLinks } from '../../shared/text/index';
import { Person } from '../person.entity';

/** A person as other modules show them: name, headline, role, links, and where they work. */
export interface PersonCard {
  id: string;
  fullName: string;
  headline: string | null;
  role: string | null;
  links: PersonLinks | null;
  organization: string | null;
  team: string | null;
}

/** The user's people among `ids` (in the trash too), in one read; a map by id. */
export async function personCards(db: DataSource | EntityManager, userId: string, ids: string[]): Promise<Map<string, PersonCard>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT p.id, p.full_name, p.headline, p.role, p.links, p.organization_id, p.team_id FROM people p WHERE p.user_id = $1 AND p.id = ANY($2::uuid[])`,
    [userId, ids],
  )) as { id: string; full_name: string; headline: string | null; role: string | null; links: PersonLinks | null; organization_id: string | null; team_id: string | null }[];
  const names = await organizationNames(db, rows.map((r) => r.organization_id), rows.map((r) => r.team_id));
  const nameOf = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);
  return new Map(rows.map((r) => [r.id, { id: r.id, fullName: r.full_name, headline: r.headline, role: r.role, links: r.links, organization: nameOf(names.organizations, r.organization_id), team: nameOf(names.teams, r.team_id) }]));
}

/** The user's people among `ids` not in the trash, by name then id. */
export async function livePeopleNamed(db: DataSource | EntityManager, userId: string, ids: string[]): Promise<{ id: string; fullName: string }[]> {
  if (ids.length === 0) return [];
  return (await db.query('SELECT id, full_name AS "fullName" FROM people WHERE user_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL ORDER BY full_name, id', [userId, ids])) as {
    id: string;
    fullName: string;
  }[];
}

/** The full names of all the user's people (in the trash too). */
export async function allPeopleNames(db: DataSource | EntityManager, userId: string): Promise<string[]> {
  const rows = (await db.query('SELECT full_name FROM people WHERE user_id = $1', [userId])) as { full_name: string }[];
  return rows.map((r) => r.full_name);
}

/**
 * The user's person an imported contact is, or null: the id Dossier wrote into a vCard, then the
 * LinkedIn profile, then an email, then the folded name (the earliest created wins each step). A
 * namesake with another LinkedIn profile is someone else.
 */
export async function findContactMatch(
  db: DataSource | EntityManager,
  userId: string,
  by: { id?: string; linkedin?: string; emails: string[]; nameFolded: string },
): Promise<Person | null> {
  const qb = () => db.getRepository(Person).createQueryBuilder('p').where('p.user_id = :userId', { userId });
  if (by.id) {
    const byId = await qb().andWhere('p.id = :uuid', { uuid: by.id }).getOne();
    if (byId) return byId;
  }
  if (by.linkedin) {
    const byLinkedIn = await qb().andWhere("p.links->>'linkedin' = :linkedin", { linkedin: by.linkedin }).orderBy('p.created_at').getOne();
    if (byLinkedIn) return byLinkedIn;
  }
  if (by.emails.length) {
    const byEmail = await qb().andWhere('p.emails && :emails', { emails: by.emails }).orderBy('p.created_at').getOne();
    if (byEmail) return byEmail;
  }
  const byName = await qb().andWhere('p.name_folded = :name', { name: by.nameFolded }).orderBy('p.created_at').getOne();
  if (byName && by.linkedin && byName.links.linkedin && byName.links.linkedin !== by.linkedin) return null;
  return byName;
}

/**
 * People among `ids` by their folded name, then id (the order panels are listed in), with their
 * headline; people in the trash only with `withDeleted`. The ids come from the caller's own rows.
 */
export async function peopleInNameOrder(db: DataSource | EntityManager, ids: string[], options: { withDeleted?: boolean } = {}): Promise<{ id: string; fullName: string; headline: string | null }[]> {
  if (ids.length === 0) return [];
  return (await db.query(
    `SELECT id, full_name AS "fullName", headline FROM people WHERE id = ANY($1::uuid[])${options.withDeleted ? '' : ' AND deleted_at IS NULL'} ORDER BY name_folded, id`,
    [ids],
  )) as { id: string; fullName: string; headline: string | null }[];
}

/** A follow-up due for one account, as a digest lists it. */
export interface DueFollowUpFacts {
  userId: string;
  personId: string;
  fullName: string;
  organization: string | null;
  /** yyyy-mm-dd */
  dueOn: string;
  /** Why Dossier suggested it, when it did. */
  reason: string | null;
}

/**
 * For many accounts at once, each with its own today (yyyy-mm-dd in its time zone): the people whose
 * next follow-up is on or before that day, not in the trash, oldest due first, at most `perAccount`
 * each, with each account's total. One statement however many accounts, then one for the names of
 * their organizations.
 */
export async function dueFollowUpsOfAccounts(
  db: DataSource | EntityManager,
  days: { userId: string; today: string }[],
  perAccount: number,
): Promise<{ items: DueFollowUpFacts[]; totals: Map<string, number> }> {
  if (days.length === 0) return { items: [], totals: new Map() };
  const rows = (await db.query(
    `WITH day AS (SELECT * FROM unnest($1::uuid[], $2::date[]) AS d(user_id, today)),
     due AS (
       SELECT p.user_id, p.id, p.full_name, p.organization_id, p.next_follow_up_at::text AS due_on, p.next_follow_up_reason AS reason,
              row_number() OVER (PARTITION BY p.user_id ORDER BY p.next_follow_up_at, p.name_folded, p.id) AS n,
              count(*) OVER (PARTITION BY p.user_id)::int AS total
         FROM day JOIN people p ON p.user_id = day.user_id AND p.next_follow_up_at <= day.today AND p.deleted_at IS NULL
     )
     SELECT * FROM due WHERE n <= $3 ORDER BY user_id, n`,
    [days.map((d) => d.userId), days.map((d) => d.today), perAccount],
  )) as { user_id: string; id: string; full_name: string; organization_id: string | null; due_on: string; reason: string | null; total: number }[];
  const names = await organizationNames(db, rows.map((r) => r.organization_id));
  return {
    items: rows.map((r) => ({ userId: r.user_id, personId: r.id, fullName: r.full_name, organization: r.organization_id ? (names.organizations.get(r.organization_id) ?? null) : null, dueOn: r.due_on, reason: r.reason })),
    totals: new Map(rows.map((r) => [r.user_id, r.total])),
  };
}
