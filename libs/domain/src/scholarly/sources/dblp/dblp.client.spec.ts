import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import type { NormalizedWork } from '../../scholarly.types';
import { DblpClient } from './dblp.client';
import { decodeEntities, displayName, normalizeDblpPid, parseDblpPerson } from './dblp.parse';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'dblp');
const fixture = (name: string) => join(FIXTURES, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
const XML = { 'content-type': 'application/xml; charset=utf-8' };

const KAISER = { path: '/pid/39/1762.xml' };
const author = (position: number, name: string, sourceAuthorId: string | null, orcid: string | null = null) => ({ position, name, sourceAuthorId, orcid, affiliations: [] });

const JMLR_ARTICLE: NormalizedWork = {
  source: 'dblp',
  sourceId: 'journals/jmlr/MullerKD24',
  sourceUrl: 'https://dblp.org/rec/journals/jmlr/MullerKD24',
  title: 'Sparse Mixtures of Attention Heads for Long Documents',
  publicationDate: '2024',
  year: 2024,
  venue: 'J. Mach. Learn. Res.',
  type: 'article',
  doi: null,
  arxivId: null,
  externalIds: {},
  authors: [author(1, 'Zoë Müller', '301/2211'), author(2, 'Łukasz Kaiser', '39/1762', '0000-0002-1825-0097'), author(3, 'Jean-Pierre Dupont', '117/4410')],
  citationCount: null,
  abstract: null,
  openAccessUrl: 'https://jmlr.org/papers/v25/23-0118.html',
  pdfUrl: null,
  sourceUpdatedAt: '2024-03-05',
};

const CORR_PREPRINT: NormalizedWork = {
  ...JMLR_ARTICLE,
  sourceId: 'journals/corr/abs-2301-01234',
  sourceUrl: 'https://dblp.org/rec/journals/corr/abs-2301-01234',
  publicationDate: '2023',
  year: 2023,
  venue: 'CoRR',
  type: 'preprint',
  doi: '10.48550/arxiv.2301.01234',
  arxivId: '2301.01234',
  authors: [author(1, 'Zoë Müller', '301/2211'), author(2, 'Łukasz Kaiser', '39/1762'), author(3, 'Jean-Pierre Dupont', '117/4410')],
  openAccessUrl: 'https://doi.org/10.48550/arXiv.2301.01234',
  sourceUpdatedAt: '2023-06-21',
};

describe('DblpClient over a replay server', () => {
  let replay: ReplayServer;
  let client: DblpClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 2000 });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new DblpClient(http, { baseUrl: replay.url });
    const search = (q: string, file: string) => replay.route({ path: '/search/author/api', query: { q, format: 'json' }, file: fixture(file) });
    const publ = (f: string, file: string) => replay.route({ path: '/search/publ/api', query: { q: 'attention kaiser', h: '2', f }, file: fixture(file) });
    replay
      .route({ ...KAISER, file: fixture('pid_39_1762.xml') })
      .route({ path: '/pid/35/7092-1.xml', file: fixture('pid_35_7092-1.xml') })
      .route({ path: '/pid/35/7092.xml', file: fixture('pid_35_7092_disambiguation.xml') });
    search('Łukasz Kaiser', 'search_author_q-lukasz-kaiser.json');
    search('Lukasz Kaiser', 'search_author_q-lukasz-kaiser.json');
    search('Nobody Xyz', 'search_author_q-nobody-xyz.json');
    publ('0', 'search_publ_q-attention-kaiser_h-2_f-0.json');
    publ('2', 'search_publ_q-attention-kaiser_h-2_f-2.json');
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

  it('asks for the person page as XML, the pid’s slash kept in the path', async () => {
    await client.getAuthor('https://dblp.org/pid/39/1762.html');
    expect(replay.requests).toHaveLength(1);
    const sent = replay.requests[0];
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/pid/39/1762.xml');
    expect([...sent.query.entries()]).toEqual([]);
    expect(sent.headers.accept).toBe('application/xml');
    expect(sent.headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)');
  });

  it('snapshots a person: n as works count, the newest mdate as updatedAt, the name without homonym number', async () => {
    await expect(client.getAuthor('39/1762')).resolves.toEqual({ source: 'dblp', sourceAuthorId: '39/1762', name: 'Łukasz Kaiser', worksCount: 7, citationCount: null, updatedAt: '2024-03-05', affiliations: ['OpenAI, San Francisco, CA, USA', 'Google Brain, Mountain View, CA, USA'] });
    // Here the person record changed last.
    await expect(client.getAuthor('35/7092-1')).resolves.toEqual({
      source: 'dblp',
      sourceAuthorId: '35/7092-1',
      name: 'Wei Wang',
      worksCount: 3,
      citationCount: null,
      updatedAt: '2022-02-02',
      affiliations: ['University of California, Los Angeles, Department of Computer Science, CA, USA'],
    });
  });

  it('lists every record of the person page in one page, each type mapped and identifiers taken from <ee>', async () => {
    const { works, next, total } = await client.listWorks('39/1762', null);
    expect({ next, total }).toEqual({ next: null, total: 7 });
    expect(works.map((w) => [w.sourceId, w.type])).toEqual([
      ['journals/jmlr/MullerKD24', 'article'],
      ['journals/corr/abs-2301-01234', 'preprint'],
      ['data/10/MullerK23', 'dataset'],
      ['conf/nips/VaswaniSPUJGKP17', 'conference-paper'],
      ['books/cu/p/Kaiser11', 'book-chapter'],
      ['conf/csl/2010', 'book'],
      ['phd/dnb/Kaiser08', 'thesis'],
    ]);
    // Named (&euml;) and numeric (&#321;) entities decoded, inline <i> flattened, dblp's closing dot gone, ORCID kept.
    expect(works[0]).toEqual(JMLR_ARTICLE);
    // CoRR: the arXiv DOI and the arXiv id, both from <ee>.
    expect(works[1]).toEqual(CORR_PREPRINT);
    expect(works[3].authors.map((a) => a.name)).toEqual(['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin']);
    expect(works[3].authors.map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(works[4]).toMatchObject({ doi: '10.1017/cbo9780511973468.008', venue: 'Lectures in Game Theory for Computer Scientists', openAccessUrl: null });
    // A proceedings volume: its editors are its people; its title has no closing dot to strip.
    expect(works[5]).toMatchObject({
      title: 'Computer Science Logic, 24th International Workshop, CSL 2010, 19th Annual Conference of the EACSL, Brno, Czech Republic, August 23-27, 2010. Proceedings',
      venue: 'CSL',
      doi: '10.1007/978-3-642-15205-4',
      authors: [author(1, 'Anuj Dawar', 'd/AnujDawar'), author(2, 'Helmut Veith', 'v/HelmutVeith'), author(3, 'Łukasz Kaiser', '39/1762')],
    });
    expect(works[6]).toEqual({
      source: 'dblp',
      sourceId: 'phd/dnb/Kaiser08',
      sourceUrl: 'https://dblp.org/rec/phd/dnb/Kaiser08',
      title: 'Logic and Games on Automatic Structures: Playing with Quantifiers & Decompositions',
      publicationDate: '2008',
      year: 2008,
      venue: 'RWTH Aachen University',
      type: 'thesis',
      doi: null,
      arxivId: null,
      externalIds: {},
      authors: [author(1, 'Łukasz Kaiser', '39/1762')],
      citationCount: null,
      abstract: null,
      openAccessUrl: 'https://publications.rwth-aachen.de/record/50006/files/Kaiser_Lukasz.pdf',
      pdfUrl: 'https://publications.rwth-aachen.de/record/50006/files/Kaiser_Lukasz.pdf',
      sourceUpdatedAt: '2015-03-27',
    });
  });

  it('keeps homonym numbers out of names and pids on every author, even without a DOI or a pid', async () => {
    const { works } = await client.listWorks('35/7092-1', null);
    expect(works[0]).toMatchObject({
      title: 'Why Does Depth Help?',
      doi: '10.1109/tpami.2019.0001',
      authors: [author(1, 'Wei Wang', '35/7092-1'), author(2, 'José Zhang', '12/3456-3')],
    });
    expect(works[1]).toMatchObject({ doi: null, arxivId: null, openAccessUrl: null, pdfUrl: null, venue: 'CVPR Workshops', authors: [author(1, 'Wei Wang', '35/7092-1'), author(2, 'Anonymous Coauthor', null)] });
    // An old-style CoRR id from an http arxiv.org link; withdrawn but still dblp's preprint.
    expect(works[2]).toMatchObject({ type: 'preprint', arxivId: 'cs/0101001', doi: null, openAccessUrl: 'http://arxiv.org/abs/cs/0101001' });

    const page = parseDblpPerson(read('pid_35_7092-1.xml'));
    expect(page).toMatchObject({ name: 'Wei Wang 0001', pid: '35/7092-1', recordCount: 3, disambiguation: false, affiliations: ['University of California, Los Angeles, Department of Computer Science, CA, USA'] });
    expect(page.homonyms).toEqual([
      { pid: '35/7092', name: 'Wei Wang', disambiguation: true },
      { pid: '35/7092-2', name: 'Wei Wang 0002', disambiguation: false },
    ]);
    expect(parseDblpPerson(read('pid_35_7092_disambiguation.xml')).disambiguation).toBe(true);
    expect(parseDblpPerson(read('pid_39_1762.xml'))).toMatchObject({ aliases: ['Lukasz Kaiser'], urls: ['https://orcid.org/0000-0002-1825-0097', 'https://www.wikidata.org/entity/Q99999999'] });
  });

  it('searches authors as JSON, pid from the url, exact name first, affiliation notes only', async () => {
    const candidates = await client.searchAuthors({ name: 'Łukasz Kaiser' });
    expect([...replay.requests[0].query.entries()]).toEqual([
      ['q', 'Łukasz Kaiser'],
      ['format', 'json'],
      ['h', '10'],
      ['c', '0'],
    ]);
    expect(replay.requests[0].path).toBe('/search/author/api');
    expect(replay.requests[0].headers.accept).toBe('application/json');
    const candidate = (sourceAuthorId: string, name: string, alternativeNames: string[], affiliations: string[]) => ({
      source: 'dblp',
      sourceAuthorId,
      name,
      alternativeNames,
      affiliations,
      orcid: null,
      worksCount: null,
      citationCount: null,
      topics: [],
      sourceUrl: `https://dblp.org/pid/${sourceAuthorId}`,
    });
    expect(candidates).toEqual([
      candidate('39/1762', 'Łukasz Kaiser', ['Lukasz Kaiser'], ['OpenAI, San Francisco, CA, USA', 'Google Brain, Mountain View, CA, USA']),
      candidate('188/4417', 'Lukasz Kaiser-Nowak', [], ['AGH University of Science and Technology, Kraków, Poland']),
      candidate('77/1234-2', 'Lukasz Kaiserling', ['L. Kaiserling', 'Łukasz Kaiserling'], ['Universität Wien & IST Austria']),
    ]);

    const ranked = await client.searchAuthors({ name: 'Lukasz Kaiser', affiliation: 'Universitat Wien', limit: 2 });
    expect(replay.requests[1].query.get('h')).toBe('2');
    expect(ranked.map((c) => c.sourceAuthorId)).toEqual(['39/1762', '77/1234-2']);

    // No hits: dblp leaves `hit` out altogether.
    await expect(client.searchAuthors({ name: 'Nobody Xyz' })).resolves.toEqual([]);
  });

  it('pages the publication search with f and h, authors as objects or a lone object', async () => {
    const first = await client.searchWorks('attention kaiser', { hits: 2 });
    expect([...replay.requests[0].query.entries()]).toEqual([
      ['q', 'attention kaiser'],
      ['format', 'json'],
      ['h', '2'],
      ['f', '0'],
      ['c', '0'],
    ]);
    expect({ next: first.next, total: first.total }).toEqual({ next: '2', total: 3 });
    expect(first.works[1]).toEqual({
      ...CORR_PREPRINT,
      authors: [author(1, 'Zoë Müller', '301/2211'), author(2, 'Łukasz Kaiser', '39/1762'), author(3, 'Wei Wang', '35/7092-1')],
      sourceUpdatedAt: null,
    });
    const second = await client.searchWorks('attention kaiser', { hits: 2, first: Number(first.next) });
    expect(second.next).toBeNull();
    expect(second.works).toEqual([
      expect.objectContaining({
        sourceId: 'phd/dnb/Kaiser08',
        type: 'thesis',
        title: 'Logic and Games on Automatic Structures: Playing with Quantifiers & Decompositions',
        authors: [author(1, 'Łukasz Kaiser', '39/1762')],
        pdfUrl: 'https://publications.rwth-aachen.de/record/50006/files/Kaiser_Lukasz.pdf',
      }),
    ]);
    const keys = [...first.works, ...second.works].map((w) => w.sourceId);
    expect(new Set(keys).size).toBe(3);
  });

  it('sorts failures: 429 with Retry-After, 503, unknown pid, cut-off or foreign bodies', async () => {
    replay.fault(KAISER, { kind: 'status', status: 429, headers: { 'retry-after': '2' }, body: '' });
    expect(await failure(client.getAuthor('39/1762'))).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 2000 });

    replay.fault(KAISER, { kind: 'status', status: 503, body: '<html>down</html>' });
    expect(await failure(client.listWorks('39/1762', null))).toMatchObject({ constructor: SourceUnavailableError, status: 503 });

    const unknown = await failure(client.getAuthor('00/0000'));
    expect(unknown).toBeInstanceOf(SourceRejectedError);
    expect(unknown).toMatchObject({ status: 404 });

    const whole = read('pid_39_1762.xml');
    for (const cut of [whole.indexOf('</r>') + 4, whole.indexOf('<coauthors'), whole.length - 5]) {
      replay.fault(KAISER, { kind: 'status', status: 200, headers: XML, body: whole.slice(0, cut) });
      const error = await failure(client.listWorks('39/1762', null));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error.message).toBe('dblp: malformed response: truncated person XML (no closing </dblpperson>) (GET /pid/39/1762.xml)');
    }

    replay.fault(KAISER, { kind: 'malformed' });
    expect((await failure(client.getAuthor('39/1762'))).message).toMatch(/^dblp: malformed response: not a dblp person page .*\(GET \/pid\/39\/1762\.xml\)$/);

    const search = { path: '/search/author/api', query: { q: 'Nobody Xyz' } };
    replay.fault(search, { kind: 'malformed' });
    expect(await failure(client.searchAuthors({ name: 'Nobody Xyz' }))).toBeInstanceOf(MalformedResponseError);
    replay.fault(search, { kind: 'status', status: 200, body: '{"result":{"status":{"@code":"200"}}}' });
    expect((await failure(client.searchAuthors({ name: 'Nobody Xyz' }))).message).toBe(
      'dblp: malformed response: no result.hits in the search response (GET /search/author/api?q=Nobody+Xyz&format=json&h=10&c=0)',
    );
  });

  it('refuses what is not a pid, and page tokens, before sending anything', async () => {
    await expect(client.getAuthor('Łukasz Kaiser')).rejects.toThrow(TypeError);
    await expect(client.listWorks('39/1762', '1')).rejects.toThrow(TypeError);
    expect(replay.requests).toHaveLength(0);
  });
});

describe('dblp text and ids', () => {
  it('decodes entities once, strips homonym numbers, reads pids from URLs', () => {
    expect(decodeEntities('J&uuml;rgen &#321;ukasz &#x141; l&apos;a &amp;amp; &unknown;')).toBe("Jürgen Łukasz Ł l'a &amp; &unknown;");
    expect(displayName('Wei Wang 0001')).toBe('Wei Wang');
    expect(displayName('Route 66')).toBe('Route 66');
    expect(normalizeDblpPid('https://dblp.org/pid/95/7448-1.html')).toBe('95/7448-1');
    expect(normalizeDblpPid('m/AndrewMcCallum')).toBe('m/AndrewMcCallum');
    expect(normalizeDblpPid('homepages')).toBeNull();
  });
});
