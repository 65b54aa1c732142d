import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYNC_SOURCE_JOBS } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import { ReplayServer } from '../support/replay-server';
import { addSemanticScholarAndMoreau, finishedRuns, pacedGap, personWithIdentities, sourcesAt } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * "Who is who" over HTTP, every source answering from the client fixtures in
 * test/fixtures/scholarly (see each folder's README) through a local replay server:
 * - OpenAlex and Semantic Scholar author searches for "Zoë Ångström" (her ORCID iD 0000-0002-1825-0097,
 *   at KTH; namesakes "Zoe Angstrom" at Stockholm University and "Z. Angstrom"; an unrelated Łukasz Wiśniewski);
 * - dblp and arXiv searches for "Lukasz Kaiser" (Łukasz Kaiser at OpenAI, formerly Google Brain;
 *   "L. Kaiser" at Vienna; Lukasz Kaiser-Nowak; Lukasz Kaiserling);
 * - `identities-authors_filter_display_name.search_ines_moreau.json` (written for this test): two
 *   OpenAlex authors named Inès Moreau, both at Inria, and an Inès Moreau-Laurent in Lyon;
 * - the author singletons each source answers when an identity is added by id or URL.
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'scholarly');
const fixture = (source: string, name: string) => join(FIXTURES, source, name);
const ORCID = '0000-0002-1825-0097';

const openAlexSearch = (name: string) => ({ path: '/authors', query: { filter: `display_name.search:${name}` } });
const s2Search = (name: string) => ({ path: '/graph/v1/author/search', query: { query: name } });

async function replayServer(): Promise<ReplayServer> {
  const replay = await ReplayServer.start();
  return replay
    .route({ ...openAlexSearch('Zoë Ångström'), file: fixture('openalex', 'authors_filter_display_name.search_zoe_angstrom.json') })
    .route({ ...openAlexSearch('Inès Moreau'), file: fixture('openalex', 'identities-authors_filter_display_name.search_ines_moreau.json') })
    .route({ ...s2Search('Zoë Ångström'), file: fixture('semanticscholar', 'author_search_query_zoe_angstrom.json') })
    .route({ path: '/search/author/api', query: { q: 'Lukasz Kaiser' }, file: fixture('dblp', 'search_author_q-lukasz-kaiser.json') })
    .route({ path: '/search/author/api', query: { q: 'L. Kaiser' }, file: fixture('dblp', 'search_author_q-lukasz-kaiser.json') })
    .route({ path: '/api/query', query: { search_query: 'au:"Lukasz Kaiser"', max_results: '100' }, file: fixture('arxiv', 'au_lukasz-kaiser_search.atom.xml') })
    .route({ path: '/api/query', query: { search_query: 'au:"Lukasz Kaiser"', max_results: '1', sortBy: 'lastUpdatedDate' }, file: fixture('arxiv', 'au_kaiser_updated.atom.xml') })
    .route({ path: '/authors/A5100000001', file: fixture('openalex', 'author_A5100000001.json') })
    .route({ path: '/authors/A5100000009', file: fixture('openalex', 'author_A5100000009_deleted.json') })
    .route({ path: '/graph/v1/author/2100000001', file: fixture('semanticscholar', 'author_2100000001.json') })
    .route({ path: '/graph/v1/author/2199999999', status: 404, file: fixture('semanticscholar', 'error_404_author.json') })
    .route({ path: '/pid/39/1762.xml', file: fixture('dblp', 'pid_39_1762.xml') })
    .route({ path: `/v3.0/${ORCID}/record`, file: fixture('orcid', `record_${ORCID}.json`) })
    .route({ path: '/works', query: { filter: `orcid:${ORCID}`, rows: '1' }, file: fixture('crossref', `works_orcid-${ORCID}_rows-1.json`) });
}

interface Candidate {
  source: string;
  sourceAuthorId: string;
  name: string;
  score: number;
  nameMatch: string;
  reasons: { kind: string; points: number; detail: string }[];
  status: string | null;
  identityId: string | null;
  linkedTo: { personId: string; fullName: string } | null;
}

