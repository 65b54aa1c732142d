import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
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
  /** Its id: the stored record's, or a new one. */
  id: string;
  workId: string;
  /** The NormalizedWork as JSON text. */
  json: string;
  hash: string;
}

const WORK_FIELDS = `title, title_key, year, publication_date, venue, type, doi, arxiv_id, first_author_key, citation_count, abstract, open_access_url, pdf_url, title_core_key`;
/** WorkFieldsRow's keys as json_to_recordset reads them, and the same values in WORK_FIELDS order. */
const WORK_ROW = `id uuid, title text, "titleKey" text, year int, "publicationDate" text, venue text, type text, doi text, "arxivId" text, "firstAuthorKey" text, "citationCount" int, abstract text, "openAccessUrl" text, "pdfUrl" text, "titleCoreKey" text`;
const WORK_ROW_FIELDS = `title, "titleKey", year, "publicationDate", venue, type, doi, "arxivId", "firstAuthorKey", "citationCount", abstract, "openAccessUrl", "pdfUrl", "titleCoreKey"`;

/** A text[] as an SQL literal, for the simple protocol (no parameters). */
function textArray(values: string[]): string {
  return values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(quoteText).join(',')}]::text[]`;
}

/**
 * A string as an escape-string literal (E'…'): backslashes and quotes doubled, which E'' reads
 * back the same whatever standard_conforming_strings says. Two native replaces, where pg's
 * escapeLiteral walks each string a character at a time (a page's opening quotes ~1,000 values).
 */
function quoteText(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Stored works with one of the DOIs ($1), arXiv ids ($2) or titles ($3: their own or another
 * version's), or one of the ids ($4); a title core ($5) is looked up as a title. Oldest first. A
 * UNION of index probes, one branch a kind of key, each title looked up on its own (a LATERAL
 * subquery kept apart by OFFSET 0): written as one WHERE with ORs, the planner estimated a title's
 * rows from the table's average (hundreds where there is one or none) and read the whole table,
 * 8–18 ms a page beside 10,000–40,000 works, where the probes take 1–2. The DOI and arXiv indexes
 * are unique, so `= ANY(…)` on them is estimated right.
 */
const CANDIDATE_WORKS_SQL = (() => {
  // created_at for the order: of works a page shows to be one, the oldest stays.
  const c = 'id, doi, arxiv_id, title_key, year, first_author_key, title_core_key, created_at';
  return `SELECT id, doi, arxiv_id, title_key, year, first_author_key, title_core_key FROM (
         SELECT ${c} FROM works WHERE doi = ANY($1::text[])
         UNION SELECT ${c} FROM works WHERE arxiv_id = ANY($2::text[])
         UNION SELECT w.* FROM unnest($4::uuid[]) AS k, LATERAL (SELECT ${c} FROM works WHERE id = k OFFSET 0) w
         UNION SELECT w.* FROM unnest($3::text[] || $5::text[]) AS k, LATERAL (SELECT ${c} FROM works WHERE title_key = k OFFSET 0) w
         UNION SELECT w.* FROM unnest($3::text[]) AS k, LATERAL (SELECT ${c} FROM works WHERE title_core_key = k OFFSET 0) w
         UNION SELECT w.* FROM unnest($3::text[] || $5::text[]) AS k,
                 LATERAL (SELECT work_id FROM work_titles WHERE title_key = k OFFSET 0) t,
                 LATERAL (SELECT ${c} FROM works WHERE id = t.work_id OFFSET 0) w
       ) found
       ORDER BY created_at, id`;
})();

/** The stored records of a page, as the ingest compares them: `sources` and `sourceIds` are SQL text[] expressions. */
const storedRecordsSql = (sources: string, sourceIds: string): string => `SELECT r.id, r.source, r.source_id, r.work_id, r.content_hash
  FROM work_records r JOIN unnest(${sources}, ${sourceIds}) AS k(source, source_id) USING (source, source_id)`;

/**
 * Every statement on the shared cache of works (works, work_records, work_authorships, work_titles,
 * work_aliases, work_author_queries) that the ingest runs. Methods that take an EntityManager run
 * inside the caller's transaction. Every write takes
 * whole sets (arrays through unnest), never one statement per work.
 */
@Injectable()
export class WorksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page's transaction, opened in one round trip: BEGIN, JIT off for the transaction, the advisory
   * locks on `lockKeys` (sorted, so two writers never deadlock: they serialize writers touching the
   * same ids) and the read of the page's stored records go as one simple-protocol string of four
   * statements. Each statement still takes its own snapshot (READ COMMITTED), so the read sees every
   * row a writer that held one of the locks committed before this one got it. Simple protocol takes
   * no parameters: the keys go as quoted literals.
   *
   * JIT: once the works table has statistics, a page's statements are estimated past
   * jit_above_cost, and compiling took 11 ms of a 12 ms statement; none runs long enough to repay it.
   *
   * `meanwhile` runs in the process while the database locks and reads (the page's own computing,
   * overlapped with the round trip); `work` runs inside with both answers; COMMIT after it, ROLLBACK
   * on any failure.
   */
  async lockedPageTransaction<P, T>(
    lockKeys: string[],
    records: { source: string; sourceId: string }[],
    meanwhile: () => P,
    work: (em: EntityManager, stored: StoredRecordRow[], prepared: P) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as { query(text: string): Promise<{ rows: unknown[] }[]> };
      const opening = `BEGIN;
        SET LOCAL jit = off;
        SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(${textArray([...lockKeys].sort())}) AS k ORDER BY k;
        ${storedRecordsSql(textArray(records.map((r) => r.source)), textArray(records.map((r) => r.sourceId)))}`;
      const [opened, prepared] = await Promise.all([
        // Failing as em.query fails (QueryFailedError), though it goes to the driver itself.
        client.query(opening).catch((error: Error) => {
          throw new QueryFailedError(opening, [], error);
        }),
        // A microtask: client.query has written the statements to the socket by then.
        Promise.resolve().then(meanwhile),
      ]);
      // The opening began the transaction itself (to save a round trip): TypeORM is told so, so that
      // a transaction opened inside (a merge hook's em.transaction) nests as a savepoint instead of
      // committing the page half-way, and commitTransaction ends it.
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      const result = await work(runner.manager, opened.at(-1)!.rows as StoredRecordRow[], prepared);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // Also when BEGIN itself failed: ROLLBACK outside a transaction is only a warning.
      await (runner.isTransactionActive ? runner.rollbackTransaction() : runner.query('ROLLBACK')).catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * A page's stored records, read outside any transaction and without locks (one statement, the
   * same as lockedPageTransaction's read); `meanwhile` runs in the process while the database reads.
   * Enough to tell that a page changes nothing; anything it would write needs lockedPageTransaction.
   */
  async storedRecords<P>(records: { source: string; sourceId: string }[], meanwhile: () => P): Promise<{ stored: StoredRecordRow[]; prepared: P }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [stored, prepared] = await Promise.all([
        runner.query(storedRecordsSql('$1::text[]', '$2::text[]'), [records.map((r) => r.source), records.map((r) => r.sourceId)]) as Promise<StoredRecordRow[]>,
        // Once the statement is on its way: the runner's connection is held, so it goes out at once.
        new Promise<void>((resolve) => setImmediate(resolve)).then(meanwhile),
      ]);
      return { stored, prepared };
    } finally {
      await runner.release();
    }
  }

  /** The live id of a work: the id itself, or the work it was merged into (work_aliases); null when neither knows it. */
  async resolveWorkId(workId: string, db: DataSource | EntityManager = this.dataSource): Promise<string | null> {
    const [row] = (await db.query(
      'SELECT coalesce((SELECT id FROM works WHERE id = $1), (SELECT work_id FROM work_aliases WHERE old_id = $1)) AS id',
      [workId],
    )) as { id: string | null }[];
    return row?.id ?? null;
  }

  /** Stored works a page's records may join: see CANDIDATE_WORKS_SQL. */
  candidateWorks(em: EntityManager, keys: { dois: string[]; arxivIds: string[]; titleKeys: string[]; titleCoreKeys: string[]; workIds: string[] }): Promise<CandidateWorkRow[]> {
    return em.query(CANDIDATE_WORKS_SQL, [keys.dois, keys.arxivIds, keys.titleKeys, keys.workIds, keys.titleCoreKeys]) as Promise<CandidateWorkRow[]>;
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
    // Rows go as JSON, three parameters in all, where 32 arrays made pg escape every element (the
    // records' JSON most of all) in the process; each record's JSON is the text its hash was taken
    // of, put in as it is. The authorships are read from the records' own author lists, as stored.
    const records = `[${page.records.map((r) => `{"id":${JSON.stringify(r.id)},"workId":${JSON.stringify(r.workId)},"hash":${JSON.stringify(r.hash)},"record":${r.json}}`).join(',')}]`;
    return em.query(
      `WITH inserted AS (
         INSERT INTO works (id, ${WORK_FIELDS}) SELECT id, ${WORK_ROW_FIELDS} FROM json_to_recordset($1::json) AS m(${WORK_ROW})
       ),
       updated AS (
         UPDATE works w SET title = m.title, title_key = m."titleKey", year = m.year, publication_date = m."publicationDate", venue = m.venue, type = m.type,
                doi = m.doi, arxiv_id = m."arxivId", first_author_key = m."firstAuthorKey", citation_count = m."citationCount", abstract = m.abstract,
                open_access_url = m."openAccessUrl", pdf_url = m."pdfUrl", title_core_key = m."titleCoreKey", updated_at = now()
           FROM json_to_recordset($2::json) AS m(${WORK_ROW}) WHERE w.id = m.id
       ),
       r AS (
         INSERT INTO work_records (id, work_id, source, source_id, source_url, record, content_hash, citation_count, fetched_at)
         SELECT t.id, t."workId", t.record->>'source', t.record->>'sourceId', t.record->>'sourceUrl', t.record, t.hash, (t.record->>'citationCount')::int, $4
           FROM jsonb_to_recordset($3::jsonb) AS t(id uuid, "workId" uuid, hash text, record jsonb)
         ON CONFLICT (source, source_id) DO UPDATE SET work_id = EXCLUDED.work_id, source_url = EXCLUDED.source_url, record = EXCLUDED.record,
           content_hash = EXCLUDED.content_hash, citation_count = EXCLUDED.citation_count, fetched_at = EXCLUDED.fetched_at
         RETURNING id, source, source_id, work_id, record
       ),
       a AS (
         INSERT INTO work_authorships (record_id, position, work_id, source, name, source_author_id, orcid, author_count)
         SELECT r.id, (x->>'position')::int, r.work_id, r.source, x->>'name', x->>'sourceAuthorId', x->>'orcid', jsonb_array_length(r.record->'authors')
           FROM r, jsonb_array_elements(r.record->'authors') AS x
       )
       SELECT id, source, source_id FROM r`,
      [JSON.stringify(page.newWorks), JSON.stringify(page.updatedWorks), records, page.fetchedAt],
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
