import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ReplayServer } from './replay-server';
import type { TestApp, TestUser } from './test-app';
import { waitFor } from './wait-for';

/**
 * A replay server answering as OpenAlex and arXiv for two authors, from the client fixtures in
 * test/fixtures/scholarly (see the README in each folder):
 * - OpenAlex author A5100000001: the singleton (the snapshot), then four cursor pages of works
 *   (2 + 2 + 2 + an empty last page; the untitled paratext records are left out by the client);
 * - arXiv `au:"Lukasz Kaiser"`: the lastUpdatedDate query (the snapshot), then pages at start
 *   0, 2 and 4 (2 + 2 + 1 preprints; totalResults 5).
 */
export const FIXTURES = join(__dirname, '..', 'fixtures', 'scholarly');
export const OPENALEX_AUTHOR = 'A5100000001';
export const KAISER = 'au:"Lukasz Kaiser"';
export const CURSORS = {
  start: '*',
  second: 'IlsxNzA5MzM3NjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDInXSI=',
  third: 'IlsxNjcyNTMxMjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDQnXSI=',
  last: 'IlsxNjk2MTE4NDAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDYnXSI=',
};

export const openAlexAuthor = { path: `/authors/${OPENALEX_AUTHOR}` };
export const openAlexWorks = (cursor: string) => ({ path: '/works', query: { filter: `author.id:${OPENALEX_AUTHOR}`, cursor } });
export const arxivSnapshot = { path: '/api/query', query: { search_query: KAISER, sortBy: 'lastUpdatedDate', max_results: '1' } };
export const arxivPage = (start: number) => ({ path: '/api/query', query: { search_query: KAISER, sortBy: 'submittedDate', start: String(start) } });

export async function scholarlyReplay(): Promise<ReplayServer> {
  const replay = await ReplayServer.start();
  const oa = (name: string) => join(FIXTURES, 'openalex', name);
  const ax = (name: string) => join(FIXTURES, 'arxiv', name);
  replay
    .route({ ...openAlexAuthor, file: oa('author_A5100000001.json') })
    .route({ ...openAlexWorks(CURSORS.start), file: oa('works_filter_author.id_A5100000001_cursor_start.json') })
    .route({ ...openAlexWorks(CURSORS.second), file: oa('works_filter_author.id_A5100000001_cursor_2.json') })
    .route({ ...openAlexWorks(CURSORS.third), file: oa('works_filter_author.id_A5100000001_cursor_3.json') })
    .route({ ...openAlexWorks(CURSORS.last), file: oa('works_filter_author.id_A5100000001_cursor_4_empty.json') })
    .route({ ...arxivSnapshot, file: ax('au_kaiser_updated.atom.xml') })
    .route({ ...arxivPage(0), file: ax('au_kaiser_start-0.atom.xml') })
    .route({ ...arxivPage(2), file: ax('au_kaiser_start-2.atom.xml') })
    .route({ ...arxivPage(4), file: ax('au_kaiser_start-4.atom.xml') });
  return replay;
}

/**
 * Semantic Scholar authors 2100000001–3 (Zoë Ångström, Łukasz Wiśniewski, Inès Moreau) and the
 * arXiv query `au:moreau_i`, for the scheduled-sync tests (test/e2e/sync-batch.e2e-spec.ts):
 * - each S2 author's snapshot (`GET /author/<id>`) and papers (3 pages for the first, 1 for the others);
 * - `POST /author/batch` answering for the three ids in order, the third changed since its snapshot;
 * - arXiv `au:moreau_i`: the snapshot and one page of 3 preprints where she is first, second or last.
 */
export const S2_AUTHORS = ['2100000001', '2100000002', '2100000003'] as const;
export const MOREAU = 'au:moreau_i';
export const s2Author = (id: string) => ({ path: `/graph/v1/author/${id}` });
export const s2Papers = (id: string, offset = 0) => ({ path: `/graph/v1/author/${id}/papers`, query: { offset: String(offset) } });
export const s2AuthorBatch = { path: '/graph/v1/author/batch' };
export const moreauSnapshot = { path: '/api/query', query: { search_query: MOREAU, sortBy: 'lastUpdatedDate', max_results: '1' } };
export const moreauPage = { path: '/api/query', query: { search_query: MOREAU, sortBy: 'submittedDate', start: '0' } };

export function addSemanticScholarAndMoreau(replay: ReplayServer): ReplayServer {
  const s2 = (name: string) => join(FIXTURES, 'semanticscholar', name);
  for (const id of S2_AUTHORS) replay.route({ ...s2Author(id), file: s2(`author_${id}.json`) });
  for (const offset of [0, 2, 4]) replay.route({ ...s2Papers('2100000001', offset), file: s2(`author_2100000001_papers_offset${offset}.json`) });
  return replay
    .route({ ...s2Papers('2100000002'), file: s2('author_2100000002_papers_offset0.json') })
    .route({ ...s2Papers('2100000003'), file: s2('author_2100000003_papers_offset0.json') })
    .route({ ...s2AuthorBatch, file: s2('author_batch_3ids_tick.json') })
    .route({ ...moreauSnapshot, file: join(FIXTURES, 'arxiv', 'au_moreau_i_updated.atom.xml') })
    .route({ ...moreauPage, file: join(FIXTURES, 'arxiv', 'au_moreau_i_start-0.atom.xml') });
}

