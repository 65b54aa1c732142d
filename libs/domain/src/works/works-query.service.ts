import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '#platform';
import { normalizeArxivId, normalizeDoi, titleKey } from '../shared/text/index';
import { type ScholarlySource, sourcesByPriority, type WorkType } from '../scholarly/index';
import { WorksQueryRepository, type WorksSearchCondition } from './works-query.repository';

/**
 * Reading the shared cache of works back: a person's works (private to the person's user, as the
 * person is), and the works themselves (public data, the same for every user).
 *
 * A person's works are the works with an authorship that is the person's (see person-authorships.ts:
 * a linked identity or their ORCID iD). Every list is one SQL statement (a second one only counts a page past the end).
 */

export const PERSON_WORK_SORTS = ['year', 'citations', 'position'] as const;
export type PersonWorkSort = (typeof PERSON_WORK_SORTS)[number];

export const AUTHOR_POSITION_FILTERS = ['first', 'last', 'any'] as const;
export type AuthorPositionFilter = (typeof AUTHOR_POSITION_FILTERS)[number];

/** Records are listed publishers first, preprints last (the order the ingest trusts them in). */
/** The order a work's records are listed in: the sources' metadata priority (see the source registry). */
export const sourceOrder = (): ScholarlySource[] => sourcesByPriority('metadata');

export interface PersonWorksQuery {
  yearFrom?: number;
  yearTo?: number;
  type?: WorkType;
  /** first: the person is the first author; last: the last author (a sole author is both). */
  position?: AuthorPositionFilter;
  /** Works that this source has a record of. */
  source?: ScholarlySource;
  /** Title words, folded like titles are (case, accents, punctuation, LaTeX); each must start a word of the title. */
  q?: string;
  /** year (default, newest first), citations (most cited first) or position (first authors first). */
  sort?: PersonWorkSort;
  /** Flips the sort's default direction; nulls stay last, ties are broken by work id. */
  order?: 'asc' | 'desc';
  /** Abstracts are long: the list carries them only when asked. */
  withAbstract?: boolean;
  limit?: number;
  offset?: number;
}

export interface WorksSearchQuery {
  /** Title words, a DOI in any written form, or an arXiv id (any version, any form). */
  q: string;
  limit?: number;
  offset?: number;
}

export interface WorkPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The canonical work, merged from its records. */
export interface WorkView {
  id: string;
  title: string;
  year: number | null;
  publicationDate: string | null;
  venue: string | null;
  type: WorkType;
  doi: string | null;
  arxivId: string | null;
  /** The highest count any source reports. */
  citationCount: number | null;
  /** Undefined when not asked for (lists); null when no source has one. */
  abstract?: string | null;
  openAccessUrl: string | null;
  pdfUrl: string | null;
}

/** One source's record behind a work. */
export interface WorkSourceRecord {
  source: ScholarlySource;
  sourceId: string;
  sourceUrl: string;
  citationCount: number | null;
  fetchedAt: Date;
}

export interface AuthorPosition {
  /** 1-based; where sources disagree, the one most of the person's records give. */
  position: number;
  authorCount: number;
  first: boolean;
  last: boolean;
}

export interface PersonWork {
  work: WorkView;
  authorship: AuthorPosition;
  records: WorkSourceRecord[];
}

export interface WorkSearchHit {
  work: WorkView;
  sources: ScholarlySource[];
}

export interface RecordAuthor {
  position: number;
  name: string;
  sourceAuthorId: string | null;
  orcid: string | null;
}

/** A record as its source gave it: its own title, year, venue and ids, and its authors in order. */
export interface WorkRecordDetail extends WorkSourceRecord {
  title: string;
  year: number | null;
  venue: string | null;
  type: WorkType;
  doi: string | null;
  arxivId: string | null;
  authors: RecordAuthor[];
}

export interface WorkDetail {
  work: WorkView;
  records: WorkRecordDetail[];
}

@Injectable()
export class WorksQueryService {
  constructor(private readonly works: WorksQueryRepository) {}

