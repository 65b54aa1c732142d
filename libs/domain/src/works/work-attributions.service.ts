import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import type { ScholarlySource, WorksPage } from '../scholarly/index';
import { evaluateAttributions, EvidenceRecord, heldReason, NameQueryEntry, PersonEvidence } from './attribution';
import { HELD_SQL, matchIdAuthorshipsSql, peopleAuthorKeysSql, personOrcidSql } from './person-authorships';
import type { AttributionDecision, AttributionEvidence, AttributionStatus } from './work-attribution.entity';
import { resolveWorkId } from './work-ids';
import { WORK_COLUMNS, workFromRow, type WorkPage, type WorkView } from './works-query.service';

/** Sources whose authorships come from a name query, not an author id: their matches need evidence. */
export const NAME_QUERY_SOURCES: ScholarlySource[] = ['arxiv'];

export const ATTRIBUTION_STATES = ['held', 'accepted', 'rejected', 'confirmed', 'all'] as const;
/**
 * held: unconfirmed and not decided (kept out of the person's works); accepted / rejected: the
 * user decided; confirmed: counted on the evidence alone; all of them.
 */
export type AttributionState = (typeof ATTRIBUTION_STATES)[number];

export interface AttributionView {
  work: WorkView;
  /** The record the name query matched. */
  record: { source: ScholarlySource; sourceId: string; sourceUrl: string };
  query: string;
  /** The author as the record writes them. */
  nameAsWritten: string;
  position: number;
  authorCount: number;
  categories: string[];
  status: AttributionStatus;
  decision: AttributionDecision | null;
  /** Whether the work counts as the person's through this record. */
  counted: boolean;
  evidence: AttributionEvidence[];
  /** Why it is held back; null when it is not. */
  reason: string | null;
  evaluatedAt: Date;
  decidedAt: Date | null;
}

