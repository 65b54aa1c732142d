import type { ScholarlyConfig } from '#platform';
import { normalizeDoi } from '../../../shared/text/index';
import { MalformedResponseError, ScholarlyHttp, SourceRejectedError, UnsupportedBySourceError } from '../../scholarly-http';
import { type AuthorCandidate, type AuthorSnapshot, type AuthorWithWorks, laterTimestamp, type NormalizedWork, type ScholarlyClient, type WorksPage } from '../../scholarly.types';
import { InvalidIdentifierError, requireOrcid } from '../orcid/orcid.normalize';
import { crossrefAuthors, crossrefFailure, doiPath, normalizeCrossrefWork } from './crossref.normalize';
import type { CrossrefEnvelope, CrossrefWork, CrossrefWorkList } from './crossref.types';

/**
 * A Crossref cursor that Crossref no longer knows (it expires about five minutes after its last
 * use, or was never valid): HTTP 404 `resource-failure` / `cursor-invalid`. The identity is fine;
 * the listing has to start again from the first page (`page = null`).
 */
export class CrossrefCursorInvalidError extends SourceRejectedError {}

export interface CrossrefClientOptions {
  /** Works per page of `listWorks` (Crossref allows up to 1000 with a cursor). */
  pageSize?: number;
}

/**
 * Fields a works page asks for: a full record carries its whole reference list, often most of its
 * bytes, and a sync needs none of it. Only fields Crossref documents as selectable (`subtype` and
 * `institution` are not, so a posted-content record in a list is taken for a preprint without a venue).
 */
const LIST_FIELDS = ['DOI', 'type', 'title', 'container-title', 'author', 'issued', 'published', 'published-online', 'published-print', 'posted', 'is-referenced-by-count', 'abstract', 'link', 'relation', 'indexed', 'deposited'].join(',');

/**
 * Crossref (https://api.crossref.org): the metadata publishers deposit for a DOI. An "author" at
 * Crossref is an ORCID iD: there is no author entity, only `filter=orcid:` over the works whose
 * deposits name that iD, so `sourceAuthorId` is always a bare ORCID iD here.
 *
 * Every request carries `mailto` (the polite pool: 10 req/s for single works, 3 req/s for lists,
 * 3 at a time) when a contact address is configured; the User-Agent carries it too.
 */
