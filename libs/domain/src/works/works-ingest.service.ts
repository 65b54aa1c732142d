import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type NormalizedWork, type ScholarlySource, scholarlySource, scholarlySources, sourcesByPriority } from '../scholarly/index';
import { surnameKey } from '../shared/text/index';
import { WorkMergeHooks } from './work-merge-hooks';
import { MatchKeys, matchKeys, sameByTitle, sameRenamed } from './work-matching';
import { CandidateWorkRow, StoredRecordRow, WorkFieldsRow, WorksRepository } from './works.repository';

/** What one page did to the shared cache of works. */
export interface IngestResult {
  new: number;
  updated: number;
  unchanged: number;
  /** Canonical work id of each record, in the order given. */
  workIds: string[];
}

/** Which source's value a canonical field takes when records disagree: publishers first, preprints last. */
const METADATA_PRIORITY = (): ScholarlySource[] => sourcesByPriority('metadata');
const ABSTRACT_PRIORITY = (): ScholarlySource[] => sourcesByPriority('abstract');
/**
 * Sources without author ids, whose sourceAuthorId is the author query that listed the record. The
 * record is shared, so its query marks go to work_author_queries (one row per query), never into
 * the record, its hash or work_authorships: another user's query must not overwrite them.
 */
const QUERY_ID_SOURCES = (): ScholarlySource[] => scholarlySources().filter((s) => s.attributedByName).map((s) => s.name);

/** A page's record with its query marks taken off. */
interface PageRecord {
  record: NormalizedWork;
  marks: { position: number; query: string }[];
}

export interface CandidateWork extends CandidateWorkRow {
  title_keys: string[];
  /** The surnames of its authors, the first author's first: read only for works a renamed title may join. */
  author_keys?: string[];
}

/** A record of the page that is new or differs from its stored version. */
interface ChangedRecord {
  record: NormalizedWork;
  hash: string;
  /** The record as JSON text, for the tables (see hashedJson). */
  json: string;
  keys: MatchKeys;
  existing?: StoredRecordRow;
}

/**
 * Writes pages of normalized records into the shared cache: each page in one transaction, with a
 * fixed number of set-based statements whatever its size (never one statement per work), so a
 * failed job leaves no half-written page and running the same page twice changes nothing. A page
 * that only brings new works costs four round trips: open the transaction (BEGIN, lock its keys,
 * read its stored records, all in one), find the works it may join, write everything (works with
 * their canonical fields, records, authorships) in one statement, COMMIT; the canonical fields are
 * computed here from the page itself, so new works are never read back. A page that changes nothing
 * (a re-sync) needs no locks and no match keys: once a page has changed nothing, the next one is
 * first read without a transaction, and only if it brings something does it take the locked path.
 */
@Injectable()
export class WorksIngestService {
  /**
   * Whether the last page changed nothing: then the next is likely a re-sync's too (see ingest).
   * Shared by concurrent jobs, it is only a guess: a wrong one costs one round trip, never a write.
   */
  private lastPageQuiet = false;

  /**
   * Built by hand (a bench, a test without the app), it has no hooks: a merge of works then
   * leaves other modules' rows on the dropped works, which their delete takes with them.
   */
  constructor(
    private readonly works: WorksRepository,
    private readonly mergeHooks: WorkMergeHooks = new WorkMergeHooks(),
  ) {}