interface EntryRow {
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

/**
 * Evaluates, lists and records the user's decisions on the works that only a name query
 * attributes to a person (the rule: attribution.ts). A sync evaluates after every page it ingests
 * and when it ends; linking or unlinking an identity evaluates the person again.
 */
@Injectable()
export class WorkAttributionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Evaluates every name-query match of the person; answers how many are held back. */
  async evaluatePerson(userId: string, personId: string): Promise<{ confirmed: number; held: number }> {
    return this.dataSource.transaction(async (em) => {
      // One evaluation of a person at a time: two identities' runs may end together.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`work-attributions:${personId}`]);
      const [person] = (await em.query('SELECT full_name FROM people WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [personId, userId])) as { full_name: string }[];
      if (!person) return { confirmed: 0, held: 0 };
      const entries = await this.entries(em, userId, personId);
      if (entries.length === 0) {
        await em.query('DELETE FROM work_attributions WHERE person_id = $1 AND decision IS NULL', [personId]);
        return { confirmed: 0, held: 0 };
      }
      const evidence = await this.evidence(em, userId, personId, person.full_name, entries);
      const verdicts = evaluateAttributions(evidence, entries);
      await em.query(
        `INSERT INTO work_attributions (person_id, record_id, user_id, status, evidence, evaluated_at)
         SELECT $1, r, $2, s, e, now() FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) AS t(r, s, e)
         ON CONFLICT (person_id, record_id) DO UPDATE SET status = EXCLUDED.status, evidence = EXCLUDED.evidence, evaluated_at = EXCLUDED.evaluated_at`,
        [personId, userId, verdicts.map((v) => v.recordId), verdicts.map((v) => v.status), verdicts.map((v) => JSON.stringify(v.evidence))],
      );
      // Matches gone (an identity unlinked, a record that no longer names them): their evidence goes, a decision stays.
      await em.query('DELETE FROM work_attributions WHERE person_id = $1 AND decision IS NULL AND NOT (record_id = ANY($2::uuid[]))', [personId, verdicts.map((v) => v.recordId)]);
      const held = verdicts.filter((v, i) => v.status === 'unconfirmed' && entries[i].decision === null).length;
      return { confirmed: verdicts.length - held, held };
    });
  }

  async list(userId: string, personId: string, query: { state?: AttributionState; limit?: number; offset?: number } = {}): Promise<WorkPage<AttributionView>> {
    await this.assertPerson(userId, personId);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const state = query.state ?? 'held';
    const filter = {
      held: `wt.decision IS NULL AND wt.status = 'unconfirmed'`,
      accepted: `wt.decision = 'accepted'`,
      rejected: `wt.decision = 'rejected'`,
      confirmed: `wt.decision IS NULL AND wt.status = 'confirmed'`,
      all: 'true',
    }[state];
    const rows = (await this.dataSource.query(
      `WITH mine AS (
         SELECT DISTINCT ON (wt.record_id) wt.*, r.work_id, r.source, r.source_id, r.source_url, coalesce(r.record->'categories', '[]'::jsonb) AS categories,
                mq.query, wa.name, wa.position, wa.author_count
           FROM work_attributions wt
           JOIN work_records r ON r.id = wt.record_id
           JOIN scholarly_identities i ON i.person_id = wt.person_id AND i.user_id = wt.user_id AND i.status = 'linked' AND i.source = r.source
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
    return { items: rows.map(viewFromRow), total: rows[0]?.total ?? 0, limit, offset };
  }

  /**
   * The user's word on a work a name query attributes to the person: accepted (theirs, whatever
   * the evidence), rejected (not theirs), or null (back to the evidence). Kept across syncs.
   */
  async decide(userId: string, personId: string, workId: string, decision: AttributionDecision | null): Promise<AttributionView> {
    await this.assertPerson(userId, personId);
    const id = (await resolveWorkId(this.dataSource, workId)) ?? workId;
    const [{ updated }] = (await this.dataSource.query(
      `WITH u AS (
         UPDATE work_attributions wt SET decision = $4, decided_at = CASE WHEN $4::text IS NULL THEN NULL ELSE now() END
           FROM work_records r WHERE r.id = wt.record_id AND r.work_id = $3 AND wt.person_id = $1 AND wt.user_id = $2
         RETURNING wt.record_id)
       SELECT count(*)::int AS updated FROM u`,
      [personId, userId, id, decision],
    )) as { updated: number }[];
    if (updated === 0) throw new NotFoundError('work attribution', workId);
    const { items } = await this.list(userId, personId, { state: 'all', limit: 1_000_000 });
    return items.find((i) => i.work.id === id)!;
  }

  private async assertPerson(userId: string, personId: string): Promise<void> {
    const [row] = (await this.dataSource.query('SELECT 1 FROM people WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [personId, userId])) as unknown[];
    if (!row) throw new NotFoundError('person', personId);
  }

  /** The positions the person's name-query identities matched, once per record (the first position). */
  private async entries(em: EntityManager, userId: string, personId: string): Promise<NameQueryEntry[]> {
    const rows = (await em.query(
      `SELECT DISTINCT ON (r.id) r.id AS record_id, r.work_id, r.source, mq.query, wa.name, wa.position, wa.author_count,
              (SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id) AS authors,
              coalesce(r.record->'categories', '[]'::jsonb) AS categories, wt.decision
         FROM scholarly_identities i
         JOIN work_author_queries mq ON mq.query = i.source_author_id
         JOIN work_records r ON r.id = mq.record_id AND r.source = i.source
         JOIN work_authorships wa ON wa.record_id = r.id AND wa.position = mq.position
         LEFT JOIN work_attributions wt ON wt.person_id = i.person_id AND wt.record_id = r.id
        WHERE i.person_id = $1 AND i.user_id = $2 AND i.status = 'linked' AND i.source = ANY($3::text[])
        ORDER BY r.id, mq.position`,
      [personId, userId, NAME_QUERY_SOURCES],
    )) as EntryRow[];
    return rows.map((r) => ({
      recordId: r.record_id,
      workId: r.work_id,
      source: r.source,
      query: r.query,
      name: r.name,
      position: r.position,
      authorCount: r.author_count,
      authors: r.authors ?? [],
      categories: r.categories,
      decision: r.decision,
    }));
  }

  private async evidence(em: EntityManager, userId: string, personId: string, fullName: string, entries: NameQueryEntry[]): Promise<PersonEvidence> {
    const matched = (await em.query(
      `WITH person AS (SELECT p.id, ${personOrcidSql('p')} AS orcid FROM people p WHERE p.id = $1 AND p.user_id = $2),
       person_keys AS (${peopleAuthorKeysSql('person', '$2')})
       SELECT DISTINCT m.work_id, m.source, m.name FROM (${matchIdAuthorshipsSql('work_authorships', 'person_keys')}) m`,
      [personId, userId],
    )) as { work_id: string; source: ScholarlySource; name: string }[];
    const identityWorks = new Map<string, ScholarlySource[]>();
    for (const m of matched) identityWorks.set(m.work_id, [...(identityWorks.get(m.work_id) ?? []), m.source]);
    const workIds = [...new Set([...identityWorks.keys(), ...entries.map((e) => e.workId)])];
    const records = (await em.query(
      `SELECT r.id AS record_id, r.work_id, coalesce(r.record->'categories', '[]'::jsonb) AS categories,
              coalesce((SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id), '{}') AS authors
         FROM work_records r WHERE r.work_id = ANY($1::uuid[])`,
      [workIds],
    )) as { record_id: string; work_id: string; categories: string[]; authors: string[] }[];
    return {
      fullName,
      identityWorks,
      identityNames: [...new Set(matched.map((m) => m.name))],
      records: records.map((r): EvidenceRecord => ({ recordId: r.record_id, workId: r.work_id, authors: r.authors, categories: r.categories })),
    };
  }
}

/**
 * The page's records with the categories the page files them under (WorksPage.categories), so the
 * stored record keeps them for the evidence of fields.
 */
export function withCategories(page: WorksPage): WorksPage['works'] {
  const categories = page.categories;
  if (!categories) return page.works;
  return page.works.map((w) => (categories[w.sourceId]?.length ? { ...w, categories: categories[w.sourceId] } : w));
}

function viewFromRow(row: Record<string, any>): AttributionView {
  const held = row.decision === null && row.status === 'unconfirmed';
  return {
    work: workFromRow(row, false),
    record: { source: row.source, sourceId: row.source_id, sourceUrl: row.source_url },
    query: row.query,
    nameAsWritten: row.name,
    position: row.position,
    authorCount: row.author_count,
    categories: row.categories,
    status: row.status,
    decision: row.decision,
    counted: row.counted,
    evidence: row.evidence,
    reason: held ? heldReason({ source: row.source, query: row.query, name: row.name, position: row.position, authorCount: row.author_count, categories: row.categories }) : null,
    evaluatedAt: new Date(row.evaluated_at),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  };
}
