import type { ScholarlyConfig } from '#platform';
import { normalizeDoi } from '../../../shared/text/index';
import { requireOrcid } from '../orcid/orcid.normalize';
import { preferAffiliation } from '../../author-candidates';
import { MalformedResponseError, ScholarlyHttp, ScholarlyRequest, ScholarlyResponse, SourceRejectedError } from '../../scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, NormalizedWork, ScholarlyClient, WorksPage } from '../../scholarly.types';
import {
  isDeletedOpenAlexAuthor,
  normalizeOpenAlexCandidate,
  normalizeOpenAlexSnapshot,
  normalizeOpenAlexSuggestion,
  normalizeOpenAlexWork,
  openAlexShortId,
} from './openalex.normalize';
import type { OpenAlexAuthor, OpenAlexAutocompleteItem, OpenAlexList, OpenAlexWork } from './openalex.types';

/**
 * OpenAlex: the primary source of authors and works.
 *
 * Cost model (2026): singletons are free, list/filter calls are metered per page, so works are
 * listed 200 a page (the server's hard maximum) with `select=` trimming each record to the fields
 * normalization reads, and authors are checked through the free singleton first.
 * Identification: `api_key` (what OpenAlex meters and, from 2026-02, requires) when configured;
 * `mailto` (the legacy polite pool, still accepted) when a contact address is configured. Both go
 * as secret parameters: sent, never in a log or an error message.
 */

/** Root-level fields only: `select=` rejects nested paths (`open_access.is_oa` is a 400). */
export const OPENALEX_WORK_FIELDS = [
  'id',
  'doi',
  'title',
  'display_name',
  'publication_year',
  'publication_date',
  'ids',
  'type',
  'primary_location',
  'locations',
  'best_oa_location',
  'open_access',
  'authorships',
  'cited_by_count',
  'abstract_inverted_index',
  'updated_date',
] as const;

export const OPENALEX_MAX_PER_PAGE = 200;

/** An author id that OpenAlex answers with its "Deleted Author" stub: re-resolve the person (e.g. by ORCID). */
export class OpenAlexAuthorDeletedError extends SourceRejectedError {
  constructor(request: string, readonly sourceAuthorId: string) {
    super('openalex', request, 410, `author ${sourceAuthorId} was deleted or merged at OpenAlex; re-resolve the person (e.g. by ORCID)`);
  }
}

export interface OpenAlexClientOptions {
  /** Works per list page; 200 is the server's maximum and the cheapest per work. */
  worksPerPage?: number;
}

