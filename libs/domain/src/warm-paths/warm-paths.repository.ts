import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIVE_PEOPLE } from '../people/repository/people.relations';
import { AUTHORSHIPS_WITH_QUERIES_SQL, matchAuthorshipsSql, peopleAuthorKeysSql, queriedSourcesSql } from '../works/index';
import { WORK_AUTHOR_QUERIES, WORK_AUTHORSHIPS, WORKS } from '../works/repository/works.relations';

/** Intermediates listed per contact on an indirect path; `throughCount` gives them all. */
export const THROUGH_PER_CONTACT = 5;

const WORK_ORDER = 'w.year DESC NULLS LAST, w.publication_date DESC NULLS LAST, w.id';

/** Up to $3 works of an array of work ids, newest first, as JSON. */
const worksJson = (ids: string): string => `
  (SELECT coalesce(json_agg(json_build_object('id', w.id, 'title', w.title, 'year', w.year, 'venue', w.venue, 'doi', w.doi, 'arxivId', w.arxiv_id) ORDER BY ${WORK_ORDER}), '[]'::json)
     FROM (SELECT w.* FROM ${WORKS} w WHERE w.id = ANY(${ids}) ORDER BY ${WORK_ORDER} LIMIT $3) w)`;

const contactJson = (c: string): string =>
  `json_build_object('id', ${c}.id, 'fullName', ${c}.full_name, 'headline', ${c}.headline, 'role', ${c}.role, 'organizationId', ${c}.organization_id)`;

/**
 * $1 interviewer, $2 user, $3 works per path, $4 contacts per list. Written when asked for, not when
 * the file loads: which sources' identities are author queries comes from the registry, which a
 * plug-in may join before the apps are built.
 */
