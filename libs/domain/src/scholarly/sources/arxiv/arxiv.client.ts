import { foldText } from '../../../shared/text/index';
import { MalformedResponseError, ScholarlyHttp, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import { type AuthorCandidate, type AuthorSnapshot, type AuthorWithWorks, laterTimestamp, type NormalizedWork, type ScholarlyClient, type WorksPage } from '../../scholarly.types';
import { ArxivFeed, ArxivParseError, arxivEntryToWork, errorFromId, parseArxivFeed } from './arxiv.parse';

/**
 * The arXiv query API (https://export.arxiv.org/api/query): recent preprints, as Atom.
 *
 * arXiv has no author ids: an arXiv "identity" is an author query such as `au:"Lukasz Kaiser"`
 * or `au:kaiser_l`, and that query string is the sourceAuthorId.
 *
 * Pacing is not done here: arXiv asks for one request at a time and 3 s between requests over
 * every machine, which only the queue's rate limiter can guarantee (ARXIV_MIN_INTERVAL_MS).
 * One method call is one request, so the limiter's count is the real count.
 */

/** arXiv's terms of use: at most one request every 3 seconds, one connection at a time. */
export const ARXIV_MIN_INTERVAL_MS = 3000;
/** Works per listWorks page. */
export const ARXIV_PAGE_SIZE = 100;
/** arXiv never returns results past this offset for one query. */
export const ARXIV_MAX_REACHABLE = 30000;
/** Ids per getByIds call (one request). */
export const ARXIV_ID_BATCH = 100;
/** Entries read to find the spellings of a name. */
const SEARCH_SAMPLE = 100;

export interface ArxivClientConfig {
  baseUrl: string;
  /** Works per listWorks page; ARXIV_PAGE_SIZE unless a test wants small pages. */
  pageSize?: number;
}

export interface ArxivQuery {
  searchQuery?: string | null;
  idList?: string[] | null;
  start?: number;
  maxResults: number;
  sortBy?: 'relevance' | 'lastUpdatedDate' | 'submittedDate';
  sortOrder?: 'ascending' | 'descending';
}

export interface ArxivResult {
  feed: ArxivFeed;
  works: NormalizedWork[];
  /** The start offset of the following page (start + opensearch:itemsPerPage), or null when this page reaches totalResults. */
  next: number | null;
  /** The request as shown in errors and logs. */
  request: string;
}

export class ArxivClient implements ScholarlyClient {
  readonly source = 'arxiv' as const;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly config: ArxivClientConfig,
  ) {}

  private get pageSize(): number {
    return this.config.pageSize ?? ARXIV_PAGE_SIZE;
  }

  /**
   * One call of the query API, parsed. Errors arXiv reports as an Atom error entry (HTTP 400,
   * or a 200 feed whose entry id is …/api/errors#…) become SourceRejectedError with arXiv's
   * message; a page with no entries although totalResults says there are more is arXiv's known
   * transient empty response and becomes SourceUnavailableError, so the job retries it.
   */
  async query(params: ArxivQuery): Promise<ArxivResult> {
    const start = params.start ?? 0;
    let response;
    try {
      response = await this.http.get('arxiv', this.config.baseUrl, '/api/query', {
        accept: 'application/atom+xml',
        query: {
          search_query: params.searchQuery ?? undefined,
          id_list: params.idList?.length ? params.idList.join(',') : undefined,
          start,
          max_results: params.maxResults,
          sortBy: params.sortBy,
          sortOrder: params.sortOrder,
        },
      });
    } catch (e) {
      if (e instanceof SourceRejectedError) throw withArxivMessage(e);
      throw e;
    }
    let feed: ArxivFeed;
    try {
      feed = parseArxivFeed(response.body);
    } catch (e) {
      if (e instanceof ArxivParseError) throw new MalformedResponseError('arxiv', response.request, e.reason);
      throw e;
    }
    // A 200 feed carrying an error entry; the status is reported as it came over the wire.
    if (feed.error) throw new SourceRejectedError('arxiv', response.request, response.status, feed.error.message);
    if (feed.entries.length === 0 && start < feed.totalResults) {
      throw new SourceUnavailableError('arxiv', response.request, `empty page at start=${start} although totalResults=${feed.totalResults} (arXiv's transient empty response; retry after the usual gap)`);
    }
    const nextStart = start + (feed.itemsPerPage > 0 ? feed.itemsPerPage : params.maxResults);
    const next = nextStart < feed.totalResults && nextStart < ARXIV_MAX_REACHABLE ? nextStart : null;
    return { feed, works: uniqueWorks(feed.entries.map(arxivEntryToWork)), next, request: response.request };
  }

  /**
   * One candidate per spelling of the name among the newest results of `au:"<name>"`; spellings
   * that differ only by accents or punctuation are one candidate (they are one arXiv query).
   * worksCount is exact only when every result was read, else null.
   */
  async searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]> {
    const phrase = queryName(query.name);
    if (!phrase) return [];
    const { feed, works } = await this.query({ searchQuery: `au:"${phrase}"`, start: 0, maxResults: SEARCH_SAMPLE, sortBy: 'submittedDate', sortOrder: 'descending' });
    const sawAll = feed.totalResults <= works.length;
    const wanted = nameTokens(query.name);
    const entryCategories = new Map(feed.entries.map((e) => [e.id, e.primaryCategory]));

    interface Group { spellings: Map<string, number>; works: Set<string>; affiliations: string[]; topics: Map<string, number> }
    const groups = new Map<string, Group>();
    for (const work of works) {
      for (const author of work.authors) {
        if (!namesMatch(wanted, nameTokens(author.name))) continue;
        const key = queryName(author.name).toLowerCase();
        if (!key) continue;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { spellings: new Map(), works: new Set(), affiliations: [], topics: new Map() }));
        group.spellings.set(author.name, (group.spellings.get(author.name) ?? 0) + 1);
        if (!group.works.has(work.sourceId)) {
          group.works.add(work.sourceId);
          const topic = entryCategories.get(work.sourceId);
          if (topic) group.topics.set(topic, (group.topics.get(topic) ?? 0) + 1);
        }
        for (const affiliation of author.affiliations) if (!group.affiliations.includes(affiliation)) group.affiliations.push(affiliation);
      }
    }

    const wantedAffiliation = query.affiliation ? foldText(query.affiliation) : null;
    const candidates = [...groups.values()].map((group) => {
      // The most used spelling names the candidate (ties: first seen, i.e. newest).
      const [name] = [...group.spellings.entries()].reduce((best, next) => (next[1] > best[1] ? next : best));
      const candidate: AuthorCandidate = {
        source: 'arxiv',
        sourceAuthorId: `au:"${queryName(name)}"`,
        name,
        alternativeNames: [...group.spellings.keys()].filter((s) => s !== name),
        affiliations: group.affiliations,
        orcid: null,
        worksCount: sawAll ? group.works.size : null,
        citationCount: null,
        topics: [...group.topics.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([topic]) => topic),
        sourceUrl: `https://arxiv.org/search/?searchtype=author&query=${encodeURIComponent(queryName(name))}`,
      };
      const affiliationMatch = !!wantedAffiliation && group.affiliations.some((a) => foldText(a).includes(wantedAffiliation));
      return { candidate, affiliationMatch, seen: group.works.size };
    });
    candidates.sort((a, b) => Number(b.affiliationMatch) - Number(a.affiliationMatch) || b.seen - a.seen);
    return candidates.slice(0, query.limit ?? 10).map((c) => c.candidate);
  }

  /**
   * worksCount is opensearch:totalResults; updatedAt is the <updated> of the newest entry when
   * sorted by lastUpdatedDate (one request, max_results=1), i.e. when any of the author's
   * preprints last got a new version.
   */
  async getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot> {
    const { feed, works } = await this.query({ searchQuery: authorQuery(sourceAuthorId), start: 0, maxResults: 1, sortBy: 'lastUpdatedDate', sortOrder: 'descending' });
    return {
      source: 'arxiv',
      sourceAuthorId,
      name: nameOfQuery(sourceAuthorId),
      worksCount: feed.totalResults,
      citationCount: null,
      updatedAt: works[0]?.sourceUpdatedAt ?? null,
    };
  }

  /**
   * The first page of the listing says what the author read would: the count is its totalResults,
   * and the newest <updated> over every page (folded by the sync) is the one the author read finds.
   */
  async getAuthorWithWorks(sourceAuthorId: string): Promise<AuthorWithWorks> {
    const page = await this.listWorks(sourceAuthorId, null);
    const updatedAt = page.works.reduce<string | null>((at, w) => laterTimestamp(at, w.sourceUpdatedAt), null);
    return { snapshot: { source: 'arxiv', sourceAuthorId, name: nameOfQuery(sourceAuthorId), worksCount: page.total, citationCount: null, updatedAt }, works: async () => page, fromListing: true };
  }

  /**
   * Newest submissions first, `pageSize` at a time. The token is `<next start>:<last id seen>`:
   * when a new preprint arrives between two pages everything shifts down by one, and the entries
   * up to the last id already returned are dropped instead of being returned twice.
   */
  async listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage> {
    const { start, after } = readToken(page);
    const { feed, works, next } = await this.query({ searchQuery: authorQuery(sourceAuthorId), start, maxResults: this.pageSize, sortBy: 'submittedDate', sortOrder: 'descending' });
    const seen = after ? works.findIndex((w) => w.sourceId === after) : -1;
    const fresh = seen >= 0 ? works.slice(seen + 1) : works;
    const last = works.at(-1)?.sourceId ?? after;
    const categories = Object.fromEntries(feed.entries.map((e) => [e.id, [...new Set([...(e.primaryCategory ? [e.primaryCategory] : []), ...e.categories])]]));
    return { works: markQueriedAuthor(fresh, sourceAuthorId), next: next === null ? null : `${next}:${last ?? ''}`, total: feed.totalResults, categories };
  }

  /**
   * Works by arXiv id in one request (id_list). A versioned id returns that version; an unknown
   * id is silently missing from the result (arXiv's behaviour); a malformed one makes arXiv
   * reject the whole call (SourceRejectedError naming the id).
   */
  async getByIds(ids: string[]): Promise<NormalizedWork[]> {
    const list = [...new Set(ids.map((id) => id.trim().replace(/^arxiv:/i, '')).filter((id) => id !== ''))];
    if (list.length === 0) return [];
    if (list.length > ARXIV_ID_BATCH) throw new RangeError(`getByIds takes at most ${ARXIV_ID_BATCH} ids per call (got ${list.length})`);
    const { works } = await this.query({ idList: list, start: 0, maxResults: list.length });
    return works;
  }
}

