import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NormalizedWork, ScholarlySource } from '../scholarly/index';
import { queriedPositions } from '../scholarly/sources/arxiv/arxiv.client';
import { surnameKey } from '../shared/text/index';
import { MatchKeys, matchKeys, sameByTitle, sameRenamed, titleCoreKey } from './work-matching';

/** What one page did to the shared cache of works. */
export interface IngestResult {
  new: number;
  updated: number;
  unchanged: number;
  /** Canonical work id of each record, in the order given. */
  workIds: string[];
}

/** Which source's value a canonical field takes when records disagree: publishers first, preprints last. */
const METADATA_PRIORITY: ScholarlySource[] = ['crossref', 'openalex', 'semanticscholar', 'dblp', 'orcid', 'arxiv'];
const ABSTRACT_PRIORITY: ScholarlySource[] = ['openalex', 'semanticscholar', 'crossref', 'arxiv', 'dblp', 'orcid'];
/**
 * Sources without author ids, whose sourceAuthorId is the author query that listed the record. The
 * record is shared, so its query marks go to work_author_queries (one row per query), never into
 * the record, its hash or work_authorships: another user's query must not overwrite them.
 */
const QUERY_ID_SOURCES: ScholarlySource[] = ['arxiv'];

interface ExistingRecord {
  id: string;
  source: ScholarlySource;
  source_id: string;
  work_id: string;
  content_hash: string;
}

/** A page's record with its query marks taken off. */
interface PageRecord {
  record: NormalizedWork;
  marks: { position: number; query: string }[];
}

interface ReadingRow {
  id: string;
  user_id: string;
  notes: string | null;
  summary: string | null;
  questions: string[];
  created_at: Date;
  updated_at: Date;
}

export interface CandidateWork {
  id: string;
  doi: string | null;
  arxiv_id: string | null;
  title_key: string;
  title_keys: string[];
  year: number | null;
  first_author_key: string | null;
  title_core_key: string | null;
  /** The surnames of its authors, the first author's first: read only for works a renamed title may join. */
  author_keys?: string[];
}

/**
 * Writes pages of normalized records into the shared cache: each page in one transaction, with a
 * fixed number of set-based statements whatever its size (never one statement per work), so a
 * failed job leaves no half-written page and running the same page twice changes nothing.
 */
