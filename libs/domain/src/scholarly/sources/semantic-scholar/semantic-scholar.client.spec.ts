import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import type { NormalizedWork } from '../../scholarly.types';
import { S2_AUTHOR_FIELDS, S2_PAPER_FIELDS, S2_SNAPSHOT_FIELDS, SemanticScholarClient } from './semantic-scholar.client';
import { mapS2Type, normalizeS2Paper } from './semantic-scholar.normalize';
import type { S2PaperPage } from './semantic-scholar.types';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'semanticscholar');
const fixture = (name: string) => join(FIXTURES, name);
const KEY = 'S2-SECRET-KEY-456';
const papers = (offset: string) => ({ path: '/graph/v1/author/2100000001/papers', query: { offset } });

async function allWorks(client: SemanticScholarClient, authorId: string): Promise<{ works: NormalizedWork[]; pages: number }> {
  const collected: NormalizedWork[] = [];
  let page: string | null = null;
  let pages = 0;
  do {
    const result = await client.listWorks(authorId, page);
    collected.push(...result.works);
    page = result.next;
    pages += 1;
  } while (page !== null && pages < 20);
  return { works: collected, pages };
}

describe('SemanticScholarClient over a replay server', () => {
  let replay: ReplayServer;
  let client: SemanticScholarClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 500 });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    replay
      .route({ ...papers('0'), file: fixture('author_2100000001_papers_offset0.json') })
      .route({ ...papers('2'), file: fixture('author_2100000001_papers_offset2.json') })
      .route({ ...papers('4'), file: fixture('author_2100000001_papers_offset4.json') })
      .route({ path: '/graph/v1/author/search', query: { query: 'Zoë Ångström' }, file: fixture('author_search_query_zoe_angstrom.json') })
      .route({ path: '/graph/v1/author/2100000001', file: fixture('author_2100000001.json') })
      .route({ path: '/graph/v1/author/2199999999', status: 404, file: fixture('error_404_author.json') })
      .route({ path: '/graph/v1/author/batch', file: fixture('author_batch_3ids_second-unknown.json') })
      .route({ path: '/graph/v1/paper/DOI:10.18653/v1/2023.findings-emnlp.101', file: fixture('paper_DOI_10.18653_v1_2023.findings-emnlp.101.json') })
      .route({ path: '/graph/v1/paper/batch', file: fixture('paper_batch_2ids_first-unknown.json') })
      .route({ path: '/graph/v1/author/2100000077/papers', status: 400, file: fixture('error_400_unrecognized_field.json') })
      .route({ path: '/graph/v1/author/2100000079/papers', body: '{"offset": 0}' });
    client = new SemanticScholarClient(http, { semanticScholar: { baseUrl: replay.url, apiKey: KEY } }, { worksPerPage: 2 });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    replay.clearFaults();
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  const P1: NormalizedWork = {
    source: 'semanticscholar',
    sourceId: '3f5b6c1d2e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c',
    sourceUrl: 'https://www.semanticscholar.org/paper/3f5b6c1d2e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c',
    title: 'Sparse Attention at Ångström Scale: Learning Interatomic Potentials with Transformers',
    publicationDate: '2024-03-02',
    year: 2024,
    venue: 'arXiv.org',
    type: 'preprint',
    doi: '10.48550/arxiv.2403.01234',
    arxivId: '2403.01234',
    externalIds: { semanticscholar: '3f5b6c1d2e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c', corpus: '268000001', arxiv: '2403.01234', dblp: 'journals/corr/abs-2403-01234' },
    authors: [
      { position: 1, name: 'Zoë Ångström', sourceAuthorId: '2100000001', orcid: null, affiliations: [] },
      { position: 2, name: 'Łukasz Wiśniewski', sourceAuthorId: '2100000002', orcid: null, affiliations: [] },
      { position: 3, name: 'Nguyễn Thị Minh', sourceAuthorId: '2100000006', orcid: null, affiliations: [] },
    ],
    citationCount: 15,
    abstract:
      'We introduce a sparse attention scheme for interatomic potentials. The model attends only to neighbours within a cutoff of 5 Å, which keeps the cost linear in the number of atoms.',
    // `openAccessPdf: {url: "", status: "CLOSED"}` is no link.
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };
  const P2: NormalizedWork = {
    source: 'semanticscholar',
    sourceId: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    sourceUrl: 'https://www.semanticscholar.org/paper/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    title: 'Recency-Weighted Reading Lists',
    publicationDate: '2023-10-02',
    year: 2023,
    venue: 'Conference on Empirical Methods in Natural Language Processing',
    type: 'conference-paper',
    doi: '10.18653/v1/2023.findings-emnlp.101',
    arxivId: '2310.01234',
    externalIds: {
      semanticscholar: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
      corpus: '264000002',
      arxiv: '2310.01234',
      dblp: 'conf/emnlp/AngstromK23',
      mag: '4389000333',
      acl: '2023.findings-emnlp.101',
    },
    authors: [
      { position: 1, name: 'Søren Kjærgaard', sourceAuthorId: '2100000008', orcid: null, affiliations: [] },
      { position: 2, name: 'Zoë Ångström', sourceAuthorId: '2100000001', orcid: null, affiliations: [] },
    ],
    citationCount: 9,
    abstract: 'Reading lists built from citation counts alone favour old papers. We weight recency and first authorship.',
    openAccessUrl: 'https://aclanthology.org/2023.findings-emnlp.101.pdf',
    pdfUrl: 'https://aclanthology.org/2023.findings-emnlp.101.pdf',
    sourceUpdatedAt: null,
  };
  const P3: NormalizedWork = {
    source: 'semanticscholar',
    sourceId: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d',
    sourceUrl: 'https://www.semanticscholar.org/paper/0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d',
    title: 'Accent-Insensitive Author Disambiguation for Scholarly Graphs',
    publicationDate: '2023',
    year: 2023,
    venue: 'Neural Networks',
    type: 'review',
    doi: '10.1016/j.neunet.2023.11.042',
    arxivId: null,
    externalIds: { semanticscholar: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d', corpus: '265000003', mag: '4389000111', pubmed: '38012345' },
    authors: [
      { position: 1, name: 'F. Dupré', sourceAuthorId: '2100000007', orcid: null, affiliations: [] },
      { position: 2, name: 'Zoë Ångström', sourceAuthorId: '2100000001', orcid: null, affiliations: [] },
      { position: 3, name: 'J. Núñez', sourceAuthorId: null, orcid: null, affiliations: [] },
      { position: 4, name: 'S. Kjærgaard', sourceAuthorId: '2100000008', orcid: null, affiliations: [] },
    ],
    citationCount: 2,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };
  const P4: NormalizedWork = {
    source: 'semanticscholar',
    sourceId: 'ffee00112233445566778899aabbccddeeff0011',
    sourceUrl: 'https://www.semanticscholar.org/paper/ffee00112233445566778899aabbccddeeff0011',
    title: 'Notes on Ångström-scale attention',
    publicationDate: null,
    year: null,
    venue: null,
    type: 'other',
    doi: null,
    arxivId: null,
    externalIds: { semanticscholar: 'ffee00112233445566778899aabbccddeeff0011', corpus: '270000004' },
    authors: [],
    citationCount: 0,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };

  it('normalizes pages of papers exactly: arXiv preprint, conference paper with every external id, sparse records', async () => {
    await expect(client.listWorks('2100000001', null)).resolves.toEqual({ works: [P1, P2], next: '2', total: null });
    await expect(client.listWorks('2100000001', '2')).resolves.toEqual({ works: [P3, P4], next: '4', total: null });
  });

  it('pages by offset while `next` is present, collecting every paper once', async () => {
    const { works, pages } = await allWorks(client, '2100000001');
    expect(pages).toBe(3);
    expect(works.map((w) => w.title)).toEqual([P1.title, P2.title, P3.title, P4.title, 'Interatomic Potentials: A Practitioner’s Guide']);
    expect(new Set(works.map((w) => w.sourceId)).size).toBe(5);
    expect(works.at(-1)).toMatchObject({ type: 'book', doi: '10.1007/978-3-031-00001-1', publicationDate: '2022-05-17', authors: [{ name: 'Łukasz Wiśniewski' }, { name: 'Zoë Ångström' }] });
    expect(replay.requests.map((r) => r.query.get('offset'))).toEqual(['0', '2', '4']);
  });

  it('sends fields, limit and offset under /graph/v1, identifies itself, and sends the key only as the x-api-key header', async () => {
    await client.listWorks('2100000001', null);
    const sent = replay.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'GET', path: '/graph/v1/author/2100000001/papers' });
    expect(Object.fromEntries(sent.query)).toEqual({ fields: S2_PAPER_FIELDS, limit: '2', offset: '0' });
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)');

    const anonymous = new SemanticScholarClient(http, { semanticScholar: { baseUrl: `${replay.url}/`, apiKey: null } });
    await anonymous.listWorks('2100000001', null);
    const plain = replay.requests.at(-1)!;
    expect(plain.headers['x-api-key']).toBeUndefined();
    expect(Object.fromEntries(plain.query)).toEqual({ fields: S2_PAPER_FIELDS, limit: '500', offset: '0' });
    await expect(client.listWorks('2100000001', 'abc')).rejects.toThrow(/invalid page token/);
  });

  it('asks again at half the page size when S2 says the response would exceed its 10 MB cap', async () => {
    const big = new SemanticScholarClient(http, { semanticScholar: { baseUrl: replay.url, apiKey: KEY } }, { worksPerPage: 1000 });
    replay.fault(papers('0'), { kind: 'status', status: 400, body: readFileSync(fixture('error_400_response_too_large.json'), 'utf8') }, 2);
    const page = await big.listWorks('2100000001', null);
    expect(page.works.map((w) => w.sourceId)).toEqual([P1.sourceId, P2.sourceId]);
    expect(replay.requests.map((r) => r.query.get('limit'))).toEqual(['1000', '500', '250']);
  });

  it('searches authors by plain-text name and maps candidates', async () => {
    const candidates = await client.searchAuthors({ name: 'Zoë Ångström', limit: 5000 });
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toEqual({ query: 'Zoë Ångström', fields: S2_AUTHOR_FIELDS, limit: '1000' });
    expect(candidates).toEqual([
      {
        source: 'semanticscholar',
        sourceAuthorId: '2100000001',
        name: 'Zoë Ångström',
        alternativeNames: ['Zoe Angstrom'],
        affiliations: ['KTH Royal Institute of Technology'],
        orcid: '0000-0002-1825-0097',
        worksCount: 5,
        citationCount: 1234,
        topics: [],
        sourceUrl: 'https://www.semanticscholar.org/author/2100000001',
      },
      {
        source: 'semanticscholar',
        sourceAuthorId: '2100000002',
        name: 'Łukasz Wiśniewski',
        alternativeNames: [],
        affiliations: ['Google DeepMind'],
        orcid: null,
        worksCount: 12,
        citationCount: 240,
        topics: [],
        sourceUrl: 'https://www.semanticscholar.org/author/2100000002',
      },
      {
        source: 'semanticscholar',
        sourceAuthorId: '2100000003',
        name: 'Z. Angstrom',
        alternativeNames: [],
        affiliations: [],
        orcid: null,
        worksCount: null,
        citationCount: null,
        topics: [],
        sourceUrl: 'https://www.semanticscholar.org/author/2100000003',
      },
    ]);
    const hyphenated = await client.searchAuthors({ name: 'Zoë-Ångström', affiliation: 'DEEPMIND' });
    expect(replay.requests.at(-1)!.query.get('query')).toBe('Zoë Ångström');
    expect(hyphenated.map((c) => c.sourceAuthorId)).toEqual(['2100000002', '2100000001', '2100000003']);
  });

  it('reads an author snapshot, and many with POST /author/batch (null where unknown)', async () => {
    const zoe = { source: 'semanticscholar', sourceAuthorId: '2100000001', name: 'Zoë Ångström', worksCount: 5, citationCount: 1234, updatedAt: null };
    await expect(client.getAuthor('2100000001')).resolves.toEqual(zoe);
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toEqual({ fields: S2_SNAPSHOT_FIELDS });

    await expect(client.getAuthors(['2100000001', '0', '2100000002'])).resolves.toEqual([
      zoe,
      null,
      { source: 'semanticscholar', sourceAuthorId: '2100000002', name: 'Łukasz Wiśniewski', worksCount: 12, citationCount: 240, updatedAt: null },
    ]);
    const sent = replay.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/graph/v1/author/batch' });
    expect(sent.headers).toMatchObject({ 'x-api-key': KEY, 'content-type': 'application/json' });
    await expect(client.getAuthors([])).resolves.toEqual([]);
    // A batch answer that does not line up with the ids asked for cannot be trusted.
    const error = await client.getAuthors(['2100000001', '0']).catch((e: unknown) => e);
    expect(error).toMatchObject({ constructor: MalformedResponseError, method: 'POST' });
    expect((error as Error).message).toBe(`semanticscholar: malformed response: expected an array of 2 entries (POST /graph/v1/author/batch?fields=${encodeURIComponent(S2_SNAPSHOT_FIELDS)})`);
  });

  it('splits author batches at 1000 ids', async () => {
    const posted: unknown[] = [];
    const fake: typeof fetch = async (_input, init) => {
      const { ids } = JSON.parse(String(init?.body)) as { ids: string[] };
      posted.push(ids.length);
      return new Response(JSON.stringify(ids.map((id) => ({ authorId: id, name: `Author ${id}` }))), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const batching = new SemanticScholarClient(new ScholarlyHttp({ contactEmail: null, timeoutMs: 500 }, fake), { semanticScholar: { baseUrl: 'http://s2.invalid', apiKey: null } });
    const ids = Array.from({ length: 2345 }, (_, i) => String(i + 1));
    const snapshots = await batching.getAuthors(ids);
    expect(posted).toEqual([1000, 1000, 345]);
    expect(snapshots.map((s) => s?.sourceAuthorId)).toEqual(ids);
  });

  it('reads papers by DOI and in batches', async () => {
    await expect(client.getWork('DOI:10.18653/v1/2023.findings-emnlp.101')).resolves.toEqual(P2);
    expect(replay.requests.at(-1)!.path).toBe('/graph/v1/paper/DOI:10.18653/v1/2023.findings-emnlp.101');
    await expect(client.getWorks(['CorpusId:1', 'ARXIV:2403.01234'])).resolves.toEqual([null, P1]);
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toEqual({ fields: S2_PAPER_FIELDS });
  });

  it('maps error answers to the error classes, naming the source and request and never the key', async () => {
    const outcome = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error);

    const notFound = await outcome(client.getAuthor('2199999999'));
    expect(notFound).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: 'Author with id 2199999999 not found' });
    expect(notFound!.message).toBe(`semanticscholar: HTTP 404: Author with id 2199999999 not found (GET /graph/v1/author/2199999999?fields=${encodeURIComponent(S2_SNAPSHOT_FIELDS)})`);

    const badField = await outcome(client.listWorks('2100000077', null));
    expect(badField).toMatchObject({ constructor: SourceRejectedError, status: 400, detail: 'Unrecognized or unsupported fields: [papers.nonsense]' });

    const noData = await outcome(client.listWorks('2100000079', null));
    expect(noData).toMatchObject({ constructor: MalformedResponseError, reason: 'no data array' });

    const cases: [Parameters<ReplayServer['fault']>[1], (e: unknown) => void][] = [
      [{ kind: 'status', status: 429, headers: { 'retry-after': '5' }, body: readFileSync(fixture('error_429_too_many_requests.json'), 'utf8') }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 5000 })],
      [{ kind: 'status', status: 429, body: readFileSync(fixture('error_429_too_many_requests.json'), 'utf8') }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: null })],
      [{ kind: 'status', status: 500, body: '{"message": "Internal Server Error"}' }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, status: 500 })],
      [{ kind: 'status', status: 504, headers: { 'content-type': 'text/html' }, body: readFileSync(fixture('error_504_cloudfront.html'), 'utf8') }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, status: 504 })],
      [{ kind: 'status', status: 403, body: '{"message": "Forbidden"}' }, (e) => expect(e).toMatchObject({ constructor: SourceRejectedError, status: 403, detail: 'Forbidden' })],
      [{ kind: 'truncate' }, (e) => expect(e).toBeInstanceOf(SourceUnavailableError)],
      [{ kind: 'malformed' }, (e) => expect(e).toMatchObject({ constructor: MalformedResponseError })],
      [{ kind: 'timeout', ms: 2000 }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, reason: 'timed out' })],
    ];
    for (const [fault, check] of cases) {
      replay.fault(papers('0'), fault);
      const error = await outcome(client.listWorks('2100000001', null));
      check(error);
      expect(error!.message).toMatch(/^semanticscholar: .* \(GET \/graph\/v1\/author\/2100000001\/papers\?fields=paperId%2C.*&limit=2&offset=0\)$/);
      expect(error!.message).not.toContain(KEY);
      expect(JSON.stringify(error)).not.toContain(KEY);
    }

    replay.fault({ path: '/graph/v1/author/batch' }, { kind: 'status', status: 500, body: '{"message": "Internal Server Error"}' });
    const batchError = await outcome(client.getAuthors(['2100000001']));
    expect(batchError).toMatchObject({ constructor: SourceUnavailableError, status: 500, method: 'POST' });
    expect(batchError!.message).toMatch(/\(POST \/graph\/v1\/author\/batch\?fields=/);
  });
});

