import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReplayServer } from '../../../../../../test/support/replay-server';
import { MalformedResponseError, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError, UnsupportedBySourceError } from '../../scholarly-http';
import type { NormalizedWork } from '../../scholarly.types';
import { InvalidIdentifierError } from '../orcid/orcid.normalize';
import { CrossrefClient, CrossrefCursorInvalidError } from './crossref.client';
import { crossrefFailure, crossrefPdfUrl, mapCrossrefType, plainText, stripJats } from './crossref.normalize';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'scholarly', 'crossref');
const fixture = (name: string) => path.join(FIXTURES, name);

const ORCID = '0000-0002-1825-0097';
const EMPTY_ORCID = '0000-0003-1415-9269';
const CURSOR = 'DnF1ZXJ5VGhlbkZldGNoBQAAAAAAUa9XFkRvc3NpZXJ/Rml4dHVyZS9DdXJzb3IxAAAAAABRr1gWRG9zc2llckZpeHR1cmVDdXJzb3Iy+A==';
const LIST_SELECT = 'DOI,type,title,container-title,author,issued,published,published-online,published-print,posted,is-referenced-by-count,abstract,link,relation,indexed,deposited';
const UA = 'Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)';

const zoe = (position: number, affiliations: string[] = []) => ({ position, name: 'Zoë Ñúñez-Łukasiewicz', sourceAuthorId: ORCID, orcid: ORCID, affiliations });

const JOURNAL_ARTICLE: NormalizedWork = {
  source: 'crossref',
  sourceId: '10.5555/dossier.2023.0001',
  sourceUrl: 'https://doi.org/10.5555/dossier.2023.0001',
  title: 'Équivariant Attention for Molecular Graphs & Crystals',
  publicationDate: '2023-06',
  year: 2023,
  venue: 'Journal of Machine Learning & Chemistry',
  type: 'article',
  doi: '10.5555/dossier.2023.0001',
  arxivId: '2301.01234',
  externalIds: { crossref: '10.5555/dossier.2023.0001', arxiv: '2301.01234' },
  authors: [
    zoe(1, ['Google DeepMind, London', 'University College London & Gatsby Unit']),
    { position: 2, name: 'Hiroshi Tanaka', sourceAuthorId: '0000-0001-5109-3700', orcid: '0000-0001-5109-3700', affiliations: [] },
    { position: 3, name: '김민준', sourceAuthorId: null, orcid: null, affiliations: [] },
    { position: 4, name: 'Open Catalyst Consortium', sourceAuthorId: null, orcid: null, affiliations: [] },
  ],
  citationCount: 57,
  abstract: 'Background: Message-passing networks ignore E(3) symmetry—we fix that. Results: Errors fall by 38 % on QM9 (p < 0.01) & the code is at https://example.org/eqat.',
  openAccessUrl: 'https://arxiv.org/abs/2301.01234',
  pdfUrl: 'https://example-publisher.org/doi/pdf/10.5555/dossier.2023.0001',
  sourceUpdatedAt: '2026-01-12T08:15:03Z',
};

const PAGE_ONE: NormalizedWork[] = [
  {
    source: 'crossref',
    sourceId: '10.5555/neurips.2022.5678',
    sourceUrl: 'https://doi.org/10.5555/neurips.2022.5678',
    title: 'Sparse Mixtures of Experts at Scale',
    publicationDate: '2022-12',
    year: 2022,
    venue: 'Advances in Neural Information Processing Systems 35',
    type: 'conference-paper',
    doi: '10.5555/neurips.2022.5678',
    arxivId: null,
    externalIds: { crossref: '10.5555/neurips.2022.5678' },
    authors: [{ position: 1, name: 'Hiroshi Tanaka', sourceAuthorId: null, orcid: null, affiliations: ['Preferred Networks'] }, zoe(2)],
    citationCount: 0,
    abstract: null,
    openAccessUrl: null,
    // Its only link is `unspecified`, not a PDF by its content type.
    pdfUrl: null,
    sourceUpdatedAt: '2025-12-02T11:00:00Z',
  },
  {
    source: 'crossref',
    sourceId: '10.5555/preprint.2024.0042',
    sourceUrl: 'https://doi.org/10.5555/preprint.2024.0042',
    title: 'Scaling laws for équivariant models',
    // `issued` is [[null]]; the posted date stands in.
    publicationDate: '2024-02-29',
    year: 2024,
    venue: null,
    type: 'preprint',
    doi: '10.5555/preprint.2024.0042',
    arxivId: null,
    externalIds: { crossref: '10.5555/preprint.2024.0042' },
    authors: [zoe(1)],
    citationCount: 3,
    abstract: 'We fit power laws to 212 runs; the exponent is 0.34 ± 0.02.',
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: '2025-12-01T07:45:12Z',
  },
];

