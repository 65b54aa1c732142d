import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import type { NormalizedWork } from '../../scholarly.types';
import { ArxivClient, authorPatterns, authorQuery, markQueriedAuthor, queriedPositions } from './arxiv.client';
import { parseArxivFeed } from './arxiv.parse';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'arxiv');
const fixture = (name: string) => join(FIXTURES, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
const ATOM = { 'content-type': 'application/atom+xml; charset=utf-8' };

const KAISER = 'au:"Lukasz Kaiser"';
const page = (start: number) => ({ path: '/api/query', query: { search_query: KAISER, start: String(start), max_results: '2', sortBy: 'submittedDate' } });

/** The arXiv version of the JMLR paper: still a preprint, with the journal's DOI and reference kept. */
const SPARSE_MIXTURES: NormalizedWork = {
  source: 'arxiv',
  sourceId: '2301.01234',
  sourceUrl: 'https://arxiv.org/abs/2301.01234',
  title: 'Sparse Mixtures of Attention Heads for Long Documents',
  publicationDate: '2023-01-03',
  year: 2023,
  venue: 'Journal of Machine Learning Research 24(118):1-30, 2023',
  type: 'preprint',
  doi: '10.5555/jmlr.2023.0118',
  arxivId: '2301.01234',
  externalIds: {},
  authors: [
    { position: 1, name: 'Zoë Müller', sourceAuthorId: null, orcid: null, affiliations: ['ETH Zürich'] },
    { position: 2, name: 'Łukasz Kaiser', sourceAuthorId: null, orcid: null, affiliations: ['OpenAI', 'CNRS'] },
    { position: 3, name: 'Jean-Pierre Dupont', sourceAuthorId: null, orcid: null, affiliations: [] },
  ],
  citationCount: null,
  abstract: 'We route each token to a few attention heads. The routing is learned end to end & costs <5% extra compute.',
  openAccessUrl: 'https://arxiv.org/abs/2301.01234',
  pdfUrl: 'https://arxiv.org/pdf/2301.01234v3',
  sourceUpdatedAt: '2023-06-20T17:45:02.000Z',
};

describe('ArxivClient over a replay server', () => {
  let replay: ReplayServer;
  let client: ArxivClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 2000 });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new ArxivClient(http, { baseUrl: replay.url, pageSize: 2 });
    replay
      .route({ ...page(0), file: fixture('au_kaiser_start-0.atom.xml') })
      .route({ ...page(2), file: fixture('au_kaiser_start-2.atom.xml') })
      .route({ ...page(4), file: fixture('au_kaiser_start-4.atom.xml') })
      .route({ path: '/api/query', query: { search_query: KAISER, max_results: '1', sortBy: 'lastUpdatedDate' }, file: fixture('au_kaiser_updated.atom.xml') })
      .route({ path: '/api/query', query: { search_query: KAISER, max_results: '100' }, file: fixture('au_lukasz-kaiser_search.atom.xml') })
      .route({ path: '/api/query', query: { search_query: 'au:"Ashish Vaswani"', start: '0' }, file: fixture('legacy_au_vaswani.atom.xml') })
      .route({ path: '/api/query', query: { id_list: '2301.01234,hep-th/9901001v2,2105.00420' }, file: fixture('id_list_2301.01234+hep-th_9901001v2+2105.00420.atom.xml') })
      .route({ path: '/api/query', query: { id_list: '2104.99999' }, file: fixture('id_list_2104.99999_empty.atom.xml') })
      .route({ path: '/api/query', query: { id_list: 'kaiser2017' }, status: 400, file: fixture('id_list_kaiser2017_http400_error.atom.xml') });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    replay.clearFaults();
    replay.clearRequests();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as Error,
    );

  it('sends one polite Atom request per page: the author query, offset, page size and newest submissions first', async () => {
    await client.listWorks(KAISER, null);
    expect(replay.requests).toHaveLength(1);
    const sent = replay.requests[0];
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/api/query');
    expect([...sent.query.entries()]).toEqual([
      ['search_query', 'au:"Lukasz Kaiser"'],
      ['start', '0'],
      ['max_results', '2'],
      ['sortBy', 'submittedDate'],
      ['sortOrder', 'descending'],
    ]);
    expect(sent.headers.accept).toBe('application/atom+xml');
    expect(sent.headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)');
  });

  it('pages by offset until totalResults, without duplicates, normalizing every entry', async () => {
    const first = await client.listWorks(KAISER, null);
    expect(first.total).toBe(5);
    expect(first.next).toBe('2:2212.04567');
    // Listed for the query: the queried author's position carries the query as its author id.
    expect(first.works[0]).toEqual({ ...SPARSE_MIXTURES, authors: SPARSE_MIXTURES.authors.map((a) => (a.position === 2 ? { ...a, sourceAuthorId: KAISER } : a)) });

    const second = await client.listWorks(KAISER, first.next);
    expect(second.next).toBe('4:1706.03762');
    // A record with most optional parts missing: blank summary, no PDF link, no DOI, no journal.
    expect(second.works[0]).toEqual({
      source: 'arxiv',
      sourceId: '2208.11111',
      sourceUrl: 'https://arxiv.org/abs/2208.11111',
      title: 'Notes on Tokenizer-Free Language Models',
      publicationDate: '2022-08-23',
      year: 2022,
      venue: null,
      type: 'preprint',
      doi: null,
      arxivId: '2208.11111',
      externalIds: {},
      authors: [{ position: 1, name: 'Lukasz Kaiser', sourceAuthorId: KAISER, orcid: null, affiliations: [] }],
      citationCount: null,
      abstract: null,
      openAccessUrl: 'https://arxiv.org/abs/2208.11111',
      pdfUrl: null,
      sourceUpdatedAt: '2022-09-01T08:00:00.000Z',
    });
    expect(second.works[1].authors.map((a) => a.name)).toEqual(['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin']);
    expect(second.works[1].authors.filter((a) => a.sourceAuthorId !== null).map((a) => [a.position, a.sourceAuthorId])).toEqual([[7, KAISER]]);

    const third = await client.listWorks(KAISER, second.next);
    expect(third.next).toBeNull();
    expect(third.works).toEqual([
      expect.objectContaining({ sourceId: 'cs/0601001', arxivId: 'cs/0601001', sourceUrl: 'https://arxiv.org/abs/cs/0601001', pdfUrl: 'https://arxiv.org/pdf/cs/0601001v2', publicationDate: '2006-01-02' }),
    ]);

    const ids = [first, second, third].flatMap((p) => p.works.map((w) => w.sourceId));
    expect(ids).toEqual(['2301.01234', '2212.04567', '2208.11111', '1706.03762', 'cs/0601001']);
    expect(replay.requests.map((r) => r.query.get('start'))).toEqual(['0', '2', '4']);
  });

  it('drops what the previous page already returned when a new submission shifted the list', async () => {
    replay.fault(page(2), { kind: 'status', status: 200, headers: ATOM, body: read('au_kaiser_start-2_shifted.atom.xml') });
    const shifted = await client.listWorks(KAISER, '2:2212.04567');
    expect(shifted.works.map((w) => w.sourceId)).toEqual(['2208.11111']);
    expect(shifted.total).toBe(6);
    expect(shifted.next).toBe('4:2208.11111');
  });

  it('treats an empty page below totalResults as arXiv’s transient empty response, to be retried', async () => {
    replay.fault(page(2), { kind: 'status', status: 200, headers: ATOM, body: read('au_kaiser_start-2_quirk-empty.atom.xml') });
    const error = await failure(client.listWorks(KAISER, '2:2212.04567'));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toMatch(/^arxiv: empty page at start=2 although totalResults=5/);
  });

  it('snapshots an author from one cheap request: totalResults and the newest <updated>', async () => {
    await expect(client.getAuthor(KAISER)).resolves.toEqual({
      source: 'arxiv',
      sourceAuthorId: KAISER,
      name: 'Lukasz Kaiser',
      worksCount: 5,
      citationCount: null,
      updatedAt: '2023-08-02T00:41:18.000Z',
    });
    expect([...replay.requests[0].query.entries()]).toEqual([
      ['search_query', KAISER],
      ['start', '0'],
      ['max_results', '1'],
      ['sortBy', 'lastUpdatedDate'],
      ['sortOrder', 'descending'],
    ]);
  });

  it('offers one candidate per spelling of the name, accents folded into one arXiv query', async () => {
    const candidates = await client.searchAuthors({ name: 'Łukasz Kaiser' });
    expect(replay.requests[0].query.get('search_query')).toBe('au:"Lukasz Kaiser"');
    expect(candidates).toEqual([
      {
        source: 'arxiv',
        sourceAuthorId: 'au:"Lukasz Kaiser"',
        name: 'Łukasz Kaiser',
        alternativeNames: ['Lukasz Kaiser'],
        affiliations: ['OpenAI', 'CNRS'],
        orcid: null,
        worksCount: 3,
        citationCount: null,
        topics: ['cs.LG', 'cs.CL'],
        sourceUrl: 'https://arxiv.org/search/?searchtype=author&query=Lukasz%20Kaiser',
      },
      {
        source: 'arxiv',
        sourceAuthorId: 'au:"L Kaiser"',
        name: 'L. Kaiser',
        alternativeNames: [],
        affiliations: ['Universität Wien'],
        orcid: null,
        worksCount: 1,
        citationCount: null,
        topics: ['cs.LO'],
        sourceUrl: 'https://arxiv.org/search/?searchtype=author&query=L%20Kaiser',
      },
    ]);
    // "Lukas Kaiser" is another name, not a spelling of this one.
    expect(candidates.map((c) => c.name)).not.toContain('Lukas Kaiser');

    const byAffiliation = await client.searchAuthors({ name: 'Lukasz Kaiser', affiliation: 'Universitat Wien', limit: 1 });
    expect(byAffiliation.map((c) => c.sourceAuthorId)).toEqual(['au:"L Kaiser"']);
  });

  it('fetches a batch by id_list, keeping the id without version and a title that is "0"', async () => {
    const works = await client.getByIds(['2301.01234', 'arXiv:hep-th/9901001v2', '2105.00420', '2301.01234']);
    expect([...replay.requests[0].query.entries()]).toEqual([
      ['id_list', '2301.01234,hep-th/9901001v2,2105.00420'],
      ['start', '0'],
      ['max_results', '3'],
    ]);
    expect(works.map((w) => [w.sourceId, w.title])).toEqual([
      ['2301.01234', 'Sparse Mixtures of Attention Heads for Long Documents'],
      ['hep-th/9901001', 'Boundary Terms in Two-Dimensional Gravity'],
      ['2105.00420', '0'],
    ]);
    expect(works[1]).toEqual({
      source: 'arxiv',
      sourceId: 'hep-th/9901001',
      sourceUrl: 'https://arxiv.org/abs/hep-th/9901001',
      title: 'Boundary Terms in Two-Dimensional Gravity',
      publicationDate: '1999-01-01',
      year: 1999,
      venue: 'Phys. Lett. B 450 (1999) 12-19',
      type: 'preprint',
      doi: '10.1016/s0370-2693(99)00101-x',
      arxivId: 'hep-th/9901001',
      externalIds: {},
      authors: [{ position: 1, name: 'Søren Kierkegaard-Hansen', sourceAuthorId: null, orcid: null, affiliations: ['Niels Bohr Institute'] }],
      citationCount: null,
      abstract: 'We compute boundary terms.',
      openAccessUrl: 'https://arxiv.org/abs/hep-th/9901001',
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001v2',
      sourceUpdatedAt: '1999-02-11T09:30:00.000Z',
    });
    // The version stays available at the parse level.
    const feed = parseArxivFeed(read('id_list_2301.01234+hep-th_9901001v2+2105.00420.atom.xml'));
    expect(feed.entries.map((e) => [e.id, e.version, e.versionedId])).toEqual([
      ['2301.01234', 3, '2301.01234v3'],
      ['hep-th/9901001', 2, 'hep-th/9901001v2'],
      ['2105.00420', 1, '2105.00420v1'],
    ]);
    await expect(client.getByIds([])).resolves.toEqual([]);
    await expect(client.getByIds(Array.from({ length: 101 }, (_, i) => `2301.${String(i).padStart(5, '0')}`))).rejects.toThrow(RangeError);
  });

  it('returns nothing for an unknown id and rejects a malformed one with arXiv’s own message', async () => {
    await expect(client.getByIds(['2104.99999'])).resolves.toEqual([]);
    const error = await failure(client.getByIds(['kaiser2017']));
    expect(error).toBeInstanceOf(SourceRejectedError);
    expect(error).toMatchObject({ source: 'arxiv', status: 400, detail: 'incorrect id format for kaiser2017' });
    expect(error.message).toBe('arxiv: HTTP 400: incorrect id format for kaiser2017 (GET /api/query?id_list=kaiser2017&start=0&max_results=1)');
  });

  it('rejects a 200 feed whose only entry is an arXiv error', async () => {
    replay.fault(page(0), { kind: 'status', status: 200, headers: ATOM, body: read('au_broken_error-in-200.atom.xml') });
    const error = await failure(client.listWorks(KAISER, null));
    expect(error).toBeInstanceOf(SourceRejectedError);
    expect(error).toMatchObject({ status: 200, detail: 'max_results must be an integer' });
  });

  it('reads the 2019 layout: inline namespaces, wrapped text, http links', async () => {
    const legacy = new ArxivClient(http, { baseUrl: replay.url });
    const { works, next, total } = await legacy.listWorks('au:"Ashish Vaswani"', null);
    expect({ next, total }).toEqual({ next: null, total: 1 });
    expect(works).toEqual([
      {
        source: 'arxiv',
        sourceId: '1803.02155',
        sourceUrl: 'https://arxiv.org/abs/1803.02155',
        title: 'Self-Attention with Relative Position Representations',
        publicationDate: '2018-03-06',
        year: 2018,
        venue: 'Proceedings of NAACL-HLT 2018, pages 464-468',
        type: 'preprint',
        doi: '10.18653/v1/n18-2074',
        arxivId: '1803.02155',
        externalIds: {},
        authors: [
          { position: 1, name: 'Peter Shaw', sourceAuthorId: null, orcid: null, affiliations: [] },
          { position: 2, name: 'Jakob Uszkoreit', sourceAuthorId: null, orcid: null, affiliations: [] },
          { position: 3, name: 'Ashish Vaswani', sourceAuthorId: 'au:"Ashish Vaswani"', orcid: null, affiliations: ['Google Brain'] },
        ],
        citationCount: null,
        abstract: 'Relying entirely on an attention mechanism, the Transformer introduces a new way of modelling sequences.',
        openAccessUrl: 'https://arxiv.org/abs/1803.02155',
        pdfUrl: 'https://arxiv.org/pdf/1803.02155v2',
        sourceUpdatedAt: '2018-04-12T20:56:17.000Z',
      },
    ]);
    expect(replay.requests[0].query.get('max_results')).toBe('100');
  });

  it('sorts failures: 429 waits, 503 retries, a cut-off or non-Atom body is malformed and names the request', async () => {
    const shown = '(GET /api/query?search_query=au%3A%22Lukasz+Kaiser%22&start=0&max_results=2&sortBy=submittedDate&sortOrder=descending)';

    replay.fault(page(0), { kind: 'status', status: 429, headers: { 'retry-after': '3' }, body: '' });
    expect(await failure(client.listWorks(KAISER, null))).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 3000 });

    replay.fault(page(0), { kind: 'status', status: 503, body: 'Service Unavailable' });
    expect(await failure(client.listWorks(KAISER, null))).toMatchObject({ constructor: SourceUnavailableError, status: 503 });

    const whole = read('au_kaiser_start-0.atom.xml');
    for (const cut of [whole.lastIndexOf('</entry>') + '</entry>'.length, whole.indexOf('<summary>') + 20, whole.lastIndexOf('</feed>') + 3]) {
      replay.fault(page(0), { kind: 'status', status: 200, headers: ATOM, body: whole.slice(0, cut) });
      const error = await failure(client.listWorks(KAISER, null));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error.message).toBe(`arxiv: malformed response: truncated Atom feed (no closing </feed>) ${shown}`);
    }

    replay.fault(page(0), { kind: 'malformed' });
    const html = await failure(client.listWorks(KAISER, null));
    expect(html).toBeInstanceOf(MalformedResponseError);
    expect(html.message).toMatch(/^arxiv: malformed response: not an Atom feed/);

    replay.fault(page(0), { kind: 'status', status: 200, headers: ATOM, body: whole.replace(/<opensearch:totalResults>5<\/opensearch:totalResults>/, '') });
    expect((await failure(client.listWorks(KAISER, null))).message).toBe(`arxiv: malformed response: missing or non-numeric opensearch:totalResults ${shown}`);
  });

  it('marks the queried author on each listed work: accents, case and initials folded, other namesakes left alone', async () => {
    const MOREAU = 'au:moreau_i';
    replay.route({ path: '/api/query', query: { search_query: MOREAU, start: '0', sortBy: 'submittedDate' }, file: fixture('au_moreau_i_start-0.atom.xml') });
    const { works, next } = await client.listWorks(MOREAU, null);
    expect(next).toBeNull();
    const marked = (w: NormalizedWork) => w.authors.map((a) => [a.position, a.name, a.sourceAuthorId]);
    expect(works.map((w) => [w.sourceId, marked(w)])).toEqual([
      ['2405.01111', [[1, 'Wei Zhang', null], [2, 'Jean Moreau', null], [3, 'INÈS MOREAU', MOREAU]]],
      ['2311.02222', [[1, 'Paul Martin', null], [2, 'I. Moreau', MOREAU], [3, 'Claire Moreau', null], [4, 'Ana Lima', null]]],
      ['2207.03333', [[1, 'Inès Moreau', MOREAU], [2, 'Jean-Luc Dupont', null]]],
    ]);
    // getByIds reads no author query: nothing is marked.
    const byId = await client.getByIds(['2301.01234', 'hep-th/9901001v2', '2105.00420']);
    expect(byId[0].authors.map((a) => [a.name, a.sourceAuthorId])).toEqual([['Zoë Müller', null], ['Łukasz Kaiser', null]]);
  });

  it('refuses a page token it did not issue', async () => {
    await expect(client.listWorks(KAISER, 'next-please')).rejects.toThrow(TypeError);
    expect(replay.requests).toHaveLength(0);
  });
});