export const warmPathsSql = (): string => `
  WITH interviewer AS (
    SELECT p.id, p.orcid FROM ${LIVE_PEOPLE} p WHERE p.id = $1 AND p.user_id = $2
  ),
  contacts AS (
    -- Deleted people are not contacts (and erased ones are gone).
    SELECT p.id, p.full_name, p.headline, p.role, p.organization_id, p.orcid
      FROM ${LIVE_PEOPLE} p WHERE p.user_id = $2 AND p.id <> $1
  ),
  interviewer_keys AS (${peopleAuthorKeysSql('interviewer', '$2')}),
  contact_keys AS (${peopleAuthorKeysSql('contacts', '$2')}),
  theirs AS (
    -- The interviewer's own places on the records that list them.
    SELECT DISTINCT m.record_id, m.position, m.work_id FROM (${matchAuthorshipsSql(WORK_AUTHORSHIPS, 'interviewer_keys')}) m
  ),
  contact_rows AS (
    -- Every place of every contact on a record in the cache.
    SELECT DISTINCT m.person_id, m.record_id, m.position, m.work_id FROM (${matchAuthorshipsSql(WORK_AUTHORSHIPS, 'contact_keys')}) m
  ),
  their_works AS MATERIALIZED (
    -- A join on this set, not IN (SELECT … FROM theirs): the planner, misled by the CTEs' row
    -- estimates, ran that as a nested loop over every pair (78 of 82 ms for 500 works).
    SELECT DISTINCT work_id FROM theirs
  ),
  beside AS (
    -- Contacts on any source's record of the interviewer's works: a contact known at one source is
    -- found even when the interviewer is linked at another.
    SELECT cr.* FROM contact_rows cr JOIN their_works tw ON tw.work_id = cr.work_id
     WHERE NOT EXISTS (SELECT 1 FROM theirs t WHERE t.record_id = cr.record_id AND t.position = cr.position)
  ),
  direct AS (
    SELECT b.person_id, array_agg(DISTINCT b.work_id) AS work_ids FROM beside b GROUP BY b.person_id
  ),
  direct_ranked AS (
    SELECT d.person_id, d.work_ids, cardinality(d.work_ids) AS n, (SELECT max(w.year) FROM ${WORKS} w WHERE w.id = ANY(d.work_ids)) AS latest_year
      FROM direct d
  ),
  coauthor_rows AS MATERIALIZED (
    -- The intermediates: the other authors of the records that list the interviewer, each known by
    -- an ORCID iD when any of their rows gives one at that source id, else by that source id.
    SELECT a.record_id, a.position, a.work_id, a.author_count, a.source, a.source_author_id, a.orcid, a.name,
           coalesce('orcid:' || a.orcid,
                    'orcid:' || max(a.orcid) OVER (PARTITION BY a.source, a.source_author_id),
                    a.source || ':' || a.source_author_id) AS key
      FROM (SELECT DISTINCT record_id FROM theirs) tr JOIN (${AUTHORSHIPS_WITH_QUERIES_SQL}) a ON a.record_id = tr.record_id
     WHERE (a.source_author_id IS NOT NULL OR a.orcid IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM theirs t WHERE t.record_id = a.record_id AND t.position = a.position)
  ),
  aliases AS (
    -- One author on two sources' records of the same work, without an ORCID iD to tie them: the same
    -- place in an author list of the same length, under the same family name. A name alone never is.
    SELECT g.key, min(g.grp) AS xkey FROM (
      SELECT c.key, min(c.key) OVER (PARTITION BY c.work_id, c.position, c.author_count, lower(substring(c.name from '(\\S+)\\s*$'))) AS grp FROM coauthor_rows c
    ) g GROUP BY g.key
  ),
  coauthors AS MATERIALIZED (
    SELECT c.*, al.xkey FROM coauthor_rows c JOIN aliases al ON al.key = c.key
  ),
  x_ids AS (SELECT DISTINCT xkey, source, source_author_id FROM coauthors WHERE source_author_id IS NOT NULL),
  x_orcids AS (SELECT DISTINCT xkey, orcid FROM coauthors WHERE orcid IS NOT NULL),
  x_rows AS (
    -- Every record in the cache that lists an intermediate.
    SELECT DISTINCT x.xkey, x.record_id, x.position FROM (
      SELECT xi.xkey, a.record_id, a.position FROM x_ids xi JOIN ${WORK_AUTHORSHIPS} a ON a.source = xi.source AND a.source_author_id = xi.source_author_id
      UNION ALL
      SELECT xo.xkey, a.record_id, a.position FROM x_orcids xo JOIN ${WORK_AUTHORSHIPS} a ON a.orcid = xo.orcid
      UNION ALL
      SELECT xi.xkey, q.record_id, q.position FROM x_ids xi JOIN ${WORK_AUTHOR_QUERIES} q ON ${queriedSourcesSql('xi.source')} AND q.query = xi.source_author_id
    ) x
  ),
  via_rows AS (
    -- Contacts on those records, beside the intermediate; one already direct is not repeated.
    SELECT DISTINCT cr.person_id, x.xkey, cr.work_id FROM x_rows x JOIN contact_rows cr ON cr.record_id = x.record_id AND cr.position <> x.position
     WHERE NOT EXISTS (SELECT 1 FROM direct d WHERE d.person_id = cr.person_id)
  ),
  via_legs AS (
    SELECT v.person_id, v.xkey, array_agg(v.work_id) AS contact_work_ids FROM via_rows v GROUP BY v.person_id, v.xkey
  ),
  x_works AS (
    SELECT c.xkey, array_agg(DISTINCT c.work_id) AS work_ids FROM coauthors c WHERE c.xkey IN (SELECT xkey FROM via_legs) GROUP BY c.xkey
  ),
  paths AS (
    SELECT l.person_id, l.xkey, l.contact_work_ids, xw.work_ids AS interviewer_work_ids,
           cardinality(l.contact_work_ids) + cardinality(xw.work_ids) AS strength,
           (SELECT max(w.year) FROM ${WORKS} w WHERE w.id = ANY(l.contact_work_ids || xw.work_ids)) AS latest_year
      FROM via_legs l JOIN x_works xw USING (xkey)
  ),
  via_ranked AS (
    SELECT p.person_id, max(p.strength) AS best, max(p.latest_year) AS latest_year, count(*)::int AS through_count FROM paths p GROUP BY p.person_id
  ),
  x_info AS MATERIALIZED (
    SELECT c.xkey, mode() WITHIN GROUP (ORDER BY c.name) AS name, max(c.orcid) AS orcid,
           coalesce(jsonb_agg(DISTINCT jsonb_build_object('source', c.source, 'sourceAuthorId', c.source_author_id)) FILTER (WHERE c.source_author_id IS NOT NULL), '[]'::jsonb) AS source_ids
      FROM coauthors c WHERE c.xkey IN (SELECT xkey FROM via_legs) GROUP BY c.xkey
  ),
  x_person AS MATERIALIZED (
    -- An intermediate who is one of the user's contacts: their rows are that contact's.
    SELECT c.xkey, min(cr.person_id::text) AS person_id FROM coauthors c JOIN contact_rows cr ON cr.record_id = c.record_id AND cr.position = c.position
     WHERE c.xkey IN (SELECT xkey FROM via_legs) GROUP BY c.xkey
  )
  SELECT (SELECT count(*) FROM interviewer)::int AS found,
         (SELECT count(*) FROM direct)::int AS direct_total,
         (SELECT count(*) FROM via_ranked)::int AS via_total,
         (SELECT coalesce(json_agg(json_build_object('contact', ${contactJson('d')}, 'sharedWorkCount', d.n, 'latestYear', d.latest_year, 'sharedWorks', ${worksJson('d.work_ids')})
                                   ORDER BY d.n DESC, d.latest_year DESC NULLS LAST, d.full_name, d.id), '[]'::json)
            FROM (SELECT dr.*, c.* FROM direct_ranked dr JOIN contacts c ON c.id = dr.person_id
                   ORDER BY dr.n DESC, dr.latest_year DESC NULLS LAST, c.full_name, c.id LIMIT $4) d) AS direct,
         (SELECT coalesce(json_agg(json_build_object('contact', ${contactJson('v')}, 'throughCount', v.through_count, 'latestYear', v.latest_year, 'through',
                   (SELECT json_agg(json_build_object(
                             'coauthor', json_build_object('name', xi.name, 'orcid', xi.orcid, 'sourceIds', xi.source_ids, 'personId', xp.person_id),
                             'worksWithInterviewerCount', cardinality(p.interviewer_work_ids), 'worksWithInterviewer', ${worksJson('p.interviewer_work_ids')},
                             'worksWithContactCount', cardinality(p.contact_work_ids), 'worksWithContact', ${worksJson('p.contact_work_ids')},
                             'latestYear', p.latest_year)
                           ORDER BY p.strength DESC, p.latest_year DESC NULLS LAST, xi.name, p.xkey)
                      FROM (SELECT * FROM paths p WHERE p.person_id = v.person_id ORDER BY p.strength DESC, p.latest_year DESC NULLS LAST, p.xkey LIMIT ${THROUGH_PER_CONTACT}) p
                      JOIN x_info xi USING (xkey) LEFT JOIN x_person xp USING (xkey)))
                   ORDER BY v.best DESC, v.latest_year DESC NULLS LAST, v.full_name, v.id), '[]'::json)
            FROM (SELECT vr.*, c.* FROM via_ranked vr JOIN contacts c ON c.id = vr.person_id
                   ORDER BY vr.best DESC, vr.latest_year DESC NULLS LAST, c.full_name, c.id LIMIT $4) v) AS via`;

/** The one statement of warm paths (see WarmPathsService for what it answers). */
@Injectable()
export class WarmPathsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row: found (0 when the person is not the user's), direct, direct_total, via, via_total. */
  async forPerson(userId: string, personId: string, works: number, limit: number): Promise<Record<string, any>> {
    const [row] = (await this.dataSource.query(warmPathsSql(), [personId, userId, works, limit])) as Record<string, any>[];
    return row;
  }
}