const PAGE_TWO: NormalizedWork[] = [
  {
    source: 'crossref',
    sourceId: '10.5555/978-3-555-00000-0_7',
    sourceUrl: 'https://doi.org/10.5555/978-3-555-00000-0_7',
    title: 'Group Theory for ML Engineers',
    publicationDate: '2019',
    year: 2019,
    venue: 'Symmetry in Learning',
    type: 'book-chapter',
    doi: '10.5555/978-3-555-00000-0_7',
    arxivId: null,
    externalIds: { crossref: '10.5555/978-3-555-00000-0_7' },
    authors: [],
    citationCount: 12,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: 'https://link.example.org/content/pdf/10.5555/978-3-555-00000-0_7.pdf',
    sourceUpdatedAt: '2025-11-20T00:00:01Z',
  },
];

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('CrossrefClient over a replay server', () => {
  let replay: ReplayServer;
  let client: CrossrefClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 500 });
  const byOrcid = (orcid: string) => ({ path: '/works', query: { filter: `orcid:${orcid}` } });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new CrossrefClient(http, { crossref: { baseUrl: replay.url } }, { pageSize: 2 });
    replay
      .route({ path: '/works/10.5555/dossier.2023.0001', file: fixture('work_10.5555_dossier.2023.0001.json') })
      .route({ path: '/works/10.5555/notarealdoi', status: 404, file: fixture('error_404_resource-not-found.txt') })
      .route({ path: '/works/10.5555/half', body: readFileSync(fixture('work_10.5555_dossier.2023.0001.json'), 'utf8').slice(0, 900) })
      .route({ path: '/works/10.5555/wrong-type', body: JSON.stringify({ status: 'ok', 'message-type': 'work-list', message: { items: [] } }) })
      .route({ path: '/works/10.5555/abc%231%3B2', body: JSON.stringify({ status: 'ok', 'message-type': 'work', message: { DOI: '10.5555/abc#1;2', type: 'other', title: ['Odd'] } }) })
      .route({ ...byOrcid(ORCID), query: { ...byOrcid(ORCID).query, rows: '1' }, file: fixture(`works_orcid-${ORCID}_rows-1.json`) })
      .route({ ...byOrcid(ORCID), query: { ...byOrcid(ORCID).query, cursor: '*' }, file: fixture(`works_orcid-${ORCID}_cursor-star.json`) })
      .route({ ...byOrcid(ORCID), query: { ...byOrcid(ORCID).query, cursor: CURSOR }, file: fixture(`works_orcid-${ORCID}_cursor-next.json`) })
      .route({ ...byOrcid(ORCID), query: { ...byOrcid(ORCID).query, cursor: 'expired' }, status: 404, file: fixture('error_404_cursor-invalid.json') })
      .route({ ...byOrcid(EMPTY_ORCID), file: fixture(`works_orcid-${EMPTY_ORCID}_empty.json`) });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    replay.clearFaults();
    replay.clearRequests();
  });

  it('reads one work by DOI into an exact record: JATS stripped, entities decoded, authors in order with bare ORCID iDs', async () => {
    await expect(client.getWork('https://doi.org/10.5555/DOSSIER.2023.0001')).resolves.toEqual(JOURNAL_ARTICLE);
    expect(replay.requests).toHaveLength(1);
    const [sent] = replay.requests;
    expect(sent.path).toBe('/works/10.5555/dossier.2023.0001');
    expect(Object.fromEntries(sent.query)).toEqual({ mailto: 'me@example.org' });
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers['user-agent']).toBe(UA);
  });

  it('percent-encodes what a DOI may hold that a URL path may not, keeping its slashes', async () => {
    const work = await client.getWork('10.5555/ABC#1;2');
    expect(replay.requests[0].path).toBe('/works/10.5555/abc%231%3B2');
    expect(work).toMatchObject({ sourceId: '10.5555/abc#1;2', sourceUrl: 'https://doi.org/10.5555/abc%231%3B2', title: 'Odd', type: 'other', authors: [], publicationDate: null, year: null });
  });

  it('pages through an ORCID iD by cursor: cursor=* first, then next-cursor (unchanged between pages), until a short page', async () => {
    const pages = [];
    let page: string | null = null;
    do {
      const result = await client.listWorks(`https://orcid.org/${ORCID}`, page);
      pages.push(result);
      page = result.next;
    } while (page !== null);
    expect(pages).toEqual([
      { works: PAGE_ONE, next: CURSOR, total: 3 },
      { works: PAGE_TWO, next: null, total: 3 },
    ]);
    expect(replay.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { filter: `orcid:${ORCID}`, rows: '2', cursor: '*', select: LIST_SELECT, mailto: 'me@example.org' },
      // The cursor's `+`, `/` and `=` arrive intact.
      { filter: `orcid:${ORCID}`, rows: '2', cursor: CURSOR, select: LIST_SELECT, mailto: 'me@example.org' },
    ]);
    expect(replay.unmatched).toEqual([]);
  });

  it('ends at an empty page even when Crossref still hands out a cursor', async () => {
    await expect(client.listWorks(EMPTY_ORCID, null)).resolves.toEqual({ works: [], next: null, total: 0 });
  });

  it('snapshots an ORCID iD with one rows=1 request sorted by index date', async () => {
    await expect(client.getAuthor(ORCID)).resolves.toEqual({
      source: 'crossref',
      sourceAuthorId: ORCID,
      name: 'Zoë Ñúñez-Łukasiewicz',
      worksCount: 3,
      citationCount: null,
      updatedAt: '2026-01-12T08:15:03Z',
    });
    expect(Object.fromEntries(replay.requests[0].query)).toEqual({ filter: `orcid:${ORCID}`, rows: '1', sort: 'indexed', order: 'desc', select: 'DOI,author,indexed', mailto: 'me@example.org' });
  });

  it('snapshots an iD no work names as the iD itself with no works', async () => {
    await expect(client.getAuthor(EMPTY_ORCID)).resolves.toEqual({ source: 'crossref', sourceAuthorId: EMPTY_ORCID, name: EMPTY_ORCID, worksCount: 0, citationCount: null, updatedAt: null });
  });

  it('refuses an ORCID iD with a bad check digit or a non-DOI before sending anything', async () => {
    for (const call of [() => client.listWorks('0000-0002-1825-0098', null), () => client.getAuthor('0000-0002-1825-0098'), () => client.getWork('not a doi')]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error).toBeInstanceOf(SourceRejectedError);
      expect(error.message).toMatch(/^crossref: not a (valid ORCID iD: "0000-0002-1825-0098" \(format or check digit\)|DOI: "not a doi"); no request sent \(GET \/works/);
    }
    expect(replay.requests).toEqual([]);
  });

  it('has no author search', async () => {
    await expect(client.searchAuthors({ name: 'Zoë Łukasiewicz' })).rejects.toBeInstanceOf(UnsupportedBySourceError);
  });

  it('sorts failures: 429 waits, 500 retries, 404 and 400 are refusals carrying what Crossref said', async () => {
    replay.fault(byOrcid(ORCID), { kind: 'status', status: 429, headers: { 'retry-after': '7' } });
    expect(await failure(client.listWorks(ORCID, null))).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 7000 });

    replay.fault(byOrcid(ORCID), { kind: 'status', status: 500, body: readFileSync(fixture('error_500_exception.json'), 'utf8') });
    const unavailable = await failure(client.listWorks(ORCID, null));
    expect(unavailable).toMatchObject({ constructor: SourceUnavailableError, status: 500 });
    expect(unavailable.message).toBe(`crossref: HTTP 500 (GET /works?filter=orcid%3A${ORCID}&rows=2&cursor=*&select=${encodeURIComponent(LIST_SELECT)}&mailto=%5Bsecret%5D)`);

    const notFound = await failure(client.getWork('10.5555/notarealdoi'));
    expect(notFound).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: 'Resource not found.' });
    expect(notFound.message).toBe('crossref: HTTP 404: Resource not found. (GET /works/10.5555/notarealdoi?mailto=%5Bsecret%5D)');

    // 694 bytes: ScholarlyHttp keeps 200 of them, so the problem list is read from a cut-off body.
    replay.fault(byOrcid(ORCID), { kind: 'status', status: 400, body: readFileSync(fixture('error_400_validation-failure.json'), 'utf8') });
    const invalid = await failure(client.listWorks(ORCID, null));
    expect(invalid).toMatchObject({ constructor: SourceRejectedError, status: 400 });
    // Every problem Crossref lists is kept, in its order.
    expect((invalid as SourceRejectedError).detail).toMatch(/^Integer specified as 2000 but must be a positive integer less than or equal to 1000\.; Filter orcidd specified but there is no such filter/);

    const expired = await failure(client.listWorks(ORCID, 'expired'));
    expect(expired).toBeInstanceOf(CrossrefCursorInvalidError);
    expect(expired).toMatchObject({ status: 404, detail: 'Cursor specified but it is invalid' });
  });

  it('tells a dropped connection (retry) from a body that is not a Crossref message (malformed), naming the request', async () => {
    replay.fault({ path: '/works/10.5555/dossier.2023.0001' }, { kind: 'truncate' });
    expect(await failure(client.getWork('10.5555/dossier.2023.0001'))).toBeInstanceOf(SourceUnavailableError);

    const cut = await failure(client.getWork('10.5555/half'));
    expect(cut).toBeInstanceOf(MalformedResponseError);
    expect(cut.message).toMatch(/^crossref: malformed response: not JSON \(.+\) \(GET \/works\/10\.5555\/half\?mailto=%5Bsecret%5D\)$/);

    replay.fault({ path: '/works/10.5555/dossier.2023.0001' }, { kind: 'malformed' });
    expect(await failure(client.getWork('10.5555/dossier.2023.0001'))).toBeInstanceOf(MalformedResponseError);

    const wrongType = await failure(client.getWork('10.5555/wrong-type'));
    expect(wrongType).toBeInstanceOf(MalformedResponseError);
    expect(wrongType.message).toBe('crossref: malformed response: expected status "ok" with a "work" message, got status "ok" with "work-list" (GET /works/10.5555/wrong-type?mailto=%5Bsecret%5D)');

    replay.fault(byOrcid(ORCID), { kind: 'status', status: 200, body: JSON.stringify({ status: 'ok', 'message-type': 'work-list', message: { items: [{ title: ['No DOI'] }] } }) });
    expect((await failure(client.listWorks(ORCID, null))).message).toMatch(/^crossref: malformed response: item 0 has no DOI \(GET \/works\?/);
  });

  it('leaves mailto out when no contact address is configured', async () => {
    const anonymous = new CrossrefClient(new ScholarlyHttp({ contactEmail: null, timeoutMs: 500 }), { crossref: { baseUrl: replay.url } });
    await anonymous.getWork('10.5555/dossier.2023.0001');
    expect(replay.requests[0].query.has('mailto')).toBe(false);
    expect(replay.requests[0].headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM)');
  });
});

