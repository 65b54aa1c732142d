import type { ScholarlyConfig } from '#platform';
import { preferAffiliation } from '../../author-candidates';
import { MalformedResponseError, ScholarlyHttp, ScholarlyRequest, ScholarlyResponse, SourceRejectedError } from '../../scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, NormalizedWork, ScholarlyClient, WorksPage } from '../../scholarly.types';
import { normalizeS2Candidate, normalizeS2Paper, normalizeS2Snapshot } from './semantic-scholar.normalize';
import type { S2Author, S2AuthorSearch, S2Paper, S2PaperPage } from './semantic-scholar.types';

/**
 * Semantic Scholar Graph API v1: a second opinion on works and citations, and the external ids
 * (DOI, arXiv, DBLP, …) that tie its records to the other sources.
 *
 * The API key, when configured, goes in the `x-api-key` header: headers never appear in a log or
 * an error message. A free key allows about 1 request/second across all endpoints; pacing is the
 * queue's job, this client only makes each call count (batch endpoints, large pages).
 */

/** Fields for a work: everything normalization reads, nothing more (each field costs response size). */
export const S2_PAPER_FIELDS = [
  'paperId',
  'corpusId',
  'externalIds',
  'url',
  'title',
  'abstract',
  'venue',
  'publicationVenue',
  'year',
  'publicationDate',
  'publicationTypes',
  'journal',
  'authors',
  'citationCount',
  'isOpenAccess',
  'openAccessPdf',
].join(',');

/** Fields for a search candidate. (`aliases` is not asked for: older recordings show it failing.) */
export const S2_AUTHOR_FIELDS = ['name', 'url', 'affiliations', 'externalIds', 'paperCount', 'citationCount', 'hIndex'].join(',');

/** Fields for the cheap change check a sync makes before listing works. */
export const S2_SNAPSHOT_FIELDS = ['name', 'paperCount', 'citationCount'].join(',');

export const S2_MAX_PAGE = 1000;
export const S2_AUTHOR_BATCH = 1000;
export const S2_PAPER_BATCH = 500;
/** Clients of the API treat 10,000 as the ceiling of offset paging. */
export const S2_MAX_OFFSET = 10_000;
const MIN_PAGE = 10;

export interface SemanticScholarClientOptions {
  /**
   * Papers per page of an author's works (max 1000). 500 by default: few calls, and well under the
   * 10 MB response cap even with abstracts; a page that still exceeds it is asked for again at half the size.
   */
  worksPerPage?: number;
}