  /** The person's works, paged; a person of another user (or none, or deleted) is a 404. */
  async forPerson(userId: string, personId: string, query: PersonWorksQuery = {}): Promise<WorkPage<PersonWork>> {
    if (query.yearFrom !== undefined && query.yearTo !== undefined && query.yearFrom > query.yearTo) {
      throw new InvalidInputError('yearFrom is after yearTo', [{ field: 'yearFrom', problem: 'must not be after yearTo' }]);
    }
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const rows = await this.works.personWorksPage(sourceOrder(), userId, personId, {
      yearFrom: query.yearFrom,
      yearTo: query.yearTo,
      type: query.type,
      position: query.position,
      source: query.source,
      words: titleWords(query.q),
      sort: query.sort ?? 'year',
      desc: (query.order ?? (query.sort === 'position' ? 'asc' : 'desc')) === 'desc',
      withAbstract: query.withAbstract === true,
      limit,
      offset,
    });
    if (rows[0].person_found === 0) throw new NotFoundError('person', personId);
    const items = rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        work: workFromRow(row, query.withAbstract === true),
        authorship: authorPosition(row.position, row.author_count),
        records: recordsFromJson(row.records),
      }));
    return { items, total: rows[0].total, limit, offset };
  }

  /** Shared works by title words, DOI (any written form) or arXiv id (any form, any version): most cited first. */
  async search(query: WorksSearchQuery): Promise<WorkPage<WorkSearchHit>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const key = identifierOf(query.q);
    let condition: WorksSearchCondition;
    if (key?.doi) condition = { doi: key.doi };
    else if (key?.arxivId) condition = { arxivId: key.arxivId };
    else {
      const words = titleWords(query.q);
      if (words.length === 0) return { items: [], total: 0, limit, offset };
      condition = { words };
    }
    const rows = await this.works.searchPage(condition, limit, offset);
    let total = rows[0]?.total ?? 0;
    // A page past the end has no row to carry the total: only then is it counted apart.
    if (rows.length === 0 && offset > 0) total = await this.works.countSearch(condition);
    const items = rows.map((row) => ({ work: workFromRow(row, false), sources: sortSources(parsePgArray(row.sources)) }));
    return { items, total, limit, offset };
  }

  /** One shared work with every source's record of it and each record's authors in order. */
  async get(id: string): Promise<WorkDetail> {
    // An id of a version since merged into another answers for the merged work.
    const workId = (await this.works.resolveWorkId(id)) ?? id;
    const row = await this.works.workWithRecords(sourceOrder(), workId);
    if (!row) throw new NotFoundError('work', workId);
    const records = (row.records as any[]).map(
      (r): WorkRecordDetail => ({
        ...recordFromJson(r),
        title: r.title,
        year: r.year ?? null,
        venue: r.venue ?? null,
        type: r.type,
        doi: r.doi ?? null,
        arxivId: r.arxivId ?? null,
        authors: r.authors,
      }),
    );
    return { work: workFromRow(row, true), records };
  }
}

/** Title words as stored titles are folded; empty when nothing is left to search for. */
export function titleWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(titleKey(q).split(' ').filter(Boolean))];
}

/**
 * A DOI or an arXiv id, when the query is one: any DOI is read as one (`10.` then a slash is
 * distinctive; an arXiv-minted DOI names the preprint), an arXiv id only when the query is a
 * single token or mentions arXiv, so a title with a number in it stays a title search.
 */
export function identifierOf(q: string): { doi: string | null; arxivId: string | null } | null {
  const text = q.trim();
  const doi = normalizeDoi(text);
  if (doi) return doi.startsWith('10.48550/arxiv.') ? { doi: null, arxivId: normalizeArxivId(doi.slice('10.48550/arxiv.'.length)) } : { doi, arxivId: null };
  if (/\s/.test(text) && !/arxiv/i.test(text)) return null;
  const arxivId = normalizeArxivId(text);
  return arxivId ? { doi: null, arxivId } : null;
}

export function workFromRow(row: Record<string, any>, withAbstract: boolean): WorkView {
  const work: WorkView = {
    id: row.id,
    title: row.title,
    year: row.year,
    publicationDate: row.publication_date,
    venue: row.venue,
    type: row.type,
    doi: row.doi,
    arxivId: row.arxiv_id,
    citationCount: row.citation_count,
    openAccessUrl: row.open_access_url,
    pdfUrl: row.pdf_url,
  };
  if (withAbstract) work.abstract = row.abstract ?? null;
  return work;
}

export function authorPosition(position: number, authorCount: number): AuthorPosition {
  return { position, authorCount, first: position === 1, last: position === authorCount };
}

function recordFromJson(r: Record<string, any>): WorkSourceRecord {
  return { source: r.source, sourceId: r.sourceId, sourceUrl: r.sourceUrl, citationCount: r.citationCount ?? null, fetchedAt: new Date(r.fetchedAt) };
}

export function recordsFromJson(records: Record<string, any>[]): WorkSourceRecord[] {
  return records.map(recordFromJson);
}

function sortSources(sources: string[]): ScholarlySource[] {
  const order = sourceOrder();
  return (sources as ScholarlySource[]).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** node-postgres parses text[] into an array, but array_agg over a text column may come back as `{a,b}`. */
function parsePgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}

/** Citation counts per source: the highest each source's records report (null when it gives none). */
export function citationsBySource(records: WorkSourceRecord[]): Partial<Record<ScholarlySource, number | null>> {
  const out: Partial<Record<ScholarlySource, number | null>> = {};
  for (const r of records) {
    const current = out[r.source];
    out[r.source] = r.citationCount === null ? (current ?? null) : Math.max(current ?? r.citationCount, r.citationCount);
  }
  return out;
}
