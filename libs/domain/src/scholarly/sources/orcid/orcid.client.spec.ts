import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from '../../scholarly-http';
import type { NormalizedAuthor, NormalizedWork } from '../../scholarly.types';
import { OrcidClient, xmlRoot } from './orcid.client';
import { InvalidIdentifierError, mapOrcidType, orcidEmployments, preferredSummary } from './orcid.normalize';
import type { OrcidEmploymentSummary, OrcidRecord, OrcidWorkSummary } from './orcid.types';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'orcid');
const fixture = (name: string) => path.join(FIXTURES, name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');

const ID = '0000-0002-1825-0097';
const TANAKA = '0000-0001-5109-3700';
const EMPTY = '0000-0003-1415-9269';
const UNKNOWN = '0000-0002-7183-4251';
const PROFILE = `https://orcid.org/${ID}`;
const UA = 'Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)';

const author = (position: number, name: string, orcid: string | null = null): NormalizedAuthor => ({ position, name, sourceAuthorId: orcid, orcid, affiliations: [] });
const work = (fields: Partial<NormalizedWork> & Pick<NormalizedWork, 'sourceId' | 'title' | 'type'>): NormalizedWork => ({
  source: 'orcid',
  sourceUrl: PROFILE,
  publicationDate: null,
  year: null,
  venue: null,
  doi: null,
  arxivId: null,
  authors: [],
  citationCount: null,
  abstract: null,
  openAccessUrl: null,
  pdfUrl: null,
  sourceUpdatedAt: null,
  ...fields,
  // Its own put-code, as every source lists its own id.
  externalIds: { orcid: fields.sourceId, ...fields.externalIds },
});

/** `/works` without contributors: one record per group, from the preferred summary. */
const WORKS: NormalizedWork[] = [
  work({
    // The researcher's own version (display-index 1) wins over Crossref's (0); Crossref's fills the venue.
    sourceId: '1002',
    title: 'Equivariant attention for molecular graphs and crystals',
    publicationDate: '2023',
    year: 2023,
    venue: 'Journal of Machine Learning & Chemistry',
    type: 'article',
    doi: '10.5555/dossier.2023.0001',
    arxivId: '2301.01234',
    externalIds: { arxiv: '2301.01234', pubmed: '37000001' },
    openAccessUrl: 'https://arxiv.org/abs/2301.01234',
    sourceUpdatedAt: '2024-12-31T00:00:00.000Z',
  }),
  work({
    // A `version-of` DOI names another version, not this record.
    sourceId: '1003',
    title: 'Scaling laws for équivariant models',
    type: 'preprint',
    arxivId: '2402.05678',
    externalIds: { arxiv: '2402.05678' },
    openAccessUrl: 'https://arxiv.org/abs/2402.05678',
    sourceUpdatedAt: '2024-03-01T00:00:00.000Z',
  }),
  work({
    // `work:doi` (ORCID could not normalize it) is skipped for the real DOI.
    sourceId: '1004',
    title: 'Łódź Crystal Benchmark (ŁCB) v2',
    publicationDate: '2021-11',
    year: 2021,
    type: 'dataset',
    doi: '10.5555/data.zenodo.777',
    openAccessUrl: 'https://zenodo.org/records/777/files/lcb-v2.pdf',
    pdfUrl: 'https://zenodo.org/records/777/files/lcb-v2.pdf',
    sourceUpdatedAt: '2021-12-01T00:00:00.000Z',
  }),
  work({
    // A Scopus link may be paywalled: not an open-access URL.
    sourceId: '1005',
    title: 'Sparse Mixtures of Experts at Scale',
    publicationDate: '2022-12-03',
    year: 2022,
    venue: 'NeurIPS 2022',
    type: 'conference-paper',
    doi: '10.5555/neurips.2022.5678',
    sourceUpdatedAt: '2023-01-01T00:00:00.000Z',
  }),
  work({
    sourceId: '1006',
    title: 'Poster: symmetry in the wild',
    publicationDate: '2020-09',
    year: 2020,
    venue: 'ICML Workshop on Symmetry',
    type: 'other',
    sourceUpdatedAt: '2020-09-13T12:26:40.000Z',
  }),
];

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('OrcidClient over a replay server', () => {
  let replay: ReplayServer;
  let client: OrcidClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 500 });
  const SEARCH_Q = '(given-and-family-names:"Zoë Łukasiewicz" OR credit-name:"Zoë Łukasiewicz" OR other-names:"Zoë Łukasiewicz") AND affiliation-org-name:"Google \\"DeepMind\\""';
  const NOBODY_Q = '(given-and-family-names:"Nobody Atall" OR credit-name:"Nobody Atall" OR other-names:"Nobody Atall")';

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new OrcidClient(http, { orcid: { baseUrl: replay.url } });
    replay
      .route({ path: `/v3.0/${ID}/works`, file: fixture(`works_${ID}.json`) })
      .route({ path: `/v3.0/${ID}/works/1001,1002,1003,1004,1005,1006`, file: fixture(`works-bulk_${ID}_1001-1006.json`) })
      .route({ path: `/v3.0/${ID}/work/2001`, file: fixture(`work_${ID}_2001.json`) })
      .route({ path: `/v3.0/${ID}/record`, file: fixture(`record_${ID}.json`) })
      .route({ path: `/v3.0/${ID}/person`, file: fixture(`person_${ID}.json`) })
      .route({ path: `/v3.0/${EMPTY}/works`, file: fixture(`works_${EMPTY}_empty.json`) })
      .route({ path: `/v3.0/${TANAKA}/works`, file: fixture(`works_${TANAKA}_upper-case.json`) })
      .route({ path: `/v3.0/${TANAKA}/works/3001,3002,3003`, file: fixture(`works-bulk_${TANAKA}_3001-3003.json`) })
      .route({ path: `/v3.0/${UNKNOWN}/record`, status: 404, file: fixture('error_404_not-found.json') })
      .route({ path: `/v3.0/${UNKNOWN}/person`, file: fixture('error_404_not-found.xml') })
      .route({ path: `/v3.0/${UNKNOWN}/works`, body: text(`works_${ID}.json`).slice(0, 2000) })
      .route({ path: '/v3.0/expanded-search', query: { q: SEARCH_Q }, file: fixture('expanded-search_zoe-lukasiewicz.json') })
      .route({ path: '/v3.0/expanded-search', query: { q: NOBODY_Q }, file: fixture('expanded-search_no-results.json') })
      .route({ path: '/v3.0/search', query: { rows: '10' }, file: fixture('search_digital-object-ids.json') })
      .route({ path: '/v3.0/search', query: { rows: '200' }, status: 400, file: fixture('error_400_bad-request.json') });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    replay.clearFaults();
    replay.clearRequests();
  });

  it('lists every work in one page: one exact record per group, ids of the whole group, no authors', async () => {
    await expect(client.listWorks(`https://orcid.org/${ID}`, null)).resolves.toEqual({ works: WORKS, next: null, total: 5 });
    expect(replay.requests).toHaveLength(1);
    const [sent] = replay.requests;
    expect(sent.path).toBe(`/v3.0/${ID}/works`);
    expect([...sent.query]).toEqual([]);
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers['user-agent']).toBe(UA);
  });

  it('with contributors, reads the full works in bulk and fills authors in order, first author first, editors left out', async () => {
    const withAuthors = new OrcidClient(http, { orcid: { baseUrl: replay.url } }, { withContributors: true });
    const { works } = await withAuthors.listWorks(ID, null);
    expect(works.map((w) => [w.sourceId, w.authors, w.abstract])).toEqual([
      // The preferred version lists no contributors; Crossref's version of the same work does.
      ['1002', [author(1, 'Zoë Ñúñez-Łukasiewicz', ID), author(2, 'Hiroshi Tanaka', TANAKA), author(3, '김민준')], null],
      ['1003', [author(1, 'Zoë Ñ. Łukasiewicz', ID)], 'We fit power laws to 212 runs.'],
      // The bulk answered an error for 1004 (deleted since): no authors, the summary stands.
      ['1004', [], null],
      // A contributor linked by iD without a name keeps their position under the iD.
      ['1005', [author(1, 'Hiroshi Tanaka'), author(2, ID, ID)], null],
      ['1006', [], null],
    ]);
    expect(works.map((w) => ({ ...w, authors: [], abstract: null }))).toEqual(WORKS);
    expect(replay.requests.map((r) => r.path)).toEqual([`/v3.0/${ID}/works`, `/v3.0/${ID}/works/1001,1002,1003,1004,1005,1006`]);
  });

  it('reads the put-codes of a large profile in bulk requests of at most 100', async () => {
    const codes = Array.from({ length: 205 }, (_, i) => 5000 + i);
    replay.route({ path: `/v3.0/${ID}/works/${codes.slice(0, 100).join(',')}`, body: '{"bulk":[]}' });
    replay.route({ path: `/v3.0/${ID}/works/${codes.slice(100, 200).join(',')}`, body: '{"bulk":[]}' });
    replay.route({ path: `/v3.0/${ID}/works/${codes.slice(200).join(',')}`, body: text(`works-bulk_${ID}_1001-1006.json`) });
    const full = await client.getWorks(ID, codes);
    expect(replay.requests.map((r) => r.path.split('/').at(-1)!.split(',').length)).toEqual([100, 100, 5]);
    expect([...full.keys()]).toEqual([1001, 1002, 1003, 1005, 1006]);
  });

  it('reads one full work with its contributors', async () => {
    await expect(client.getWork(ID, 2001)).resolves.toEqual(
      work({
        sourceId: '2001',
        title: 'Group theory for ML engineers',
        publicationDate: '2019',
        year: 2019,
        venue: 'Symmetry in Learning',
        type: 'book-chapter',
        authors: [author(1, 'Zoë Ñ. Łukasiewicz', ID)],
        abstract: 'A gentle introduction to groups & representations.',
        openAccessUrl: 'https://hal.science/hal-00000001/document',
        sourceUpdatedAt: '2019-01-02T00:00:00.000Z',
      }),
    );
  });

  it('handles an empty profile', async () => {
    await expect(client.listWorks(EMPTY, null)).resolves.toEqual({ works: [], next: null, total: 0 });
  });

  it('snapshots from /record: credit name, works count, the later of person and works dates (not an employment edit), employers and keywords', async () => {
    await expect(client.getAuthor(ID)).resolves.toEqual({
      source: 'orcid',
      sourceAuthorId: ID,
      name: 'Zoë Ñ. Łukasiewicz',
      worksCount: 5,
      citationCount: null,
      updatedAt: '2024-12-31T00:00:00.000Z',
      affiliations: ['Google DeepMind'],
      currentAffiliations: 1,
      topics: ['machine learning', 'equivariance', 'molecules', 'graph neural networks'],
    });
    expect(replay.requests.map((r) => r.path)).toEqual([`/v3.0/${ID}/record`]);
  });

  it('describes a person from /person: names, other names, keywords split and deduplicated', async () => {
    await expect(client.getPerson(ID)).resolves.toEqual({
      source: 'orcid',
      sourceAuthorId: ID,
      name: 'Zoë Ñ. Łukasiewicz',
      alternativeNames: ['Zoë Ñúñez-Łukasiewicz', 'Zoe Nunez', 'Z. Łukasiewicz'],
      affiliations: [],
      orcid: ID,
      worksCount: null,
      citationCount: null,
      topics: ['machine learning', 'equivariance', 'molecules', 'graph neural networks'],
      sourceUrl: PROFILE,
    });
  });

  it('searches people through /expanded-search as a phrase over names, narrowed by affiliation', async () => {
    const candidates = await client.searchAuthors({ name: ' Zoë   Łukasiewicz ', affiliation: 'Google "DeepMind"', limit: 5 });
    expect(Object.fromEntries(replay.requests[0].query)).toEqual({ q: SEARCH_Q, start: '0', rows: '5' });
    expect(candidates).toEqual([
      {
        source: 'orcid',
        sourceAuthorId: ID,
        name: 'Zoë Ñ. Łukasiewicz',
        alternativeNames: ['Zoë Ñúñez-Łukasiewicz', 'Zoe Nunez', 'Z. Łukasiewicz'],
        affiliations: ['Google DeepMind', 'University College London'],
        orcid: ID,
        worksCount: null,
        citationCount: null,
        topics: [],
        sourceUrl: PROFILE,
      },
      // A lower-case check digit is normalized; the hit with a broken iD is dropped.
      { source: 'orcid', sourceAuthorId: '0000-0003-0000-002X', name: 'Zoe Nunez', alternativeNames: [], affiliations: [], orcid: '0000-0003-0000-002X', worksCount: null, citationCount: null, topics: [], sourceUrl: 'https://orcid.org/0000-0003-0000-002X' },
    ]);
    // No hits is `"expanded-result": null`.
    await expect(client.searchAuthors({ name: 'Nobody Atall', limit: 1000 })).resolves.toEqual([]);
    expect(replay.requests[1].query.get('rows')).toBe('200');
  });

  it('finds bare iDs with /search, e.g. who claims a DOI', async () => {
    await expect(client.searchIds('digital-object-ids:"10.5555/dossier.2023.0001"')).resolves.toEqual({ orcids: [ID, TANAKA], total: 2 });
    expect(Object.fromEntries(replay.requests[0].query)).toEqual({ q: 'digital-object-ids:"10.5555/dossier.2023.0001"', start: '0', rows: '10' });
  });

  it('reads a record written in v2.x upper case (SELF, JOURNAL_ARTICLE, FIRST, CHAIR_OR_TRANSLATOR) as one in v3.0 lower case', async () => {
    const withAuthors = new OrcidClient(http, { orcid: { baseUrl: replay.url } }, { withContributors: true });
    const { works } = await withAuthors.listWorks(TANAKA, null);
    const tanaka = (position: number) => author(position, 'Hiroshi Tanaka', TANAKA);
    expect(works.map((w) => [w.sourceId, w.type, w.doi, w.arxivId, w.externalIds, w.authors])).toEqual([
      // `SELF` DOI kept (upper case folded); the `PART_OF` ISSN names the series, not the work. `FIRST` comes first, the `EDITOR` is left out.
      ['3001', 'conference-paper', '10.18653/v1/2023.findings-emnlp.101', null, { orcid: '3001' }, [tanaka(1), author(2, 'Kenji Mori')]],
      // `SELF` arXiv id kept; a `VERSION_OF` DOI names another version; the `CHAIR_OR_TRANSLATOR` is no author.
      ['3002', 'article', null, '2402.05678', { orcid: '3002', arxiv: '2402.05678' }, [tanaka(1), author(2, 'Kenji Mori')]],
      // Mixed case (`Self`, `Journal_Article`, `First`, `Author`) reads the same.
      ['3003', 'article', '10.5555/tanaka.2019.77', null, { orcid: '3003' }, [tanaka(1)]],
    ]);
    expect(works[1].openAccessUrl).toBe('https://arxiv.org/abs/2402.05678');
  });

  it.each(['00000-0002-1825-0097', '10000-0002-1825-0097', '0000-0002-1825-00975', 'https://orcid.org/00000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-00975', 'x0000-0002-1825-0097', '0000-00021-825-0097'])(
    'refuses %j whole, rather than the valid iD inside it, before sending anything',
    async (input) => {
      const error = await failure(client.listWorks(input, null));
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error.message).toContain(`not a valid ORCID iD: "${input}"`);
      await expect(client.getAuthor(input)).rejects.toBeInstanceOf(InvalidIdentifierError);
      await expect(client.getPerson(input)).rejects.toBeInstanceOf(InvalidIdentifierError);
      expect(replay.requests).toEqual([]);
    },
  );

  it('refuses an iD with a bad check digit before sending anything', async () => {
    const error = await failure(client.listWorks('0000-0002-1825-0098', null));
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ status: 400, source: 'orcid', request: '/v3.0/0000-0002-1825-0098/works' });
    expect(error.message).toBe('orcid: not a valid ORCID iD: "0000-0002-1825-0098" (format or check digit); no request sent (GET /v3.0/0000-0002-1825-0098/works)');
    await expect(client.getAuthor('asdfadf')).rejects.toBeInstanceOf(InvalidIdentifierError);
    expect(replay.requests).toEqual([]);
    await expect(client.listWorks(ID, 'page-2')).rejects.toThrow('orcid: /works has a single page; got the page token "page-2"');
  });

  it('sorts failures: 429 and a 503 burst wait, 500 retries, 4xx carry the developer-message', async () => {
    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'status', status: 429, headers: { 'retry-after': '3' } });
    expect(await failure(client.listWorks(ID, null))).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 3000 });
    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'status', status: 503, headers: { 'retry-after': '1' } });
    expect(await failure(client.listWorks(ID, null))).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 1000 });
    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'status', status: 500, body: text('error_500_internal.json') });
    const unavailable = await failure(client.listWorks(ID, null));
    expect(unavailable).toMatchObject({ constructor: SourceUnavailableError, status: 500 });
    expect(unavailable.message).toBe(`orcid: HTTP 500 (GET /v3.0/${ID}/works)`);

    const unknown = await failure(client.getAuthor(UNKNOWN));
    expect(unknown).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: `404 Not Found: The resource was not found. Full validation error: ORCID iD ${UNKNOWN} not found` });
    expect(unknown.message).toMatch(new RegExp(`^orcid: HTTP 404: .* \\(GET /v3\\.0/${UNKNOWN}/record\\)$`));

    const badRows = await failure(client.searchIds('family-name:x', { rows: 500 }));
    expect(badRows).toMatchObject({ constructor: SourceRejectedError, status: 400, detail: 'The client application made a bad request to the ORCID API. Full validation error: The rows parameter must be an integer between 0 and 200' });
  });

  it('names what came instead of JSON: XML (an error or a works list), a cut-off body, HTML', async () => {
    const xmlError = await failure(client.getPerson(UNKNOWN));
    expect(xmlError).toBeInstanceOf(MalformedResponseError);
    expect(xmlError.message).toBe(`orcid: malformed response: an XML <error:error> instead of JSON: 404 Not Found: The resource was not found. Full validation error: ORCID iD ${UNKNOWN} not found (GET /v3.0/${UNKNOWN}/person)`);

    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'status', status: 200, body: '<?xml version="1.0"?>\n<!-- v3.0 -->\n<activities:works xmlns:activities="http://www.orcid.org/ns/activities"/>' });
    expect((await failure(client.listWorks(ID, null))).message).toBe(`orcid: malformed response: XML <activities:works> instead of JSON (was Accept: application/json dropped?) (GET /v3.0/${ID}/works)`);

    const cut = await failure(client.listWorks(UNKNOWN, null));
    expect(cut).toBeInstanceOf(MalformedResponseError);
    expect(cut.message).toMatch(new RegExp(`^orcid: malformed response: not JSON \\(.+\\) \\(GET /v3\\.0/${UNKNOWN}/works\\)$`));

    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'malformed' });
    expect(await failure(client.listWorks(ID, null))).toBeInstanceOf(MalformedResponseError);
    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'truncate' });
    expect(await failure(client.listWorks(ID, null))).toBeInstanceOf(SourceUnavailableError);
    replay.fault({ path: `/v3.0/${ID}/works` }, { kind: 'status', status: 200, body: '{"last-modified-date":null,"group":{}}' });
    expect((await failure(client.listWorks(ID, null))).message).toBe(`orcid: malformed response: "group" is not a list (GET /v3.0/${ID}/works)`);
  });
});

