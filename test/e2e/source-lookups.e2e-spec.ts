import { ReplayServer } from '../support/replay-server';
import { addZoeCandidateSearches, sourcesAt, ZOE } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Interactive lookups as a user meets them: a short 429 is waited out within the lookup's time
 * limit (the source answers, not an error), a long one drops the source with the reason, and an
 * auto-link right after a candidate search takes the sources' answers again instead of asking
 * twice. The replay server's request log counts what each source was sent.
 */
const openAlexSearch = { path: '/authors', query: { filter: `display_name.search:${ZOE}` } };
const s2Search = { path: '/graph/v1/author/search', query: { query: ZOE } };

describe('interactive source lookups', () => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = addZoeCandidateSearches(await ReplayServer.start());
    // The time limit of a lookup: 2 s for the request, one window of the source's limit, and 3 s of slack (about 5 s).
    t = await createTestApp({ worker: true, env: { ...sourcesAt(replay.url), SCHOLARLY_TIMEOUT_MS: '2000', SEMANTIC_SCHOLAR_RATE_LIMIT: '10/1s' } });
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

  const zoe = async (user: TestUser) => (await t.http().post('/people').set(user.auth).send({ fullName: ZOE }).expect(201)).body.id as string;
  const candidates = (user: TestUser, id: string, sources: string) => t.http().get(`/people/${id}/identity-candidates?sources=${sources}`).set(user.auth).expect(200);
  const sent = (path: string) => replay.requests.filter((r) => r.path === path).length;

  it('waits out a short Retry-After, in seconds or as an HTTP date, and the source answers', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    replay.fault(openAlexSearch, { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    replay.fault(s2Search, { kind: 'status', status: 429, headers: { 'retry-after': new Date(Date.now() + 3_000).toUTCString() } });
    const res = (await candidates(user, id, 'openalex,semanticscholar')).body;
    expect(res.errors).toEqual([]);
    expect(res.candidates.map((c: { source: string; sourceAuthorId: string }) => [c.source, c.sourceAuthorId])).toEqual(
      expect.arrayContaining([
        ['openalex', 'A5100000001'],
        ['semanticscholar', '2100000001'],
      ]),
    );
    // Each source was asked twice: refused once, then answered.
    expect(sent('/authors')).toBe(2);
    expect(sent('/graph/v1/author/search')).toBe(2);
  }, 30_000);

  it('auto-link right after a candidate search reuses its answers: one search per source', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    await candidates(user, id, 'openalex,semanticscholar');
    const linked = (await t.http().post(`/people/${id}/identities/auto-link`).set(user.auth).send({ sources: ['openalex', 'semanticscholar'] }).expect(200)).body;
    expect(linked.errors).toEqual([]);
    expect(sent('/authors')).toBe(1);
    expect(sent('/graph/v1/author/search')).toBe(1);

    // Another person (or another account) is searched afresh.
    const other = await zoe(await registerUser(t));
    await t.http().post(`/people/${other}/identities/auto-link`).set((await registerUser(t)).auth).send({ sources: ['openalex'] }).expect(404);
    await t.http().post(`/people/${other}/identities/auto-link`).set(user.auth).send({ sources: ['openalex'] }).expect(404);
    const mine = await zoe(user);
    await t.http().post(`/people/${mine}/identities/auto-link`).set(user.auth).send({ sources: ['openalex'] }).expect(200);
    expect(sent('/authors')).toBe(2);
  }, 30_000);

  it('drops a source whose Retry-After does not fit the time limit, saying why', async () => {
    const user = await registerUser(t);
    const id = await zoe(user);
    replay.fault(s2Search, { kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const res = (await candidates(user, id, 'semanticscholar')).body;
    expect(res.errors).toEqual([{ source: 'semanticscholar', message: expect.stringMatching(/^semanticscholar: rate limited, retry after 30 s/) }]);
    expect(sent('/graph/v1/author/search')).toBe(1);
  }, 30_000);
});