  async ingest(records: NormalizedWork[], fetchedAt = new Date()): Promise<IngestResult> {
    if (records.length === 0) return { new: 0, updated: 0, unchanged: 0, workIds: [] };
    const queryIdSources = QUERY_ID_SOURCES();
    const page = dedupe(records.flatMap(storable)).map((r) => takeQueryMarks(r, queryIdSources));
    if (page.length === 0) return { new: 0, updated: 0, unchanged: 0, workIds: [] };
    const keysOf = memoizedKeys();
    const pageRecords = page.map((p) => p.record);
    // The records' content hashes and JSON, computed while the database reads the stored records.
    let hashes: HashedJson[] | undefined;
    const hashesOf = () => (hashes ??= pageRecords.map(hashedJson));
    // Likely a re-sync: if every record is stored as it is, the page is done, without a lock.
    // Author query marks are written even for unchanged records, so such a page takes the locks.
    if (this.lastPageQuiet && page.every((p) => p.marks.length === 0)) {
      const { stored, prepared } = await this.works.storedRecords(pageRecords, hashesOf);
      const { existing, result, changed } = comparePage(pageRecords, stored, prepared, keysOf);
      if (changed.length === 0) return { ...result, workIds: pageRecords.map((r) => existing.get(recordKey(r.source, r.sourceId))!.work_id) };
    }
    // The page's keys are locked before its stored records are read (one round trip, see
    // lockedPageTransaction): the read sees every page that a writer holding one of them committed.
    const result = await this.works.lockedPageTransaction(lockKeys(pageRecords, keysOf), pageRecords, hashesOf, async (em, stored, prepared) => {
      const { result, recordIds, rewritten } = await this.ingestIn(em, pageRecords, stored, prepared, fetchedAt, keysOf);
      await this.writeAuthorQueries(em, page, recordIds, rewritten);
      return result;
    });
    this.lastPageQuiet = result.new + result.updated === 0;
    return result;
  }

  private async ingestIn(
    em: EntityManager,
    records: NormalizedWork[],
    stored: StoredRecordRow[],
    hashes: HashedJson[],
    fetchedAt: Date,
    keysOf: KeysOf,
  ): Promise<{ result: IngestResult; recordIds: Map<string, string>; rewritten: Map<string, NormalizedWork> }> {
    const { existing, result, changed } = comparePage(records, stored, hashes, keysOf);
    const workOf = new Map<string, string>();
    for (const [key, found] of existing) workOf.set(key, found.work_id);
    const recordIds = new Map([...existing].map(([key, found]) => [key, found.id]));
    if (changed.length > 0) {
      for (const [key, id] of await this.writeChanged(em, changed, workOf, fetchedAt, keysOf)) recordIds.set(key, id);
    }
    result.workIds = records.map((r) => workOf.get(recordKey(r.source, r.sourceId))!);
    // Records stored before whose author list was just rewritten: their queries' positions may have moved.
    const queryIdSources = QUERY_ID_SOURCES();
    const rewritten = new Map(changed.filter((c) => c.existing && queryIdSources.includes(c.record.source)).map((c) => [c.existing!.id, c.record]));
    return { result, recordIds, rewritten };
  }

