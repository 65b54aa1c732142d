import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ArxivClient, ArxivResult } from '../../libs/domain/src/scholarly/sources/arxiv/arxiv.client';
import { parseArxivFeed } from '../../libs/domain/src/scholarly/sources/arxiv/arxiv.parse';
import { ScholarlyHttp, SourceRejectedError } from '../../libs/domain/src/scholarly/scholarly-http';
import type { NormalizedWork } from '../../libs/domain/src/scholarly/scholarly.types';
import { ReplayServer } from '../support/replay-server';

/**
 * The arXiv client against every real arXiv response recorded in ../shared/fixtures/scholarly/arxiv
 * (see its README for where each came from). Each recording is served at the request that
 * produced it and the client's output is checked against facts read from the recording.
 */
const DIR = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'scholarly', 'arxiv');
// The recordings live beside the checkout, not in it (they are other people's data, shared by
// every worktree); a checkout without them skips this suite instead of failing it.
const describeIfRecorded = existsSync(DIR) ? describe : describe.skip;

interface Recording {
  /** The query parameters of the recorded request (the route serves the file only for these). */
  query: Record<string, string>;
  status?: number;
  check: (client: ArxivClient, body: string) => Promise<void>;
}

const TESTING = { searchQuery: 'testing', sortBy: 'relevance', sortOrder: 'descending' } as const;

/** What must hold of any page the client returns for a recorded feed. */
function checkFeed(body: string, result: ArxivResult): void {
  const entryCount = (body.match(/<entry>/g) ?? []).length;
  expect(result.works).toHaveLength(entryCount);
  expect(result.feed.totalResults).toBe(Number(/<opensearch:totalResults[^>]*>(\d+)</.exec(body)![1]));
  expect(result.feed.startIndex).toBe(Number(/<opensearch:startIndex[^>]*>(\d+)</.exec(body)![1]));
  expect(result.feed.itemsPerPage).toBe(Number(/<opensearch:itemsPerPage[^>]*>(\d+)</.exec(body)![1]));
  for (const work of result.works) checkWork(work);
  // Versions are kept by the parser, separately from the version-less id.
  for (const entry of parseArxivFeed(body).entries) {
    expect(entry.version).toEqual(expect.any(Number));
    expect(entry.versionedId).toBe(`${entry.id}v${entry.version}`);
  }
}