/** A stored identity as a search_query: an `au:` query as is, a bare name as `au:"name"`. */
export function authorQuery(sourceAuthorId: string): string {
  const trimmed = sourceAuthorId.trim();
  if (!trimmed) throw new TypeError('an arXiv author query must not be empty');
  return /(^|[\s(])(au|ti|abs|co|jr|cat|rn|id|all):/.test(trimmed) ? trimmed : `au:"${queryName(trimmed)}"`;
}

/**
 * arXiv entries carry names, never author ids; so on the works listed for an author query, the
 * position(s) whose name the query's `au:` terms match get the query itself (exactly as the
 * identity stores it) as their sourceAuthorId. That is what ties the person's authorships to the
 * identity, as an author id does at the other sources. Other positions keep null.
 */
export function markQueriedAuthor(works: NormalizedWork[], sourceAuthorId: string): NormalizedWork[] {
  const patterns = authorPatterns(authorQuery(sourceAuthorId));
  if (patterns.length === 0) return works;
  return works.map((work) => ({
    ...work,
    authors: work.authors.map((author) => (patterns.some((p) => matchesPattern(p, nameTokens(author.name))) ? { ...author, sourceAuthorId } : author)),
  }));
}

/**
 * The positions of `authors` that markQueriedAuthor would mark for `sourceAuthorId`: where a stored
 * query's author moved when a record's author list changed.
 */
export function queriedPositions(authors: { position: number; name: string }[], sourceAuthorId: string): number[] {
  if (!sourceAuthorId.trim()) return [];
  const patterns = authorPatterns(authorQuery(sourceAuthorId));
  return authors.filter((author) => patterns.some((p) => matchesPattern(p, nameTokens(author.name)))).map((author) => author.position);
}

/** One reading of an `au:` term: surname tokens (together, in order) and given-name tokens or initials. */
interface AuthorPattern {
  surname: string[];
  given: string[];
}

/**
 * The names an author query asks for, folded like nameTokens. A phrase (`au:"Inès Moreau"`, or a
 * bare word) ends with the surname. arXiv's underscore form (`au:moreau_i`, `au:del_maestro_a`)
 * puts the surname first and the initials after; where the surname ends is not written, so each
 * split is one reading. Other fields of the query (`ti:`, `cat:`…) name no author.
 */
export function authorPatterns(query: string): AuthorPattern[] {
  const patterns: AuthorPattern[] = [];
  for (const match of query.matchAll(/(?:^|[\s(])au:\s*(?:"([^"]*)"|([^\s()"]+))/g)) {
    const term = (match[1] ?? match[2]).replace(/\*/g, '');
    if (term.includes('_')) {
      const parts = term.split('_').flatMap((part) => nameTokens(part));
      for (let k = 1; k <= parts.length; k += 1) patterns.push({ surname: parts.slice(0, k), given: parts.slice(k) });
    } else {
      const tokens = nameTokens(term);
      if (tokens.length > 0) patterns.push({ surname: tokens.slice(-1), given: tokens.slice(0, -1) });
    }
  }
  return patterns;
}