@Injectable()
export class WorksIngestService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ingest(records: NormalizedWork[], fetchedAt = new Date()): Promise<IngestResult> {
    if (records.length === 0) return { new: 0, updated: 0, unchanged: 0, workIds: [] };
    const page = dedupe(records).map(takeQueryMarks);
    return this.dataSource.transaction(async (em) => {
      const { result, recordIds, rewritten } = await this.ingestIn(em, page.map((p) => p.record), fetchedAt);
      await this.writeAuthorQueries(em, page, recordIds, rewritten);
      return result;
    });
  }

  private async ingestIn(
    em: EntityManager,
    records: NormalizedWork[],
    fetchedAt: Date,
  ): Promise<{ result: IngestResult; recordIds: Map<string, string>; rewritten: Map<string, NormalizedWork> }> {
    // Serializes writers touching the same ids, so two workers never create the same work twice.
    await this.lockKeys(em, records);
    const hashes = records.map(contentHash);
    const existing = await this.existingRecords(em, records);
    const result: IngestResult = { new: 0, updated: 0, unchanged: 0, workIds: [] };
    const changed: { record: NormalizedWork; hash: string; keys: MatchKeys; existing?: ExistingRecord }[] = [];
    records.forEach((record, i) => {
      const found = existing.get(recordKey(record.source, record.sourceId));
      if (found && found.content_hash === hashes[i]) {
        result.unchanged += 1;
        return;
      }
      if (found) result.updated += 1;
      else result.new += 1;
      changed.push({ record, hash: hashes[i], keys: matchKeys(record), existing: found });
    });

    const workOf = new Map<string, string>();
    for (const [key, found] of existing) workOf.set(key, found.work_id);
    const recordIds = new Map([...existing].map(([key, found]) => [key, found.id]));
    if (changed.length > 0) {
      const candidates = await this.candidateWorks(em, changed.map((c) => c.keys), [...new Set(changed.flatMap((c) => (c.existing ? [c.existing.work_id] : [])))]);
      const groups = groupPage(changed.map((c) => ({ label: recordKey(c.record.source, c.record.sourceId), keys: c.keys, workId: c.existing?.work_id ?? null })), candidates);
      const fresh = groups.filter((g) => g.works.length === 0);
      const newIds = await this.insertWorks(em, fresh.map((g) => ({ indexes: g.indexes, keys: g.keys, record: changed[g.indexes[0]].record })));
      for (const [i, id] of newIds) workOf.set(recordKey(changed[i].record.source, changed[i].record.sourceId), id);
      for (const g of groups) {
        if (g.works.length === 0) continue;
        // Two or more stored works in one group: this page shows they are one paper. The oldest stays.
        const [keep, ...drop] = g.works;
        for (const i of g.indexes) workOf.set(recordKey(changed[i].record.source, changed[i].record.sourceId), keep);
        if (drop.length > 0) await this.mergeWorks(em, keep, drop, workOf);
      }
      for (const [key, id] of await this.upsertRecords(em, changed, workOf, fetchedAt)) recordIds.set(key, id);
      const titled = new Set(candidates.filter((w) => w.title_keys.length > 0).map((w) => w.id));
      await this.refreshWorks(em, [...new Set(changed.map((c) => workOf.get(recordKey(c.record.source, c.record.sourceId))!))], titled);
    }
    result.workIds = records.map((r) => workOf.get(recordKey(r.source, r.sourceId))!);
    // Records stored before whose author list was just rewritten: their queries' positions may have moved.
    const rewritten = new Map(changed.filter((c) => c.existing && QUERY_ID_SOURCES.includes(c.record.source)).map((c) => [c.existing!.id, c.record]));
    return { result, recordIds, rewritten };
  }

  /**
   * Every author query of the page, unchanged records included (a second user's query on a record
   * another synced first), in one INSERT; a rewritten record's stored queries are matched again
   * against its new author list, so another user's query keeps following its author.
   */
  private async writeAuthorQueries(em: EntityManager, page: PageRecord[], recordIds: Map<string, string>, rewritten: Map<string, NormalizedWork>): Promise<void> {
    const rows = new Map<string, { recordId: string; position: number; query: string }>();
    const add = (recordId: string, position: number, query: string) => rows.set(`${recordId}\u0000${position}\u0000${query}`, { recordId, position, query });
    if (rewritten.size > 0) {
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      const stored = (await em.query(
        'WITH gone AS (DELETE FROM work_author_queries WHERE record_id = ANY($1::uuid[]) RETURNING record_id, query) SELECT * FROM gone',
        [[...rewritten.keys()]],
      )) as { record_id: string; query: string }[];
      for (const { record_id, query } of stored) for (const position of queriedPositions(rewritten.get(record_id)!.authors, query)) add(record_id, position, query);
    }
    for (const { record, marks } of page) for (const m of marks) add(recordIds.get(recordKey(record.source, record.sourceId))!, m.position, m.query);
    if (rows.size === 0) return;
    const all = [...rows.values()];
    await em.query(
      `INSERT INTO work_author_queries (record_id, position, query)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING`,
      [all.map((r) => r.recordId), all.map((r) => r.position), all.map((r) => r.query)],
    );
  }

  private async lockKeys(em: EntityManager, records: NormalizedWork[]): Promise<void> {
    const keys = new Set<string>();
    for (const r of records) {
      const k = matchKeys(r);
      if (k.doi) keys.add(`doi:${k.doi}`);
      if (k.arxivId) keys.add(`arxiv:${k.arxivId}`);
      keys.add(`title:${k.titleKey}`);
      // A renamed version locks the title it may join under.
      if (k.titleCoreKey) keys.add(`title:${k.titleCoreKey}`);
    }
    // Sorted, so two transactions take the locks in the same order and never deadlock.
    await em.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k ORDER BY k', [[...keys].sort()]);
  }

  private async existingRecords(em: EntityManager, records: NormalizedWork[]): Promise<Map<string, ExistingRecord>> {
    const rows = (await em.query(
      `SELECT r.id, r.source, r.source_id, r.work_id, r.content_hash
         FROM work_records r JOIN unnest($1::text[], $2::text[]) AS k(source, source_id) USING (source, source_id)`,
      [records.map((r) => r.source), records.map((r) => r.sourceId)],
    )) as ExistingRecord[];
    return new Map(rows.map((r) => [recordKey(r.source, r.source_id), r]));
  }

  /** Stored works the page may join: by DOI, arXiv id or title, and the works its stored records are in. Oldest first. */
  private async candidateWorks(em: EntityManager, keys: MatchKeys[], workIds: string[]): Promise<CandidateWork[]> {
    const titles = keys.map((k) => k.titleKey);
    const cores = keys.flatMap((k) => (k.titleCoreKey ? [k.titleCoreKey] : []));
    const works = (await em.query(
      `SELECT id, doi, arxiv_id, title_key, year, first_author_key, title_core_key FROM works
        WHERE doi = ANY($1::text[]) OR arxiv_id = ANY($2::text[]) OR title_key = ANY($3::text[] || $5::text[]) OR title_core_key = ANY($3::text[])
           -- An array, not IN (SELECT …): every branch stays an index scan.
           OR id = ANY($4::uuid[] || ARRAY(SELECT t.work_id FROM work_titles t WHERE t.title_key = ANY($3::text[] || $5::text[])))
        ORDER BY created_at, id`,
      [keys.flatMap((k) => (k.doi ? [k.doi] : [])), keys.flatMap((k) => (k.arxivId ? [k.arxivId] : [])), titles, workIds, cores],
    )) as Omit<CandidateWork, 'title_keys'>[];
    // Their other titles in a statement of their own: a subquery per row would raise the estimated
    // cost of the one above past PostgreSQL's JIT threshold, and compiling it costs more than running it.
    const others = (await em.query('SELECT work_id, title_key FROM work_titles WHERE work_id = ANY($1::uuid[])', [works.map((w) => w.id)])) as { work_id: string; title_key: string }[];
    const byWork = new Map<string, string[]>();
    for (const o of others) byWork.set(o.work_id, [...(byWork.get(o.work_id) ?? []), o.title_key]);
    const candidates = works.map((w) => ({ ...w, title_keys: byWork.get(w.id) ?? [] }));
    // Works only a renamed title may join need their authors for the co-author check: rare, so read apart.
    const [titleSet, coreSet] = [new Set(titles), new Set(cores)];
    const renamed = candidates.filter((w) => (w.title_core_key && titleSet.has(w.title_core_key)) || [w.title_key, ...w.title_keys].some((t) => coreSet.has(t)));
    if (renamed.length > 0) {
      const authors = (await em.query('SELECT work_id, array_agg(DISTINCT name) AS names FROM work_authorships WHERE work_id = ANY($1::uuid[]) GROUP BY work_id', [renamed.map((w) => w.id)])) as {
        work_id: string;
        names: string[];
      }[];
      const names = new Map(authors.map((a) => [a.work_id, a.names]));
      for (const w of renamed) w.author_keys = storedAuthorKeys(w.first_author_key, names.get(w.id) ?? []);
    }
    return candidates;
  }

  /** One multi-row INSERT for every new work of the page; returns each record index's work id. */
  private async insertWorks(em: EntityManager, groups: { indexes: number[]; keys: MatchKeys; record: NormalizedWork }[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (groups.length === 0) return out;
    const rows = (await em.query(
      `INSERT INTO works (title, title_key, year, publication_date, venue, type, doi, arxiv_id, first_author_key, title_core_key)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       RETURNING id`,
      [
        groups.map((g) => g.record.title),
        groups.map((g) => g.keys.titleKey),
        groups.map((g) => g.record.year),
        groups.map((g) => g.record.publicationDate),
        groups.map((g) => g.record.venue),
        groups.map((g) => g.record.type),
        groups.map((g) => g.keys.doi),
        groups.map((g) => g.keys.arxivId),
        groups.map((g) => g.keys.firstAuthorKey),
        groups.map((g) => titleCoreKey(g.record.title)),
      ],
    )) as { id: string }[];
    groups.forEach((g, i) => g.indexes.forEach((index) => out.set(index, rows[i].id)));
    return out;
  }

  /**
   * Folds the works `drop` into `keep`: their records, authorships and users' reading move over, and
   * each dropped id becomes an alias of `keep` (aliases of a dropped work follow it), so links to
   * the old id still resolve.
   */
  private async mergeWorks(em: EntityManager, keep: string, drop: string[], workOf: Map<string, string>): Promise<void> {
    await em.query('UPDATE work_records SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    await em.query('UPDATE work_authorships SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    await this.mergeReading(em, keep, drop);
    // Before the DELETE, whose cascade would take the dropped works' own aliases with them.
    await em.query('UPDATE work_aliases SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
    await em.query('INSERT INTO work_aliases (old_id, work_id) SELECT d, $1 FROM unnest($2::uuid[]) AS d ON CONFLICT (old_id) DO UPDATE SET work_id = EXCLUDED.work_id', [keep, drop]);
    await em.query('DELETE FROM works WHERE id = ANY($1::uuid[])', [drop]);
    const dropped = new Set(drop);
    for (const [key, id] of workOf) if (dropped.has(id)) workOf.set(key, keep);
  }

  /**
   * Each user's reading of the merged works becomes their reading of the one work. A user with
   * entries on two of them (one per version) loses nothing: the entry touched last stays, with its
   * status (their latest word on the paper); the notes and summaries that differ are all kept,
   * oldest first, a blank line apart; the questions are the union, oldest first. It keeps the
   * earliest created_at and the latest updated_at.
   */
  private async mergeReading(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    const rows = (await em.query(
      `SELECT id, user_id, status, notes, summary, questions, created_at, updated_at FROM reading_entries
        WHERE work_id = ANY($1::uuid[]) AND user_id IN (SELECT user_id FROM reading_entries WHERE work_id = ANY($1::uuid[]) GROUP BY user_id HAVING count(*) > 1)
        ORDER BY user_id, updated_at, id`,
      [[keep, ...drop]],
    )) as ReadingRow[];
    const byUser = new Map<string, ReadingRow[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    for (const entries of byUser.values()) {
      const latest = entries[entries.length - 1];
      const texts = (pickText: (r: ReadingRow) => string | null) => [...new Set(entries.map(pickText).filter((t): t is string => !!t))].join('\n\n') || null;
      await em.query('DELETE FROM reading_entries WHERE id = ANY($1::uuid[])', [entries.slice(0, -1).map((e) => e.id)]);
      await em.query('UPDATE reading_entries SET work_id = $2, notes = $3, summary = $4, questions = $5, created_at = $6, updated_at = $7 WHERE id = $1', [
        latest.id,
        keep,
        texts((r) => r.notes),
        texts((r) => r.summary),
        [...new Set(entries.flatMap((e) => e.questions))],
        entries.reduce((min, e) => (e.created_at < min ? e.created_at : min), latest.created_at),
        latest.updated_at,
      ]);
    }
    await em.query('UPDATE reading_entries SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
  }

  /** Returns the id of each record written, by recordKey. */
  private async upsertRecords(em: EntityManager, changed: { record: NormalizedWork; hash: string }[], workOf: Map<string, string>, fetchedAt: Date): Promise<Map<string, string>> {
    const workIds = changed.map((c) => workOf.get(recordKey(c.record.source, c.record.sourceId))!);
    const rows = (await em.query(
      `INSERT INTO work_records (work_id, source, source_id, source_url, record, content_hash, citation_count, fetched_at)
       SELECT w, s, i, u, r, h, c, $8 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::int[]) AS t(w, s, i, u, r, h, c)
       ON CONFLICT (source, source_id) DO UPDATE SET work_id = EXCLUDED.work_id, source_url = EXCLUDED.source_url, record = EXCLUDED.record,
         content_hash = EXCLUDED.content_hash, citation_count = EXCLUDED.citation_count, fetched_at = EXCLUDED.fetched_at
       RETURNING id, source, source_id`,
      [
        workIds,
        changed.map((c) => c.record.source),
        changed.map((c) => c.record.sourceId),
        changed.map((c) => c.record.sourceUrl),
        changed.map((c) => JSON.stringify(c.record)),
        changed.map((c) => c.hash),
        changed.map((c) => c.record.citationCount),
        fetchedAt,
      ],
    )) as { id: string; source: ScholarlySource; source_id: string }[];
    const recordIds = new Map(rows.map((r) => [recordKey(r.source, r.source_id), r.id]));
    const ids = [...recordIds.values()];
    await em.query('DELETE FROM work_authorships WHERE record_id = ANY($1::uuid[])', [ids]);
    const authorships = changed.flatMap((c, i) =>
      c.record.authors.map((a) => ({ recordId: recordIds.get(recordKey(c.record.source, c.record.sourceId))!, workId: workIds[i], source: c.record.source, author: a, count: c.record.authors.length })),
    );
    if (authorships.length === 0) return recordIds;
    await em.query(
      `INSERT INTO work_authorships (record_id, position, work_id, source, name, source_author_id, orcid, author_count)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
      [
        authorships.map((a) => a.recordId),
        authorships.map((a) => a.author.position),
        authorships.map((a) => a.workId),
        authorships.map((a) => a.source),
        authorships.map((a) => a.author.name),
        authorships.map((a) => a.author.sourceAuthorId),
        authorships.map((a) => a.author.orcid),
        authorships.map((a) => a.count),
      ],
    );
    return recordIds;
  }

  /** Rebuilds the canonical fields of works from all their records, in one UPDATE. */
  /** `titled`: the works that had other titles (work_titles rows) before this page. */
  private async refreshWorks(em: EntityManager, workIds: string[], titled: Set<string>): Promise<void> {
    const rows = (await em.query('SELECT work_id, record FROM work_records WHERE work_id = ANY($1::uuid[])', [workIds])) as { work_id: string; record: NormalizedWork }[];
    const byWork = new Map<string, NormalizedWork[]>();
    for (const row of rows) byWork.set(row.work_id, [...(byWork.get(row.work_id) ?? []), row.record]);
    const merged = [...byWork].map(([id, records]) => ({ id, ...canonicalFields(records) }));
    await em.query(
      `UPDATE works w SET title = m.title, title_key = m.title_key, year = m.year, publication_date = m.publication_date, venue = m.venue, type = m.type,
              doi = m.doi, arxiv_id = m.arxiv_id, first_author_key = m.first_author_key, citation_count = m.citation_count, abstract = m.abstract,
              open_access_url = m.open_access_url, pdf_url = m.pdf_url, title_core_key = m.title_core_key, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[])
              AS m(id, title, title_key, year, publication_date, venue, type, doi, arxiv_id, first_author_key, citation_count, abstract, open_access_url, pdf_url, title_core_key)
        WHERE w.id = m.id`,
      [
        merged.map((m) => m.id),
        merged.map((m) => m.title),
        merged.map((m) => m.titleKey),
        merged.map((m) => m.year),
        merged.map((m) => m.publicationDate),
        merged.map((m) => m.venue),
        merged.map((m) => m.type),
        merged.map((m) => m.doi),
        merged.map((m) => m.arxivId),
        merged.map((m) => m.firstAuthorKey),
        merged.map((m) => m.citationCount),
        merged.map((m) => m.abstract),
        merged.map((m) => m.openAccessUrl),
        merged.map((m) => m.pdfUrl),
        merged.map((m) => m.titleCoreKey),
      ],
    );
    // The works' other titles, rewritten only where a work has or had one (most works have one title: no statement).
    const others = merged.flatMap((m) => m.titleKeys.filter((k) => k !== m.titleKey).map((k) => ({ id: m.id, key: k })));
    const stale = [...new Set([...merged.filter((m) => titled.has(m.id)).map((m) => m.id), ...others.map((o) => o.id)])];
    if (stale.length > 0) await em.query('DELETE FROM work_titles WHERE work_id = ANY($1::uuid[])', [stale]);
    if (others.length > 0) {
      await em.query('INSERT INTO work_titles (work_id, title_key) SELECT * FROM unnest($1::uuid[], $2::text[])', [others.map((o) => o.id), others.map((o) => o.key)]);
    }
  }
}

function recordKey(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

/** A page may list a record twice (sources repeat items across pages): the last one wins. */
function dedupe(records: NormalizedWork[]): NormalizedWork[] {
  return [...new Map(records.map((r) => [recordKey(r.source, r.sourceId), r])).values()];
}

/** Splits a query-id source's record into the record as stored (no author ids) and its query marks. */
function takeQueryMarks(record: NormalizedWork): PageRecord {
  if (!QUERY_ID_SOURCES.includes(record.source)) return { record, marks: [] };
  return {
    record: { ...record, authors: record.authors.map((a) => (a.sourceAuthorId === null ? a : { ...a, sourceAuthorId: null })) },
    marks: record.authors.flatMap((a) => (a.sourceAuthorId ? [{ position: a.position, query: a.sourceAuthorId }] : [])),
  };
}

function contentHash(record: NormalizedWork): string {
  return createHash('sha256').update(stableJson(record)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A changed record of the page, as the grouping sees it. */
interface GroupInput {
  /** Stable whatever the order of the page (source and source id), so ties break the same way. */
  label: string;
  keys: MatchKeys;
  /** The work the record is stored in, if it was stored before. */
  workId: string | null;
}

/** Records of a page that are one work: the indexes of the records, the stored works they join (oldest first), the ids they carry. */
export interface PageGroup {
  indexes: number[];
  works: string[];
  keys: MatchKeys;
}

/**
 * Splits a page's changed records into works, transitively and whatever their order: union-find
 * over records and the stored works they may join. First every shared identifier joins (DOI,
 * arXiv id, the work a record is already stored in), so a record carrying both ids bridges the
 * DOI-only and the arXiv-only records and works wherever they sit in the page. Then same titles
 * join (same folded title, year within one, same first author), in an order fixed by the records'
 * own labels and the works' age, and only where the two sides hold no conflicting DOI or arXiv id:
 * a title never fuses two papers the ids tell apart, and two stored works never merge on a title
 * alone, only through a record.
 */
export function groupPage(records: GroupInput[], stored: CandidateWork[]): PageGroup[] {
  const n = records.length;
  const nodes: { label: string; keys: MatchKeys; titles: string[]; work: CandidateWork | null }[] = [
    ...records.map((r) => ({ label: `r\u0000${r.label}`, keys: r.keys, titles: [r.keys.titleKey], work: null })),
    ...stored.map((w, i) => ({
      label: `w\u0000${String(i).padStart(8, '0')}`,
      keys: { doi: w.doi, arxivId: w.arxiv_id, titleKey: w.title_key, year: w.year, firstAuthorKey: w.first_author_key, titleCoreKey: w.title_core_key, authorKeys: w.author_keys },
      // A stored work answers to every version's title.
      titles: [...new Set([w.title_key, ...w.title_keys])],
      work: w,
    })),
  ];
  const parent = nodes.map((_, i) => i);
  const dois = nodes.map((x) => new Set(x.keys.doi ? [x.keys.doi] : []));
  const arxivIds = nodes.map((x) => new Set(x.keys.arxivId ? [x.keys.arxivId] : []));
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    // The smaller index stays root: stored works are found by position, so the oldest leads.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    for (const d of dois[child]) dois[root].add(d);
    for (const x of arxivIds[child]) arxivIds[root].add(x);
  };
  const disjoint = (a: Set<string>, b: Set<string>): boolean => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));
  const compatible = (a: number, b: number): boolean => !disjoint(dois[find(a)], dois[find(b)]) && !disjoint(arxivIds[find(a)], arxivIds[find(b)]);

  const byId = new Map<string, number>();
  const storedIndex = new Map(stored.map((w, i) => [w.id, n + i]));
  nodes.forEach((x, i) => {
    for (const id of [x.keys.doi && `doi:${x.keys.doi}`, x.keys.arxivId && `arxiv:${x.keys.arxivId}`]) {
      if (!id) continue;
      const seen = byId.get(id);
      if (seen === undefined) byId.set(id, i);
      else union(seen, i);
    }
  });
  records.forEach((r, i) => {
    const w = r.workId === null ? undefined : storedIndex.get(r.workId);
    if (w !== undefined) union(i, w);
  });

  const byTitle = new Map<string, number[]>();
  nodes.forEach((x, i) => {
    for (const t of x.titles) if (t) byTitle.set(t, [...(byTitle.get(t) ?? []), i]);
  });
  for (const key of [...byTitle.keys()].sort()) {
    const members = byTitle.get(key)!.sort((a, b) => (nodes[a].label < nodes[b].label ? -1 : nodes[a].label > nodes[b].label ? 1 : 0));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i], members[j]];
        if (nodes[a].work && nodes[b].work) continue;
        if (find(a) !== find(b) && sameByTitle({ ...nodes[a].keys, titleKey: key }, { ...nodes[b].keys, titleKey: key }) && compatible(a, b)) union(a, b);
      }
    }
  }

  // A version renamed on publication: one node's title core is another's title (see sameRenamed),
  // pairs taken in an order fixed by their labels, as above.
  const pairs: [number, number, string][] = [];
  nodes.forEach((x, i) => {
    const core = x.keys.titleCoreKey;
    for (const j of (core && byTitle.get(core)) || []) if (j !== i && !(x.work && nodes[j].work)) pairs.push([i, j, core!]);
  });
  const label = (i: number) => nodes[i].label;
  pairs.sort((p, q) => (label(p[0]) + label(p[1]) < label(q[0]) + label(q[1]) ? -1 : label(p[0]) + label(p[1]) > label(q[0]) + label(q[1]) ? 1 : 0));
  for (const [a, b, core] of pairs) {
    if (find(a) !== find(b) && sameRenamed(nodes[a].keys, { ...nodes[b].keys, titleKey: core, titleCoreKey: null }) && compatible(a, b)) union(a, b);
  }

  const groups = new Map<number, PageGroup>();
  for (let i = 0; i < nodes.length; i++) {
    const root = find(i);
    if (i >= n && !groups.has(root)) continue; // a stored work no record of the page joins
    const g = groups.get(root) ?? { indexes: [], works: [], keys: { ...nodes[i].keys, doi: null, arxivId: null } };
    groups.set(root, g);
    if (i < n) g.indexes.push(i);
    else g.works.push(nodes[i].work!.id);
    g.keys.doi ??= nodes[i].keys.doi;
    g.keys.arxivId ??= nodes[i].keys.arxivId;
  }
  return [...groups.values()];
}

/** A stored work's authors as sameRenamed compares them: the first author's surname first, then every other one once. */
function storedAuthorKeys(firstAuthorKey: string | null, names: string[]): string[] {
  const others = [...new Set(names.flatMap((n) => surnameKey(n) ?? []))].filter((k) => k !== firstAuthorKey);
  return firstAuthorKey ? [firstAuthorKey, ...others] : others;
}

function pick<T>(records: NormalizedWork[], priority: ScholarlySource[], value: (r: NormalizedWork) => T | null | undefined): T | null {
  const sorted = [...records].sort((a, b) => priority.indexOf(a.source) - priority.indexOf(b.source));
  for (const r of sorted) {
    const v = value(r);
    if (v !== null && v !== undefined && v !== '') return v;
  }
  return null;
}

/** The canonical work from its records: the publisher's metadata first, the highest citation count. */
export function canonicalFields(records: NormalizedWork[]) {
  const keys = records.map(matchKeys);
  const published = records.filter((r) => r.type !== 'preprint');
  const title = pick(records, METADATA_PRIORITY, (r) => r.title) ?? '';
  const counts = records.map((r) => r.citationCount).filter((c): c is number => c !== null);
  return {
    title,
    titleKey: matchKeys({ ...records[0], title }).titleKey,
    titleCoreKey: titleCoreKey(title),
    // The published version's date and venue, when there is one; else the preprint's.
    year: pick(published.length ? published : records, METADATA_PRIORITY, (r) => r.year),
    publicationDate: pick(published.length ? published : records, METADATA_PRIORITY, (r) => r.publicationDate),
    venue: pick(published.length ? published : records, METADATA_PRIORITY, (r) => r.venue),
    type: pick(published.length ? published : records, METADATA_PRIORITY, (r) => r.type) ?? 'other',
    doi: keys.find((k) => k.doi)?.doi ?? null,
    arxivId: keys.find((k) => k.arxivId)?.arxivId ?? null,
    firstAuthorKey: pick(records, METADATA_PRIORITY, (r) => matchKeys(r).firstAuthorKey),
    citationCount: counts.length ? Math.max(...counts) : null,
    abstract: pick(records, ABSTRACT_PRIORITY, (r) => r.abstract),
    openAccessUrl: pick(records, METADATA_PRIORITY, (r) => r.openAccessUrl),
    pdfUrl: pick(records, METADATA_PRIORITY, (r) => r.pdfUrl),
    titleKeys: [...new Set(keys.map((k) => k.titleKey).filter(Boolean))].sort(),
  };
}