export class OpenAlexClient implements ScholarlyClient {
  readonly source = 'openalex' as const;
  private readonly baseUrl: string;
  private readonly worksPerPage: number;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly config: Pick<ScholarlyConfig, 'openalex' | 'contactEmail'>,
    options: OpenAlexClientOptions = {},
  ) {
    this.baseUrl = config.openalex.baseUrl.replace(/\/+$/, '');
    this.worksPerPage = Math.min(Math.max(Math.trunc(options.worksPerPage ?? OPENALEX_MAX_PER_PAGE), 1), OPENALEX_MAX_PER_PAGE);
  }

  /**
   * Authors whose name matches, by relevance. The filter form (`display_name.search`) is used
   * rather than `search=`, which OpenAlex bills at ten times a filter. OpenAlex has no affiliation
   * text filter, so an affiliation only moves the candidates who have it to the front.
   */
  async searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    const name = filterValue(query.name);
    if (!name) return [];
    const { data, response } = await this.getJson<OpenAlexList<OpenAlexAuthor>>('/authors', {
      filter: `display_name.search:${name}`,
      per_page: clampLimit(query.limit, 25, OPENALEX_MAX_PER_PAGE),
    });
    const candidates = this.results(data, response)
      .map((author) => normalizeOpenAlexCandidate(author))
      .filter((c): c is AuthorCandidate => c !== null);
    return preferAffiliation(candidates, query.affiliation);
  }

  /** Type-ahead over `/autocomplete/authors` (at most 10, slim records: no topics, no alternative names). */
  async suggestAuthors(prefix: string): Promise<AuthorCandidate[]> {
    const q = prefix.trim();
    if (!q) return [];
    const { data, response } = await this.getJson<OpenAlexList<OpenAlexAutocompleteItem>>('/autocomplete/authors', { q });
    return this.results(data, response)
      .map((item) => normalizeOpenAlexSuggestion(item))
      .filter((c): c is AuthorCandidate => c !== null);
  }

  /**
   * The free singleton. Accepts `A5023888391`, `https://openalex.org/A…` or an ORCID iD in any form.
   * A merged author arrives (after OpenAlex's 301) under the surviving id, so the snapshot's
   * `sourceAuthorId` may differ from the one asked for; a deleted one is an OpenAlexAuthorDeletedError.
   */
  async getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot> {
    const { data, response } = await this.getJson<OpenAlexAuthor>(`/authors/${pathId(authorKey(sourceAuthorId))}`, {});
    const author = this.entity(data, response);
    if (isDeletedOpenAlexAuthor(author)) throw new OpenAlexAuthorDeletedError(response.request, openAlexShortId(author.id) ?? sourceAuthorId);
    const snapshot = normalizeOpenAlexSnapshot(author);
    if (!snapshot) throw new MalformedResponseError('openalex', response.request, 'author without id or display_name');
    return snapshot;
  }

  /** One work by OpenAlex id (`W…`, URL) or DOI (any form): the free singleton, with every author (lists cut them at 100). */
  async getWork(id: string): Promise<NormalizedWork> {
    const doi = normalizeDoi(id);
    const key = openAlexShortId(id) ?? (doi ? `doi:${doi}` : id.trim());
    const { data, response } = await this.getJson<OpenAlexWork>(`/works/${pathId(key)}`, { select: OPENALEX_WORK_FIELDS.join(',') });
    const work = normalizeOpenAlexWork(this.entity(data, response));
    if (!work) throw new MalformedResponseError('openalex', response.request, 'work without id or title');
    return work;
  }

  /**
   * A page of the author's works by cursor: `page` null starts at `cursor=*`; `next` is OpenAlex's
   * `meta.next_cursor`, null when it is null or the page came back empty (a page that is exactly
   * full may be followed by one empty page). Untitled records (paratext such as a journal issue's
   * front matter) are left out.
   */
  async listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage> {
    const id = openAlexShortId(sourceAuthorId) ?? sourceAuthorId.trim();
    const { data, response } = await this.getJson<OpenAlexList<OpenAlexWork>>('/works', {
      filter: `author.id:${id}`,
      select: OPENALEX_WORK_FIELDS.join(','),
      per_page: this.worksPerPage,
      cursor: page ?? '*',
    });
    const results = this.results(data, response);
    const works = results.map((work) => normalizeOpenAlexWork(work)).filter((w): w is NormalizedWork => w !== null);
    const cursor = data.meta?.next_cursor;
    return {
      works,
      next: results.length > 0 && typeof cursor === 'string' && cursor !== '' && cursor !== page ? cursor : null,
      total: typeof data.meta?.count === 'number' ? data.meta.count : null,
    };
  }

  private async getJson<T>(path: string, query: NonNullable<ScholarlyRequest['query']>): Promise<{ data: T; response: ScholarlyResponse }> {
    const secretQuery: Record<string, string> = {};
    if (this.config.openalex.apiKey) secretQuery.api_key = this.config.openalex.apiKey;
    if (this.config.contactEmail) secretQuery.mailto = this.config.contactEmail;
    const result = await this.http.getJson<T>('openalex', this.baseUrl, path, { query, secretQuery });
    rejectErrorBody(result.data, result.response);
    return result;
  }

  private results<T>(data: OpenAlexList<T>, response: ScholarlyResponse): T[] {
    if (!Array.isArray(data.results)) throw new MalformedResponseError('openalex', response.request, 'no results array');
    return data.results.filter((r): r is T => r !== null && typeof r === 'object');
  }

  private entity<T extends object>(data: T | null, response: ScholarlyResponse): T {
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new MalformedResponseError('openalex', response.request, 'not an object');
    return data;
  }
}

/**
 * A 200 whose body has a top-level `error` is OpenAlex refusing the request (plan-gated filters
 * answer `{"error": "Plan upgrade required"}` with status 200): a SourceRejectedError, like a 4xx,
 * because the same request will be refused again. It is a documented answer, not a broken body,
 * so it is not a MalformedResponseError (which says the response itself cannot be trusted).
 */
function rejectErrorBody(data: unknown, response: ScholarlyResponse): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  const { error, message } = data as { error?: unknown; message?: unknown };
  if (error === undefined || error === null || error === false) return;
  const detail = [error, message].filter((part) => typeof part === 'string' && part.trim()).join(': ');
  throw new SourceRejectedError('openalex', response.request, response.status, detail || 'error in a 200 response');
}

/**
 * An ORCID iD (bare or URL) is looked up as `orcid:…`; any OpenAlex id form as its short key. What
 * looks like an ORCID iD but is not one whole (`00000-0002-…`, a bad check digit) is refused
 * before any request: OpenAlex would answer 404, or worse, find whoever holds the iD inside it.
 */
function authorKey(id: string): string {
  const trimmed = id.trim();
  const short = openAlexShortId(trimmed);
  if (short) return short;
  if (/orcid/i.test(trimmed) || /^\d[\d -]{10,}[\dX]$/i.test(trimmed)) return `orcid:${requireOrcid('openalex', trimmed, (input) => `/authors/${encodeURIComponent(input)}`)}`;
  return trimmed;
}

/** Encodes one path segment, keeping the `:` of `orcid:` / `doi:` keys and the `/` inside a DOI. */
function pathId(key: string): string {
  const encoded = encodeURIComponent(key).replace(/%3A/gi, ':');
  return key.startsWith('doi:10.') ? encoded.replace(/%2F/gi, '/') : encoded;
}

/** A search term inside `filter=`: `,` (AND), `|` (OR) and `:` are filter syntax, so they become spaces. */
function filterValue(text: string): string {
  return text.replace(/[,|:]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(Math.trunc(limit), 1), max);
}