/**
 * The surname appears whole (its tokens side by side, anywhere: "Moreau Inès" too), and each
 * given token matches another token of the name in order, an initial matching a whole name either
 * way (`i` ~ `ines`, `lukasz` ~ `l`).
 */
function matchesPattern(pattern: AuthorPattern, name: string[]): boolean {
  const { surname, given } = pattern;
  for (let at = 0; at + surname.length <= name.length; at += 1) {
    if (!surname.every((token, i) => name[at + i] === token)) continue;
    const rest = [...name.slice(0, at), ...name.slice(at + surname.length)];
    let from = 0;
    const allGiven = given.every((g) => {
      const found = rest.findIndex((n, i) => i >= from && (n === g || (g.length === 1 && n.startsWith(g)) || (n.length === 1 && g.startsWith(n))));
      if (found < 0) return false;
      from = found + 1;
      return true;
    });
    if (allGiven) return true;
  }
  return false;
}

/** `au:"Lukasz Kaiser"` → Lukasz Kaiser; `au:kaiser_l` → kaiser l. */
function nameOfQuery(query: string): string {
  const match = /au:\s*(?:"([^"]+)"|(\S+))/.exec(query);
  if (!match) return query.trim();
  return (match[1] ?? match[2]).replace(/_/g, ' ').trim();
}