  /**
   * Groups the changed records into works (joining stored ones, merging stored works a record shows
   * to be one paper), then writes them; fills `workOf` and answers each written record's id.
   */
  private async writeChanged(em: EntityManager, changed: ChangedRecord[], workOf: Map<string, string>, fetchedAt: Date, keysOf: KeysOf): Promise<Map<string, string>> {
    const candidates = await this.candidateWorks(em, changed.map((c) => c.keys), [...new Set(changed.flatMap((c) => (c.existing ? [c.existing.work_id] : [])))]);
    const groups = groupPage(changed.map((c) => ({ label: recordKey(c.record.source, c.record.sourceId), keys: c.keys, workId: c.existing?.work_id ?? null })), candidates.works);
    const newWorks: WorkFields[] = [];
    const updatedWorks: WorkFields[] = [];
    for (const g of groups) {
      const pageRecords = g.indexes.map((i) => changed[i].record);
      if (g.works.length === 0) {
        const id = newId();
        newWorks.push({ id, ...canonicalFields(pageRecords, keysOf) });
        for (const r of pageRecords) workOf.set(recordKey(r.source, r.sourceId), id);
        continue;
      }
      // Two or more stored works in one group: this page shows they are one paper. The oldest stays.
      const [keep, ...drop] = g.works;
      if (drop.length > 0) {
        await this.mergeWorks(em, keep, drop);
        const dropped = new Set(drop);
        for (const [key, id] of workOf) if (dropped.has(id)) workOf.set(key, keep);
      }
      for (const r of pageRecords) workOf.set(recordKey(r.source, r.sourceId), keep);
      updatedWorks.push({ id: keep, ...canonicalFields(withPageVersions(g.works.flatMap((w) => candidates.records.get(w) ?? []), pageRecords), keysOf) });
    }
    const rewrittenIds = changed.flatMap((c) => (c.existing ? [c.existing.id] : []));
    if (rewrittenIds.length > 0) await this.works.deleteAuthorships(em, rewrittenIds);
    const rows = await this.works.writePage(em, {
      newWorks,
      updatedWorks,
      records: changed.map((c) => ({ id: c.existing?.id ?? newId(), workId: workOf.get(recordKey(c.record.source, c.record.sourceId))!, json: c.json, hash: c.hash })),
      fetchedAt,
    });
    await this.writeOtherTitles(em, [...newWorks, ...updatedWorks], new Set(candidates.works.filter((w) => w.title_keys.length > 0).map((w) => w.id)));
    return new Map(rows.map((r) => [recordKey(r.source, r.source_id), r.id]));
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
      const stored = await this.works.takeAuthorQueries(em, [...rewritten.keys()]);
      for (const { record_id, query } of stored) for (const position of queriedPositions(rewritten.get(record_id)!, query)) add(record_id, position, query);
    }
    for (const { record, marks } of page) for (const m of marks) add(recordIds.get(recordKey(record.source, record.sourceId))!, m.position, m.query);
    if (rows.size > 0) await this.works.insertAuthorQueries(em, [...rows.values()]);
  }

  /**
   * Stored works the page may join: by DOI, arXiv id or title, and the works its stored records
   * are in, oldest first; with their other titles and their records (by work id).
   */
  private async candidateWorks(em: EntityManager, keys: MatchKeys[], workIds: string[]): Promise<{ works: CandidateWork[]; records: Map<string, NormalizedWork[]> }> {
    const titleKeys = keys.map((k) => k.titleKey);
    const titleCoreKeys = keys.flatMap((k) => (k.titleCoreKey ? [k.titleCoreKey] : []));
    const works = await this.works.candidateWorks(em, {
      dois: keys.flatMap((k) => (k.doi ? [k.doi] : [])),
      arxivIds: keys.flatMap((k) => (k.arxivId ? [k.arxivId] : [])),
      titleKeys,
      titleCoreKeys,
      workIds,
    });
    if (works.length === 0) return { works: [], records: new Map() };
    const details = await this.works.worksDetails(em, works.map((w) => w.id));
    const candidates: CandidateWork[] = works.map((w) => ({ ...w, title_keys: details.titles.get(w.id) ?? [] }));
    // Works only a renamed title may join need their authors for the co-author check: rare, so read apart.
    const [titleSet, coreSet] = [new Set(titleKeys), new Set(titleCoreKeys)];
    const renamed = candidates.filter((w) => (w.title_core_key && titleSet.has(w.title_core_key)) || [w.title_key, ...w.title_keys].some((t) => coreSet.has(t)));
    if (renamed.length > 0) {
      const names = await this.works.authorNamesOfWorks(em, renamed.map((w) => w.id));
      for (const w of renamed) w.author_keys = storedAuthorKeys(w.first_author_key, names.get(w.id) ?? []);
    }
    return { works: candidates, records: details.records };
  }

  /** Folds the works `drop` into `keep`, other modules' rows (users' reading) included; old ids become aliases of `keep`. */
  private async mergeWorks(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    // The hooks first: deleting the dropped works would cascade to the rows still on them.
    await this.mergeHooks.worksMerged(em, keep, drop);
    await this.works.mergeWorks(em, keep, drop);
  }

  /**
   * The works' other titles (work_titles), rewritten only where a work has or had one (`titled`:
   * the works that had some before this page); most works have one title: no statement.
   */
  private async writeOtherTitles(em: EntityManager, works: WorkFields[], titled: Set<string>): Promise<void> {
    const others = works.flatMap((m) => m.titleKeys.filter((k) => k !== m.titleKey).map((k) => ({ workId: m.id, titleKey: k })));
    const stale = [...new Set([...works.filter((m) => titled.has(m.id)).map((m) => m.id), ...others.map((o) => o.workId)])];
    if (stale.length > 0 || others.length > 0) await this.works.replaceWorkTitles(em, stale, others);
  }
}

/** A work's canonical fields with its id, and every title its records give. */
type WorkFields = WorkFieldsRow & { titleKeys: string[] };

/** A stored work's records with the page's versions in place of the stored ones, and the page's new records after them. */
function withPageVersions(stored: NormalizedWork[], page: NormalizedWork[]): NormalizedWork[] {
  const fresh = new Map(page.map((r) => [recordKey(r.source, r.sourceId), r]));
  const out = stored.map((r) => {
    const key = recordKey(r.source, r.sourceId);
    const replaced = fresh.get(key);
    fresh.delete(key);
    return replaced ?? r;
  });
  return [...out, ...fresh.values()];
}

