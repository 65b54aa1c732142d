// Hand-written SQL for the two hottest reads, GET /people and GET /people/:id (see `npm run bench:api`).
//
// Through TypeORM most of their time went into building the SQL and hydrating entities on every
// request, and a findOne with relations cost two round trips. Here each read is one statement, and
// rows are mapped by hand to the shape TypeORM returns: a Person with every column, whose
// organization and team carry only id and name (all that responses show). Writes and the other
// reads stay on TypeORM. bench/api/bare-server.ts runs the same statements: keep the two in step.
// The other modules' tables (organizations, applications, referrals, …) are joined through their
// published relations, inline views the planner pulls up: the plans are those of the bare tables.
import { ACCOUNTS } from '../accounts/repository/accounts.relations';
import type { Application } from '../applications/index';
import { APPLICATIONS } from '../applications/repository/applications.relations';
import { INTERACTIONS } from '../interactions/repository/interactions.relations';
import type { Organization, Team } from '../organizations/index';
import { ORGANIZATIONS, TEAMS } from '../organizations/repository/organizations.relations';
import type { Referral } from '../referrals/index';
import { REFERRALS } from '../referrals/repository/referrals.relations';
import { escapeLike } from '../shared/sql';
import { foldName, foldText } from '../shared/text/index';
import type { Asks, PeopleQuery, PeopleSort } from './people.types';
import type { Person } from './person.entity';

/** A person's page: the record, what the user asked of them, and the referrals they offered or made. */
export interface PersonDetail {
  person: Person;
  asks: Asks;
  referrals: Referral[];
}

/** Every column of people, with the organization's and team's id and name; `date` as 'yyyy-mm-dd' text, as TypeORM gives it. */
export const PERSON_COLUMNS = `p.id, p.user_id, p.full_name, p.given_name, p.family_name, p.name_folded, p.headline, p.role,
  p.organization_id, o.id AS org_id, o.name AS org_name, p.team_id, t.id AS team_ref_id, t.name AS team_name,
  p.emails, p.phones, p.links, p.tags, p.how_we_met, p.relationship_stage, p.notes,
  to_char(p.next_follow_up_at, 'YYYY-MM-DD') AS next_follow_up_at, p.next_follow_up_reason, p.follow_up_cadence_days,
  p.last_interaction_at, p.created_at, p.updated_at, p.deleted_at`;
export const PERSON_FROM = `people p
  LEFT JOIN ${ORGANIZATIONS} o ON o.id = p.organization_id
  LEFT JOIN ${TEAMS} t ON t.id = p.team_id`;

/** One person by id ($1) of a user ($2). */
export const PERSON_BY_ID = `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id = $1 AND p.user_id = $2 AND p.deleted_at IS NULL`;
export const PERSON_BY_ID_WITH_DELETED = `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id = $1 AND p.user_id = $2`;

/** A referral on the other side of a reroute (`c`, its application `ca`, organization `co`, team `ct`) as JSON. */
const CARRIED_REFERRAL = `json_build_object('id', c.id, 'applicationId', c.application_id, 'createdAt', c.created_at, 'role', ca.role, 'status', ca.status,
  'organizationId', ca.organization_id, 'organizationName', co.name, 'teamId', ct.id, 'teamName', ct.name)`;

/**
 * The person page ($1 id, $2 user) in one round trip: one row per referral they made (newest first),
 * or a single row when they made none, each with the person and their asks.
 *  - asks: interactions with `asked` set, plus every referral asked of them, each dated by its own
 *    date: when it happened for an interaction; for a referral its first recorded step (discussed,
 *    or offered when it began there: midnight in the user's time zone), else when it was recorded.
 *    lastAskedAt is the latest of these, never the day a past ask was typed in; a referral a reroute
 *    carried over is the same ask, not another;
 *  - referrals: with the application, its organization and team, and the recruiter, who is shown
 *    even when soft-deleted (as ReferralsService loads referrals).
 */
