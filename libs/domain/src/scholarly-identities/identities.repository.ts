import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { columnReference } from '#platform';
import type { AuthorCandidate, ScholarlySource } from '../scholarly/index';
import { LIVE_PEOPLE, PEOPLE } from '../people/repository/people.relations';
import { AUTHORSHIPS_WITH_QUERIES_SQL } from '../works/index';
import { WORK_AUTHORSHIPS, WORK_RECORDS, WORKS } from '../works/repository/works.relations';
import type { Coauthor } from './candidate-scoring';
import { ScholarlyIdentity } from './scholarly-identity.entity';
import type { ProfileEvidence } from './split-profiles';
import type { PersonReference } from '../people/index';

export interface IdentityMark {
  id: string;
  person_id: string;
  status: string;
  full_name: string;
}

export type IdentityValues = Pick<ScholarlyIdentity, 'status' | 'linkedBy' | 'name'>;

/**
 * The scholarly_identities table, and every query Dossier makes of it for "who is who": each a
 * named method. Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class IdentitiesRepository {
  /** Who a person is at a source: when both were linked to one author, the survivor's link stays. People's merges and erasures run these (registered in ScholarlyIdentitiesModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'scholarlyIdentities', ...columnReference({ table: 'scholarly_identities', column: 'person_id', onErase: 'delete', uniqueWith: ['source', 'source_author_id'] }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; its EntityManager goes to the methods that take one. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every identity of the person (linked and rejected), oldest first. */
  listForPerson(userId: string, personId: string): Promise<ScholarlyIdentity[]> {
    return this.dataSource.manager.find(ScholarlyIdentity, { where: { userId, personId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findForPerson(userId: string, personId: string, source: ScholarlySource, sourceAuthorId: string): Promise<ScholarlyIdentity | null> {
    return this.dataSource.manager.findOneBy(ScholarlyIdentity, { userId, personId, source, sourceAuthorId });
  }

  /** The ORCID iD of the person's oldest linked ORCID (or Crossref, whose ids are iDs) identity. */
  async linkedOrcid(userId: string, personId: string): Promise<string | null> {
    const identity = await this.dataSource.manager.findOne(ScholarlyIdentity, {
      where: [
        { userId, personId, status: 'linked', source: 'orcid' },
        { userId, personId, status: 'linked', source: 'crossref' },
      ],
      order: { createdAt: 'ASC' },
    });
    return identity?.sourceAuthorId ?? null;
  }

  /** Holds the author's key for the rest of the transaction, so two people cannot take the same author at once. */
  async lockAuthorKey(em: EntityManager, userId: string, source: ScholarlySource, sourceAuthorId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`scholarly-identity:${userId}:${source}:${sourceAuthorId}`]);
  }

  /** The person's identity for this author, locked for update. */
  findForUpdate(em: EntityManager, personId: string, source: ScholarlySource, sourceAuthorId: string): Promise<ScholarlyIdentity | null> {
    return em.findOne(ScholarlyIdentity, { where: { personId, source, sourceAuthorId }, lock: { mode: 'pessimistic_write' } });
  }

  /** One of the person's identities by id, locked for update. */
  findByIdForUpdate(em: EntityManager, userId: string, personId: string, identityId: string): Promise<ScholarlyIdentity | null> {
    return em.findOne(ScholarlyIdentity, { where: { id: identityId, userId, personId }, lock: { mode: 'pessimistic_write' } });
  }

  getById(em: EntityManager, id: string): Promise<ScholarlyIdentity> {
    return em.findOneByOrFail(ScholarlyIdentity, { id });
  }

  async update(em: EntityManager, id: string, values: Partial<IdentityValues>): Promise<void> {
    await em.update(ScholarlyIdentity, { id }, values);
  }

  async insert(em: EntityManager, values: Pick<ScholarlyIdentity, 'userId' | 'personId' | 'source' | 'sourceAuthorId'> & IdentityValues): Promise<ScholarlyIdentity> {
    const created = em.create(ScholarlyIdentity, values);
    await em.insert(ScholarlyIdentity, created);
    return this.getById(em, created.id);
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await em.delete(ScholarlyIdentity, { id });
  }

  /** The user's identities (of people not deleted) for these candidates, by source and id. */
  async marks(userId: string, candidates: AuthorCandidate[]): Promise<Map<string, IdentityMark[]>> {
    const out = new Map<string, IdentityMark[]>();
    if (candidates.length === 0) return out;
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.person_id, i.source, i.source_author_id, i.status, p.full_name
         FROM scholarly_identities i
         JOIN ${LIVE_PEOPLE} p ON p.id = i.person_id
        WHERE i.user_id = $1
          AND (i.source, i.source_author_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
        ORDER BY i.created_at, i.id`,
      [userId, candidates.map((c) => c.source), candidates.map((c) => c.sourceAuthorId)],
    )) as { id: string; person_id: string; source: string; source_author_id: string; status: string; full_name: string }[];
    for (const row of rows) {
      const key = `${row.source}\u0000${row.source_author_id}`;
      out.set(key, [...(out.get(key) ?? []), row]);
    }
    return out;
  }

  /**
   * The user's other people who co-authored with each candidate, from the works already in the
   * shared cache: a work listing the candidate (by id at its source, or by ORCID iD) and, on any
   * record of the same work, one of a contact's linked identities (or their ORCID iD). Early on,
   * before anything is synced, there are none.
   */
  async contactCoauthors(userId: string, personId: string, candidates: AuthorCandidate[]): Promise<Map<number, Coauthor[]>> {
    const out = new Map<number, Coauthor[]>();
    if (candidates.length === 0) return out;
    const rows = (await this.dataSource.query(
      `WITH cand AS (
         SELECT * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS c(n, source, source_author_id, orcid)
       ),
       cand_authorships AS (
         SELECT c.n, a.work_id, a.record_id, a.position
           FROM cand c JOIN (${AUTHORSHIPS_WITH_QUERIES_SQL}) a ON a.source = c.source AND a.source_author_id = c.source_author_id
         UNION
         SELECT c.n, a.work_id, a.record_id, a.position
           FROM cand c JOIN ${WORK_AUTHORSHIPS} a ON a.orcid = c.orcid
          WHERE c.orcid IS NOT NULL
       ),
       contact_ids AS (
         SELECT i.person_id, i.source, i.source_author_id
           FROM scholarly_identities i JOIN ${LIVE_PEOPLE} p ON p.id = i.person_id
          WHERE i.user_id = $1 AND i.person_id <> $2 AND i.status = 'linked'
       ),
       contact_orcids AS (
         SELECT person_id, upper(source_author_id) AS orcid FROM contact_ids WHERE source IN ('orcid', 'crossref')
         UNION
         SELECT p.id, p.orcid FROM ${LIVE_PEOPLE} p
          WHERE p.user_id = $1 AND p.id <> $2 AND p.orcid IS NOT NULL
       ),
       others AS (
         SELECT ca.n, oa.work_id, oa.source, oa.source_author_id, oa.orcid
           FROM cand_authorships ca
           JOIN ${WORK_RECORDS} r ON r.work_id = ca.work_id
           JOIN (${AUTHORSHIPS_WITH_QUERIES_SQL}) oa ON oa.record_id = r.id AND NOT (oa.record_id = ca.record_id AND oa.position = ca.position)
       ),
       coauthorships AS (
         SELECT o.n, o.work_id, ci.person_id FROM others o JOIN contact_ids ci ON ci.source = o.source AND ci.source_author_id = o.source_author_id
         UNION
         SELECT o.n, o.work_id, co.person_id FROM others o JOIN contact_orcids co ON co.orcid = o.orcid
       )
       SELECT c.n, c.person_id, p.full_name, count(DISTINCT c.work_id)::int AS works
         FROM coauthorships c JOIN ${PEOPLE} p ON p.id = c.person_id
        GROUP BY c.n, c.person_id, p.full_name
        ORDER BY c.n, p.full_name`,
      [
        userId,
        personId,
        candidates.map((_, i) => i),
        candidates.map((c) => c.source),
        candidates.map((c) => c.sourceAuthorId),
        candidates.map((c) => c.orcid),
      ],
    )) as { n: number; person_id: string; full_name: string; works: number }[];
    for (const row of rows) out.set(row.n, [...(out.get(row.n) ?? []), { personId: row.person_id, name: row.full_name, works: row.works }]);
    return out;
  }

  /** Another (not deleted) person of the user this author is linked to. */
  async linkedElsewhere(userId: string, personId: string, source: ScholarlySource, sourceAuthorId: string, em: EntityManager = this.dataSource.manager): Promise<{ id: string; fullName: string } | null> {
    const [row] = (await em.query(
      `SELECT p.id, p.full_name FROM scholarly_identities i JOIN ${LIVE_PEOPLE} p ON p.id = i.person_id
        WHERE i.user_id = $1 AND i.source = $2 AND i.source_author_id = $3 AND i.status = 'linked' AND i.person_id <> $4
        ORDER BY i.created_at LIMIT 1`,
      [userId, source, sourceAuthorId, personId],
    )) as { id: string; full_name: string }[];
    return row ? { id: row.id, fullName: row.full_name } : null;
  }

  /**
   * What an author record already synced shows of its career, from the works it is on: the years
   * of those works and the other authors' names on the same records.
   */
  async profileEvidence(source: ScholarlySource, sourceAuthorId: string): Promise<Pick<ProfileEvidence, 'years' | 'coauthors'>> {
    const [row] = (await this.dataSource.query(
      `WITH mine AS (
         SELECT a.record_id, a.position, a.work_id FROM (${AUTHORSHIPS_WITH_QUERIES_SQL}) a WHERE a.source = $1 AND a.source_author_id = $2
       )
       SELECT COALESCE((SELECT array_agg(DISTINCT w.year ORDER BY w.year) FROM mine m JOIN ${WORKS} w ON w.id = m.work_id WHERE w.year IS NOT NULL), '{}') AS years,
              COALESCE((SELECT array_agg(DISTINCT o.name) FROM mine m JOIN ${WORK_AUTHORSHIPS} o ON o.record_id = m.record_id AND o.position <> m.position), '{}') AS coauthors`,
      [source, sourceAuthorId],
    )) as { years: number[]; coauthors: string[] }[];
    return { years: row.years, coauthors: row.coauthors };
  }
}