/**
 * The page beside its stored records: how many are new, changed or unchanged (workIds left to the
 * caller), and the new and changed ones with their keys.
 */
function comparePage(
  records: NormalizedWork[],
  stored: StoredRecordRow[],
  hashes: HashedJson[],
  keysOf: KeysOf,
): { existing: Map<string, StoredRecordRow>; result: IngestResult; changed: ChangedRecord[] } {
  const existing = new Map(stored.map((r) => [recordKey(r.source, r.source_id), r]));
  const result: IngestResult = { new: 0, updated: 0, unchanged: 0, workIds: [] };
  const changed: ChangedRecord[] = [];
  records.forEach((record, i) => {
    const found = existing.get(recordKey(record.source, record.sourceId));
    if (found && found.content_hash === hashes[i].hash) {
      result.unchanged += 1;
      return;
    }
    if (found) result.updated += 1;
    else result.new += 1;
    changed.push({ record, ...hashes[i], keys: keysOf(record), existing: found });
  });
  return { existing, result, changed };
}

/** A record's match keys, computed once per page (locking, grouping and canonical fields all read them). */
type KeysOf = (record: NormalizedWork) => MatchKeys;

function memoizedKeys(): KeysOf {
  const known = new Map<NormalizedWork, MatchKeys>();
  return (record) => {
    let keys = known.get(record);
    if (!keys) known.set(record, (keys = matchKeys(record)));
    return keys;
  };
}

/** The keys a page locks: every DOI, arXiv id and title it holds. */
function lockKeys(records: NormalizedWork[], keysOf: KeysOf): string[] {
  const keys = new Set<string>();
  for (const r of records) {
    const k = keysOf(r);
    if (k.doi) keys.add(`doi:${k.doi}`);
    if (k.arxivId) keys.add(`arxiv:${k.arxivId}`);
    keys.add(`title:${k.titleKey}`);
    // A renamed version locks the title it may join under.
    if (k.titleCoreKey) keys.add(`title:${k.titleCoreKey}`);
  }
  return [...keys];
}

/**
 * A new work's or record's id: time-ordered (UUID version 7), so a page's new rows go to the right
 * edge of every index keyed by them (works' and records' primary keys, records by work, authorships
 * by record) instead of a random page each, which a random id made PostgreSQL find, dirty and
 * (after each checkpoint) write whole to the WAL. Node's own generator (24.16 and later) draws from
 * a pooled entropy cache, six times faster than the uuid package's, which serves older Node.
 */
const newId: () => string = (crypto as { randomUUIDv7?: () => string }).randomUUIDv7 ?? uuidv7;

