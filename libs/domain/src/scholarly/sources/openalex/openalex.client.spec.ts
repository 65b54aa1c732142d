import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import type { NormalizedWork } from '../../scholarly.types';
import { OpenAlexAuthorDeletedError, OpenAlexClient, OPENALEX_WORK_FIELDS } from './openalex.client';
import { InvalidIdentifierError } from '../orcid/orcid.normalize';
import { arxivIdFromUrl, mapOpenAlexType, normalizeOpenAlexWork, openAlexShortId, openAlexTimestamp, rebuildAbstract } from './openalex.normalize';
import type { OpenAlexList, OpenAlexWork } from './openalex.types';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'openalex');
const fixture = (name: string) => join(FIXTURES, name);
const KEY = 'OA-SECRET-KEY-123';
const SELECT = OPENALEX_WORK_FIELDS.join(',');
const works = (cursor: string) => ({ path: '/works', query: { filter: 'author.id:A5100000001', cursor } });
const CURSOR_2 = 'IlsxNzA5MzM3NjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDInXSI=';
const CURSOR_3 = 'IlsxNjcyNTMxMjAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDQnXSI=';
const CURSOR_4 = 'IlsxNjk2MTE4NDAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzQxMDAwMDAwMDYnXSI=';

/** What a sync does with listWorks: follow `next` until null. */
async function allWorks(client: OpenAlexClient, authorId: string): Promise<{ works: NormalizedWork[]; pages: number }> {
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

describe('OpenAlexClient over a replay server', () => {
  let replay: ReplayServer;
  let client: OpenAlexClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 500 });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    replay
      .route({ ...works('*'), file: fixture('works_filter_author.id_A5100000001_cursor_start.json') })
      .route({ ...works(CURSOR_2), file: fixture('works_filter_author.id_A5100000001_cursor_2.json') })
      .route({ ...works(CURSOR_3), file: fixture('works_filter_author.id_A5100000001_cursor_3.json') })
      .route({ ...works(CURSOR_4), file: fixture('works_filter_author.id_A5100000001_cursor_4_empty.json') })
      .route({ path: '/authors', query: { filter: 'display_name.search:Zoë Ångström' }, file: fixture('authors_filter_display_name.search_zoe_angstrom.json') })
      .route({ path: '/authors/A5100000001', file: fixture('author_A5100000001.json') })
      .route({ path: '/authors/orcid:0000-0002-1825-0097', file: fixture('author_A5100000001.json') })
      .route({ path: '/authors/A5100000009', file: fixture('author_A5100000009_deleted.json') })
      .route({ path: '/authors/A5199999999', status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, file: fixture('error_404_not_found.html') })
      .route({ path: '/autocomplete/authors', query: { q: 'zoe' }, file: fixture('autocomplete_authors_q_zoe.json') })
      .route({ path: '/works/W4100000003', file: fixture('work_W4100000003.json') })
      .route({ path: '/works/doi:10.1016/j.neunet.2023.11.042', file: fixture('work_W4100000003.json') })
      .route({ path: '/works', query: { filter: 'author.id:A5100000077' }, status: 400, file: fixture('error_400_invalid_select.json') })
      .route({ path: '/works', query: { filter: 'author.id:A5100000078' }, file: fixture('error_200_plan_upgrade_required.json') })
      .route({ path: '/works', query: { filter: 'author.id:A5100000079' }, body: '{"meta": {"count": 0}, "group_by": []}' })
      .route({ path: '/works', query: { filter: 'author.id:A5100000080' }, body: '{"meta": {"count": 1, "next_cursor": "abc"}, "results": []}' });
    client = new OpenAlexClient(http, { openalex: { baseUrl: replay.url, apiKey: KEY }, contactEmail: 'me@example.org' }, { worksPerPage: 2 });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    replay.clearFaults();
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  const W1: NormalizedWork = {
    source: 'openalex',
    sourceId: 'W4100000001',
    sourceUrl: 'https://openalex.org/W4100000001',
    title: 'Sparse Attention at Ångström Scale: Learning Interatomic Potentials with Transformers',
    publicationDate: '2024-03-02',
    year: 2024,
    venue: 'arXiv (Cornell University)',
    type: 'preprint',
    doi: '10.48550/arxiv.2403.01234',
    arxivId: '2403.01234',
    externalIds: { openalex: 'W4100000001', arxiv: '2403.01234' },
    authors: [
      { position: 1, name: 'Zoë Ångström', sourceAuthorId: 'A5100000001', orcid: '0000-0002-1825-0097', affiliations: ['KTH Royal Institute of Technology'] },
      { position: 2, name: 'Łukasz Wiśniewski', sourceAuthorId: 'A5100000002', orcid: null, affiliations: ['Google DeepMind, London, UK'] },
      { position: 3, name: 'Nguyễn Thị Minh', sourceAuthorId: 'A5100000006', orcid: null, affiliations: ['Vietnam National University, Hanoi'] },
    ],
    citationCount: 17,
    abstract:
      'We introduce a sparse attention scheme for interatomic potentials. The model attends only to neighbours within a cutoff of 5 Å, which keeps the cost linear in the number of atoms.',
    openAccessUrl: 'https://arxiv.org/abs/2403.01234',
    pdfUrl: 'https://arxiv.org/pdf/2403.01234v3',
    sourceUpdatedAt: '2026-01-10T04:05:06.789Z',
  };
  const W2: NormalizedWork = {
    source: 'openalex',
    sourceId: 'W4100000002',
    sourceUrl: 'https://openalex.org/W4100000002',
    title: 'Retrieval-Augmented Reviewers: Ranking What to Read Before an Interview',
    publicationDate: '2024-08-24',
    year: 2024,
    venue: 'Proceedings of the 30th ACM SIGKDD Conference on Knowledge Discovery and Data Mining',
    type: 'conference-paper',
    doi: '10.1145/3637528.3671999',
    arxivId: '2402.05678',
    externalIds: { openalex: 'W4100000002', mag: '4391234567', arxiv: '2402.05678' },
    authors: [
      { position: 1, name: 'Łukasz Wiśniewski', sourceAuthorId: 'A5100000002', orcid: null, affiliations: ['Google DeepMind'] },
      { position: 2, name: 'Zoë Ångström', sourceAuthorId: 'A5100000001', orcid: '0000-0002-1825-0097', affiliations: ['KTH Royal Institute of Technology', 'Uppsala University'] },
    ],
    citationCount: 4,
    abstract: null,
    openAccessUrl: 'http://arxiv.org/abs/2402.05678v2',
    pdfUrl: 'http://arxiv.org/pdf/2402.05678v2',
    sourceUpdatedAt: '2025-11-02T13:14:15.161Z',
  };
  const W3: NormalizedWork = {
    source: 'openalex',
    sourceId: 'W4100000003',
    sourceUrl: 'https://openalex.org/W4100000003',
    title: 'Accent-Insensitive Author Disambiguation for Scholarly Graphs',
    publicationDate: '2023-12-01',
    year: 2023,
    venue: 'Neural Networks',
    type: 'article',
    doi: '10.1016/j.neunet.2023.11.042',
    arxivId: null,
    externalIds: { openalex: 'W4100000003', mag: '4389000111', pubmed: '38012345' },
    authors: [
      { position: 1, name: 'Françoise Dupré', sourceAuthorId: 'A5100000007', orcid: null, affiliations: ['University of Amsterdam'] },
      { position: 2, name: 'Zoë Ångström', sourceAuthorId: 'A5100000001', orcid: '0000-0002-1825-0097', affiliations: ['KTH Royal Institute of Technology'] },
      { position: 3, name: 'Nguyễn Thị Minh', sourceAuthorId: 'A5100000006', orcid: null, affiliations: [] },
      { position: 4, name: 'Søren Kjærgaard', sourceAuthorId: 'A5100000008', orcid: '0000-0001-5109-3700', affiliations: ['Uppsala University', 'KTH Royal Institute of Technology'] },
    ],
    citationCount: 3,
    abstract:
      'Names with diacritics such as Zoë Ångström or Łukasz Wiśniewski are folded differently by each source. We compare folding rules across six scholarly sources and show that accent-insensitive matching merges 12% more author records without false merges.',
    openAccessUrl: 'https://europepmc.org/articles/pmc10700001?pdf=render',
    pdfUrl: 'https://europepmc.org/articles/pmc10700001?pdf=render',
    sourceUpdatedAt: '2025-09-18T06:07:08.091Z',
  };
  const W4: NormalizedWork = {
    source: 'openalex',
    sourceId: 'W4100000004',
    sourceUrl: 'https://openalex.org/W4100000004',
    title: 'Notes on Ångström-scale attention (extended abstract)',
    publicationDate: '2022',
    year: 2022,
    venue: null,
    type: 'other',
    doi: null,
    arxivId: null,
    externalIds: { openalex: 'W4100000004' },
    authors: [
      { position: 1, name: 'J. Núñez', sourceAuthorId: null, orcid: null, affiliations: [] },
      { position: 2, name: 'Zoë Ångström', sourceAuthorId: 'A5100000001', orcid: '0000-0002-1825-0097', affiliations: [] },
    ],
    citationCount: null,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };

  it('normalizes a page of works exactly: arXiv preprint with versions, a conference paper with DOI and arXiv id', async () => {
    const page = await client.listWorks('A5100000001', null);
    expect(page).toEqual({ works: [W1, W2], next: CURSOR_2, total: 6 });
  });

  it('normalizes a journal article (upper-case DOI, PubMed, inverted-index abstract) and a record with its fields missing or null', async () => {
    const page = await client.listWorks('https://openalex.org/A5100000001', CURSOR_2);
    expect(page).toEqual({ works: [W3, W4], next: CURSOR_3, total: 6 });
  });

  it('pages by cursor across every page until an empty page, collecting all works once and leaving out untitled paratext', async () => {
    const { works: all, pages } = await allWorks(client, 'A5100000001');
    expect(pages).toBe(4);
    expect(all.map((w) => w.sourceId)).toEqual(['W4100000001', 'W4100000002', 'W4100000003', 'W4100000004', 'W4100000006']);
    expect(new Set(all.map((w) => w.sourceId)).size).toBe(all.length);
    // The 2023-era record: type_crossref marks the conference paper; a date only as precise as given.
    expect(all.at(-1)).toMatchObject({
      type: 'conference-paper',
      venue: 'Findings of the Association for Computational Linguistics: EMNLP 2023',
      doi: '10.18653/v1/2023.findings-emnlp.101',
      externalIds: { openalex: 'W4100000006', mag: '4389000333' },
      abstract: 'Reading lists built from citation counts alone favour old papers. We weight recency and first authorship.',
      pdfUrl: 'https://aclanthology.org/2023.findings-emnlp.101.pdf',
      sourceUpdatedAt: '2023-08-12T07:41:09.550Z',
    });
  });

  it('stops on an empty page even when a cursor is still given, and fails loud on a list without results', async () => {
    await expect(client.listWorks('A5100000080', null)).resolves.toEqual({ works: [], next: null, total: 1 });
    const error = await client.listWorks('A5100000079', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/^openalex: malformed response: no results array \(GET \/works\?filter=author\.id%3AA5100000079&/);
  });

  it('sends the filter, a root-level select, per_page and cursor, identifies itself, and passes the key and mailto as secrets', async () => {
    await client.listWorks('A5100000001', null);
    const sent = replay.requests.at(-1)!;
    expect(sent.path).toBe('/works');
    expect(Object.fromEntries(sent.query)).toEqual({ filter: 'author.id:A5100000001', select: SELECT, per_page: '2', cursor: '*', api_key: KEY, mailto: 'me@example.org' });
    expect(SELECT.split(',').every((field) => !field.includes('.'))).toBe(true);
    expect(sent.headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)');

    const defaults = new OpenAlexClient(http, { openalex: { baseUrl: replay.url, apiKey: null }, contactEmail: null });
    await defaults.listWorks('A5100000001', null);
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toEqual({ filter: 'author.id:A5100000001', select: SELECT, per_page: '200', cursor: '*' });
  });

  it('searches authors by the display_name.search filter and maps candidates from every schema era', async () => {
    const candidates = await client.searchAuthors({ name: 'Zoë Ångström', limit: 10 });
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toMatchObject({ filter: 'display_name.search:Zoë Ångström', per_page: '10' });
    expect(candidates).toEqual([
      {
        source: 'openalex',
        sourceAuthorId: 'A5100000001',
        name: 'Zoë Ångström',
        alternativeNames: ['Zoe Angstrom', 'Z. Ångström'],
        affiliations: ['KTH Royal Institute of Technology', 'Uppsala University', 'University of Amsterdam'],
        orcid: '0000-0002-1825-0097',
        worksCount: 42,
        citationCount: 1234,
        topics: ['Neural Networks and Applications', 'Machine Learning in Materials Science', 'Topic Modeling', 'Explainable Artificial Intelligence (XAI)', 'Computational Drug Discovery Methods'],
        sourceUrl: 'https://openalex.org/A5100000001',
      },
      {
        source: 'openalex',
        sourceAuthorId: 'A5100000002',
        name: 'Łukasz Wiśniewski',
        alternativeNames: ['Lukasz Wisniewski', 'Ł. Wiśniewski'],
        affiliations: ['Google DeepMind', 'KTH Royal Institute of Technology'],
        orcid: null,
        worksCount: 12,
        citationCount: 260,
        topics: ['Machine learning', 'Artificial intelligence'],
        sourceUrl: 'https://openalex.org/A5100000002',
      },
      {
        source: 'openalex',
        sourceAuthorId: 'A2100000003',
        name: 'Zoe Angstrom',
        alternativeNames: [],
        affiliations: ['Stockholm University'],
        orcid: null,
        worksCount: 3,
        citationCount: null,
        topics: ['Physics'],
        sourceUrl: 'https://openalex.org/A2100000003',
      },
    ]);
  });

  it('moves candidates with the wanted affiliation to the front (accent-insensitive) and keeps filter syntax out of the name', async () => {
    const ranked = await client.searchAuthors({ name: 'Zoë, Ångström|', affiliation: 'stockholm', limit: 500 });
    expect(ranked.map((c) => c.sourceAuthorId)).toEqual(['A2100000003', 'A5100000001', 'A5100000002']);
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toMatchObject({ filter: 'display_name.search:Zoë Ångström', per_page: '200' });
    const deepmind = await client.searchAuthors({ name: 'Zoë Ångström', affiliation: 'google deepmind' });
    expect(deepmind.map((c) => c.sourceAuthorId)).toEqual(['A5100000002', 'A5100000001', 'A2100000003']);
    await expect(client.searchAuthors({ name: ' , ' })).resolves.toEqual([]);
  });

  it('suggests authors from autocomplete', async () => {
    await expect(client.suggestAuthors('zoe')).resolves.toEqual([
      {
        source: 'openalex',
        sourceAuthorId: 'A5100000001',
        name: 'Zoë Ångström',
        alternativeNames: [],
        affiliations: ['KTH Royal Institute of Technology, Sweden'],
        orcid: '0000-0002-1825-0097',
        worksCount: 42,
        citationCount: 1234,
        topics: [],
        sourceUrl: 'https://openalex.org/A5100000001',
      },
      {
        source: 'openalex',
        sourceAuthorId: 'A5100000005',
        name: 'Zoé Angström-Berg',
        alternativeNames: [],
        affiliations: [],
        orcid: null,
        worksCount: 1,
        citationCount: 2,
        topics: [],
        sourceUrl: 'https://openalex.org/A5100000005',
      },
    ]);
  });

  it('reads the author singleton by id, URL or ORCID', async () => {
    const snapshot = {
      source: 'openalex',
      sourceAuthorId: 'A5100000001',
      name: 'Zoë Ångström',
      worksCount: 42,
      citationCount: 1234,
      updatedAt: '2026-01-15T08:30:12.123Z',
      // Current institution first, then past ones; topics for the briefing's profile.
      affiliations: ['KTH Royal Institute of Technology', 'Uppsala University', 'University of Amsterdam'],
      topics: ['Neural Networks and Applications', 'Machine Learning in Materials Science', 'Topic Modeling', 'Explainable Artificial Intelligence (XAI)', 'Computational Drug Discovery Methods'],
    };
    await expect(client.getAuthor('A5100000001')).resolves.toEqual(snapshot);
    await expect(client.getAuthor('https://openalex.org/A5100000001')).resolves.toEqual(snapshot);
    await expect(client.getAuthor('https://orcid.org/0000-0002-1825-0097')).resolves.toEqual(snapshot);
    expect(replay.requests.at(-1)!.path).toBe('/authors/orcid:0000-0002-1825-0097');
  });

  it.each(['https://orcid.org/00000-0002-1825-0097', '0000-0002-1825-00975', '10000-0002-1825-0097', 'orcid:0000-0002-1825-0098'])(
    'refuses %j, an ORCID iD that is not one whole, before any request',
    async (input) => {
      replay.clearRequests();
      const error = await client.getAuthor(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error).toMatchObject({ source: 'openalex', status: 400 });
      expect(replay.requests).toEqual([]);
    },
  );

  it('treats the "Deleted Author" stub as a rejection that asks to re-resolve the person', async () => {
    const error = await client.getAuthor('A5100000009').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAlexAuthorDeletedError);
    expect(error).toBeInstanceOf(SourceRejectedError);
    expect(error).toMatchObject({ status: 410, sourceAuthorId: 'A5100000009', request: '/authors/A5100000009' });
  });

  it('reads one work by id or by DOI with the same select', async () => {
    await expect(client.getWork('W4100000003')).resolves.toEqual(W3);
    expect(Object.fromEntries(replay.requests.at(-1)!.query)).toEqual({ select: SELECT, api_key: KEY, mailto: 'me@example.org' });
    await expect(client.getWork('https://doi.org/10.1016/J.NEUNET.2023.11.042')).resolves.toEqual(W3);
    expect(replay.requests.at(-1)!.path).toBe('/works/doi:10.1016/j.neunet.2023.11.042');
  });

  it('maps error answers to the error classes, naming the source and request and never the key', async () => {
    const outcome = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error);

    const notFound = await outcome(client.getAuthor('A5199999999'));
    expect(notFound).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: '404 Not Found Not Found The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.' });
    expect(notFound!.message).toBe(`openalex: HTTP 404: ${(notFound as SourceRejectedError).detail} (GET /authors/A5199999999)`);

    const invalid = await outcome(client.listWorks('A5100000077', null));
    expect(invalid).toMatchObject({ constructor: SourceRejectedError, status: 400 });
    expect(invalid).toMatchObject({ detail: expect.stringMatching(/^open_access.is_oa is not a valid select field/) });

    // 200 with a top-level `error`: refused, not malformed (see rejectErrorBody).
    const gated = await outcome(client.listWorks('A5100000078', null));
    expect(gated).toMatchObject({ constructor: SourceRejectedError, status: 200, detail: 'Plan upgrade required' });

    const page1 = works('*');
    const cases: [Parameters<ReplayServer['fault']>[1], (e: unknown) => void][] = [
      [{ kind: 'status', status: 429, headers: { 'retry-after': '12' }, body: readFileSync(fixture('error_429_rate_limited.json'), 'utf8') }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 12_000 })],
      [{ kind: 'status', status: 503, headers: { 'retry-after': '30' }, body: readFileSync(fixture('error_503_unavailable.json'), 'utf8') }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 30_000 })],
      [{ kind: 'status', status: 500 }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, status: 500 })],
      [{ kind: 'status', status: 401, body: '{"error": "API key required"}' }, (e) => expect(e).toMatchObject({ constructor: SourceRejectedError, status: 401, detail: 'API key required' })],
      [{ kind: 'truncate' }, (e) => expect(e).toBeInstanceOf(SourceUnavailableError)],
      [{ kind: 'malformed' }, (e) => expect(e).toMatchObject({ constructor: MalformedResponseError })],
      [{ kind: 'reset' }, (e) => expect(e).toBeInstanceOf(SourceUnavailableError)],
    ];
    for (const [fault, check] of cases) {
      replay.fault(page1, fault);
      const error = await outcome(client.listWorks('A5100000001', null));
      check(error);
      expect(error!.message).toMatch(/^openalex: .* \(GET \/works\?filter=author\.id%3AA5100000001&select=id%2Cdoi%2C.*&per_page=2&cursor=\*\)$/);
      expect(error!.message).not.toContain(KEY);
      expect(error!.message).not.toContain('me@example.org');
      expect(JSON.stringify(error)).not.toContain(KEY);
    }
  });
});

