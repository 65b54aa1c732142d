import type { ReplayServer } from '../support/replay-server';
import { addZoeCandidateSearches, finishedRuns, OPENALEX_AUTHOR, personWithIdentities, scholarlyReplay, syncEnv, ZOE } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A strict OpenAlex: it answers 429 to any request that arrives closer than 105 ms after the last
 * one it admitted. Two installations' processes (API + worker each, on one database and one queue
 * namespace) run a person's sync and a stream of interactive candidate searches at the same time;
 * the server must never have had to refuse one. The gaps are the server's own arrival times.
 */
const SPACING_MS = 105;

describe.each<QueueBackend>(['redis', 'postgres'])('requests paced when sent, over processes, on %s', (queue) => {
  let replay: ReplayServer;
  let a: TestApp;
  let b: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    replay = addZoeCandidateSearches(await scholarlyReplay());
    const env = syncEnv(replay, { OPENALEX_RATE_LIMIT: `1/${SPACING_MS}ms`, QUEUE_PREFIX: `pace${process.pid}${queue}` });
    a = await createTestApp({ queue, worker: true, env });
    b = await createTestApp({ queue, worker: true, env, databaseUrl: a.config.database.url });
    user = await registerUser(a);
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await replay?.close();
  });

  it('no OpenAlex request arrives closer than its setting: sync steps and lookups alike, from two processes', async () => {
    replay.limit({ pathPrefix: '/', max: 1, windowMs: SPACING_MS });
    const { personId } = await personWithIdentities(a, user, ZOE, [['openalex', OPENALEX_AUTHOR]]);
    const searched = await a.http().post('/people').set(user.auth).send({ fullName: ZOE }).expect(201);

    const sync = a.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    // Lookups through both installations while the sync runs: each is one OpenAlex request.
    const lookups = Array.from({ length: 6 }, (_, i) =>
      (i % 2 === 0 ? a : b)
        .http()
        .get(`/people/${searched.body.id}/identity-candidates?sources=openalex`)
        .set(user.auth)
        .expect(200),
    );
    const answers = await Promise.all(lookups);
    const runs = await finishedRuns(a, user, (await sync).body.runIds);

    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 5, errors: [] });
    for (const answer of answers) expect(answer.body.errors).toEqual([]);
    const [stats] = replay.limitStats();
    expect(stats).toMatchObject({ admitted: 11, refused: 0 });
    const arrivals = replay.requests.map((r) => r.at).sort((x, y) => x - y);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SPACING_MS);
  }, 120_000);
});