function recordKey(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

const INT_MAX = 2_147_483_647;
/** Ids are indexed, and a btree entry holds at most 2,704 bytes: no real id comes near this. */
const MAX_ID_BYTES = 1000;

/**
 * The record as the tables can take it, where one value would otherwise fail its whole page on
 * every retry: a year or citation count no integer column takes (12.5, 3e9, a negative count) made
 * null, as are a DOI, arXiv id, author id or ORCID iD too long to index. A record whose own id is
 * that long is no record: left out.
 */
function storable(record: NormalizedWork): NormalizedWork[] {
  const whole = (value: number | null, min: number) => value === null || (Number.isInteger(value) && value >= min && value <= INT_MAX);
  const fits = (id: string | null) => id === null || id.length * 4 <= MAX_ID_BYTES || Buffer.byteLength(id) <= MAX_ID_BYTES;
  if (!fits(record.sourceId)) return [];
  const authorsFit = record.authors.every((a) => fits(a.sourceAuthorId) && fits(a.orcid));
  if (whole(record.year, -INT_MAX) && whole(record.citationCount, 0) && fits(record.doi) && fits(record.arxivId) && authorsFit) return [record];
  return [
    {
      ...record,
      year: whole(record.year, -INT_MAX) ? record.year : null,
      citationCount: whole(record.citationCount, 0) ? record.citationCount : null,
      doi: fits(record.doi) ? record.doi : null,
      arxivId: fits(record.arxivId) ? record.arxivId : null,
      authors: authorsFit ? record.authors : record.authors.map((a) => ({ ...a, sourceAuthorId: fits(a.sourceAuthorId) ? a.sourceAuthorId : null, orcid: fits(a.orcid) ? a.orcid : null })),
    },
  ];
}

/** A page may list a record twice (sources repeat items across pages): the last one wins. */
function dedupe(records: NormalizedWork[]): NormalizedWork[] {
  return [...new Map(records.map((r) => [recordKey(r.source, r.sourceId), r])).values()];
}

/** Splits a query-id source's record into the record as stored (no author ids) and its query marks. */
function takeQueryMarks(record: NormalizedWork, queryIdSources: ScholarlySource[]): PageRecord {
  if (!queryIdSources.includes(record.source)) return { record, marks: [] };
  return {
    record: { ...record, authors: record.authors.map((a) => (a.sourceAuthorId === null ? a : { ...a, sourceAuthorId: null })) },
    marks: record.authors.flatMap((a) => (a.sourceAuthorId ? [{ position: a.position, query: a.sourceAuthorId }] : [])),
  };
}

/** The hash stored with a record (work_records.content_hash): a re-sync skips a record whose hash is unchanged. */
export function contentHash(record: NormalizedWork): string {
  return crypto.hash('sha256', stableJson(record), 'base64url');
}

/** A record's content hash, and the record as JSON text for the tables. */
export interface HashedJson {
  hash: string;
  json: string;
}

/**
 * The content hash and the JSON the record is stored as, from one walk: the hash text is itself
 * the record's JSON (its keys sorted, which jsonb does not keep anyway) unless the record holds a
 * value JSON.stringify writes otherwise (an undefined object value, which the hash text writes as
 * null; a toJSON; a function). Only then is the record written out a second time. The write's
 * JSON.stringify of every record was 5% of a first sync's time.
 */
export function hashedJson(record: NormalizedWork): HashedJson {
  plainJson = true;
  const text = stableJson(record);
  return { hash: crypto.hash('sha256', text, 'base64url'), json: plainJson ? text : JSON.stringify(record) };
}

/** False once the walk of stableJson met a value its text gives otherwise than JSON.stringify would. */
let plainJson = true;

/**
 * JSON with every object's keys sorted (an undefined value as null): the text the content hash is
 * taken of, so it must never change. It runs over every record of every page, re-syncs included:
 * plain loops, and each object shape's sorted keys and their JSON prefixes worked out once
 * (records and authors repeat a handful of shapes), which halves its time.
 */
function stableJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) {
    plainJson = false;
    return 'null';
  }
  if (typeof value !== 'object') {
    if (typeof value !== 'number' && typeof value !== 'boolean') plainJson = false;
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = `[${stableJson(value[0])}`;
    for (let i = 1; i < value.length; i++) out += `,${stableJson(value[i])}`;
    return `${out}]`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') plainJson = false;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const { sorted, prefixes } = shapeOf(keys);
  let out = '';
  for (let i = 0; i < sorted.length; i++) out += prefixes[i] + stableJson((value as Record<string, unknown>)[sorted[i]]);
  return `${out}}`;
}

interface ObjectShape {
  keys: string[];
  sorted: string[];
  /** `{"key":` for the first sorted key, `,"key":` for the others. */
  prefixes: string[];
}

/** Shapes seen so far, up to a bound: objects with other keys (a source's externalIds) fall back to sorting. */
const shapes: ObjectShape[] = [];
const MAX_SHAPES = 64;

