import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { columnReference } from '#platform';
import { LIVE_PEOPLE, PEOPLE } from '../people/repository/people.relations';
import type { ScholarlySource } from '../scholarly/index';
import { LINKED_IDENTITIES } from '../scholarly-identities/repository/scholarly-identities.relations';
import type { AttributionVerdict } from './attribution';
import { HELD_SQL, matchIdAuthorshipsSql, peopleAuthorKeysSql } from './person-authorships';
import type { AttributionDecision } from './work-attribution.entity';
import { resolveWorkId } from './work-ids';
import { WORK_COLUMNS } from './works-query.repository';
import type { PersonReference } from '../people/index';

export type AttributionListState = 'held' | 'accepted' | 'rejected' | 'confirmed' | 'all';

export interface NameQueryEntryRow {
  record_id: string;
  work_id: string;
  source: ScholarlySource;
  query: string;
  name: string;
  position: number;
  author_count: number;
  authors: string[];
  categories: string[];
  decision: AttributionDecision | null;
}

/** Every statement on work_attributions, and the reads of records and identities its evidence needs. */
@Injectable()
export class WorkAttributionsRepository {
  /** The user's accept/reject of works a name query attributes to a person: where both were evaluated on one record, the survivor's decision stays, or else the merged person's is taken over. People's merges and erasures run these (registered in WorksModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'workAttributions', ...columnReference({ table: 'work_attributions', column: 'person_id', onErase: 'delete', uniqueWith: ['record_id'], inherit: ['decision', 'decided_at'] }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Holds the person's evaluation for the rest of the transaction. */
  async lockPerson(em: EntityManager, personId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`work-attributions:${personId}`]);
  }

  async personName(em: EntityManager, userId: string, personId: string): Promise<string | null> {
    const [person] = (await em.query(`SELECT p.full_name FROM ${LIVE_PEOPLE} p WHERE p.id = $1 AND p.user_id = $2`, [personId, userId])) as { full_name: string }[];
    return person?.full_name ?? null;
  }

  async personExists(userId: string, personId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT 1 FROM ${LIVE_PEOPLE} p WHERE p.id = $1 AND p.user_id = $2`, [personId, userId])) as unknown[];
    return row !== undefined;
  }

  /** Drops the undecided rows of the person, but those of `keep` (all of them when null). */
  async deleteUndecided(em: EntityManager, personId: string, keep: string[] | null): Promise<void> {
    if (keep === null) await em.query('DELETE FROM work_attributions WHERE person_id = $1 AND decision IS NULL', [personId]);
    else await em.query('DELETE FROM work_attributions WHERE person_id = $1 AND decision IS NULL AND NOT (record_id = ANY($2::uuid[]))', [personId, keep]);
  }

  async saveVerdicts(em: EntityManager, userId: string, personId: string, verdicts: AttributionVerdict[]): Promise<void> {
    await em.query(
      `INSERT INTO work_attributions (person_id, record_id, user_id, status, evidence, evaluated_at)
       SELECT $1, r, $2, s, e, now() FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) AS t(r, s, e)
       ON CONFLICT (person_id, record_id) DO UPDATE SET status = EXCLUDED.status, evidence = EXCLUDED.evidence, evaluated_at = EXCLUDED.evaluated_at`,
      [personId, userId, verdicts.map((v) => v.recordId), verdicts.map((v) => v.status), verdicts.map((v) => JSON.stringify(v.evidence))],
    );
  }

  /** One page of the person's attributions in `state`, each with its work's columns. */
  async listPage(userId: string, personId: string, state: AttributionListState, limit: number, offset: number): Promise<Record<string, any>[]> {
    const filter = {
      held: `wt.decision IS NULL AND wt.status = 'unconfirmed'`,
      accepted: `wt.decision = 'accepted'`,
      rejected: `wt.decision = 'rejected'`,
      confirmed: `wt.decision IS NULL AND wt.status = 'confirmed'`,
      all: 'true',
    }[state];
    return (await this.dataSource.query(
      `WITH mine AS (
         SELECT DISTINCT ON (wt.record_id) wt.*, r.work_id, r.source, r.source_id, r.source_url, coalesce(r.record->'categories', '[]'::jsonb) AS categories,
                mq.query, wa.name, wa.position, wa.author_count
           FROM work_attributions wt
           JOIN work_records r ON r.id = wt.record_id
           JOIN ${LINKED_IDENTITIES} i ON i.person_id = wt.person_id AND i.user_id = wt.user_id AND i.source = r.source
           JOIN work_author_queries mq ON mq.record_id = r.id AND mq.query = i.source_author_id
           JOIN work_authorships wa ON wa.record_id = r.id AND wa.position = mq.position
          WHERE wt.person_id = $1 AND wt.user_id = $2 AND ${filter}
          ORDER BY wt.record_id, mq.position
       )
       SELECT ${WORK_COLUMNS}, m.record_id, m.source, m.source_id, m.source_url, m.categories, m.query, m.name, m.position, m.author_count,
              m.status, m.decision, m.evidence, m.evaluated_at, m.decided_at, NOT ${HELD_SQL('m')} AS counted, count(*) OVER ()::int AS total
         FROM mine m JOIN works w ON w.id = m.work_id
        ORDER BY w.year DESC NULLS LAST, w.id, m.record_id
        LIMIT $3 OFFSET $4`,
      [personId, userId, limit, offset],
    )) as Record<string, any>[];
  }

  resolveWorkId(workId: string): Promise<string | null> {
    return resolveWorkId(this.dataSource, workId);
  }

  /** Records the user's decision on the work's records of the person; answers how many rows it changed. */
  async decide(userId: string, personId: string, workId: string, decision: AttributionDecision | null): Promise<number> {
    const [{ updated }] = (await this.dataSource.query(
      `WITH u AS (
         UPDATE work_attributions wt SET decision = $4, decided_at = CASE WHEN $4::text IS NULL THEN NULL ELSE now() END
           FROM work_records r WHERE r.id = wt.record_id AND r.work_id = $3 AND wt.person_id = $1 AND wt.user_id = $2
         RETURNING wt.record_id)
       SELECT count(*)::int AS updated FROM u`,
      [personId, userId, workId, decision],
    )) as { updated: number }[];
    return updated;
  }

  /** The positions the person's name-query identities (of `sources`) matched, once per record. */
  async nameQueryEntries(em: EntityManager, userId: string, personId: string, sources: string[]): Promise<NameQueryEntryRow[]> {
    return (await em.query(
      `SELECT DISTINCT ON (r.id) r.id AS record_id, r.work_id, r.source, mq.query, wa.name, wa.position, wa.author_count,
              (SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id) AS authors,
              coalesce(r.record->'categories', '[]'::jsonb) AS categories, wt.decision
         FROM ${LINKED_IDENTITIES} i
         JOIN work_author_queries mq ON mq.query = i.source_author_id
         JOIN work_records r ON r.id = mq.record_id AND r.source = i.source
         JOIN work_authorships wa ON wa.record_id = r.id AND wa.position = mq.position
         LEFT JOIN work_attributions wt ON wt.person_id = i.person_id AND wt.record_id = r.id
        WHERE i.person_id = $1 AND i.user_id = $2 AND i.source = ANY($3::text[])
        ORDER BY r.id, mq.position`,
      [personId, userId, sources],
    )) as NameQueryEntryRow[];
  }

  /** The works the person's id-linked identities list, with the source and the name as written. */
  async idMatchedWorks(em: EntityManager, userId: string, personId: string): Promise<{ work_id: string; source: ScholarlySource; name: string }[]> {
    return (await em.query(
      `WITH person AS (SELECT p.id, p.orcid FROM ${PEOPLE} p WHERE p.id = $1 AND p.user_id = $2),
       person_keys AS (${peopleAuthorKeysSql('person', '$2')})
       SELECT DISTINCT m.work_id, m.source, m.name FROM (${matchIdAuthorshipsSql('work_authorships', 'person_keys')}) m`,
      [personId, userId],
    )) as { work_id: string; source: ScholarlySource; name: string }[];
  }

  /** Every record of these works, with its categories and author names. */
  async recordsOfWorks(em: EntityManager, workIds: string[]): Promise<{ record_id: string; work_id: string; categories: string[]; authors: string[] }[]> {
    return (await em.query(
      `SELECT r.id AS record_id, r.work_id, coalesce(r.record->'categories', '[]'::jsonb) AS categories,
              coalesce((SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id), '{}') AS authors
         FROM work_records r WHERE r.work_id = ANY($1::uuid[])`,
      [workIds],
    )) as { record_id: string; work_id: string; categories: string[]; authors: string[] }[];
  }
}
