import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NormalizedWork, ScholarlySource } from '../scholarly/index';

/** A stored record as the ingest compares it with the page. */
export interface StoredRecordRow {
  id: string;
  source: ScholarlySource;
  source_id: string;
  work_id: string;
  content_hash: string;
}

/** A stored work a page may join, as the matching sees it. */
export interface CandidateWorkRow {
  id: string;
  doi: string | null;
  arxiv_id: string | null;
  title_key: string;
  year: number | null;
  first_author_key: string | null;
  title_core_key: string | null;
}

/** Every canonical column of a work, as the ingest computes it from the work's records. */
export interface WorkFieldsRow {
  id: string;
  title: string;
  titleKey: string;
  year: number | null;
  publicationDate: string | null;
  venue: string | null;
  type: string;
  doi: string | null;
  arxivId: string | null;
  firstAuthorKey: string | null;
  citationCount: number | null;
  abstract: string | null;
  openAccessUrl: string | null;
  pdfUrl: string | null;
  /** The title without a leading "Name:" or a trailing subtitle (work-matching's titleCoreKey). */
  titleCoreKey: string | null;
}

/** A record to write, with the work it belongs to. */
export interface RecordRow {
  workId: string;
  record: NormalizedWork;
  hash: string;
}

const WORK_FIELDS = `title, title_key, year, publication_date, venue, type, doi, arxiv_id, first_author_key, citation_count, abstract, open_access_url, pdf_url, title_core_key`;
const WORK_FIELD_TYPES = `$2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[]`;

/** The 15 parameter arrays of a set of works' columns, id first, in WORK_FIELDS order. */
function workFieldArrays(works: WorkFieldsRow[]): unknown[] {
  return [
    works.map((w) => w.id),
    works.map((w) => w.title),
    works.map((w) => w.titleKey),
    works.map((w) => w.year),
    works.map((w) => w.publicationDate),
    works.map((w) => w.venue),
    works.map((w) => w.type),
    works.map((w) => w.doi),
    works.map((w) => w.arxivId),
    works.map((w) => w.firstAuthorKey),
    works.map((w) => w.citationCount),
    works.map((w) => w.abstract),
    works.map((w) => w.openAccessUrl),
    works.map((w) => w.pdfUrl),
    works.map((w) => w.titleCoreKey),
  ];
}

/**
 * Every statement on the shared cache of works (works, work_records, work_authorships, work_titles,
 * work_aliases, work_author_queries) that the ingest runs. Methods that take an EntityManager run
 * inside the caller's transaction. Every write takes
 * whole sets (arrays through unnest), never one statement per work.
 */