describe('Semantic Scholar type mapping', () => {
  it('prefers the most specific type, and calls arXiv-only records preprints', () => {
    expect(mapS2Type({ publicationTypes: ['JournalArticle', 'Conference'], venue: 'NeurIPS' })).toBe('conference-paper');
    expect(mapS2Type({ publicationTypes: ['JournalArticle'], venue: 'ArXiv', journal: { name: 'ArXiv' } })).toBe('preprint');
    expect(mapS2Type({ publicationTypes: null, venue: '', externalIds: { ArXiv: '1706.03762' } })).toBe('preprint');
    expect(mapS2Type({ publicationTypes: ['BookSection'] })).toBe('book-chapter');
    expect(mapS2Type({ publicationTypes: ['Dataset'] })).toBe('dataset');
    expect(mapS2Type({ publicationTypes: ['CaseReport'] })).toBe('other');
    expect(mapS2Type({})).toBe('other');
  });

  it('without publicationTypes, types a paper by its venue or journal', () => {
    const page = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'semanticscholar', 'author_2100000002_papers_untyped.json'), 'utf8')) as S2PaperPage;
    expect(page.data!.map((p) => normalizeS2Paper(p!)!).map((w) => [w.title, w.type, w.venue])).toEqual([
      // publicationVenue says conference, though the name has no such word.
      ['Sketching attention for long documents', 'conference-paper', 'Neural Information Processing Systems'],
      ['Sparse tensors in practice', 'article', 'Transactions on Machine Learning Research'],
      // A journal and no venue (S2 writes venue ""): an article in that journal.
      ['Low-rank adapters for code review', 'article', 'Empirical Software Engineering'],
      // A bare venue that names a conference.
      ['Tensor sketches at scale', 'conference-paper', 'International Conference on Machine Learning'],
      // Meeting abstracts in a journal's supplement are not papers to read.
      ['Abstract 4165: Sketching tumour growth', 'other', 'Poster Presentations - Proffered Abstracts'],
      // A bare venue that says neither (a book): left "other".
      ['Sketches in the history of computing', 'other', 'Software Pioneers'],
      // No venue at all (publicationTypes []): "other", as before.
      ['A survey of attention sparsity', 'other', null],
      // "Study" says how, not what; PNAS is a journal despite "Proceedings".
      ['Sparse attention for proteins', 'article', 'Proceedings of the National Academy of Sciences of the United States of America'],
      // LNCS is a proceedings series S2 files as a journal.
      ['Tensor sketching with guarantees', 'conference-paper', 'Lecture Notes in Computer Science'],
      // A comment is typed, and is not a paper.
      ['Comment on sparse attention', 'other', 'Nature Machine Intelligence'],
    ]);
  });
});