describe('markQueriedAuthor', () => {
  const work = (...names: string[]): NormalizedWork =>
    ({ authors: names.map((name, i) => ({ position: i + 1, name, sourceAuthorId: null, orcid: null, affiliations: [] })) }) as unknown as NormalizedWork;
  const positions = (query: string, ...names: string[]) =>
    markQueriedAuthor([work(...names)], query)[0]
      .authors.filter((a) => a.sourceAuthorId !== null)
      .map((a) => { expect(a.sourceAuthorId).toBe(query); return a.position; });

  it('reads a quoted name, the underscore form, a bare name, and the au: terms of a longer query', () => {
    expect(positions('au:"Inès Moreau"', 'Jean Moreau', 'Ines Moreau', 'I. Moreau', 'Inès M. Moreau', 'Moreau, Inès')).toEqual([2, 3, 4, 5]);
    expect(positions('au:"moreau_i"', 'Claire Moreau', 'INÈS MOREAU')).toEqual([2]);
    expect(positions('au:moreau_i', 'Moreau', 'I Moreau')).toEqual([2]);
    expect(positions('Łukasz Kaiser', 'Lukasz Kaiser', 'L. Kaiser', 'Lukas Kaiser', 'Kaiser Wilhelm')).toEqual([1, 2]);
    // A multi-word surname: where it ends is not written, every split is tried.
    expect(positions('au:del_maestro_a', 'Adrian Del Maestro', 'Bea Del Maestro', 'Adrian Maestro')).toEqual([1]);
    // An initial must not be taken from the surname itself.
    expect(positions('au:moreau_m', 'Jean Moreau', 'Marie Moreau')).toEqual([2]);
    expect(positions('au:"Del Maestro" AND cat:cond-mat', 'A. Del Maestro', 'Cat Mat')).toEqual([1]);
    expect(positions('ti:attention', 'Ashish Vaswani')).toEqual([]);
    expect(authorPatterns('au:kaiser_l OR au:"Lukasz Kaiser"')).toEqual([
      { surname: ['kaiser'], given: ['l'] },
      { surname: ['kaiser', 'l'], given: [] },
      { surname: ['kaiser'], given: ['lukasz'] },
    ]);
  });
});

describe('queriedPositions', () => {
  it('finds again the positions a stored query marks, after the author list changed', () => {
    const authors = ['Wei Zhang', 'Jean Moreau', 'Ana Lima', 'INÈS MOREAU'].map((name, i) => ({ position: i + 1, name }));
    expect(queriedPositions(authors, 'au:moreau_i')).toEqual([4]);
    expect(queriedPositions(authors, 'au:"Ines Moreau"')).toEqual([4]);
    expect(queriedPositions(authors, 'au:"Claire Moreau"')).toEqual([]);
    expect(queriedPositions(authors, '  ')).toEqual([]);
  });
});

describe('authorQuery', () => {
  it('keeps a field query and quotes a bare name without accents', () => {
    expect(authorQuery('au:kaiser_l')).toBe('au:kaiser_l');
    expect(authorQuery('au:"Del Maestro" AND cat:cond-mat')).toBe('au:"Del Maestro" AND cat:cond-mat');
    expect(authorQuery('  Łukasz Kaiser ')).toBe('au:"Lukasz Kaiser"');
    expect(() => authorQuery('  ')).toThrow(TypeError);
  });
});