/** The researcher whose candidate searches are recorded, namesakes and all. */
export const ZOE = 'Zoë Ångström';

/**
 * The searches for Zoë Ångström's identity candidates: OpenAlex and Semantic Scholar know her (and
 * namesakes), DBLP and ORCID nobody; arXiv is not recorded for her name (that source's search fails).
 */
export function addZoeCandidateSearches(replay: ReplayServer): ReplayServer {
  const fixture = (source: string, name: string) => join(FIXTURES, source, name);
  return replay
    .route({ path: '/authors', query: { filter: `display_name.search:${ZOE}` }, file: fixture('openalex', 'authors_filter_display_name.search_zoe_angstrom.json') })
    .route({ path: '/graph/v1/author/search', query: { query: ZOE }, file: fixture('semanticscholar', 'author_search_query_zoe_angstrom.json') })
    .route({ path: '/search/author/api', query: { q: ZOE }, file: fixture('dblp', 'search_author_q-nobody-xyz.json') })
    .route({ path: '/v3.0/expanded-search', file: fixture('orcid', 'expanded-search_no-results.json') });
}

/** Sources at the replay server; limits loose enough for a test, retries quick. */
/** Every source's base URL at the replay server: nothing a test does reaches the real APIs. */
export function sourcesAt(url: string): Record<string, string> {
  return { OPENALEX_BASE_URL: url, SEMANTIC_SCHOLAR_BASE_URL: url, ARXIV_BASE_URL: url, DBLP_BASE_URL: url, CROSSREF_BASE_URL: url, ORCID_BASE_URL: url };
}

/**
 * The least gap a source sees between requests that a limiter of one per `windowMs` released. The
 * limiter spaces the jobs' starts; each request leaves after its job's own start-up, which on a
 * loaded two-core CI machine varies by a few hundred ms (a request 188 ms late on a 1 s window was
 * seen). Unpaced, the requests would arrive within a few ms of each other.
 */
export const pacedGap = (windowMs: number): number => windowMs * 0.6;

export function syncEnv(replay: ReplayServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sourcesAt(replay.url),
    OPENALEX_RATE_LIMIT: '50/1s',
    ARXIV_RATE_LIMIT: '50/1s',
    SEMANTIC_SCHOLAR_RATE_LIMIT: '50/1s',
    SYNC_BACKOFF_MS: '100',
    SCHOLARLY_TIMEOUT_MS: '5000',
    ...extra,
  };
}

/** A person with linked identities (inserted as the identities module would link them). */
export async function personWithIdentities(t: TestApp, user: TestUser, name: string, identities: [string, string][]): Promise<{ personId: string; identityIds: Record<string, string> }> {
  const person = (await t.http().post('/people').set(user.auth).send({ fullName: name }).expect(201)).body;
  const identityIds: Record<string, string> = {};
  for (const [source, sourceAuthorId] of identities) {
    const [row] = await t.db.query(
      "INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by) VALUES ($1, $2, $3, $4, $5, 'linked', 'user') RETURNING id",
      [user.id, person.id, source, sourceAuthorId, name],
    );
    identityIds[source] = row.id;
  }
  return { personId: person.id, identityIds };
}

export interface RunView {
  id: string;
  source: string;
  trigger: string;
  status: string;
  requests: number;
  worksNew: number;
  worksUpdated: number;
  worksUnchanged: number;
  errors: string[];
  finishedAt: string | null;
}

/** Waits until every run has ended, and returns them by source. */
export async function finishedRuns(t: TestApp, user: TestUser, runIds: string[], timeoutMs = 30_000): Promise<Record<string, RunView>> {
  const runs = await waitFor(async () => {
    const all = await Promise.all(runIds.map(async (id) => (await t.http().get(`/sync-runs/${id}`).set(user.auth).expect(200)).body as RunView));
    return all.every((r) => r.status !== 'running') ? all : undefined;
  }, timeoutMs);
  return Object.fromEntries(runs.map((r) => [r.source, r]));
}

/** The shared works cache, without generated ids and times: two databases with the same works compare equal. */
export async function worksSnapshot(db: DataSource): Promise<unknown> {
  return {
    works: await db.query(
      `SELECT title, title_key, year, publication_date, venue, type, doi, arxiv_id, first_author_key, citation_count, abstract, open_access_url, pdf_url,
              (SELECT array_agg(r.source || ':' || r.source_id ORDER BY r.source, r.source_id) FROM work_records r WHERE r.work_id = w.id) AS records
         FROM works w ORDER BY title_key, doi NULLS LAST, arxiv_id NULLS LAST`,
    ),
    records: await db.query('SELECT source, source_id, source_url, record, content_hash, citation_count FROM work_records ORDER BY source, source_id'),
    authorships: await db.query(
      `SELECT r.source, r.source_id, a.position, a.name, a.source_author_id, a.orcid, a.author_count
         FROM work_authorships a JOIN work_records r ON r.id = a.record_id ORDER BY r.source, r.source_id, a.position`,
    ),
    authorQueries: await db.query(
      `SELECT r.source, r.source_id, q.position, q.query
         FROM work_author_queries q JOIN work_records r ON r.id = q.record_id ORDER BY r.source, r.source_id, q.position, q.query`,
    ),
  };
}