describe('Crossref normalization', () => {
  it('strips JATS abstracts to plain text', () => {
    expect(stripJats('<jats:title>Summary</jats:title><jats:p><jats:list><jats:list-item><jats:p>One <jats:sc>r</jats:sc> package.</jats:p></jats:list-item><jats:list-item><jats:p>Two.</jats:p></jats:list-item></jats:list></jats:p>')).toBe('One r package. Two.');
    expect(stripJats('<jats:title>ABSTRACT</jats:title><jats:sec><jats:title>Aim</jats:title><jats:p>km<jats:sup>2</jats:sup> scale.</jats:p></jats:sec><jats:sec><jats:title>Methods.</jats:title><jats:p>GLMMs.</jats:p></jats:sec>')).toBe('Aim: km2 scale. Methods. GLMMs.');
    expect(stripJats('<jats:p>Bjørnstad &amp; Grenfell\n   <jats:ext-link xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#bib-0006"/>\n  ). Values p < 0.05 &#x3C; 1 &unknown; stay.</jats:p>')).toBe('Bjørnstad & Grenfell ). Values p < 0.05 < 1 &unknown; stay.');
    expect(stripJats('<jats:title>Abstract</jats:title>\n  ')).toBeNull();
    expect(stripJats(undefined)).toBeNull();
    expect(plainText('<scp>T</scp>reebase: an <scp>R</scp> package')).toBe('Treebase: an R package');
  });

  it('maps Crossref types', () => {
    const table: [string | undefined, string | undefined, string][] = [
      ['journal-article', undefined, 'article'],
      ['proceedings-article', undefined, 'conference-paper'],
      ['posted-content', undefined, 'preprint'],
      ['posted-content', 'preprint', 'preprint'],
      ['posted-content', 'other', 'other'],
      ['book-chapter', undefined, 'book-chapter'],
      ['reference-entry', undefined, 'book-chapter'],
      ['monograph', undefined, 'book'],
      ['edited-book', undefined, 'book'],
      ['dissertation', undefined, 'thesis'],
      ['dataset', undefined, 'dataset'],
      ['peer-review', undefined, 'other'],
      ['report', undefined, 'other'],
      [undefined, undefined, 'other'],
    ];
    for (const [type, subtype, expected] of table) expect([type, subtype, mapCrossrefType(type, subtype)]).toEqual([type, subtype, expected]);
  });

  it('picks a PDF link a person can open', () => {
    expect(crossrefPdfUrl([{ URL: 'https://api.wiley.com/onlinelibrary/tdm/v1/articles/x', 'content-type': 'application/pdf', 'content-version': 'vor' }])).toBe('https://api.wiley.com/onlinelibrary/tdm/v1/articles/x');
    expect(crossrefPdfUrl([{ URL: 'https://x.org/am.pdf', 'content-type': 'application/pdf', 'content-version': 'am' }, { URL: 'https://x.org/vor.pdf', 'content-type': 'application/pdf', 'content-version': 'vor' }])).toBe('https://x.org/vor.pdf');
    expect(crossrefPdfUrl([{ URL: 'https://x.org/page', 'content-type': 'text/html' }])).toBeNull();
    expect(crossrefPdfUrl(undefined)).toBeNull();
  });

  it('reads the problem list of a failure, whole or cut off', () => {
    expect(crossrefFailure('{"status":"failed","message-type":"validation-failure","message":[{"type":"parameter-not-allowed","value":"query.*","message":"This route does not support field query parameters"}]}')).toEqual({
      types: ['parameter-not-allowed'],
      message: 'This route does not support field query parameters',
    });
    expect(crossrefFailure('{"status":"failed","message":[{"type":"integer-not-valid","value":"200","message":"Integer specified as 200 but must be less than or equal to 10')).toEqual({
      types: ['integer-not-valid'],
      message: 'Integer specified as 200 but must be less than or equal to 10…',
    });
    expect(crossrefFailure('Resource not found.')).toBeNull();
    expect(crossrefFailure('{"error":"x"}')).toBeNull();
  });
});