export const PERSON_DETAIL = `SELECT ${PERSON_COLUMNS}, asks.count AS asks_count, asks.last AS asks_last_at,
  r.id AS r_id, r.application_id AS r_application_id, r.recruiter_id AS r_recruiter_id, r.status AS r_status,
  r.status_dates AS r_status_dates, r.notes AS r_notes, r.created_at AS r_created_at, r.updated_at AS r_updated_at,
  a.role AS a_role, a.status AS a_status, a.organization_id AS a_organization_id, aorg.name AS a_organization_name,
  ateam.id AS a_team_id, ateam.name AS a_team_name, rec.id AS rec_id, rec.full_name AS rec_full_name,
  (SELECT ${CARRIED_REFERRAL} FROM ${REFERRALS} c JOIN ${APPLICATIONS} ca ON ca.id = c.application_id
     JOIN ${ORGANIZATIONS} co ON co.id = ca.organization_id LEFT JOIN ${TEAMS} ct ON ct.id = ca.team_id
    WHERE c.id = r.carried_from_id) AS r_carried_from,
  (SELECT coalesce(json_agg(${CARRIED_REFERRAL} ORDER BY c.created_at, c.id), '[]') FROM ${REFERRALS} c JOIN ${APPLICATIONS} ca ON ca.id = c.application_id
     JOIN ${ORGANIZATIONS} co ON co.id = ca.organization_id LEFT JOIN ${TEAMS} ct ON ct.id = ca.team_id
    WHERE c.carried_from_id = r.id) AS r_carried_to
FROM ${PERSON_FROM}
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS count, max(asked.at) AS last FROM (
      SELECT i.occurred_at AS at FROM ${INTERACTIONS} i WHERE i.user_id = p.user_id AND i.person_id = p.id AND i.asked IS NOT NULL
      UNION ALL
      SELECT COALESCE(((SELECT min(d.value::date) FROM jsonb_each_text(ar.status_dates) d))::timestamp AT TIME ZONE u.time_zone, ar.created_at)
        FROM ${REFERRALS} ar JOIN ${ACCOUNTS} u ON u.id = ar.user_id WHERE ar.user_id = p.user_id AND ar.referrer_id = p.id
          AND ar.carried_from_id IS NULL
    ) asked
  ) asks
  LEFT JOIN ${REFERRALS} r ON r.user_id = p.user_id AND r.referrer_id = p.id
  LEFT JOIN ${APPLICATIONS} a ON a.id = r.application_id
  LEFT JOIN ${ORGANIZATIONS} aorg ON aorg.id = a.organization_id
  LEFT JOIN ${TEAMS} ateam ON ateam.id = a.team_id
  LEFT JOIN people rec ON rec.id = r.recruiter_id
WHERE p.id = $1 AND p.user_id = $2 AND p.deleted_at IS NULL
ORDER BY r.created_at DESC, r.id ASC`;

const SORT_COLUMNS: Record<PeopleSort, string> = {
  name: 'p.name_folded',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
  nextFollowUpAt: 'p.next_follow_up_at',
  lastInteractionAt: 'p.last_interaction_at',
};

export interface ListStatements {
  /** The page, each row with the total of matches (a sub-select run once). */
  page: string;
  pageParams: unknown[];
  /** The total alone: for a page past the end, which has no row to carry it. */
  count: string;
  countParams: unknown[];
}

/** GET /people as SQL. `dueBy` is a date here: the caller resolves `today` in the user's time zone. */
export function listStatements(userId: string, query: PeopleQuery, limit: number, offset: number): ListStatements {
  const params: unknown[] = [userId];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const where = ['p.user_id = $1'];
  if (query.deleted === 'only') where.push('p.deleted_at IS NOT NULL');
  else if (query.deleted !== 'include') where.push('p.deleted_at IS NULL');
  if (query.q) {
    // Names folded as name_folded is stored (accents, case, apostrophes: "oconnor" finds O'Connor), on the
    // stored column itself so its index serves; emails folded for case only; the organization's folded name matches too.
    const folded = param(`%${escapeLike(foldName(query.q))}%`);
    const email = param(`%${escapeLike(foldText(query.q))}%`);
    where.push(`(p.name_folded LIKE ${folded} OR array_to_string(p.emails, ' ') LIKE ${email} OR o.name_folded LIKE ${folded})`);
  }
  // Containment, not `= ANY(tags)`: only this form can use the GIN index on tags.
  if (query.tag) where.push(`p.tags @> ARRAY[${param(query.tag)}]::text[]`);
  if (query.organizationId) where.push(`p.organization_id = ${param(query.organizationId)}`);
  if (query.teamId) where.push(`p.team_id = ${param(query.teamId)}`);
  if (query.stage) where.push(`p.relationship_stage = ${param(query.stage)}`);
  if (query.dueBy) where.push(`p.next_follow_up_at <= ${param(query.dueBy)}`);
  const filter = where.join(' AND ');
  const countParams = [...params];
  // Empty values last in both directions; the id breaks ties so that pages never repeat or skip a person.
  const order = `${SORT_COLUMNS[query.sort ?? 'name'] ?? SORT_COLUMNS.name} ${query.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, p.id ASC`;
  const count = `SELECT count(*)::int AS total FROM ${PERSON_FROM} WHERE ${filter}`;
  const page = `SELECT ${PERSON_COLUMNS}, (${count}) AS total FROM ${PERSON_FROM} WHERE ${filter} ORDER BY ${order} LIMIT ${param(limit)} OFFSET ${param(offset)}`;
  return { page, pageParams: params, count, countParams };
}