export class CrossrefClient implements ScholarlyClient {
  readonly source = 'crossref' as const;
  private readonly pageSize: number;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly config: Pick<ScholarlyConfig, 'crossref'>,
    options: CrossrefClientOptions = {},
  ) {
    this.pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 100), 1), 1000);
  }

  /** One work by DOI (any written form); an unknown DOI is a SourceRejectedError with Crossref's "Resource not found.". */
  async getWork(doiInput: string): Promise<NormalizedWork> {
    const doi = normalizeDoi(doiInput);
    if (!doi) throw new InvalidIdentifierError('crossref', `/works/${encodeURIComponent(doiInput)}`, `not a DOI: "${doiInput}"`);
    const { message, request } = await this.getMessage<CrossrefWork>(`/works/${doiPath(doi)}`, {}, 'work');
    const work = normalizeCrossrefWork(message);
    if (!work) throw new MalformedResponseError('crossref', request, 'the work has no DOI');
    return work;
  }

  /**
   * Not offered. Crossref has no author entity to search: `query.author` ranks works by fuzzy
   * name match, mixing every namesake, and whatever candidates came out would have to be keyed
   * by an ORCID iD anyway, which ORCID's own search finds better.
   */
  searchAuthors(_query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    return Promise.reject(new UnsupportedBySourceError('crossref', 'searchAuthors'));
  }

  /**
   * One cheap request: the most recently indexed work that names the iD (`rows=1`, sorted by
   * `indexed`). Its total is the works count, its index date the snapshot's `updatedAt` (any
   * change to any of the works, a new one included, moves it), and the name is how that work
   * credits the iD (the iD itself when no work names it).
   */
  async getAuthor(orcidInput: string): Promise<AuthorSnapshot> {
    const orcid = requireOrcid('crossref', orcidInput, (id) => `/works?filter=orcid:${id}`);
    const { message } = await this.getMessage<CrossrefWorkList>('/works', { filter: `orcid:${orcid}`, rows: 1, sort: 'indexed', order: 'desc', select: 'DOI,author,indexed' }, 'work-list');
    const latest = message.items?.[0];
    const credited = latest ? crossrefAuthors(latest).find((a) => a.orcid === orcid) : undefined;
    return {
      source: 'crossref',
      sourceAuthorId: orcid,
      name: credited?.name ?? orcid,
      worksCount: typeof message['total-results'] === 'number' ? message['total-results'] : null,
      citationCount: null,
      updatedAt: latest?.indexed?.['date-time'] ?? null,
    };
  }

  /**
   * The first page of the listing says what the author read would: the count is total-results, the
   * newest `indexed` over every page (folded by the sync) is the one the author read finds, and the
   * name is how a work of the page credits the iD.
   */
  async getAuthorWithWorks(orcidInput: string): Promise<AuthorWithWorks> {
    const page = await this.listWorks(orcidInput, null);
    const orcid = requireOrcid('crossref', orcidInput, (id) => `/works?filter=orcid:${id}`);
    const credited = page.works.flatMap((w) => w.authors).find((a) => a.orcid === orcid);
    const updatedAt = page.works.reduce<string | null>((at, w) => laterTimestamp(at, w.sourceUpdatedAt), null);
    return { snapshot: { source: 'crossref', sourceAuthorId: orcid, name: credited?.name ?? orcid, worksCount: page.total, citationCount: null, updatedAt }, works: async () => page, fromListing: true };
  }

  /**
   * The works whose deposits name the iD, by cursor (`cursor=*` first, then `next-cursor`).
   * Crossref's `next-cursor` is a scroll id: it stays the same from page to page and names a
   * position on Crossref's side, so a page shorter than `rows` (or empty) is the end, and a token
   * is good for about five minutes (then CrossrefCursorInvalidError: start again from null).
   */
  async listWorks(orcidInput: string, page: string | null): Promise<WorksPage> {
    const orcid = requireOrcid('crossref', orcidInput, (id) => `/works?filter=orcid:${id}`);
    const { message, request } = await this.getMessage<CrossrefWorkList>('/works', { filter: `orcid:${orcid}`, rows: this.pageSize, cursor: page ?? '*', select: LIST_FIELDS }, 'work-list');
    if (!Array.isArray(message.items)) throw new MalformedResponseError('crossref', request, 'message.items is not a list');
    const works = message.items.map((item, index) => {
      const work = normalizeCrossrefWork(item);
      if (!work) throw new MalformedResponseError('crossref', request, `item ${index} has no DOI`);
      return work;
    });
    const cursor = message['next-cursor'];
    return {
      works,
      next: works.length >= this.pageSize && typeof cursor === 'string' && cursor.length > 0 ? cursor : null,
      total: typeof message['total-results'] === 'number' ? message['total-results'] : null,
    };
  }

  private async getMessage<T>(path: string, query: Record<string, string | number>, messageType: 'work' | 'work-list'): Promise<{ message: T; request: string }> {
    const mailto = this.http.contactEmail;
    let data: CrossrefEnvelope<T>;
    let request: string;
    try {
      const result = await this.http.getJson<CrossrefEnvelope<T>>('crossref', this.config.crossref.baseUrl, path, { query: { ...query, mailto } });
      data = result.data;
      request = result.response.request;
    } catch (e) {
      throw explainFailure(e);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new MalformedResponseError('crossref', request, 'the body is not a Crossref message');
    if (data.status !== 'ok' || data['message-type'] !== messageType || data.message === null || typeof data.message !== 'object') {
      throw new MalformedResponseError('crossref', request, `expected status "ok" with a "${messageType}" message, got status "${String(data.status)}" with "${String(data['message-type'])}"`);
    }
    return { message: data.message, request };
  }
}

/** A Crossref 4xx with its problem list read into the detail (`"This route does not support field query parameters"`). */
function explainFailure(e: unknown): unknown {
  if (!(e instanceof SourceRejectedError) || e instanceof InvalidIdentifierError) return e;
  const failure = crossrefFailure(e.body ?? e.detail);
  if (!failure) return e;
  const detail = failure.message || e.detail;
  if (failure.types.includes('cursor-invalid')) return new CrossrefCursorInvalidError('crossref', e.request, e.status, detail);
  return new SourceRejectedError('crossref', e.request, e.status, detail);
}
