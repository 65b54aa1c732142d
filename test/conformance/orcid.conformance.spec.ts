import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { normalizeDoi } from '../../libs/domain/src/shared/text/index';
import { MalformedResponseError, ScholarlyHttp, SourceRejectedError, SourceUnavailableError } from '../../libs/domain/src/scholarly/scholarly-http';
import { OrcidClient } from '../../libs/domain/src/scholarly/sources/orcid/orcid.client';
import { InvalidIdentifierError, mapOrcidType } from '../../libs/domain/src/scholarly/sources/orcid/orcid.normalize';
import type { OrcidExternalId, OrcidRecord, OrcidWork, OrcidWorks, OrcidWorkSummary } from '../../libs/domain/src/scholarly/sources/orcid/orcid.types';
import { ReplayServer } from '../support/replay-server';

/**
 * The ORCID client against every response recorded in the shared fixtures
 * (../shared/fixtures/scholarly/orcid, see its README): real v3.0 JSON from pub.orcid.org and
 * ORCID's own schema samples. The recordings are other people's data and live outside the
 * project; a clone without them skips this suite (CI has them), and the project's own fixtures
 * cover the same cases.
 *
 * The client speaks JSON only (it always sends Accept: application/json). The two XML samples are
 * what ORCID sends when that header is missing; served as the answer to a JSON request they must
 * end in a MalformedResponseError that names the XML document (checked against cheerio's reading
 * of the same file), never in a silently empty result.
 */
const DIR = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'scholarly', 'orcid');
const recording = (name: string) => path.join(DIR, name);
const json = <T>(name: string) => JSON.parse(readFileSync(recording(name), 'utf8')) as T;

const SEARCH = {
  carl: 'given-names:carl',
  ecology: 'keyword:ecology',
  nobody: 'family-name:iakovakis AND past-institution-affiliation-name:Boston',
  badRows: 'rows-er',
  badStart: 'start-adsf',
};
/** A valid iD that the recorded 404 (for the garbled `asdfadf`) is served for. */
const UNKNOWN = '0000-0002-7183-4251';
const XML_IDS = { works: '8888-8888-8888-8880', error: '0000-0001-6000-0019' };

/** Every recording, how it is served, and what it is used for. README.md is the folder's documentation. */
const TABLE: Record<string, { served: string; checks: string }> = {
  'v3.0_0000-0002-9341-7985_works.json': { served: 'GET /v3.0/0000-0002-9341-7985/works', checks: 'listWorks' },
  'v3.0_0000-0003-1444-9135_works.json': { served: 'GET /v3.0/0000-0003-1444-9135/works', checks: 'listWorks: 111 groups, some with two sources' },
  'v3.0_0000-0001-8607-8025_works.json': { served: 'GET /v3.0/0000-0001-8607-8025/works', checks: 'listWorks: pmid, pmc, other-id' },
  'v3.0_0000-0003-1620-1408_works_empty.json': { served: 'GET /v3.0/0000-0003-1620-1408/works', checks: 'listWorks: empty profile' },
  'v3.0_0000-0002-9341-7985_person.json': { served: 'GET /v3.0/0000-0002-9341-7985/person', checks: 'getPerson: no credit name' },
  'v3.0_0000-0003-1444-9135_person.json': { served: 'GET /v3.0/0000-0003-1444-9135/person', checks: 'getPerson: credit name, comma-list keyword' },
  'v3.0_0000-0002-0734-2199_work_40038622.json': { served: 'GET /v3.0/0000-0002-0734-2199/work/40038622', checks: 'getWork: null external-id, empty contributors' },
  'v3.0_asdfadf_person_http404.json': { served: `404 to GET /v3.0/${UNKNOWN}/person`, checks: 'SourceRejectedError with the developer-message (asdfadf itself is refused before any request)' },
  'v3.0_search_q-given-names-carl_rows-10.json': { served: `GET /v3.0/search?q=${SEARCH.carl}&rows=10`, checks: 'searchIds: iDs, X check digit, num-found' },
  'v3.0_search_q-keyword-ecology_start-3_rows-3.json': { served: `GET /v3.0/search?q=${SEARCH.ecology}&start=3&rows=3`, checks: 'searchIds paging' },
  'v3.0_search_no-results.json': { served: 'GET /v3.0/search?q=…', checks: 'searchIds: "result": null' },
  'v3.0_search_rows-er_http400.json': { served: '400 to GET /v3.0/search', checks: 'SourceRejectedError with the developer-message' },
  'v3.0_search_start-adsf_http500.json': { served: '500 to GET /v3.0/search', checks: 'SourceUnavailableError' },
  'sample_v3.0_record_sandbox-0000-0002-7319-2192.json': { served: 'GET /v3.0/0000-0002-7319-2192/record', checks: 'getAuthor snapshot' },
  'sample_v3.0_works.xml': { served: `200 XML to GET /v3.0/${XML_IDS.works}/works`, checks: 'MalformedResponseError naming <activities:works>' },
  'sample_v3.0_error.xml': { served: `200 XML to GET /v3.0/${XML_IDS.error}/person`, checks: 'MalformedResponseError with the XML developer-message' },
};

