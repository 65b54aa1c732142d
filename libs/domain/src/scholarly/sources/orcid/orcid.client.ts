import type { ScholarlyConfig } from '#platform';
import { normalizeOrcid } from '../../../shared/text/index';
import { parseSourceJson } from '../../normalize-values';
import { MalformedResponseError, ScholarlyHttp } from '../../scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, AuthorWithWorks, NormalizedWork, ScholarlyClient, WorksPage } from '../../scholarly.types';
import { normalizeOrcidGroup, normalizeOrcidWork, orcidPersonCandidate, orcidSearchCandidates, orcidSnapshot, requireOrcid } from './orcid.normalize';
import type { OrcidBulkWorks, OrcidExpandedSearch, OrcidPerson, OrcidRecord, OrcidSearch, OrcidWork, OrcidWorks } from './orcid.types';

export interface OrcidClientOptions {
  /**
   * Work summaries carry no contributors, so by default `listWorks` gives every work an empty
   * author list. With this on it also reads the full works in bulk (`/{orcid}/works/{put-codes}`,
   * 100 per request) and fills the authors in order: one more request per 100 works.
   */
  withContributors?: boolean;
}

/** ORCID's bulk read takes at most this many put-codes. */
const BULK_LIMIT = 100;
/** `rows` must be an integer from 0 to 200 (recorded 400 `rows-er`). */
const MAX_ROWS = 200;

/**
 * ORCID public API v3.0 (`{baseUrl}/v3.0`): the works a researcher lists under their own iD, in
 * JSON (`Accept: application/json`; without an Accept ORCID answers XML). An iD whose check digit
 * fails is refused before any request with an InvalidIdentifierError (a SourceRejectedError).
 * Limits (12 req/s, burst 40, then 503) are the queue's business, not this class's.
 */
export class OrcidClient implements ScholarlyClient {
  readonly source = 'orcid' as const;
  private readonly baseUrl: string;
  private readonly withContributors: boolean;

  constructor(
    private readonly http: ScholarlyHttp,
    config: Pick<ScholarlyConfig, 'orcid'>,
    options: OrcidClientOptions = {},
  ) {
    this.baseUrl = `${config.orcid.baseUrl}/v3.0`;
    this.withContributors = options.withContributors ?? false;
  }