describe('OpenAlex normalization helpers', () => {
  it('takes the venue from raw_source_name when the source is null, else from another location; never an OAI set label or a repository', () => {
    const page = JSON.parse(readFileSync(fixture('works_filter_author.id_A5100000001_raw-source-names.json'), 'utf8')) as OpenAlexList<OpenAlexWork>;
    const works = page.results!.map((w) => normalizeOpenAlexWork(w)!);
    expect(works.map((w) => [w.sourceId, w.venue, w.type])).toEqual([
      // A book chapter: the book, as harvested.
      ['W4100000101', 'Gestión del conocimiento. Perspectiva multidisciplinaria (libro 60)', 'book-chapter'],
      // The citation tail (volume, issue, pages, year) is not part of the venue's name.
      ['W4100000102', 'Educación Física y Ciencia', 'article'],
      // `instname:` names the harvesting university; the journal is another location's source (the repository is not a venue).
      ['W4100000103', 'Revista Universo Contábil', 'article'],
      // Only a `reponame:` label and a repository: no venue.
      ['W4100000104', null, 'article'],
      // Nothing at all: no venue, as before.
      ['W4100000105', null, 'article'],
      // A proceedings paper without a matched source: venue and type from the harvested metadata.
      ['W4100000106', 'Proceedings of the Workshop on Reading Lists', 'conference-paper'],
      // The primary location names nothing; the best open-access copy names its journal.
      ['W4100000107', 'Journal of Interview Preparation', 'article'],
    ]);
  });

  it('rebuilds an abstract from an inverted index, placing words at their positions', () => {
    expect(rebuildAbstract({ the: [0, 3], cat: [1], saw: [2], dog: [4] })).toBe('the cat saw the dog');
    expect(rebuildAbstract({ b: [1], a: [0], d: [5] })).toBe('a b d');
    expect(rebuildAbstract({})).toBeNull();
    expect(rebuildAbstract(null)).toBeNull();
    expect(rebuildAbstract({ word: null as unknown as number[] })).toBeNull();
  });

  it('takes arXiv ids only from arXiv addresses, without version', () => {
    expect(arxivIdFromUrl('http://arxiv.org/pdf/2402.05678v2')).toBe('2402.05678');
    expect(arxivIdFromUrl('https://arxiv.org/abs/hep-th/9901001v3')).toBe('hep-th/9901001');
    expect(arxivIdFromUrl('https://zenodo.org/record/2402.05678')).toBeNull();
    expect(arxivIdFromUrl(null)).toBeNull();
  });

  it('reads ids, timestamps and types', () => {
    expect(openAlexShortId('https://openalex.org/a5023888391')).toBe('A5023888391');
    expect(openAlexShortId('https://api.openalex.org/authors/A5023888391')).toBe('A5023888391');
    expect(openAlexShortId('https://orcid.org/0000-0002-1825-0097')).toBeNull();
    expect(openAlexShortId('10.1234/W123')).toBeNull();
    expect(openAlexTimestamp('2025-10-28T20:00:50.230399')).toBe('2025-10-28T20:00:50.230Z');
    expect(openAlexTimestamp('2023-01-24')).toBe('2023-01-24');
    expect(mapOpenAlexType({ type: 'dissertation' })).toBe('thesis');
    expect(mapOpenAlexType({ type: 'article', primary_location: { source: { type: 'conference' } } })).toBe('conference-paper');
    expect(mapOpenAlexType({ type: 'paratext' })).toBe('other');
    expect(mapOpenAlexType({})).toBe('other');
  });
});
