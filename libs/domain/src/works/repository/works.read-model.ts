import type { DataSource, EntityManager } from 'typeorm';
import { matchAuthorshipsSql, peopleAuthorKeysSql, personOrcidSql } from '../person-authorships';
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
       SELECT p.id, ${personOrcidSql('p')} AS orcid FROM people p WHERE p.id = ANY($2::uuid[]) AND p.user_id = $3 AND p.deleted_at IS NULL
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
