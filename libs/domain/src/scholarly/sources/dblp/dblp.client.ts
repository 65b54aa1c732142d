import { foldText } from '../../../shared/text/index';
import { MalformedResponseError, ScholarlyHttp, ScholarlyResponse } from '../../scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, AuthorWithWorks, ScholarlyClient, WorksPage } from '../../scholarly.types';
import {
  DblpAuthorInfo,
  dblpAuthorToCandidate,
  DblpParseError,
  DblpPersonPage,
  DblpPublInfo,
  dblpPublToWork,
  dblpRecordToWork,
  DblpSearchResponse,
  displayName,
  isSameName,
  normalizeDblpPid,
  parseDblpPerson,
  searchHits,
} from './dblp.parse';

/**
 * dblp (https://dblp.org): well-disambiguated computer-science authors. The identity is the
 * person id (pid, `95/7448-1`); a person's whole bibliography is one XML document, so listWorks
 * has a single page.
 *
 * Pacing is the queue's job: dblp throttles bulk use with 429 + Retry-After and asks for about
 * one request every one to two seconds (DBLP_MIN_INTERVAL_MS).
 */

export const DBLP_MIN_INTERVAL_MS = 1500;
/** The search API's cap on hits per request. */
export const DBLP_MAX_HITS = 1000;

export interface DblpClientConfig {
  baseUrl: string;
}

export class DblpClient implements ScholarlyClient {
  readonly source = 'dblp' as const;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly config: DblpClientConfig,
  ) {}

  /** The person page, parsed. */
  async getPerson(pid: string): Promise<{ page: DblpPersonPage; request: string }> {
    const normalized = pidOf(pid);
    // The slash is part of the pid and of the path; each segment is still escaped.
    const path = `/pid/${normalized.split('/').map(encodeURIComponent).join('/')}.xml`;
    const response = await this.http.get('dblp', this.config.baseUrl, path, { accept: 'application/xml' });
    try {
      return { page: parseDblpPerson(response.body), request: response.request };
    } catch (e) {
      throw asMalformed(e, response);
    }
  }

  /**
   * dblp's author search (prefix match on every word). dblp orders hits by its own relevance and
   * also returns people who only partly match; candidates whose name (or an alias) is the name
   * searched come first, then those with a matching affiliation note, otherwise dblp's order.
   */
  async searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    const name = query.name.trim();
    if (!name) return [];
    const limit = Math.min(Math.max(query.limit ?? 10, 1), DBLP_MAX_HITS);
    const { data, response } = await this.http.getJson<DblpSearchResponse<DblpAuthorInfo>>('dblp', this.config.baseUrl, '/search/author/api', {
      query: { q: name, format: 'json', h: limit, c: 0 },
    });
    const hits = readHits(data, response);
    const affiliation = query.affiliation ? foldText(query.affiliation) : null;
    const ranked = hits.items
      .map(dblpAuthorToCandidate)
      .filter((c): c is AuthorCandidate => c !== null)
      .map((candidate, order) => ({
        candidate,
        order,
        rank: (isSameName(candidate, name) ? 2 : 0) + (affiliation && candidate.affiliations.some((a) => foldText(a).includes(affiliation)) ? 1 : 0),
      }));
    ranked.sort((a, b) => b.rank - a.rank || a.order - b.order);
    return ranked.slice(0, limit).map((r) => r.candidate);
  }

  /** The author from the person page (personSnapshot). */
  async getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot> {
    return personSnapshot(sourceAuthorId, (await this.getPerson(sourceAuthorId)).page);
  }

  /** The person page is the author and every work at once: a sync reads it once. */
  async getAuthorWithWorks(sourceAuthorId: string): Promise<AuthorWithWorks> {
    const { page } = await this.getPerson(sourceAuthorId);
    return { snapshot: personSnapshot(sourceAuthorId, page), works: async () => personWorks(page), fromListing: false };
  }

  /** Every record of the person page, in dblp's order (newest first); there is never a next page. */
  async listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage> {
    if (page !== null) throw new TypeError(`dblp person pages have a single page; got page token ${JSON.stringify(page)}`);
    return personWorks((await this.getPerson(sourceAuthorId)).page);
  }

  /** The publication search (`/search/publ/api`), paged with f/h; `next` is the next `f`. */
  async searchWorks(q: string, options: { hits?: number; first?: number } = {}): Promise<WorksPage> {
    const hitsWanted = Math.min(Math.max(options.hits ?? 30, 1), DBLP_MAX_HITS);
    const first = Math.max(options.first ?? 0, 0);
    const { data, response } = await this.http.getJson<DblpSearchResponse<DblpPublInfo>>('dblp', this.config.baseUrl, '/search/publ/api', {
      query: { q, format: 'json', h: hitsWanted, f: first, c: 0 },
    });
    const hits = readHits(data, response);
    const works = hits.items.map(dblpPublToWork).filter((w) => w !== null);
    const nextFirst = hits.first + hits.sent;
    return { works, next: hits.sent > 0 && nextFirst < hits.total ? String(nextFirst) : null, total: hits.total };
  }
}

function pidOf(input: string): string {
  const pid = normalizeDblpPid(input);
  if (!pid) throw new TypeError(`not a dblp pid: ${JSON.stringify(input)}`);
  return pid;
}

function readHits<T>(data: DblpSearchResponse<T>, response: ScholarlyResponse) {
  try {
    return searchHits(data);
  } catch (e) {
    throw asMalformed(e, response);
  }
}

function asMalformed(e: unknown, response: ScholarlyResponse): unknown {
  return e instanceof DblpParseError ? new MalformedResponseError('dblp', response.request, e.reason) : e;
}

/**
 * From the person page: worksCount is its `n` attribute, updatedAt the newest `mdate` of the
 * person record and of every publication record (a date, yyyy-mm-dd, as dblp gives it).
 */
function personSnapshot(sourceAuthorId: string, page: DblpPersonPage): AuthorSnapshot {
  const dates = [page.mdate, ...page.records.map((r) => r.mdate)].filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d));
  return {
    source: 'dblp',
    sourceAuthorId: pidOf(sourceAuthorId),
    name: displayName(page.name),
    worksCount: page.recordCount ?? page.records.length,
    citationCount: null,
    updatedAt: dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null,
    // The person record's affiliation notes, as dblp lists them (briefings show them).
    affiliations: page.affiliations,
  };
}

function personWorks(person: DblpPersonPage): WorksPage {
  const works = person.records.map(dblpRecordToWork);
  return { works, next: null, total: person.recordCount ?? works.length };
}