const WORKS_FILES = ['v3.0_0000-0002-9341-7985_works.json', 'v3.0_0000-0003-1444-9135_works.json', 'v3.0_0000-0001-8607-8025_works.json', 'v3.0_0000-0003-1620-1408_works_empty.json'];
const orcidOf = (name: string) => /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/.exec(name)![1];

// Skipped, not failed, without the shared recordings: they are not part of the project.
(existsSync(DIR) ? describe : describe.skip)('ORCID client against the recorded ORCID API', () => {
  let replay: ReplayServer;
  let client: OrcidClient;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 2000 });
  const status = (name: string) => Number(/_http(\d{3})/.exec(name)?.[1] ?? 200);
  const search = (q: string, name: string) => replay.route({ path: '/v3.0/search', query: { q }, status: status(name), file: recording(name) });

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new OrcidClient(http, { orcid: { baseUrl: replay.url } });
    for (const name of WORKS_FILES) replay.route({ path: `/v3.0/${orcidOf(name)}/works`, file: recording(name) });
    for (const name of ['v3.0_0000-0002-9341-7985_person.json', 'v3.0_0000-0003-1444-9135_person.json']) replay.route({ path: `/v3.0/${orcidOf(name)}/person`, file: recording(name) });
    replay.route({ path: '/v3.0/0000-0002-0734-2199/work/40038622', file: recording('v3.0_0000-0002-0734-2199_work_40038622.json') });
    replay.route({ path: `/v3.0/${UNKNOWN}/person`, status: 404, file: recording('v3.0_asdfadf_person_http404.json') });
    replay.route({ path: '/v3.0/0000-0002-7319-2192/record', file: recording('sample_v3.0_record_sandbox-0000-0002-7319-2192.json') });
    replay.route({ path: `/v3.0/${XML_IDS.works}/works`, file: recording('sample_v3.0_works.xml') });
    replay.route({ path: `/v3.0/${XML_IDS.error}/person`, status: 200, file: recording('sample_v3.0_error.xml') });
    search(SEARCH.carl, 'v3.0_search_q-given-names-carl_rows-10.json');
    search(SEARCH.ecology, 'v3.0_search_q-keyword-ecology_start-3_rows-3.json');
    search(SEARCH.nobody, 'v3.0_search_no-results.json');
    search(SEARCH.badRows, 'v3.0_search_rows-er_http400.json');
    search(SEARCH.badStart, 'v3.0_search_start-adsf_http500.json');
  });
  afterAll(() => replay.close());
  afterEach(() => replay.clearRequests());

  it('covers every recording in the folder, and only those', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'README.md')
      .sort();
    expect(files).toEqual(Object.keys(TABLE).sort());
  });

  const ownIds = (ids: OrcidExternalId[] | null | undefined, type: string) =>
    (ids ?? []).filter((i) => i['external-id-type'] === type && i['external-id-relationship'] === 'self').map((i) => i['external-id-normalized']?.value ?? i['external-id-value'] ?? '');

  it.each(WORKS_FILES)('lists %s: one record per group from its preferred summary, ids of the whole group', async (name) => {
    const orcid = orcidOf(name);
    const raw = json<OrcidWorks>(name);
    const page = await client.listWorks(orcid, null);
    expect(replay.requests[0].headers.accept).toBe('application/json');
    expect(page.next).toBeNull();
    expect(page.works).toHaveLength(raw.group!.length);
    expect(page.total).toBe(raw.group!.length);
    raw.group!.forEach((group, i) => {
      const work = page.works[i];
      const summaries = group['work-summary']!;
      const preferred = summaries.reduce((best: OrcidWorkSummary, s) => (Number(s['display-index']) > Number(best['display-index']) ? s : best));
      expect(work.sourceId).toBe(String(preferred['put-code']));
      expect(work.externalIds.orcid).toBe(work.sourceId);
      expect(work.sourceUrl).toBe(`https://orcid.org/${orcid}`);
      expect(work.type).toBe(mapOrcidType(preferred.type));
      expect(work.title).toBe(preferred.title!.title!.value.trim().replace(/\s+/g, ' '));
      // Summaries carry no contributors.
      expect(work.authors).toEqual([]);
      // The DOI of any source in the group, lower-case, without resolver prefix.
      const dois = [...summaries.flatMap((s) => ownIds(s['external-ids']?.['external-id'], 'doi')), ...ownIds(group['external-ids']?.['external-id'], 'doi')].map((d) => normalizeDoi(d));
      expect(work.doi).toBe(dois.find((d) => d !== null) ?? null);
      if (work.doi) expect(work.doi).toBe(work.doi.toLowerCase());
      const pmids = ownIds(group['external-ids']?.['external-id'], 'pmid');
      expect(work.externalIds.pubmed ?? null).toBe(pmids[0] ?? null);
      const pmcs = ownIds(group['external-ids']?.['external-id'], 'pmc');
      if (pmcs.length > 0 && !work.arxivId) expect(work.openAccessUrl).toBe(`https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcs[0]}/`);
      // Undated or without a venue only when no source in the group gives one.
      expect(work.publicationDate === null).toBe(summaries.every((s) => !s['publication-date']?.year?.value));
      expect(work.venue === null).toBe(summaries.every((s) => !s['journal-title']?.value?.trim()));
      if (work.publicationDate) expect(work.publicationDate).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(work.sourceUpdatedAt).toBe(new Date(group['last-modified-date']!.value).toISOString());
    });
  });

  it('reads the facts the recordings are known for', async () => {
    const eglen = await client.listWorks('0000-0001-8607-8025', null);
    expect(eglen.works.filter((w) => w.externalIds.pubmed)).toHaveLength(40);
    expect(eglen.works.filter((w) => w.openAccessUrl?.startsWith('https://www.ncbi.nlm.nih.gov/pmc/articles/PMC'))).toHaveLength(19);
    // Two sources of one paper: Europe PMC (no venue, month) and Crossref (venue, day). Tie on display-index: the first listed, venue filled from the other.
    expect(eglen.works.find((w) => w.sourceId === '28902902')).toMatchObject({ doi: '10.1523/jneurosci.2511-15.2016', publicationDate: '2016-03', venue: 'The Journal of Neuroscience', externalIds: { pubmed: '27030758' } });
    const chamberlain = await client.listWorks('0000-0003-1444-9135', null);
    expect(chamberlain.works).toHaveLength(111);
    expect(chamberlain.works.filter((w) => w.type === 'dataset')).toHaveLength(15);
    expect(chamberlain.works.filter((w) => w.publicationDate === null)).toHaveLength(14);
  });

  it('reads a full work whose external-id is null and whose contributors are empty', async () => {
    const raw = json<OrcidWork>('v3.0_0000-0002-0734-2199_work_40038622.json');
    await expect(client.getWork('0000-0002-0734-2199', 40038622)).resolves.toEqual({
      source: 'orcid',
      sourceId: '40038622',
      sourceUrl: 'https://orcid.org/0000-0002-0734-2199',
      title: 'Introducing an R package for luminescence dating analysis',
      publicationDate: '2012',
      year: 2012,
      venue: 'Ancient TL',
      type: 'article',
      doi: null,
      arxivId: null,
      externalIds: { orcid: '40038622' },
      authors: [],
      citationCount: null,
      abstract: null,
      openAccessUrl: null,
      pdfUrl: 'http://www.ecu.edu/cs-cas/physics/Ancient-Timeline/upload/ATL_30-1-Kreutzer.pdf',
      sourceUpdatedAt: new Date(raw['last-modified-date']!.value).toISOString(),
    });
  });

  it('describes people from /person', async () => {
    await expect(client.getPerson('0000-0002-9341-7985')).resolves.toMatchObject({ name: 'Peter Binfield', alternativeNames: [], affiliations: [], topics: [], orcid: '0000-0002-9341-7985' });
    await expect(client.getPerson('https://orcid.org/0000-0003-1444-9135')).resolves.toMatchObject({
      name: 'Scott A Chamberlain',
      alternativeNames: ['Scott Chamberlain'],
      // One keyword entry holding a comma-separated list.
      topics: ['ecology', 'open access', 'bioinformatics', 'evolution', 'R'],
    });
  });

  it('snapshots the sandbox record: name, works count, works section date, its one (ended) employment and its keywords', async () => {
    const raw = json<OrcidRecord>('sample_v3.0_record_sandbox-0000-0002-7319-2192.json');
    const worksDate = raw['activities-summary']!.works!['last-modified-date']!.value;
    expect(worksDate).toBeGreaterThan(raw.person!['last-modified-date']!.value);
    await expect(client.getAuthor('0000-0002-7319-2192')).resolves.toEqual({
      source: 'orcid',
      sourceAuthorId: '0000-0002-7319-2192',
      name: 'Three releasecandidate1',
      worksCount: 1,
      citationCount: null,
      updatedAt: new Date(worksDate).toISOString(),
      // The sandbox's placeholder organization, employed until 1948: a past employer.
      affiliations: ['common:name'],
      currentAffiliations: 0,
      topics: ['{{{}}}}{}{{}}}{{{{}}{}{}{}{}{}{}{', 'keyword1'],
    });
  });

  it('finds iDs by search, with an X check digit, paging and a null result', async () => {
    const carl = await client.searchIds(SEARCH.carl, { rows: 10 });
    expect(carl.total).toBe(1840);
    expect(carl.orcids).toHaveLength(10);
    expect(carl.orcids).toContain('0000-0003-4575-321X');
    await expect(client.searchIds(SEARCH.ecology, { start: 3, rows: 3 })).resolves.toEqual({ orcids: ['0000-0002-5870-4786', '0000-0002-7174-5005', '0000-0002-2572-3809'], total: 10242 });
    expect(Object.fromEntries(replay.requests[1].query)).toEqual({ q: SEARCH.ecology, start: '3', rows: '3' });
    await expect(client.searchIds(SEARCH.nobody)).resolves.toEqual({ orcids: [], total: 0 });
  });

  it('turns every recorded error into the right error class with the developer-message', async () => {
    const unknown = await client.getPerson(UNKNOWN).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: '404 Not Found: The resource was not found. Full validation error: ORCID iD asdfadf not found' });
    // What the client does with the garbled iD the recording was made with: nothing is sent.
    replay.clearRequests();
    await expect(client.getPerson('asdfadf')).rejects.toBeInstanceOf(InvalidIdentifierError);
    expect(replay.requests).toEqual([]);

    const badRows = await client.searchIds(SEARCH.badRows).catch((e: unknown) => e);
    expect(badRows).toMatchObject({ constructor: SourceRejectedError, status: 400, detail: 'The client application made a bad request to the ORCID API. Full validation error: The rows parameter must be an integer between 0 and 200' });
    const badStart = await client.searchIds(SEARCH.badStart).catch((e: unknown) => e);
    expect(badStart).toMatchObject({ constructor: SourceUnavailableError, status: 500 });
    for (const error of [unknown, badRows, badStart]) expect((error as Error).message).toMatch(/^orcid: .*\(GET \/v3\.0\/.+\)$/);
    expect(replay.unmatched).toEqual([]);
  });

  it('names the XML samples as XML when they answer a JSON request, as a real XML parser reads them', async () => {
    const works = cheerio.load(readFileSync(recording('sample_v3.0_works.xml'), 'utf8'), { xml: true });
    const worksRoot = works.root().children().get(0) as unknown as { name: string };
    expect(worksRoot.name).toBe('activities:works');
    expect(works('activities\\:group')).toHaveLength(3);
    const xmlWorks = await client.listWorks(XML_IDS.works, null).catch((e: unknown) => e);
    expect(xmlWorks).toBeInstanceOf(MalformedResponseError);
    expect((xmlWorks as Error).message).toBe(`orcid: malformed response: XML <${worksRoot.name}> instead of JSON (was Accept: application/json dropped?) (GET /v3.0/${XML_IDS.works}/works)`);

    const error = cheerio.load(readFileSync(recording('sample_v3.0_error.xml'), 'utf8'), { xml: true });
    const developerMessage = error('error\\:developer-message').text();
    expect(developerMessage).toBe('error:developer-message');
    const xmlError = await client.getPerson(XML_IDS.error).catch((e: unknown) => e);
    expect(xmlError).toBeInstanceOf(MalformedResponseError);
    expect((xmlError as Error).message).toBe(`orcid: malformed response: an XML <error:error> instead of JSON: ${developerMessage} (GET /v3.0/${XML_IDS.error}/person)`);
  });
});