/** A row of PERSON_COLUMNS as the Person TypeORM would have loaded (organization and team: id and name only). */
export function personFromRow(r: Record<string, any>): Person {
  return {
    id: r.id,
    userId: r.user_id,
    fullName: r.full_name,
    givenName: r.given_name,
    familyName: r.family_name,
    nameFolded: r.name_folded,
    headline: r.headline,
    role: r.role,
    organizationId: r.organization_id,
    organization: r.org_id ? ({ id: r.org_id, name: r.org_name } as Organization) : null,
    teamId: r.team_id,
    team: r.team_ref_id ? ({ id: r.team_ref_id, name: r.team_name } as Team) : null,
    emails: r.emails,
    phones: r.phones,
    links: r.links,
    tags: r.tags,
    howWeMet: r.how_we_met,
    relationshipStage: r.relationship_stage,
    notes: r.notes,
    nextFollowUpAt: r.next_follow_up_at,
    nextFollowUpReason: r.next_follow_up_reason,
    followUpCadenceDays: r.follow_up_cadence_days,
    lastInteractionAt: r.last_interaction_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** The rows of PERSON_DETAIL as the person, their asks and their referrals (with what ReferralResponse shows). */
export function personDetailFromRows(rows: Record<string, any>[]): PersonDetail {
  const person = personFromRow(rows[0]);
  const referrals = rows
    .filter((r) => r.r_id !== null)
    .map(
      (r): Referral => ({
        id: r.r_id,
        userId: person.userId,
        applicationId: r.r_application_id,
        application: {
          id: r.r_application_id,
          role: r.a_role,
          status: r.a_status,
          organizationId: r.a_organization_id,
          organization: { id: r.a_organization_id, name: r.a_organization_name } as Organization,
          team: r.a_team_id ? ({ id: r.a_team_id, name: r.a_team_name } as Team) : null,
        } as Application,
        referrerId: person.id,
        referrer: person,
        recruiterId: r.r_recruiter_id,
        recruiter: r.rec_id ? ({ id: r.rec_id, fullName: r.rec_full_name } as Person) : null,
        status: r.r_status,
        statusDates: r.r_status_dates,
        notes: r.r_notes,
        carriedFromId: r.r_carried_from?.id ?? null,
        carriedFrom: r.r_carried_from ? carriedReferral(r.r_carried_from) : null,
        carriedTo: (r.r_carried_to as CarriedRow[]).map(carriedReferral),
        createdAt: r.r_created_at,
        updatedAt: r.r_updated_at,
      }),
    );
  return { person, asks: { count: rows[0].asks_count, lastAskedAt: rows[0].asks_last_at }, referrals };
}

interface CarriedRow {
  id: string;
  applicationId: string;
  createdAt: string;
  role: string;
  status: Application['status'];
  organizationId: string;
  organizationName: string;
  teamId: string | null;
  teamName: string | null;
}

/** What ReferralResponse shows of a referral carried over by a reroute. */
function carriedReferral(c: CarriedRow): Referral {
  return {
    id: c.id,
    applicationId: c.applicationId,
    createdAt: new Date(c.createdAt),
    application: {
      id: c.applicationId,
      role: c.role,
      status: c.status,
      organizationId: c.organizationId,
      organization: { id: c.organizationId, name: c.organizationName } as Organization,
      team: c.teamId ? ({ id: c.teamId, name: c.teamName } as Team) : null,
    } as Application,
  } as Referral;
}