describe('scholarly identities: who is who', () => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = await replayServer();
    const url = replay.url;
    // The worker answers the sources' lookups: they run in each source's queue, under its rate limit.
    t = await createTestApp({
      worker: true,
      env: { ...sourcesAt(url), SCHOLARLY_TIMEOUT_MS: '2000' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
    replay.clearFaults();
  });

  const organization = async (user: TestUser, name: string) => (await t.http().post('/organizations').set(user.auth).send({ name }).expect(201)).body.id as string;
  const person = async (user: TestUser, body: object) => (await t.http().post('/people').set(user.auth).send(body).expect(201)).body.id as string;
  const candidates = (user: TestUser, id: string, sources: string) => t.http().get(`/people/${id}/identity-candidates?sources=${sources}`).set(user.auth);
  const link = (user: TestUser, id: string, body: object) => t.http().post(`/people/${id}/identities`).set(user.auth).send(body);
  const autoLink = (user: TestUser, id: string, sources: string[]) => t.http().post(`/people/${id}/identities/auto-link`).set(user.auth).send({ sources }).expect(200);
  const identities = async (user: TestUser, id: string) => (await t.http().get(`/people/${id}/identities`).set(user.auth).expect(200)).body.items as { id: string; source: string; sourceAuthorId: string; status: string; linkedBy: string }[];
  const brief = (c: Candidate) => [c.source, c.sourceAuthorId, c.score];

  /** Zoë at KTH, tagged with machine learning. */
  const zoe = async (user: TestUser, extra: object = {}) => person(user, { fullName: 'Zoë Ångström', organizationId: await organization(user, 'KTH Royal Institute of Technology'), tags: ['machine learning'], ...extra });

  it('lists candidates from two sources, scored with their reasons, best first; the unrelated namesakes are left out', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const res = (await candidates(user, id, 'openalex,semanticscholar').expect(200)).body;
    expect(res).toMatchObject({ personId: id, query: { name: 'Zoë Ångström', affiliation: 'KTH Royal Institute of Technology' }, sources: ['openalex', 'semanticscholar'], errors: [] });
    const kth = { kind: 'affiliation', points: 0.25, detail: 'Current affiliation "KTH Royal Institute of Technology" is the person\'s organization (KTH Royal Institute of Technology)' };
    const exact = (name: string) => ({ kind: 'name', points: 0.45, detail: `"${name}" matches the name exactly (accents and case aside)` });
    expect(res.candidates.map((c: Candidate) => ({ source: c.source, id: c.sourceAuthorId, name: c.name, score: c.score, nameMatch: c.nameMatch, reasons: c.reasons, status: c.status, linkedTo: c.linkedTo }))).toEqual([
      {
        source: 'openalex',
        id: 'A5100000001',
        name: 'Zoë Ångström',
        score: 0.75,
        nameMatch: 'exact',
        reasons: [exact('Zoë Ångström'), kth, { kind: 'topics', points: 0.05, detail: "Topics match the person's tags or headline: Machine Learning in Materials Science" }],
        status: null,
        linkedTo: null,
      },
      { source: 'semanticscholar', id: '2100000001', name: 'Zoë Ångström', score: 0.7, nameMatch: 'exact', reasons: [exact('Zoë Ångström'), kth], status: null, linkedTo: null },
      { source: 'openalex', id: 'A2100000003', name: 'Zoe Angstrom', score: 0.45, nameMatch: 'exact', reasons: [exact('Zoe Angstrom')], status: null, linkedTo: null },
      {
        source: 'semanticscholar',
        id: '2100000003',
        name: 'Z. Angstrom',
        score: 0.35,
        nameMatch: 'variant',
        reasons: [{ kind: 'name', points: 0.35, detail: '"Z. Angstrom" matches the name with initials or a middle name left out' }],
        status: null,
        linkedTo: null,
      },
    ]);
    // The candidate carries what the source says of them.
    expect(res.candidates[0]).toMatchObject({ orcid: ORCID, worksCount: 42, affiliations: ['KTH Royal Institute of Technology', 'Uppsala University', 'University of Amsterdam'], sourceUrl: 'https://openalex.org/A5100000001' });
    // Both sources were asked at once, by name; S2 was sent the name as typed.
    expect(replay.requests.map((r) => r.path).sort()).toEqual(['/authors', '/graph/v1/author/search']);
  });

  it('matches names whatever the accents, case and initials', async () => {
    const user = await registerUser(t);
    const openai = await organization(user, 'OpenAI');
    const id = await person(user, { fullName: 'Lukasz Kaiser', organizationId: openai });
    const res = (await candidates(user, id, 'dblp,arxiv').expect(200)).body;
    expect(res.errors).toEqual([]);
    expect(res.candidates.map((c: Candidate) => [c.source, c.sourceAuthorId, c.name, c.nameMatch, c.score])).toEqual([
      // Same score: arXiv before dblp (source order).
      ['arxiv', 'au:"Lukasz Kaiser"', 'Łukasz Kaiser', 'exact', 0.7],
      ['dblp', '39/1762', 'Łukasz Kaiser', 'exact', 0.7],
      ['arxiv', 'au:"L Kaiser"', 'L. Kaiser', 'variant', 0.35],
      ['dblp', '188/4417', 'Lukasz Kaiser-Nowak', 'similar', 0.2],
      // Lukasz Kaiserling (dblp) is another family name: left out.
    ]);
    expect(res.candidates[1].reasons[1]).toEqual({ kind: 'affiliation', points: 0.25, detail: 'Current affiliation "OpenAI, San Francisco, CA, USA" is the person\'s organization (OpenAI)' });

    // Someone recorded by initials finds the full name.
    const initials = await person(user, { fullName: 'L. Kaiser', organizationId: openai });
    const byInitials = (await candidates(user, initials, 'dblp').expect(200)).body;
    expect(byInitials.candidates.map(brief)).toEqual([
      ['dblp', '39/1762', 0.6],
      ['dblp', '188/4417', 0.2],
    ]);
    expect(byInitials.candidates[0].reasons[0]).toEqual({ kind: 'name', points: 0.35, detail: '"Łukasz Kaiser" matches the name with initials or a middle name left out' });
  });

  it('reports a source that fails without failing the call', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    replay.fault(s2Search('Zoë Ångström'), { kind: 'status', status: 503 });
    const res = (await candidates(user, id, 'openalex,semanticscholar,crossref').expect(200)).body;
    expect(res.errors).toEqual([
      { source: 'semanticscholar', message: expect.stringMatching(/^semanticscholar: HTTP 503 \(GET \/graph\/v1\/author\/search\?/) },
      { source: 'crossref', message: 'crossref does not support searchAuthors: Crossref identities are ORCID iDs; add one with POST /people/{id}/identities' },
    ]);
    expect(res.candidates.map(brief)).toEqual([
      ['openalex', 'A5100000001', 0.75],
      ['openalex', 'A2100000003', 0.45],
    ]);

    const bad = await candidates(user, id, 'openalex,scholar').expect(400);
    expect(bad.body.details).toEqual([{ field: 'sources', problem: expect.stringContaining('must be one of') }]);
  });

  it('confirms a candidate: linked with the name the source gives, listed, and marked among the candidates', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const confirmed = await link(user, id, { source: 'openalex', id: 'A5100000001' }).expect(201);
    expect(confirmed.body).toEqual({
      id: expect.any(String),
      personId: id,
      source: 'openalex',
      sourceAuthorId: 'A5100000001',
      sourceUrl: 'https://openalex.org/A5100000001',
      name: 'Zoë Ångström',
      status: 'linked',
      linkedBy: 'user',
      syncState: 'never',
      brokenReason: null,
      lastSyncedAt: null,
      createdAt: expect.any(String),
      warning: null,
    });
    // Once more: nothing changes, and the source is not asked again.
    replay.clearRequests();
    const again = await link(user, id, { source: 'openalex', url: 'https://openalex.org/a5100000001' }).expect(200);
    expect(again.body.id).toBe(confirmed.body.id);
    expect(replay.requests).toEqual([]);

    expect(await identities(user, id)).toEqual([expect.objectContaining({ id: confirmed.body.id, source: 'openalex', sourceAuthorId: 'A5100000001', status: 'linked', linkedBy: 'user' })]);
    const listed = (await candidates(user, id, 'openalex').expect(200)).body.candidates as Candidate[];
    expect(listed.map((c) => [c.sourceAuthorId, c.status, c.identityId])).toEqual([
      ['A5100000001', 'linked', confirmed.body.id],
      ['A2100000003', null, null],
    ]);

    // Another of the user's people cannot take the same author: one author is one person.
    const other = await person(user, { fullName: 'Zoë Ångström' });
    const conflict = await link(user, other, { source: 'openalex', id: 'A5100000001' }).expect(409);
    expect(conflict.body).toMatchObject({ code: 'identity.linked-elsewhere', linkedTo: { personId: id, fullName: 'Zoë Ångström' } });
    const marked = (await candidates(user, other, 'openalex').expect(200)).body.candidates as Candidate[];
    expect(marked.find((c) => c.sourceAuthorId === 'A5100000001')).toMatchObject({ status: null, linkedTo: { personId: id, fullName: 'Zoë Ångström' } });
    // Another user has their own network: no conflict there.
    const stranger = await registerUser(t);
    await link(stranger, await person(stranger, { fullName: 'Zoë Ångström' }), { source: 'openalex', id: 'A5100000001' }).expect(201);
  });

  it('remembers a rejection: marked among the candidates and never auto-linked', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const rejected = await t.http().post(`/people/${id}/identities/reject`).set(user.auth).send({ source: 'openalex', sourceAuthorId: 'A5100000001', name: 'Zoë Ångström' }).expect(200);
    expect(rejected.body).toMatchObject({ source: 'openalex', sourceAuthorId: 'A5100000001', name: 'Zoë Ångström', status: 'rejected' });
    const listed = (await candidates(user, id, 'openalex').expect(200)).body.candidates as Candidate[];
    expect(listed.map((c) => [c.sourceAuthorId, c.status, c.identityId])).toEqual([
      ['A5100000001', 'rejected', rejected.body.id],
      ['A2100000003', null, null],
    ]);
    // Without the rejected one, the best left is a namesake below the bar.
    const auto = (await autoLink(user, id, ['openalex'])).body;
    expect(auto).toEqual({ linked: [], undecided: [{ source: 'openalex', message: 'The best candidate, "Zoe Angstrom", scores 0.45, below 0.60' }], errors: [] });
    expect(await identities(user, id)).toEqual([expect.objectContaining({ sourceAuthorId: 'A5100000001', status: 'rejected' })]);

    // Confirming it after all turns the rejection into a link.
    const confirmed = await link(user, id, { source: 'openalex', id: 'A5100000001' }).expect(201);
    expect(confirmed.body).toMatchObject({ id: rejected.body.id, status: 'linked', linkedBy: 'user' });
  });

  it('takes the candidate as `id` for a rejection, as linking does; the old sourceAuthorId is still read', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const reject = (body: object) => t.http().post(`/people/${id}/identities/reject`).set(user.auth).send(body);
    expect((await reject({ source: 'openalex', id: 'A5100000001' }).expect(200)).body).toMatchObject({ source: 'openalex', sourceAuthorId: 'A5100000001', status: 'rejected' });
    expect((await reject({ source: 'openalex', sourceAuthorId: 'A2100000003' }).expect(200)).body).toMatchObject({ sourceAuthorId: 'A2100000003', status: 'rejected' });
    const missing = (await reject({ source: 'openalex' }).expect(400)).body.details as { field: string; problem: string }[];
    expect(missing).toContainEqual({ field: 'id', problem: 'is required' });
    expect(new Set(missing.map((d) => d.field))).toEqual(new Set(['id']));
    const differ = (await reject({ source: 'openalex', id: 'A5100000001', sourceAuthorId: 'A2100000003' }).expect(400)).body;
    expect(differ.details).toEqual([{ field: 'sourceAuthorId', problem: 'differs from id; send id alone' }]);
    expect((await identities(user, id)).map((i: { sourceAuthorId: string }) => i.sourceAuthorId).sort()).toEqual(['A2100000003', 'A5100000001']);
  });

  it('adds an identity by id or URL in every form each source uses, normalized', async () => {
    const user = await registerUser(t);
    const id = await person(user, { fullName: 'Zoë Ångström' });
    const kaiser = await person(user, { fullName: 'Łukasz Kaiser' });
    const added = async (personId: string, body: object, status = 201) => (await link(user, personId, body).expect(status)).body;

    expect(await added(id, { source: 'openalex', url: 'https://api.openalex.org/authors/A5100000001' })).toMatchObject({ sourceAuthorId: 'A5100000001', name: 'Zoë Ångström' });
    expect(await added(id, { source: 'semanticscholar', url: 'https://www.semanticscholar.org/author/Zo%C3%AB-%C3%85ngstr%C3%B6m/2100000001' })).toMatchObject({
      sourceAuthorId: '2100000001',
      sourceUrl: 'https://www.semanticscholar.org/author/2100000001',
      name: 'Zoë Ångström',
    });
    expect(await added(id, { source: 'orcid', url: `https://orcid.org/${ORCID}` })).toMatchObject({ sourceAuthorId: ORCID, name: 'Zoë Ñ. Łukasiewicz' });
    expect(await added(id, { source: 'crossref', id: ORCID.replace(/-/g, '') })).toMatchObject({ sourceAuthorId: ORCID, sourceUrl: `https://orcid.org/${ORCID}`, warning: null });
    expect(await added(kaiser, { source: 'dblp', url: 'https://dblp.org/pid/39/1762.html' })).toMatchObject({ sourceAuthorId: '39/1762', sourceUrl: 'https://dblp.org/pid/39/1762', name: 'Łukasz Kaiser' });
    expect(await added(kaiser, { source: 'arxiv', url: 'https://arxiv.org/search/?searchtype=author&query=Lukasz%20Kaiser' })).toMatchObject({ sourceAuthorId: 'au:"Lukasz Kaiser"', name: 'Lukasz Kaiser' });
    // A pasted profile URL says its source by itself.
    expect(await added(kaiser, { url: 'https://dblp.org/pid/39/1762.html' }, 200)).toMatchObject({ source: 'dblp', sourceAuthorId: '39/1762' });
    // The same ids written otherwise are the same identities.
    await added(id, { source: 'semanticscholar', id: '2100000001' }, 200);
    await added(id, { source: 'orcid', id: `orcid:${ORCID}` }, 200);
    await added(kaiser, { source: 'dblp', id: 'pid/39/1762' }, 200);
    await added(kaiser, { source: 'arxiv', id: 'au:"Łukasz Kaiser"' }, 200);
    await added(kaiser, { source: 'arxiv', id: 'Łukasz Kaiser' }, 200);

    expect((await identities(user, id)).map((i) => [i.source, i.sourceAuthorId])).toEqual([
      ['openalex', 'A5100000001'],
      ['semanticscholar', '2100000001'],
      ['crossref', ORCID],
      ['orcid', ORCID],
    ]);
    expect((await identities(user, kaiser)).map((i) => [i.source, i.sourceAuthorId])).toEqual([
      ['arxiv', 'au:"Lukasz Kaiser"'],
      ['dblp', '39/1762'],
    ]);

    // Well-formed, but unknown (or deleted) at the source: 422 naming the field.
    const unknown = await link(user, id, { source: 'semanticscholar', id: '2199999999' }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'identity.unknown-at-source', details: [{ field: 'id', problem: 'is not an author at semanticscholar (Author with id 2199999999 not found)' }] });
    const deleted = await link(user, id, { source: 'openalex', url: 'https://openalex.org/A5100000009' }).expect(422);
    expect(deleted.body.details[0]).toMatchObject({ field: 'url', problem: expect.stringContaining('deleted or merged') });

    // A source that cannot be reached does not stop the link: the answer says it was not checked.
    replay.fault({ path: '/graph/v1/author/2100000001' }, { kind: 'status', status: 500 });
    const another = await registerUser(t);
    const unchecked = (await link(another, await person(another, { fullName: 'Zoë Ångström' }), { source: 'semanticscholar', id: '2100000001' }).expect(201)).body;
    expect(unchecked).toMatchObject({ sourceAuthorId: '2100000001', name: null, warning: expect.stringMatching(/^Not checked at semanticscholar \(semanticscholar: HTTP 500/) });
  });

  it('refuses what is not an id of the source with a 400 naming the field', async () => {
    const user = await registerUser(t);
    const id = await person(user, { fullName: 'Zoë Ångström' });
    const problem = async (body: object) => (await link(user, id, body).expect(400)).body.details;
    expect(await problem({ source: 'orcid', id: '0000-0002-1825-0098' })).toEqual([{ field: 'id', problem: 'ORCID iD checksum is wrong' }]);
    expect(await problem({ source: 'orcid', url: 'https://orcid.org/0000-0002-1825-0098' })).toEqual([{ field: 'url', problem: 'ORCID iD checksum is wrong' }]);
    expect(await problem({ source: 'crossref', id: '0000-0002-1825-0098' })).toEqual([{ field: 'id', problem: 'ORCID iD checksum is wrong' }]);
    // An iD is read whole: one with a digit too many is refused, not read as the valid iD inside it.
    const shape = 'is not an ORCID iD: 16 characters in four blocks of four, the last a digit or X (expected 0000-0000-0000-0000 or https://orcid.org/0000-0000-0000-0000)';
    expect(await problem({ source: 'orcid', id: '00000-0002-1825-0097' })).toEqual([{ field: 'id', problem: shape }]);
    expect(await problem({ source: 'orcid', id: '10000-0002-1825-0097' })).toEqual([{ field: 'id', problem: shape }]);
    expect(await problem({ source: 'orcid', url: 'https://orcid.org/0000-0002-1825-00975' })).toEqual([{ field: 'url', problem: shape }]);
    expect(await problem({ source: 'crossref', id: '0000-0002-1825-00975' })).toEqual([{ field: 'id', problem: shape }]);
    expect(await problem({ source: 'openalex', url: 'https://openalex.org/W4100000003' })).toEqual([{ field: 'url', problem: expect.stringContaining('is an OpenAlex work ID, not an author ID') }]);
    expect(await problem({ source: 'semanticscholar', url: 'https://www.semanticscholar.org/paper/abc' })).toEqual([{ field: 'url', problem: expect.stringContaining('is a Semantic Scholar paper URL') }]);
    expect(await problem({ source: 'dblp', url: 'https://dblp.org/search?q=kaiser' })).toEqual([{ field: 'url', problem: expect.stringContaining('is not a dblp person (pid) URL') }]);
    expect(await problem({ source: 'arxiv', url: 'https://arxiv.org/a/kaiser_l_1' })).toEqual([{ field: 'url', problem: expect.stringContaining('arXiv author page') }]);
    expect(await problem({ source: 'arxiv', id: 'ti:attention' })).toEqual([{ field: 'id', problem: expect.stringContaining('must be a single author query') }]);
    expect(await problem({ source: 'openalex' })).toEqual([{ field: 'id', problem: 'is required unless url is given' }]);
    expect(await problem({ source: 'openalex', id: 'A5100000001', url: 'https://openalex.org/A5100000001' })).toEqual([{ field: 'url', problem: 'must not be given with id: give one of them' }]);
    expect(await problem({ source: 'scholar', id: 'x' })).toEqual([{ field: 'source', problem: expect.stringContaining('must be one of') }]);
    expect(await problem({ id: 'A5100000001' })).toEqual([{ field: 'source', problem: 'is required with id' }]);
    expect(await problem({ url: 'https://scholar.google.com/citations?user=abc' })).toEqual([{ field: 'source', problem: expect.stringContaining('the url is not an OpenAlex, Semantic Scholar, dblp, ORCID or arXiv address') }]);
    const reject = await t.http().post(`/people/${id}/identities/reject`).set(user.auth).send({ source: 'orcid', sourceAuthorId: '0000-0002-1825-0098' }).expect(400);
    expect(reject.body.details).toEqual([{ field: 'sourceAuthorId', problem: 'ORCID iD checksum is wrong' }]);
    expect(replay.requests).toEqual([]);
    expect(await identities(user, id)).toEqual([]);
  });

  it('auto-links on an ORCID match at every source, and the person\'s own profile links without a search', async () => {
    const user = await registerUser(t);
    const id = await person(user, { fullName: 'Zoë Ångström', links: { orcid: `https://orcid.org/${ORCID}` } });
    const res = (await autoLink(user, id, ['openalex', 'semanticscholar', 'orcid'])).body;
    expect(res.errors).toEqual([]);
    expect(res.linked.map((l: { identity: { source: string; sourceAuthorId: string; linkedBy: string; name: string | null }; rule: string; why: string; score: number | null }) => [l.identity.source, l.identity.sourceAuthorId, l.identity.linkedBy, l.identity.name, l.rule, l.why, l.score])).toEqual([
      ['orcid', ORCID, 'auto', null, 'profile-link', `The person's own profile link names ${ORCID}`, null],
      ['openalex', 'A5100000001', 'auto', 'Zoë Ångström', 'orcid', `OpenAlex gives A5100000001 the person's ORCID iD ${ORCID}`, 0.95],
      ['semanticscholar', '2100000001', 'auto', 'Zoë Ångström', 'orcid', `Semantic Scholar gives 2100000001 the person's ORCID iD ${ORCID}`, 0.95],
    ]);
    // ORCID itself was not searched: the profile link decided.
    expect(replay.requests.some((r) => r.path.startsWith('/v3.0'))).toBe(false);
    const listed = (await candidates(user, id, 'openalex').expect(200)).body.candidates as Candidate[];
    expect(listed[0]).toMatchObject({ sourceAuthorId: 'A5100000001', status: 'linked', score: 0.95 });
    expect(listed[0].reasons.map((r) => [r.kind, r.points])).toEqual([
      ['name', 0.45],
      ['orcid', 0.5],
    ]);
  });

  it('auto-links a clear winner per source; unlinking it keeps a rejection so it is not linked again', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const res = (await autoLink(user, id, ['openalex', 'semanticscholar'])).body;
    expect(res).toEqual({
      linked: [
        {
          identity: expect.objectContaining({ source: 'openalex', sourceAuthorId: 'A5100000001', linkedBy: 'auto', status: 'linked' }),
          rule: 'clear-winner',
          why: 'Scores 0.75, 0.30 above the next OpenAlex candidate, "Zoe Angstrom" (0.45)',
          score: 0.75,
        },
        {
          identity: expect.objectContaining({ source: 'semanticscholar', sourceAuthorId: '2100000001', linkedBy: 'auto', status: 'linked' }),
          rule: 'clear-winner',
          why: 'Scores 0.70, 0.35 above the next Semantic Scholar candidate, "Z. Angstrom" (0.35)',
          score: 0.7,
        },
      ],
      undecided: [],
      errors: [],
    });
    // Once linked at a source, a second run adds nothing there.
    const again = (await autoLink(user, id, ['openalex'])).body;
    expect(again).toEqual({ linked: [], undecided: [{ source: 'openalex', message: 'The person already has a linked OpenAlex identity; only a profile link or an ORCID iD adds another' }], errors: [] });

    const openalex = res.linked[0].identity.id;
    await t.http().delete(`/people/${id}/identities/${openalex}`).set(user.auth).expect(204);
    expect((await identities(user, id)).map((i) => [i.source, i.status])).toEqual([
      ['semanticscholar', 'linked'],
      ['openalex', 'rejected'],
    ]);
    expect((await autoLink(user, id, ['openalex'])).body.linked).toEqual([]);
    // Deleting the rejection forgets it; a link the user made is simply removed.
    await t.http().delete(`/people/${id}/identities/${openalex}`).set(user.auth).expect(204);
    const s2 = res.linked[1].identity.id;
    await t.http().post(`/people/${id}/identities/reject`).set(user.auth).send({ source: 'semanticscholar', sourceAuthorId: '2100000001' }).expect(200);
    await link(user, id, { source: 'semanticscholar', id: '2100000001' }).expect(201);
    await t.http().delete(`/people/${id}/identities/${s2}`).set(user.auth).expect(204);
    expect(await identities(user, id)).toEqual([]);
    await t.http().delete(`/people/${id}/identities/${s2}`).set(user.auth).expect(404);
  });

  it('does not auto-link when two candidates are close', async () => {
    const user = await registerUser(t);
    const id = await person(user, { fullName: 'Inès Moreau', organizationId: await organization(user, 'Inria') });
    const listed = (await candidates(user, id, 'openalex').expect(200)).body.candidates as Candidate[];
    expect(listed.map((c) => [c.sourceAuthorId, c.name, c.score])).toEqual([
      ['A5200000001', 'Inès Moreau', 0.7],
      ['A5200000002', 'Ines Moreau', 0.7],
      ['A5200000003', 'Inès Moreau-Laurent', 0.2],
    ]);
    const res = (await autoLink(user, id, ['openalex'])).body;
    expect(res).toEqual({ linked: [], undecided: [{ source: 'openalex', message: '"Inès Moreau" (0.70) and "Ines Moreau" (0.70) are too close: a lead of 0.25 is needed' }], errors: [] });
    expect(await identities(user, id)).toEqual([]);
  });

  it("counts co-authors among the user's contacts, across sources, from the works already synced", async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    const mira = await person(user, { fullName: 'Mira Patel' });
    await t.db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name) VALUES ($1, $2, 'semanticscholar', '2100000099', 'Mira Patel')", [user.id, mira]);
    // One work, as OpenAlex lists it (Zoë) and as Semantic Scholar lists it (Mira, then Zoë).
    const [work] = await t.db.query("INSERT INTO works (title, title_key, type) VALUES ('Equivariant Molecules', 'equivariant molecules', 'article') RETURNING id");
    const record = async (source: string, sourceId: string) =>
      (await t.db.query("INSERT INTO work_records (work_id, source, source_id, source_url, record, content_hash, fetched_at) VALUES ($1, $2, $3, 'https://example.org', '{}', 'x', now()) RETURNING id", [work.id, source, sourceId]))[0].id as string;
    const oa = await record('openalex', 'W4199999999');
    const s2 = await record('semanticscholar', 'f00d');
    await t.db.query(
      `INSERT INTO work_authorships (record_id, position, work_id, source, name, source_author_id, author_count) VALUES
         ($1, 1, $3, 'openalex', 'Zoë Ångström', 'A5100000001', 1),
         ($2, 1, $3, 'semanticscholar', 'Mira Patel', '2100000099', 2),
         ($2, 2, $3, 'semanticscholar', 'Zoë Ångström', '2100000001', 2)`,
      [oa, s2, work.id],
    );
    const listed = (await candidates(user, id, 'openalex,semanticscholar').expect(200)).body.candidates as Candidate[];
    const coauthors = { kind: 'coauthors', points: 0.08, detail: 'Co-authored 1 work with your contact Mira Patel' };
    expect(listed.map((c) => [c.sourceAuthorId, c.score, c.reasons.find((r) => r.kind === 'coauthors') ?? null])).toEqual([
      ['A5100000001', 0.83, coauthors],
      ['2100000001', 0.78, coauthors],
      ['A2100000003', 0.45, null],
      ['2100000003', 0.35, null],
    ]);
    // Contacts are the user's own: another user's Zoë gets no such reason.
    const stranger = await registerUser(t);
    const theirs = (await candidates(stranger, await zoe(stranger), 'openalex').expect(200)).body.candidates as Candidate[];
    expect(theirs[0]).toMatchObject({ sourceAuthorId: 'A5100000001', score: 0.75 });
  });

  it("answers 404 for another user's person, before asking any source", async () => {
    const owner = await registerUser(t);
    const stranger = await registerUser(t);
    const id = await zoe(owner);
    await candidates(stranger, id, 'openalex').expect(404);
    await t.http().get(`/people/${id}/identities`).set(stranger.auth).expect(404);
    await link(stranger, id, { source: 'openalex', id: 'A5100000001' }).expect(404);
    await t.http().post(`/people/${id}/identities/auto-link`).set(stranger.auth).send({}).expect(404);
    expect(replay.requests).toEqual([]);
  });
});