  /**
   * People by name through `/expanded-search`, which returns names and institutions with each iD
   * (plain `/search` returns bare iDs). The name is matched as a phrase against given + family
   * names, the credit name and other names; an affiliation narrows by organisation name.
   */
  async searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    const name = solrPhrase(query.name);
    const q = `(given-and-family-names:${name} OR credit-name:${name} OR other-names:${name})${query.affiliation ? ` AND affiliation-org-name:${solrPhrase(query.affiliation)}` : ''}`;
    const { data, request } = await this.getJson<OrcidExpandedSearch>('/expanded-search', { q, start: 0, rows: clampRows(query.limit ?? 10) });
    if (!('expanded-result' in data)) throw new MalformedResponseError('orcid', request, 'no "expanded-result" in a search answer');
    return orcidSearchCandidates(data);
  }

  /**
   * Bare iDs for any Solr query (`digital-object-ids:"10.1145/3292500.3330701"` finds who claims a
   * DOI), `start` 0-based, `rows` at most 200, and the total hits.
   */
  async searchIds(q: string, page: { start?: number; rows?: number } = {}): Promise<{ orcids: string[]; total: number }> {
    const { data, request } = await this.getJson<OrcidSearch>('/search', { q, start: page.start ?? 0, rows: clampRows(page.rows ?? 10) });
    if (typeof data['num-found'] !== 'number') throw new MalformedResponseError('orcid', request, 'no "num-found" in a search answer');
    // No hits is `"result": null`, not an empty list.
    const orcids = (data.result ?? []).map((r) => normalizeOrcid(r['orcid-identifier']?.path ?? r['orcid-identifier']?.uri)).filter((o): o is string => o !== null);
    return { orcids, total: data['num-found'] };
  }

  /**
   * The snapshot from `/{orcid}/record`: one request gives the name, the number of works (groups)
   * and the works section's last-modified-date. `/person` alone would date only name and keyword
   * edits, and a sync that skips on it would miss new works.
   */
  async getAuthor(orcidInput: string): Promise<AuthorSnapshot> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/record`));
    const { data, request } = await this.getJson<OrcidRecord>(`/${orcid}/record`);
    if (!data.person && !data['activities-summary']) throw new MalformedResponseError('orcid', request, 'neither "person" nor "activities-summary" in a record');
    return orcidSnapshot(orcid, data);
  }

  /** The record holds the works list too (its activities summary): a sync reads the record once, not `/works` again. */
  async getAuthorWithWorks(orcidInput: string): Promise<AuthorWithWorks> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/record`));
    const { data, request } = await this.getJson<OrcidRecord>(`/${orcid}/record`);
    if (!data.person && !data['activities-summary']) throw new MalformedResponseError('orcid', request, 'neither "person" nor "activities-summary" in a record');
    // A record without works has no works section, or one with no groups.
    const works = { group: data['activities-summary']?.works?.group ?? [] };
    return { snapshot: orcidSnapshot(orcid, data), works: () => this.worksPage(orcid, works, request), fromListing: false };
  }

  /** Who an iD is (`/{orcid}/person`): names, other names and keywords, for confirming an identity. */
  async getPerson(orcidInput: string): Promise<AuthorCandidate> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/person`));
    const { data, request } = await this.getJson<OrcidPerson>(`/${orcid}/person`);
    if (!('name' in data)) throw new MalformedResponseError('orcid', request, 'no "name" in a person');
    return orcidPersonCandidate(orcid, data);
  }

  /**
   * Every work in one page (`/{orcid}/works` has no paging): one record per group, from the
   * preferred summary (highest display-index), with the DOI, arXiv id and PubMed id of any source
   * in the group. Authors are empty unless `withContributors`.
   */
  async listWorks(orcidInput: string, page: string | null): Promise<WorksPage> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/works`));
    if (page !== null) throw new Error(`orcid: /works has a single page; got the page token ${JSON.stringify(page)}`);
    const { data, request } = await this.getJson<OrcidWorks>(`/${orcid}/works`);
    return this.worksPage(orcid, data, request);
  }

  /** The works of a works list (from `/works` or a record's summary): one per group, full records fetched in bulk with contributors. */
  private async worksPage(orcid: string, data: OrcidWorks, request: string): Promise<WorksPage> {
    if (!Array.isArray(data.group)) throw new MalformedResponseError('orcid', request, '"group" is not a list');
    const groups = data.group;
    const full = this.withContributors ? await this.getWorks(orcid, groups.flatMap((g) => (g['work-summary'] ?? []).map((s) => s['put-code']))) : undefined;
    const works = groups.map((group) => normalizeOrcidGroup(orcid, group, full)).filter((w): w is NormalizedWork => w !== null);
    return { works, next: null, total: works.length };
  }

  /** One full work (`/{orcid}/work/{put-code}`), contributors included. */
  async getWork(orcidInput: string, putCode: number): Promise<NormalizedWork> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/work/${putCode}`));
    const { data, request } = await this.getJson<OrcidWork>(`/${orcid}/work/${putCodeOf(putCode)}`);
    if (typeof data['put-code'] !== 'number') throw new MalformedResponseError('orcid', request, 'no "put-code" in a work');
    return normalizeOrcidWork(orcid, data);
  }

  /**
   * Full works by put-code, 100 per request (`/{orcid}/works/{pc1},{pc2},…`). A put-code that
   * answers with an error inside the bulk (a work deleted since the summaries were read) is left out.
   */
  async getWorks(orcidInput: string, putCodes: number[]): Promise<Map<number, OrcidWork>> {
    const orcid = requireOrcid('orcid', orcidInput, (id) => this.shown(`/${id}/works`));
    const codes = [...new Set(putCodes.map(putCodeOf))];
    const works = new Map<number, OrcidWork>();
    for (let i = 0; i < codes.length; i += BULK_LIMIT) {
      const { data, request } = await this.getJson<OrcidBulkWorks>(`/${orcid}/works/${codes.slice(i, i + BULK_LIMIT).join(',')}`);
      if (!Array.isArray(data.bulk)) throw new MalformedResponseError('orcid', request, '"bulk" is not a list');
      for (const entry of data.bulk) if ('work' in entry && typeof entry.work?.['put-code'] === 'number') works.set(entry.work['put-code'], entry.work);
    }
    return works;
  }

  /** The path as ScholarlyHttp shows it (with the base URL's own path), for errors raised before a request. */
  private shown(path: string): string {
    return new URL(this.baseUrl + path).pathname;
  }

  private async getJson<T extends object>(path: string, query?: Record<string, string | number>): Promise<{ data: T; request: string }> {
    const response = await this.http.get('orcid', this.baseUrl, path, { query, accept: 'application/json' });
    return { data: parseOrcidJson<T>(response.body, response.request), request: response.request };
  }
}

/**
 * ORCID JSON, or a MalformedResponseError that says what came instead. ORCID speaks XML to a
 * client that sends no Accept (or one a proxy dropped): that body is recognised by its root
 * element (`<activities:works>`, `<error:error>` with its developer-message) and named in the error.
 */
export function parseOrcidJson<T extends object>(body: string, request: string): T {
  let parsed: unknown;
  try {
    parsed = parseSourceJson(body);
  } catch (e) {
    const root = xmlRoot(body);
    if (root) {
      if (/(^|:)error$/.test(root)) {
        const message = /<(?:[\w.-]+:)?developer-message>([\s\S]*?)<\//.exec(body)?.[1].trim();
        throw new MalformedResponseError('orcid', request, `an XML <${root}> instead of JSON${message ? `: ${message}` : ''}`);
      }
      throw new MalformedResponseError('orcid', request, `XML <${root}> instead of JSON (was Accept: application/json dropped?)`);
    }
    throw new MalformedResponseError('orcid', request, `not JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedResponseError('orcid', request, 'not a JSON object');
  return parsed as T;
}

/** The root element's name of an XML document (after the declaration and comments), or null. */
export function xmlRoot(body: string): string | null {
  return /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*(?::[\w.-]+)?)[\s/>]/.exec(body)?.[1] ?? null;
}

function solrPhrase(text: string): string {
  return `"${text.trim().replace(/\s+/g, ' ').replace(/[\\"]/g, '\\$&')}"`;
}

function clampRows(rows: number): number {
  return Math.min(Math.max(Math.trunc(rows), 1), MAX_ROWS);
}

function putCodeOf(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`orcid: not a put-code: ${value}`);
  return value;
}