describe('ORCID normalization', () => {
  it('lists employers held now first (latest start first), then past ones (latest end first), each once', () => {
    const date = (year: string, month?: string) => ({ year: { value: year }, month: month ? { value: month } : null, day: null });
    const job = (name: string, start: string, end?: string, month?: string): { 'employment-summary': OrcidEmploymentSummary } => ({
      'employment-summary': { 'role-title': 'Researcher', organization: { name }, 'start-date': date(start, month), 'end-date': end ? date(end, month) : null },
    });
    const record = (jobs: ReturnType<typeof job>[]): OrcidRecord => ({ 'activities-summary': { employments: { 'affiliation-group': jobs.map((j) => ({ summaries: [j] })) } } });
    expect(orcidEmployments(record([job('University of Oxford', '2012', '2016'), job('Google DeepMind', '2019'), job('Meta AI', '2016', '2019', '03'), job('University College London', '2021'), job('Google DeepMind', '2016', '2016', '01')]))).toEqual({
      names: ['University College London', 'Google DeepMind', 'Meta AI', 'University of Oxford'],
      current: 2,
    });
    // Only past employers: none is current, the latest is still first.
    expect(orcidEmployments(record([job('University of Oxford', '2012', '2016'), job('Meta AI', '2016', '2019')]))).toEqual({ names: ['Meta AI', 'University of Oxford'], current: 0 });
    expect(orcidEmployments({})).toEqual({ names: [], current: 0 });
  });

  const summary = (putCode: number, displayIndex: string | null): OrcidWorkSummary => ({ 'put-code': putCode, 'display-index': displayIndex });

  it('prefers the highest display-index, and the first listed on a tie', () => {
    expect(preferredSummary([summary(1, '0'), summary(2, '2'), summary(3, '1')])?.['put-code']).toBe(2);
    expect(preferredSummary([summary(1, '0'), summary(2, '0')])?.['put-code']).toBe(1);
    expect(preferredSummary([summary(1, null), summary(2, '1')])?.['put-code']).toBe(2);
    expect(preferredSummary([])).toBeNull();
  });

  it('maps ORCID work types, v2 spelling included', () => {
    const table: [string | null, string][] = [
      ['journal-article', 'article'],
      ['JOURNAL_ARTICLE', 'article'],
      ['conference-paper', 'conference-paper'],
      ['conference-abstract', 'other'],
      ['preprint', 'preprint'],
      ['working-paper', 'preprint'],
      ['book', 'book'],
      ['edited-book', 'book'],
      ['book-chapter', 'book-chapter'],
      ['dissertation-thesis', 'thesis'],
      ['data-set', 'dataset'],
      ['review', 'review'],
      ['report', 'other'],
      ['CONFERENCE_PAPER', 'conference-paper'],
      ['Book_Chapter', 'book-chapter'],
      [' data-set ', 'dataset'],
      [null, 'other'],
    ];
    for (const [type, expected] of table) expect([type, mapOrcidType(type)]).toEqual([type, expected]);
  });

  it('finds the root element of an XML body', () => {
    expect(xmlRoot('<?xml version="1.0" encoding="UTF-8"?>\n<error:error xmlns:error="x">')).toBe('error:error');
    expect(xmlRoot('\uFEFF<record:record>')).toBe('record:record');
    expect(xmlRoot('{"a":1}')).toBeNull();
    expect(xmlRoot('Resource not found.')).toBeNull();
  });
});
