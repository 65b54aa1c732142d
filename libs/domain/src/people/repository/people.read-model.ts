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