/**
 * The API asks the sources through their sync queues, so a source's rate limit holds for the
 * users browsing candidates and linking identities as it does for the sync (and over every process).
 */

describe.each<QueueBackend>(['redis', 'postgres'])('scholarly identities under the sources\' rate limits on %s', (queue) => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    // And Semantic Scholar's author 2100000001 for a sync: the author, then three pages of papers.
    replay = addSemanticScholarAndMoreau(await replayServer());
    const url = replay.url;
    t = await createTestApp({
      queue,
      worker: true,
      env: { ...sourcesAt(url), SCHOLARLY_TIMEOUT_MS: '2000', SEMANTIC_SCHOLAR_RATE_LIMIT: '1/1000ms' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  const zoe = async (user: TestUser) => (await t.http().post('/people').set(user.auth).send({ fullName: 'Zoë Ångström' }).expect(201)).body.id as string;
  const s2Requests = () => replay.requests.filter((r) => r.path.startsWith('/graph/v1/author'));

  it('paces searches and checks from several users at once by the source\'s limit (1 request a second)', async () => {
    const users = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const people = await Promise.all(users.map(zoe));
    const [first, second, linked] = await Promise.all([
      t.http().get(`/people/${people[0]}/identity-candidates?sources=semanticscholar`).set(users[0].auth).expect(200),
      t.http().get(`/people/${people[1]}/identity-candidates?sources=semanticscholar`).set(users[1].auth).expect(200),
      t.http().post(`/people/${people[2]}/identities`).set(users[2].auth).send({ source: 'semanticscholar', id: '2100000001' }).expect(201),
    ]);
    for (const res of [first, second]) {
      expect(res.body.errors).toEqual([]);
      expect(res.body.candidates.map((c: Candidate) => c.sourceAuthorId)).toContain('2100000001');
    }
    expect(linked.body).toMatchObject({ sourceAuthorId: '2100000001', name: 'Zoë Ångström', warning: null });

    const arrivals = s2Requests().map((r) => r.at).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(3);
    // Asked at the same moment, answered one a second: the limiter counts every one of them
    // (unpaced, all three would arrive within a few milliseconds).
    expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(pacedGap(1000));
    expect(arrivals[2] - arrivals[1]).toBeGreaterThanOrEqual(pacedGap(1000));
  });

  it('runs a search ahead of the sync steps already queued, at the pace they share', async () => {
    const user = await registerUser(t);
    const { personId } = await personWithIdentities(t, user, 'Zoë Ångström', [['semanticscholar', '2100000001']]);
    const namesake = await zoe(user);
    const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body;
    // The sync's first request (the author) is made; its next step (the first page of papers) is queued.
    await waitFor(async () => (s2Requests().length > 0 ? true : undefined), 10_000, 20);
    const listed = await t.http().get(`/people/${namesake}/identity-candidates?sources=semanticscholar`).set(user.auth).expect(200);
    expect(listed.body.errors).toEqual([]);
    expect((await finishedRuns(t, user, runIds)).semanticscholar).toMatchObject({ status: 'succeeded', requests: 4 });

    const s2 = s2Requests();
    // The search went before the sync's remaining pages: nobody waits behind a whole sync.
    expect(s2.map((r) => `${r.path}${r.query.has('offset') ? `?offset=${r.query.get('offset')}` : ''}`)).toEqual([
      '/graph/v1/author/2100000001',
      '/graph/v1/author/search',
      '/graph/v1/author/2100000001/papers?offset=0',
      '/graph/v1/author/2100000001/papers?offset=2',
      '/graph/v1/author/2100000001/papers?offset=4',
    ]);
    // One limit for both: a second between any two requests to the source.
    for (let i = 1; i < s2.length; i += 1) expect(s2[i].at - s2[i - 1].at).toBeGreaterThanOrEqual(pacedGap(1000));
  }, 30_000);

  it('reports the source as busy when its queue cannot answer in time, and takes the request back', async () => {
    const user = await registerUser(t);
    const s2 = t.app.get(JobQueueService).queue(SYNC_SOURCE_JOBS.semanticscholar.queue);
    // Nothing leaves the paused queue: as if its limit were used up for longer than the user can wait.
    await s2.pause();
    try {
      const started = Date.now();
      const [listed, linked] = await Promise.all([
        t.http().get(`/people/${await zoe(user)}/identity-candidates?sources=openalex,semanticscholar`).set(user.auth).expect(200),
        t.http().post(`/people/${await zoe(user)}/identities`).set(user.auth).send({ source: 'semanticscholar', id: '2100000001' }).expect(201),
      ]);
      // The wait is bounded: one request's time limit (2 s), one window of the limit (1 s), and 3 s for the queue.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(listed.body.errors).toEqual([{ source: 'semanticscholar', message: expect.stringMatching(/^semanticscholar: busy, no answer within 6 s/) }]);
      expect(listed.body.candidates.map(brief)).toEqual([
        ['openalex', 'A5100000001'],
        ['openalex', 'A2100000003'],
      ]);
      expect(linked.body).toMatchObject({ sourceAuthorId: '2100000001', status: 'linked', name: null, warning: expect.stringMatching(/^Not checked at semanticscholar \(semanticscholar: busy/) });
    } finally {
      await s2.resume();
    }
    // The requests nobody waits for any more are never sent.
    await sleep(1500);
    expect(s2Requests()).toEqual([]);
  }, 30_000);

  const brief = (c: Candidate) => [c.source, c.sourceAuthorId];
});