export class SemanticScholarClient implements ScholarlyClient {
  readonly source = 'semanticscholar' as const;
  private readonly baseUrl: string;
  private readonly worksPerPage: number;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly config: Pick<ScholarlyConfig, 'semanticScholar'>,
    options: SemanticScholarClientOptions = {},
  ) {
    this.baseUrl = `${config.semanticScholar.baseUrl.replace(/\/+$/, '')}/graph/v1`;
    this.worksPerPage = clamp(options.worksPerPage ?? 500, 1, S2_MAX_PAGE);
  }

  /**
   * Authors by name (S2 takes plain text only: hyphens are sent as spaces, as its docs ask).
   * S2 has no affiliation filter, and most authors have none: an affiliation only moves the
   * candidates who have it to the front.
   */
  async searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    const text = query.name.replace(/[-‐‑–—]/g, ' ').replace(/\s+/g, ' ').trim();
    if (!text) return [];
    const { data, response } = await this.getJson<S2AuthorSearch>('/author/search', { query: text, fields: S2_AUTHOR_FIELDS, limit: clamp(query.limit ?? 20, 1, S2_MAX_PAGE) });
    const candidates = list(data, response)
      .map((author) => normalizeS2Candidate(author))
      .filter((c): c is AuthorCandidate => c !== null);
    return preferAffiliation(candidates, query.affiliation);
  }

  async getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot> {
    const { data, response } = await this.getJson<S2Author>(`/author/${encodeURIComponent(sourceAuthorId.trim())}`, { fields: S2_SNAPSHOT_FIELDS });
    const snapshot = normalizeS2Snapshot(object(data, response));
    if (!snapshot) throw new MalformedResponseError('semanticscholar', response.request, 'author without authorId or name', response.method);
    return snapshot;
  }

  /**
   * Snapshots of many authors with `POST /author/batch` (1000 ids a call): one entry per id, in
   * order, null where S2 does not know the id. For the sync's cheap change check of every tracked author.
   */
  async getAuthors(ids: string[]): Promise<(AuthorSnapshot | null)[]> {
    return this.batch(ids, S2_AUTHOR_BATCH, '/author/batch', S2_SNAPSHOT_FIELDS, (author: S2Author) => normalizeS2Snapshot(author));
  }

  /**
   * A page of the author's papers: `page` is the offset (null = 0); `next` is S2's `next` offset,
   * null on the last page (which has no `next`) or at the offset ceiling. S2 gives no total here.
   */
  async listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage> {
    const offset = page === null ? 0 : Number(page);
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`semanticscholar: invalid page token ${JSON.stringify(page)}: expected an offset`);
    if (offset >= S2_MAX_OFFSET) return { works: [], next: null, total: null };
    const path = `/author/${encodeURIComponent(sourceAuthorId.trim())}/papers`;
    let limit = Math.min(this.worksPerPage, S2_MAX_OFFSET - offset);
    for (;;) {
      try {
        const { data, response } = await this.getJson<S2PaperPage>(path, { fields: S2_PAPER_FIELDS, limit, offset });
        const works = list(data, response)
          .map((paper) => normalizeS2Paper(paper))
          .filter((w): w is NormalizedWork => w !== null);
        const next = typeof data.next === 'number' && Number.isInteger(data.next) && data.next > offset && data.next < S2_MAX_OFFSET ? String(data.next) : null;
        return { works, next, total: typeof data.total === 'number' ? data.total : null };
      } catch (e) {
        // "Response would exceed maximum size": the same offset again with a smaller page.
        if (e instanceof SourceRejectedError && e.status === 400 && /exceed.*maximum/i.test(e.detail) && limit > MIN_PAGE) {
          limit = Math.max(MIN_PAGE, Math.floor(limit / 2));
          continue;
        }
        throw e;
      }
    }
  }

  /** One paper by S2 id or any id S2 accepts (`DOI:10.…`, `ARXIV:1706.03762`, `CorpusId:…`). */
  async getWork(id: string): Promise<NormalizedWork> {
    const { data, response } = await this.getJson<S2Paper>(`/paper/${paperPath(id)}`, { fields: S2_PAPER_FIELDS });
    const work = normalizeS2Paper(object(data, response));
    if (!work) throw new MalformedResponseError('semanticscholar', response.request, 'paper without paperId or title', response.method);
    return work;
  }

  /** Many papers with `POST /paper/batch` (500 ids a call), e.g. to refresh citation counts: in order, null where unknown. */
  async getWorks(ids: string[]): Promise<(NormalizedWork | null)[]> {
    return this.batch(ids, S2_PAPER_BATCH, '/paper/batch', S2_PAPER_FIELDS, (paper: S2Paper) => normalizeS2Paper(paper));
  }

  private async batch<Raw, Out>(ids: string[], size: number, path: string, fields: string, normalize: (raw: Raw) => Out | null): Promise<(Out | null)[]> {
    const out: (Out | null)[] = [];
    for (let start = 0; start < ids.length; start += size) {
      const chunk = ids.slice(start, start + size).map((id) => id.trim());
      const { data, response } = await this.http.postJson<(Raw | null)[]>('semanticscholar', this.baseUrl, path, { ids: chunk }, this.request({ fields }));
      if (!Array.isArray(data) || data.length !== chunk.length) {
        throw new MalformedResponseError('semanticscholar', response.request, `expected an array of ${chunk.length} entries`, response.method);
      }
      for (const entry of data) out.push(entry && typeof entry === 'object' ? normalize(entry) : null);
    }
    return out;
  }

  private async getJson<T>(path: string, query: NonNullable<ScholarlyRequest['query']>): Promise<{ data: T; response: ScholarlyResponse }> {
    return this.http.getJson<T>('semanticscholar', this.baseUrl, path, this.request(query));
  }

  private request(query: NonNullable<ScholarlyRequest['query']>): ScholarlyRequest {
    const key = this.config.semanticScholar.apiKey;
    return { query, ...(key ? { headers: { 'x-api-key': key } } : {}) };
  }
}

function list<T>(data: { data?: (T | null | undefined)[] | null } | null, response: ScholarlyResponse): T[] {
  if (!data || !Array.isArray(data.data)) throw new MalformedResponseError('semanticscholar', response.request, 'no data array', response.method);
  return data.data.filter((item): item is T => item !== null && typeof item === 'object');
}

function object<T extends object>(data: T | null, response: ScholarlyResponse): T {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new MalformedResponseError('semanticscholar', response.request, 'not an object', response.method);
  return data;
}

/** A paper id as a path segment; `DOI:10.1145/…` keeps its `:` and `/` (S2 reads them in the path). */
function paperPath(id: string): string {
  const key = id.trim();
  const encoded = encodeURIComponent(key).replace(/%3A/gi, ':');
  return /^doi:10\./i.test(key) ? encoded.replace(/%2F/gi, '/') : encoded;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), min), max) : min;
}
