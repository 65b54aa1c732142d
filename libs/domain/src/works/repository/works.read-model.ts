import type { DataSource, EntityManager } from 'typeorm';
import { LIVE_PEOPLE } from '../../people/repository/people.relations';
import { matchAuthorshipsSql, peopleAuthorKeysSql } from '../person-authorships';
import { RECORDS_JSON, WORK_COLUMNS } from '../works-query.repository';
import { authorPosition, PersonWork, recordsFromJson, sourceOrder, workFromRow } from '../works-query.service';

/**
 * Every work of each of `personIds` (the user's people, not in the trash), most cited first, in one
 * statement: what a briefing and an interview's checklist need of several people at once. The
 * person's position follows the same rule as WorksQueryService.forPerson (the one most records
 * give, then the most trusted source's).
 */
export async function worksOfPeople(db: DataSource | EntityManager, userId: string, personIds: string[], options: { withAbstract?: boolean } = {}): Promise<Map<string, PersonWork[]>> {
  const out = new Map<string, PersonWork[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return out;
  const rows = (await db.query(
    `WITH person AS (
       SELECT p.id, p.orcid FROM ${LIVE_PEOPLE} p WHERE p.id = ANY($2::uuid[]) AND p.user_id = $3
     ),
     person_keys AS (${peopleAuthorKeysSql('person', '$3')}),
     mine AS (
       SELECT DISTINCT ON (a.person_id, a.record_id) a.person_id, a.record_id, a.work_id, a.position, a.author_count, array_position($1::text[], a.source) AS rank
         FROM (${matchAuthorshipsSql('work_authorships', 'person_keys')}) a
        ORDER BY a.person_id, a.record_id, a.position
     ),
     chosen AS (
       SELECT DISTINCT ON (person_id, work_id) person_id, work_id, position FROM mine
        GROUP BY person_id, work_id, position ORDER BY person_id, work_id, count(*) DESC, min(rank), position
     ),
     positions AS (
       SELECT DISTINCT ON (m.person_id, m.work_id) m.person_id, m.work_id, m.position, m.author_count FROM mine m JOIN chosen c USING (person_id, work_id, position)
        GROUP BY m.person_id, m.work_id, m.position, m.author_count ORDER BY m.person_id, m.work_id, count(*) DESC, min(m.rank), m.author_count DESC
     )
     SELECT p.person_id, ${WORK_COLUMNS}, ${options.withAbstract ? 'w.abstract' : 'NULL::text'} AS abstract, p.position, p.author_count, ${RECORDS_JSON} AS records
       FROM positions p JOIN works w ON w.id = p.work_id
      ORDER BY p.person_id, w.citation_count DESC NULLS LAST, w.id`,
    [sourceOrder(), personIds, userId],
  )) as Record<string, any>[];
  for (const row of rows) {
    out.get(row.person_id)?.push({ work: workFromRow(row, options.withAbstract === true), authorship: authorPosition(row.position, row.author_count), records: recordsFromJson(row.records) });
  }
  return out;
}

/** Each work's authors in order, from its most trusted record that lists any. */
export async function authorsOfWorks(db: DataSource | EntityManager, workIds: string[]): Promise<Map<string, string[]>> {
  if (workIds.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT DISTINCT ON (r.work_id) r.work_id, (SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id) AS authors
       FROM work_records r WHERE r.work_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM work_authorships a WHERE a.record_id = r.id)
      ORDER BY r.work_id, array_position($2::text[], r.source), r.source_id`,
    [workIds, sourceOrder()],
  )) as { work_id: string; authors: string[] }[];
  return new Map(rows.map((r) => [r.work_id, r.authors]));
}

/** A work new for one account: by one of the interviewers on its upcoming interviews. */
export interface NewInterviewerWorkFacts {
  userId: string;
  workId: string;
  title: string;
  year: number | null;
  venue: string | null;
  /** A link to read it: open access, the DOI, or arXiv; null when there is none. */
  url: string | null;
  /** The account's people it is by, by name. */
  people: { id: string; fullName: string }[];
  arrivedAt: Date;
}

/**
 * For many accounts at once, each with its own `since`: the works first cached after it (as on
 * Today's new works) by `interviewers`, the people on the account's upcoming interviews (as the
 * interviews module lists them; those in the trash are left out), newest first, at most
 * `perAccount` each, with each account's total. One statement however many accounts; authorships
 * are a person's by the one rule (person-authorships.ts).
 */
export async function newInterviewerWorksOfAccounts(
  db: DataSource | EntityManager,
  accounts: { userId: string; since: Date }[],
  interviewers: { userId: string; personId: string }[],
  perAccount: number,
): Promise<{ items: NewInterviewerWorkFacts[]; totals: Map<string, number> }> {
  if (accounts.length === 0 || interviewers.length === 0) return { items: [], totals: new Map() };
  const rows = (await db.query(
    `WITH acc AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS a(user_id, since)),
     chosen AS (
       SELECT DISTINCT p.id, p.user_id, p.orcid
         FROM unnest($3::uuid[], $4::uuid[]) AS ch(user_id, person_id)
         JOIN acc ON acc.user_id = ch.user_id
         JOIN ${LIVE_PEOPLE} p ON p.id = ch.person_id AND p.user_id = ch.user_id
     ),
     person_keys AS (${peopleAuthorKeysSql('chosen', 'pk.user_id')}),
     matched AS (SELECT DISTINCT m.person_id, m.work_id FROM (${matchAuthorshipsSql('work_authorships', 'person_keys')}) m),
     arrived AS (
       SELECT c.user_id, w.id, w.title, w.year, w.venue, coalesce(w.open_access_url, 'https://doi.org/' || w.doi, 'https://arxiv.org/abs/' || w.arxiv_id) AS url, w.created_at,
              json_agg(json_build_object('id', p.id, 'fullName', p.full_name) ORDER BY p.name_folded, p.id) AS people
         FROM matched mt JOIN chosen c ON c.id = mt.person_id JOIN acc ON acc.user_id = c.user_id
         JOIN works w ON w.id = mt.work_id AND w.created_at > acc.since
         JOIN ${LIVE_PEOPLE} p ON p.id = mt.person_id
        GROUP BY c.user_id, w.id
     ),
     numbered AS (SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, id) AS n, count(*) OVER (PARTITION BY user_id)::int AS total FROM arrived)
     SELECT * FROM numbered WHERE n <= $5 ORDER BY user_id, n`,
    [accounts.map((a) => a.userId), accounts.map((a) => a.since), interviewers.map((i) => i.userId), interviewers.map((i) => i.personId), perAccount],
  )) as { user_id: string; id: string; title: string; year: number | null; venue: string | null; url: string | null; created_at: Date; people: { id: string; fullName: string }[]; total: number }[];
  return {
    items: rows.map((r) => ({ userId: r.user_id, workId: r.id, title: r.title, year: r.year, venue: r.venue, url: r.url, people: r.people, arrivedAt: new Date(r.created_at) })),
    totals: new Map(rows.map((r) => [r.user_id, r.total])),
  };
}