function shapeOf(keys: string[]): ObjectShape {
  next: for (const shape of shapes) {
    if (shape.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue next;
    return shape;
  }
  const sorted = [...keys].sort();
  const shape = { keys, sorted, prefixes: sorted.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`) };
  if (shapes.length < MAX_SHAPES) shapes.push(shape);
  return shape;
}

/** A changed record of the page, as the grouping sees it. */
interface GroupInput {
  /** Stable whatever the order of the page (source and source id), so ties break the same way. */
  label: string;
  keys: MatchKeys;
  /** The work the record is stored in, if it was stored before. */
  workId: string | null;
}

/** Records of a page that are one work: the indexes of the records, and the stored works they join (oldest first). */
export interface PageGroup {
  indexes: number[];
  works: string[];
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
  // A title that is the core of two different titles ("P" beside "P: A" and "P: B") could be either
  // paper's version: nothing says which, so it joins neither.
  const renamed = pairs.filter(([a, b, core]) => sameRenamed(nodes[a].keys, { ...nodes[b].keys, titleKey: core, titleCoreKey: null }));
  const partners = new Map<number, Set<string>>();
  for (const [a, b] of renamed) {
    for (const [x, y] of [[a, b], [b, a]]) partners.set(x, (partners.get(x) ?? new Set()).add(nodes[y].keys.titleKey));
  }
  for (const [a, b] of renamed) {
    if (partners.get(a)!.size > 1 || partners.get(b)!.size > 1) continue;
    if (find(a) !== find(b) && compatible(a, b)) union(a, b);
  }

  const groups = new Map<number, PageGroup>();
  for (let i = 0; i < nodes.length; i++) {
    const root = find(i);
    if (i >= n && !groups.has(root)) continue; // a stored work no record of the page joins
    const g = groups.get(root) ?? { indexes: [], works: [] };
    groups.set(root, g);
    if (i < n) g.indexes.push(i);
    else g.works.push(nodes[i].work!.id);
  }
  return [...groups.values()];
}

/** A stored work's authors as sameRenamed compares them: the first author's surname first, then every other one once. */
function storedAuthorKeys(firstAuthorKey: string | null, names: string[]): string[] {
  const others = [...new Set(names.flatMap((n) => surnameKey(n) ?? []))].filter((k) => k !== firstAuthorKey);
  return firstAuthorKey ? [firstAuthorKey, ...others] : others;
}

/** The records in the order a field takes its value from them: `priority`'s order, stable. */
function ranked(records: NormalizedWork[], priority: ScholarlySource[]): NormalizedWork[] {
  return records.length < 2 ? records : [...records].sort((a, b) => priority.indexOf(a.source) - priority.indexOf(b.source));
}

/** The first value `value` finds in records already ranked: null, undefined and '' are no value. */
function pick<T>(rankedRecords: NormalizedWork[], value: (r: NormalizedWork) => T | null | undefined): T | null {
  for (const r of rankedRecords) {
    const v = value(r);
    if (v !== null && v !== undefined && v !== '') return v;
  }
  return null;
}

/** The canonical work from its records: the publisher's metadata first, the highest citation count. */
export function canonicalFields(records: NormalizedWork[], keysOf: KeysOf = matchKeys) {
  const keys = records.map(keysOf);
  // Ranked once per work, not once per field: the registry sorts its sources on every call.
  const metadata = ranked(records, METADATA_PRIORITY());
  // The published version's date and venue, when there is one; else the preprint's.
  const published = metadata.filter((r) => r.type !== 'preprint');
  const dated = published.length > 0 ? published : metadata;
  // The record the title comes from: its keys are the title's, already worked out.
  const titled = metadata.find((r) => r.title);
  const counts = records.map((r) => r.citationCount).filter((c): c is number => c !== null);
  return {
    title: titled?.title ?? '',
    titleKey: titled ? keysOf(titled).titleKey : '',
    titleCoreKey: titled ? (keysOf(titled).titleCoreKey ?? null) : null,
    year: pick(dated, (r) => r.year),
    publicationDate: pick(dated, (r) => r.publicationDate),
    venue: pick(dated, (r) => r.venue),
    type: pick(dated, (r) => r.type) ?? 'other',
    doi: keys.find((k) => k.doi)?.doi ?? null,
    arxivId: keys.find((k) => k.arxivId)?.arxivId ?? null,
    firstAuthorKey: pick(metadata, (r) => keysOf(r).firstAuthorKey),
    citationCount: counts.length ? Math.max(...counts) : null,
    abstract: pick(ranked(records, ABSTRACT_PRIORITY()), (r) => r.abstract),
    openAccessUrl: pick(metadata, (r) => r.openAccessUrl),
    pdfUrl: pick(metadata, (r) => r.pdfUrl),
    titleKeys: [...new Set(keys.map((k) => k.titleKey).filter(Boolean))].sort(),
  };
}

/** The author positions on `record` that the query `query` names, at a source that attributes works by name (arXiv). */
function queriedPositions(record: NormalizedWork, query: string): number[] {
  return scholarlySource(record.source).attributedByName?.queriedPositions(record.authors, query) ?? [];
}