function checkWork(work: NormalizedWork): void {
  expect(work.source).toBe('arxiv');
  expect(work.sourceId).not.toMatch(/v\d+$/);
  expect(work.arxivId).toBe(work.sourceId);
  expect(work.sourceUrl).toBe(`https://arxiv.org/abs/${work.sourceId}`);
  expect(work.type).toBe('preprint');
  expect(work.title).toBe(work.title.replace(/\s+/g, ' ').trim());
  expect(work.title).not.toBe('');
  expect(work.publicationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(work.year).toBe(Number(work.publicationDate!.slice(0, 4)));
  if (work.doi !== null) expect(work.doi).toMatch(/^10\.\d{4,9}\/\S+$/);
  if (work.doi !== null) expect(work.doi).toBe(work.doi.toLowerCase());
  if (work.abstract !== null) expect(work.abstract).toBe(work.abstract.replace(/\s+/g, ' ').trim());
  expect(work.pdfUrl).toMatch(/^https:\/\/arxiv\.org\/pdf\/.+v\d+$/);
  expect(work.authors.map((a) => a.position)).toEqual(work.authors.map((_, i) => i + 1));
  for (const author of work.authors) expect(author.name).toMatch(/\S/);
  expect(work.sourceUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
}

const byIds = async (client: ArxivClient, ids: string[], body: string) => {
  const result = await client.query({ idList: ids, start: 0, maxResults: ids.length });
  checkFeed(body, result);
  expect(await client.getByIds(ids)).toEqual(result.works);
  return result.works;
};

const AEW10_AUTHORS = 34;

const RECORDINGS: Record<string, Recording> = {
  'query_id_list-0000.0000_empty.atom.xml': {
    query: { id_list: '0000.0000' },
    check: async (client, body) => {
      expect(await byIds(client, ['0000.0000'], body)).toEqual([]);
    },
  },
  'query_id_list-0808.05394+1707.08567.atom.xml': {
    query: { id_list: '0808.05394,1707.08567' },
    check: async (client, body) => {
      // The bad id is silently dropped; only the good one comes back.
      const works = await byIds(client, ['0808.05394', '1707.08567'], body);
      expect(works.map((w) => w.sourceId)).toEqual(['1707.08567']);
      expect(works[0].authors).toHaveLength(AEW10_AUTHORS);
    },
  },
  'query_id_list-1605.08386.atom.xml': {
    query: { id_list: '1605.08386' },
    check: async (client, body) => {
      const [work] = await byIds(client, ['1605.08386'], body);
      expect(work).toEqual({
        source: 'arxiv',
        sourceId: '1605.08386',
        sourceUrl: 'https://arxiv.org/abs/1605.08386',
        title: 'Heat-bath random walks with Markov bases',
        publicationDate: '2016-05-26',
        year: 2016,
        venue: null,
        type: 'preprint',
        doi: null,
        arxivId: '1605.08386',
        externalIds: {},
        authors: [
          { position: 1, name: 'Caprice Stanley', sourceAuthorId: null, orcid: null, affiliations: [] },
          { position: 2, name: 'Tobias Windisch', sourceAuthorId: null, orcid: null, affiliations: [] },
        ],
        citationCount: null,
        abstract: expect.stringMatching(/^Graphs on lattice points are studied .* is an expander in fixed dimension\.$/),
        openAccessUrl: 'https://arxiv.org/abs/1605.08386',
        pdfUrl: 'https://arxiv.org/pdf/1605.08386v1',
        sourceUpdatedAt: '2016-05-26T17:59:46.000Z',
      });
    },
  },
  'query_id_list-1707.08567.atom.xml': {
    query: { id_list: '1707.08567' },
    check: async (client, body) => {
      const [work] = await byIds(client, ['1707.08567'], body);
      expect(work.title).toBe('Proceedings of Workshop AEW10: Concepts in Information Theory and Communications');
      expect(work.authors).toHaveLength(AEW10_AUTHORS);
      expect(work.authors[0]).toEqual({ position: 1, name: 'Kees A. Schouhamer Immink', sourceAuthorId: null, orcid: null, affiliations: [] });
      // UTF-8 names arrive intact, in order.
      expect(work.authors[32]).toMatchObject({ position: 33, name: 'Dirk Wübben' });
      expect(work.authors.at(-1)).toMatchObject({ position: AEW10_AUTHORS, name: 'Hirosuke Yamamoto' });
      expect(work).toMatchObject({ publicationDate: '2017-07-27', doi: null, venue: null, pdfUrl: 'https://arxiv.org/pdf/1707.08567v1' });
    },
  },
  'query_id_list-2104.12255v1_title-is-0.atom.xml': {
    query: { id_list: '2104.12255v1' },
    check: async (client, body) => {
      const [work] = await byIds(client, ['2104.12255v1'], body);
      expect(work).toMatchObject({ sourceId: '2104.12255', title: '0', authors: [expect.objectContaining({ name: 'Quan Thoi Minh Nguyen' })] });
      expect(parseArxivFeed(body).entries[0]).toMatchObject({ id: '2104.12255', version: 1, primaryCategory: 'cs.CR' });
    },
  },
  'query_id_list-abc_http400_error.atom.xml': {
    query: { id_list: 'abc' },
    status: 400,
    check: async (client) => {
      const error = await client.getByIds(['abc']).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SourceRejectedError);
      expect(error).toMatchObject({ source: 'arxiv', status: 400, detail: 'incorrect id format for abc' });
      expect((error as Error).message).toBe('arxiv: HTTP 400: incorrect id format for abc (GET /api/query?id_list=abc&start=0&max_results=1)');
    },
  },
  'query_id_list-astro-ph_0601001.atom.xml': {
    query: { id_list: 'astro-ph/0601001' },
    check: async (client, body) => {
      const [work] = await byIds(client, ['astro-ph/0601001'], body);
      expect(work.sourceId).toBe('astro-ph/0601001');
      expect(work.venue).toBe('ActaAstron.56:1-50,2006');
      expect(work.authors.map((a) => [a.name, a.affiliations])).toEqual([
        ['Andrew Gould', ['Ohio State']],
        ['Susan Dorsher', ['Ohio State']],
        ['B. Scott Gaudi', ['CfA']],
        ['Andrzej Udalski', ['Warsaw University Observatory']],
      ]);
      // Leading spaces gone, XML escapes decoded once.
      expect(work.abstract).toMatch(/^We derive the frequencies of hot Jupiters/);
      expect(work.abstract).toContain('following Gould & Morgan (2003)');
      expect(work.abstract).toContain('limit of V_max<17.5.');
    },
  },
  'query_id_list-quant-ph_0201082v1.atom.xml': {
    query: { id_list: 'quant-ph/0201082v1' },
    check: async (client, body) => {
      const [work] = await byIds(client, ['quant-ph/0201082v1'], body);
      expect(work).toMatchObject({ sourceId: 'quant-ph/0201082', publicationDate: '2002-01-18', pdfUrl: 'https://arxiv.org/pdf/quant-ph/0201082v1' });
      expect(parseArxivFeed(body).entries[0]).toMatchObject({ version: 1, primaryCategory: 'quant-ph', categories: ['quant-ph', 'cs.PL'], comment: '32 pages' });
    },
  },
  'query_search_query-all-science_start-0_max_results-10_legacy-2019.atom.xml': {
    query: { search_query: 'all:science', start: '0', max_results: '10' },
    check: async (client, body) => {
      const result = await client.query({ searchQuery: 'all:science', start: 0, maxResults: 10 });
      checkFeed(body, result);
      expect(result.feed.totalResults).toBe(120839);
      expect(result.next).toBe(10);
      expect(result.works.map((w) => w.sourceId)).toEqual(['1501.05039', '1503.01162', 'quant-ph/0210005', '0808.0631', '0808.0638', '0808.0639', '0705.1367', '1802.03292', 'physics/0507092', '1312.7288']);
      // Hard-wrapped title and journal_ref collapsed, DOI from <arxiv:doi> declared inline.
      expect(result.works[1]).toMatchObject({
        title: "Report on a Boston University Conference December 7-8, 2012 on 'How Can the History and Philosophy of Science Contribute to Contemporary U.S. Science Teaching?'",
        doi: '10.1007/s11191-014-9716-8',
        venue: 'Science & Education, September 2014, 23(9): 1853-1873',
        authors: [expect.objectContaining({ position: 1, name: 'Peter Garik' }), expect.objectContaining({ position: 2, name: 'Yann Benétreau-Dupin' })],
        pdfUrl: 'https://arxiv.org/pdf/1503.01162v1',
      });
      expect(result.works[3]).toMatchObject({ doi: '10.1214/07-sts246b', venue: 'Statistical Science 2008, Vol. 23, No. 1, 65-68', authors: [expect.objectContaining({ name: 'Hans R. Künsch' })] });
      expect(parseArxivFeed(body).entries[0]).toMatchObject({ primaryCategory: 'cs.DB', categories: ['cs.DB', 'cs.CY'] });
    },
  },
  'query_search_query-testing_start-0_max_results-10.atom.xml': {
    query: { search_query: 'testing', start: '0', max_results: '10' },
    check: async (client, body) => {
      const result = await client.query({ ...TESTING, start: 0, maxResults: 10 });
      checkFeed(body, result);
      expect(result.feed.totalResults).toBe(214881);
      expect(result.next).toBe(10);
      expect(result.works[0]).toMatchObject({
        sourceId: '2202.12139',
        title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
        doi: '10.1109/icstw55395.2022.00035',
        venue: 'Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW)',
        authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'].map((name, i) => expect.objectContaining({ position: i + 1, name })),
      });
    },
  },
  'query_search_query-testing_start-10_max_results-10.atom.xml': {
    query: { search_query: 'testing', start: '10', max_results: '10' },
    check: async (client, body) => {
      const result = await client.query({ ...TESTING, start: 10, maxResults: 10 });
      checkFeed(body, result);
      expect(result.feed.startIndex).toBe(10);
      expect(result.next).toBe(20);
      const first = await client.query({ ...TESTING, start: 0, maxResults: 10 });
      const ids = [...first.works, ...result.works].map((w) => w.sourceId);
      expect(new Set(ids).size).toBe(20);
    },
  },
  'query_search_query-testing_start-0_max_results-100.atom.xml': {
    query: { search_query: 'testing', start: '0', max_results: '100' },
    check: async (client, body) => {
      const result = await client.query({ ...TESTING, start: 0, maxResults: 100 });
      checkFeed(body, result);
      expect(result.next).toBe(100);
      expect(new Set(result.works.map((w) => w.sourceId)).size).toBe(100);
      // The same query paged by 10 gives the same first twenty, in order.
      const pages = [await client.query({ ...TESTING, start: 0, maxResults: 10 }), await client.query({ ...TESTING, start: 10, maxResults: 10 })];
      expect(result.works.slice(0, 20)).toEqual(pages.flatMap((p) => p.works));
      expect(result.works.filter((w) => w.doi !== null)).toHaveLength((body.match(/<arxiv:doi>/g) ?? []).length);
      // A paper at its ninth version: id without version, version kept by the parser.
      expect(parseArxivFeed(body).entries.find((e) => e.id === '2409.05654')).toMatchObject({ version: 9, versionedId: '2409.05654v9' });
    },
  },
};

describeIfRecorded('arXiv client conformance with the recorded responses', () => {
  let replay: ReplayServer;
  let client: ArxivClient;

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new ArxivClient(new ScholarlyHttp({ contactEmail: null, timeoutMs: 5000 }), { baseUrl: replay.url });
    for (const [file, recording] of Object.entries(RECORDINGS)) {
      replay.route({ path: '/api/query', query: recording.query, status: recording.status, file: path.join(DIR, file) });
    }
  });
  afterAll(() => replay.close());
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  it('covers every recording in the folder', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md');
    expect(files.sort()).toEqual(Object.keys(RECORDINGS).sort());
  });

  it.each(Object.keys(RECORDINGS))('%s', async (file) => {
    await RECORDINGS[file].check(client, readFileSync(path.join(DIR, file), 'utf8'));
    expect(replay.requests.length).toBeGreaterThan(0);
  });
});
