import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { markWorksSeen, worksSeenMarker } from '../accounts/index';
import { UPCOMING_INTERVIEW_PANELS } from '../interviews/repository/interviews.relations';
import { LIVE_PEOPLE } from '../people/repository/people.relations';
import type { ScholarlySource, WorkType } from '../scholarly/index';
import { matchAuthorshipsSql, peopleAuthorKeysSql } from './person-authorships';
import { resolveWorkId } from './work-ids';

export const WORK_COLUMNS = 'w.id, w.title, w.year, w.publication_date, w.venue, w.type, w.doi, w.arxiv_id, w.citation_count, w.open_access_url, w.pdf_url';

/** The records of work `w`, as JSON, in sourceOrder() ($1 is that order). */
export const RECORDS_JSON = `(SELECT coalesce(json_agg(json_build_object('source', r.source, 'sourceId', r.source_id, 'sourceUrl', r.source_url, 'citationCount', r.citation_count, 'fetchedAt', r.fetched_at)
                              ORDER BY array_position($1::text[], r.source), r.source_id), '[]'::json)
     FROM work_records r WHERE r.work_id = w.id)`;

/** A row as the statements below answer it: a work's columns (WORK_COLUMNS) and what each adds. */
export type WorkRow = Record<string, any>;

/** A person's works page, as WorksQueryService.forPerson has validated it. */
export interface PersonWorksFilter {
  yearFrom?: number;
  yearTo?: number;
  type?: WorkType;
  position?: 'first' | 'last' | 'any';
  source?: ScholarlySource;
  /** Folded title words, each of which must start a word of the title; none: no condition. */
  words: string[];
  sort: 'year' | 'citations' | 'position';
  desc: boolean;
  withAbstract: boolean;
  limit: number;
  offset: number;
}

/** What a search of the works matches on: one DOI, one arXiv id, or title words. */
export type WorksSearchCondition = { doi: string } | { arxivId: string } | { words: string[] };

/**
 * Every statement that reads the shared cache of works back for a user (a person's works, the
 * search, a work's records, the works new since the user last looked) and the user's marker of
 * what they have seen. The services map the rows to views.
 */