@Injectable()
export class WorksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The live id of a work: the id itself, or the work it was merged into (work_aliases); null when neither knows it. */
  async resolveWorkId(workId: string, db: DataSource | EntityManager = this.dataSource): Promise<string | null> {
    const [row] = (await db.query(
      'SELECT coalesce((SELECT id FROM works WHERE id = $1), (SELECT work_id FROM work_aliases WHERE old_id = $1)) AS id',
      [workId],
    )) as { id: string | null }[];
    return row?.id ?? null;
  }

  /** Transaction-scoped advisory locks on the keys, taken in sorted order so two writers never deadlock. */
  async lockKeys(em: EntityManager, keys: string[]): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k ORDER BY k', [[...keys].sort()]);
  }

  /** The stored records among (source, source id) pairs. */
  storedRecords(em: EntityManager, records: { source: string; sourceId: string }[]): Promise<StoredRecordRow[]> {
    return em.query(
      `SELECT r.id, r.source, r.source_id, r.work_id, r.content_hash
         FROM work_records r JOIN unnest($1::text[], $2::text[]) AS k(source, source_id) USING (source, source_id)`,
      [records.map((r) => r.source), records.map((r) => r.sourceId)],
    ) as Promise<StoredRecordRow[]>;
  }

  /**
   * Stored works with one of the DOIs, arXiv ids or titles (their own or another version's), or one
   * of the ids. Oldest first. Each title is looked up on its own (a LATERAL subquery, kept apart by
   * OFFSET 0): `title_key = ANY(…)` over a page's titles is estimated, without statistics (a new
   * database, autovacuum behind), at 0.5% of the table per title, and read the whole table instead
   * of the index. The DOI and arXiv indexes are unique, so their estimates hold.
   */
  candidateWorks(em: EntityManager, keys: { dois: string[]; arxivIds: string[]; titleKeys: string[]; titleCoreKeys: string[]; workIds: string[] }): Promise<CandidateWorkRow[]> {
    return em.query(
      `SELECT id, doi, arxiv_id, title_key, year, first_author_key, title_core_key FROM works
        WHERE doi = ANY($1::text[]) OR arxiv_id = ANY($2::text[])
           -- Arrays, not IN (SELECT …): every branch stays an index scan. A title is looked up as a
           -- title and as another version's title core; a title core ($5) as a title.
           OR id = ANY($4::uuid[]
                       || ARRAY(SELECT w.id FROM unnest($3::text[] || $5::text[]) AS k, LATERAL (SELECT id FROM works WHERE title_key = k OFFSET 0) w)
                       || ARRAY(SELECT w.id FROM unnest($3::text[]) AS k, LATERAL (SELECT id FROM works WHERE title_core_key = k OFFSET 0) w)
                       || ARRAY(SELECT t.work_id FROM unnest($3::text[] || $5::text[]) AS k, LATERAL (SELECT work_id FROM work_titles WHERE title_key = k OFFSET 0) t))
        ORDER BY created_at, id`,
      [keys.dois, keys.arxivIds, keys.titleKeys, keys.workIds, keys.titleCoreKeys],
    ) as Promise<CandidateWorkRow[]>;
  }

  /** Each work's distinct author names: what the co-author check of a renamed title compares. */
  async authorNamesOfWorks(em: EntityManager, workIds: string[]): Promise<Map<string, string[]>> {
    const rows = (await em.query('SELECT work_id, array_agg(DISTINCT name) AS names FROM work_authorships WHERE work_id = ANY($1::uuid[]) GROUP BY work_id', [workIds])) as {
      work_id: string;
      names: string[];
    }[];
    return new Map(rows.map((r) => [r.work_id, r.names]));
  }

  /**
   * What the ingest needs of some stored works, in one statement: their other titles (work_titles)
   * and their records. Apart from candidateWorks: a subquery per row there would raise its estimated
   * cost past PostgreSQL's JIT threshold, and compiling it costs more than running it.
   */
  async worksDetails(em: EntityManager, workIds: string[]): Promise<{ titles: Map<string, string[]>; records: Map<string, NormalizedWork[]> }> {
    const rows = (await em.query(
      // One index probe per work (see candidateWorks): work_id is not unique, and without statistics
      // `work_id = ANY(…)` would read every record.
      `SELECT t.work_id, t.title_key, NULL::jsonb AS record FROM unnest($1::uuid[]) AS k, LATERAL (SELECT work_id, title_key FROM work_titles WHERE work_id = k OFFSET 0) t
       UNION ALL
       SELECT r.work_id, NULL, r.record FROM unnest($1::uuid[]) AS k, LATERAL (SELECT work_id, record FROM work_records WHERE work_id = k OFFSET 0) r`,
      [workIds],
    )) as { work_id: string; title_key: string | null; record: NormalizedWork | null }[];
    const titles = new Map<string, string[]>();
    const records = new Map<string, NormalizedWork[]>();
    for (const row of rows) {
      if (row.record) records.set(row.work_id, [...(records.get(row.work_id) ?? []), row.record]);
      else titles.set(row.work_id, [...(titles.get(row.work_id) ?? []), row.title_key!]);
    }
    return { titles, records };
  }

  /** Removes the author lists of stored records (before their new lists are written); joined, so each id is an index probe (see candidateWorks). */
  async deleteAuthorships(em: EntityManager, recordIds: string[]): Promise<void> {
    await em.query('DELETE FROM work_authorships a USING unnest($1::uuid[]) AS k(id) WHERE a.record_id = k.id', [recordIds]);
  }

  /**
   * A page's writes in one statement: the new works with their canonical fields, the records
   * (inserted, or rewritten in place when stored), every record's authorships, and the canonical
   * fields of the stored works the page changed. One round trip whatever the page's size; the
   * foreign keys are checked at its end, when every row is in. Answers each record's id.
   */
  async writePage(em: EntityManager, page: { newWorks: WorkFieldsRow[]; records: RecordRow[]; updatedWorks: WorkFieldsRow[]; fetchedAt: Date }): Promise<{ id: string; source: ScholarlySource; source_id: string }[]> {
    const { records } = page;
    const authorships = records.flatMap((r) => r.record.authors.map((author) => ({ r, author })));
    const works = [...page.newWorks, ...page.updatedWorks];
    const fields = workFieldArrays(works);
    const params: unknown[] = [
      ...fields,
      page.newWorks.length,
      records.map((r) => r.workId),
      records.map((r) => r.record.source),
      records.map((r) => r.record.sourceId),
      records.map((r) => r.record.sourceUrl),
      records.map((r) => JSON.stringify(r.record)),
      records.map((r) => r.hash),
      records.map((r) => r.record.citationCount),
      page.fetchedAt,
      authorships.map((a) => a.r.record.source),
      authorships.map((a) => a.r.record.sourceId),
      authorships.map((a) => a.author.position),
      authorships.map((a) => a.r.workId),
      authorships.map((a) => a.author.name),
      authorships.map((a) => a.author.sourceAuthorId),
      authorships.map((a) => a.author.orcid),
      authorships.map((a) => a.r.record.authors.length),
    ];
    return em.query(
      `WITH m AS (
         SELECT * FROM unnest($1::uuid[], ${WORK_FIELD_TYPES}) WITH ORDINALITY
             AS m(id, ${WORK_FIELDS}, n)
       ),
       inserted AS (
         INSERT INTO works (id, ${WORK_FIELDS}) SELECT id, ${WORK_FIELDS} FROM m WHERE n <= $16
       ),
       updated AS (
         UPDATE works w SET title = m.title, title_key = m.title_key, year = m.year, publication_date = m.publication_date, venue = m.venue, type = m.type,
                doi = m.doi, arxiv_id = m.arxiv_id, first_author_key = m.first_author_key, citation_count = m.citation_count, abstract = m.abstract,
                open_access_url = m.open_access_url, pdf_url = m.pdf_url, title_core_key = m.title_core_key, updated_at = now()
           FROM m WHERE m.n > $16 AND w.id = m.id
       ),
       r AS (
         INSERT INTO work_records (work_id, source, source_id, source_url, record, content_hash, citation_count, fetched_at)
         SELECT w, s, i, u, r, h, c, $24 FROM unnest($17::uuid[], $18::text[], $19::text[], $20::text[], $21::jsonb[], $22::text[], $23::int[]) AS t(w, s, i, u, r, h, c)
         ON CONFLICT (source, source_id) DO UPDATE SET work_id = EXCLUDED.work_id, source_url = EXCLUDED.source_url, record = EXCLUDED.record,
           content_hash = EXCLUDED.content_hash, citation_count = EXCLUDED.citation_count, fetched_at = EXCLUDED.fetched_at
         RETURNING id, source, source_id
       ),
       a AS (
         INSERT INTO work_authorships (record_id, position, work_id, source, name, source_author_id, orcid, author_count)
         SELECT r.id, x.position, x.work_id, x.source, x.name, x.source_author_id, x.orcid, x.author_count
           FROM unnest($25::text[], $26::text[], $27::int[], $28::uuid[], $29::text[], $30::text[], $31::text[], $32::int[])
                AS x(source, source_id, position, work_id, name, source_author_id, orcid, author_count)
           JOIN r ON r.source = x.source AND r.source_id = x.source_id
       )
       SELECT id, source, source_id FROM r`,
      params,
    ) as Promise<{ id: string; source: ScholarlySource; source_id: string }[]>;
  }

  /** Rewrites the other titles (work_titles) of some works: `stale` works lose theirs, then `titles` are added. */
  async replaceWorkTitles(em: EntityManager, stale: string[], titles: { workId: string; titleKey: string }[]): Promise<void> {
    if (stale.length > 0) await em.query('DELETE FROM work_titles WHERE work_id = ANY($1::uuid[])', [stale]);
    if (titles.length > 0) {
      await em.query('INSERT INTO work_titles (work_id, title_key) SELECT * FROM unnest($1::uuid[], $2::text[])', [titles.map((t) => t.workId), titles.map((t) => t.titleKey)]);
    }
  }

  /**
   * Folds the works `drop` into `keep`, once other modules' rows have moved (WorkMergeHooks: a dropped
   * work's delete cascades to the reading entries still on it): their records and
   * authorships move over, and each dropped id becomes an alias of `keep` (aliases of a dropped
   * work follow it), so links to the old id still resolve.
   */
  async mergeWorks(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    await em.query('UPDATE work_records SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    await em.query('UPDATE work_authorships SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    // Before the DELETE, whose cascade would take the dropped works' own aliases with them.
    await em.query('UPDATE work_aliases SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    await em.query('INSERT INTO work_aliases (old_id, work_id) SELECT d, $1 FROM unnest($2::uuid[]) AS d ON CONFLICT (old_id) DO UPDATE SET work_id = EXCLUDED.work_id', [keep, drop]);
    await em.query('DELETE FROM works WHERE id = ANY($1::uuid[])', [drop]);
  }

  /** Removes the author queries of some records; answers what they were. */
  takeAuthorQueries(em: EntityManager, recordIds: string[]): Promise<{ record_id: string; query: string }[]> {
    // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
    return em.query('WITH gone AS (DELETE FROM work_author_queries WHERE record_id = ANY($1::uuid[]) RETURNING record_id, query) SELECT * FROM gone', [recordIds]) as Promise<
      { record_id: string; query: string }[]
    >;
  }

  async insertAuthorQueries(em: EntityManager, rows: { recordId: string; position: number; query: string }[]): Promise<void> {
    await em.query(
      `INSERT INTO work_author_queries (record_id, position, query)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.recordId), rows.map((r) => r.position), rows.map((r) => r.query)],
    );
  }
}