const NO_DECOMPOSITION: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i' };

/** A name as arXiv's author search reads it best: accents and punctuation off, case kept. */
export function queryName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁøØđĐðßæÆœŒı]/g, (c) => NO_DECOMPOSITION[c] ?? c)
    .replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function nameTokens(name: string): string[] {
  return foldText(queryName(name).replace(/-/g, ' ')).split(' ').filter(Boolean);
}

/** Every searched token is in the name (an initial matches a whole given name), and the surname in full. */
function namesMatch(wanted: string[], name: string[]): boolean {
  if (wanted.length === 0) return false;
  const surname = wanted[wanted.length - 1];
  if (!name.includes(surname)) return false;
  return wanted.every((w) => name.some((n) => n === w || (w.length === 1 && n.startsWith(w)) || (n.length === 1 && w.startsWith(n))));
}

function readToken(page: string | null): { start: number; after: string | null } {
  if (page === null) return { start: 0, after: null };
  const colon = page.indexOf(':');
  const start = colon >= 0 ? page.slice(0, colon) : page;
  if (!/^\d+$/.test(start)) throw new TypeError(`not an arXiv page token: ${JSON.stringify(page)}`);
  const after = colon >= 0 ? page.slice(colon + 1) : '';
  return { start: Number(start), after: after || null };
}

function uniqueWorks(works: NormalizedWork[]): NormalizedWork[] {
  const seen = new Set<string>();
  return works.filter((w) => !seen.has(w.sourceId) && seen.add(w.sourceId));
}

/**
 * ScholarlyHttp turns an HTTP 400 into SourceRejectedError with the body's text; arXiv's body is
 * an Atom error feed, so take its message (the error entry's summary, or the error id's fragment).
 */
function withArxivMessage(error: SourceRejectedError): SourceRejectedError {
  const id = /https?:\/\/arxiv\.org\/api\/errors#\S+/.exec(error.detail)?.[0];
  if (!id) return error;
  const summary = /\bError\s+\d{4}-\d\d-\d\dT[\d:]+(?:Z|[+-]\d\d:\d\d)?\s+(.+?)\s+arXiv api core\b/.exec(error.detail)?.[1];
  return new SourceRejectedError('arxiv', error.request, error.status, summary ?? errorFromId(id));
}