@Injectable()
export class WorksQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The person's works (see person-authorships.ts), one page, in one statement: every row carries
   * person_found (0: not the user's person) and the total; a page past the end is one row of nulls.
   * `order` is the sources' metadata priority.
   */
  async personWorksPage(order: ScholarlySource[], userId: string, personId: string, filter: PersonWorksFilter): Promise<WorkRow[]> {
    const params: unknown[] = [order, personId, userId];
    const param = (value: unknown): string => `$${params.push(value)}`;

    const where: string[] = [];
    if (filter.yearFrom !== undefined) where.push(`w.year >= ${param(filter.yearFrom)}`);
    if (filter.yearTo !== undefined) where.push(`w.year <= ${param(filter.yearTo)}`);
    if (filter.type) where.push(`w.type = ${param(filter.type)}`);
    if (filter.position === 'first') where.push('p.position = 1');
    if (filter.position === 'last') where.push('p.position = p.author_count');
    if (filter.source) where.push(`EXISTS (SELECT 1 FROM work_records r WHERE r.work_id = w.id AND r.source = ${param(filter.source)})`);
    if (filter.words.length > 0) where.push(titleWordsCondition(param(filter.words)));

    const dir = filter.desc ? 'DESC' : 'ASC';
    const sortBy = (a: string): string => {
      switch (filter.sort) {
        case 'citations':
          return `${a}.citation_count ${dir} NULLS LAST, ${a}.id`;
        case 'position':
          return `${a}.position ${dir}, ${a}.year DESC NULLS LAST, ${a}.id`;
        default:
          return `${a}.year ${dir} NULLS LAST, ${a}.publication_date ${dir} NULLS LAST, ${a}.id`;
      }
    };
    const abstract = filter.withAbstract ? 'w.abstract' : 'NULL::text';

    const sql = `
      WITH person AS (
        SELECT p.id, p.orcid FROM ${LIVE_PEOPLE} p WHERE p.id = $2 AND p.user_id = $3
      ),
      person_keys AS (${peopleAuthorKeysSql('person', '$3')}),
      mine AS (
        -- The person's place on each record that lists them (once per record, if listed twice: the first).
        SELECT DISTINCT ON (a.record_id) a.record_id, a.work_id, a.position, a.author_count, array_position($1::text[], a.source) AS rank
          FROM (${matchAuthorshipsSql('work_authorships', 'person_keys')}) a
         ORDER BY a.record_id, a.position
      ),
      chosen AS (
        -- Where sources disagree: the position most records give, then the most trusted source's.
        SELECT DISTINCT ON (work_id) work_id, position FROM mine
         GROUP BY work_id, position ORDER BY work_id, count(*) DESC, min(rank), position
      ),
      positions AS (
        SELECT DISTINCT ON (m.work_id) m.work_id, m.position, m.author_count FROM mine m JOIN chosen c USING (work_id, position)
         GROUP BY m.work_id, m.position, m.author_count ORDER BY m.work_id, count(*) DESC, min(m.rank), m.author_count DESC
      ),
      filtered AS (
        SELECT w.id, w.year, w.publication_date, w.citation_count, p.position, p.author_count
          FROM positions p JOIN works w ON w.id = p.work_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      )
      SELECT (SELECT count(*) FROM person)::int AS person_found, t.total, pg.*
        FROM (SELECT count(*)::int AS total FROM filtered) t
        LEFT JOIN LATERAL (
          SELECT ${WORK_COLUMNS}, ${abstract} AS abstract, f.position, f.author_count, ${RECORDS_JSON} AS records
            FROM filtered f JOIN works w ON w.id = f.id
           ORDER BY ${sortBy('f')}
           LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}
        ) pg ON true
       ORDER BY ${sortBy('pg')}`;
    return (await this.dataSource.query(sql, params)) as WorkRow[];
  }

  /** One page of the works matching, most cited first, each row with the total and its sources (text[]). */
  async searchPage(condition: WorksSearchCondition, limit: number, offset: number): Promise<WorkRow[]> {
    const params: unknown[] = [];
    const where = searchCondition(condition, (value) => `$${params.push(value)}`);
    const page = `
      SELECT ${WORK_COLUMNS}, count(*) OVER ()::int AS total,
             (SELECT array_agg(DISTINCT r.source) FROM work_records r WHERE r.work_id = w.id) AS sources
        FROM works w WHERE ${where}
       ORDER BY w.citation_count DESC NULLS LAST, w.year DESC NULLS LAST, w.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    return (await this.dataSource.query(page, [...params, limit, offset])) as WorkRow[];
  }

  /** How many works match (for a page past the end, which has no row to carry the total). */
  async countSearch(condition: WorksSearchCondition): Promise<number> {
    const params: unknown[] = [];
    const where = searchCondition(condition, (value) => `$${params.push(value)}`);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM works w WHERE ${where}`, params)) as { total: number }[];
    return total;
  }

  /** The live id of a work: the id itself, or the work it was merged into; null when neither knows it. */
  resolveWorkId(workId: string): Promise<string | null> {
    return resolveWorkId(this.dataSource, workId);
  }

  /** One work with its abstract and every record (in `order`), each with its own fields and authors in order. */
  async workWithRecords(order: ScholarlySource[], workId: string): Promise<WorkRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT ${WORK_COLUMNS}, w.abstract,
              (SELECT coalesce(json_agg(json_build_object(
                        'source', r.source, 'sourceId', r.source_id, 'sourceUrl', r.source_url, 'citationCount', r.citation_count, 'fetchedAt', r.fetched_at,
                        'title', r.record->'title', 'year', r.record->'year', 'venue', r.record->'venue', 'type', r.record->'type',
                        'doi', r.record->'doi', 'arxivId', r.record->'arxivId',
                        'authors', (SELECT coalesce(json_agg(json_build_object('position', a.position, 'name', a.name, 'sourceAuthorId', a.source_author_id, 'orcid', a.orcid) ORDER BY a.position), '[]'::json)
                                      FROM work_authorships a WHERE a.record_id = r.id))
                      ORDER BY array_position($1::text[], r.source), r.source_id), '[]'::json)
                 FROM work_records r WHERE r.work_id = w.id) AS records
         FROM works w WHERE w.id = $2`,
      [order, workId],
    )) as WorkRow[];
    return row;
  }

  /**
   * The works first cached after the user's marker (accounts' worksSeenMarker: their works_seen_at, or the account's creation)
   * whose authorships are one of the user's people's (`interviewersOnly`: the people on the user's
   * upcoming, not cancelled, interviews), newest first, one page. Every row carries the marker
   * (since), the time of the read (as_of) and the total; with nothing on the page, one row of nulls
   * but those.
   */
  async newWorksPage(userId: string, interviewersOnly: boolean, limit: number, offset: number): Promise<WorkRow[]> {
    const since = await worksSeenMarker(this.dataSource, userId);
    return (await this.dataSource.query(
      `WITH marker AS (SELECT $4::timestamptz AS since, now() AS as_of),
       chosen AS (
         SELECT p.id, p.orcid FROM ${LIVE_PEOPLE} p
          WHERE p.user_id = $1
          ${interviewersOnly ? `AND EXISTS (SELECT 1 FROM ${UPCOMING_INTERVIEW_PANELS} ip WHERE ip.person_id = p.id AND ip.user_id = $1)` : ''}
       ),
       person_keys AS (${peopleAuthorKeysSql('chosen', '$1')}),
       matched AS (SELECT DISTINCT m.person_id, m.work_id FROM (${matchAuthorshipsSql('work_authorships', 'person_keys')}) m),
       arrived AS (
         SELECT w.id, w.created_at,
                json_agg(json_build_object('id', p.id, 'fullName', p.full_name) ORDER BY p.name_folded, p.id) AS people
           FROM matched mt JOIN works w ON w.id = mt.work_id JOIN ${LIVE_PEOPLE} p ON p.id = mt.person_id, marker
          WHERE w.created_at > marker.since
          GROUP BY w.id, w.created_at
       )
       SELECT marker.since, marker.as_of, t.total, pg.*
         FROM marker
         CROSS JOIN (SELECT count(*)::int AS total FROM arrived) t
         LEFT JOIN LATERAL (
           SELECT ${WORK_COLUMNS}, a.people, a.created_at AS arrived_at
             FROM arrived a JOIN works w ON w.id = a.id
            ORDER BY a.created_at DESC, w.id
            LIMIT $2 OFFSET $3
         ) pg ON true
        ORDER BY pg.arrived_at DESC, pg.id`,
      [userId, limit, offset, since],
    )) as WorkRow[];
  }

  /** Moves the user's marker to `until` (default: now; never later than now, never back). Answers the marker. */
  markWorksSeen(userId: string, until?: Date): Promise<Date> {
    return markWorksSeen(this.dataSource, userId, until);
  }
}

/** Every word starts a word of the title (title keys are letters and digits between single spaces). */
function titleWordsCondition(wordsParam: string): string {
  return `(SELECT bool_and(strpos(' ' || w.title_key, ' ' || x) > 0) FROM unnest(${wordsParam}::text[]) AS x)`;
}

function searchCondition(condition: WorksSearchCondition, param: (value: unknown) => string): string {
  if ('doi' in condition) return `w.doi = ${param(condition.doi)}`;
  if ('arxivId' in condition) return `w.arxiv_id = ${param(condition.arxivId)}`;
  return titleWordsCondition(param(condition.words));
}
