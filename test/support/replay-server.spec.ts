import { ReplayServer } from './replay-server';

/** The opt-in rate limit of the replay server, which `npm run bench:sync` uses to check the sync's politeness. */
describe('ReplayServer limit', () => {
  let replay: ReplayServer;
  const get = async (path: string) => {
    const res = await fetch(replay.url + path);
    await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  };

  beforeEach(async () => {
    replay = (await ReplayServer.start()).route({ path: '/works', body: '{"results":[]}' }).route({ path: '/authors/A1', body: '{"id":"A1"}' });
  });
  afterEach(() => replay.close());

  it('without a limit, answers every request', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => get('/works')));
    expect(statuses.map((s) => s.status)).toEqual(Array(20).fill(200));
  });

  it('sliding window: past max in windowMs, 429 with Retry-After, counted; other paths are not limited; room again once the window has passed', async () => {
    replay.limit({ pathPrefix: '/works', max: 2, windowMs: 400 });
    expect(await get('/works?cursor=*')).toEqual({ status: 200, retryAfter: null });
    expect(await get('/works?cursor=2')).toEqual({ status: 200, retryAfter: null });
    expect(await get('/works?cursor=3')).toEqual({ status: 429, retryAfter: '1' });
    expect((await get('/authors/A1')).status).toBe(200);
    const [stats] = replay.limitStats();
    expect(stats).toEqual({ pathPrefix: '/works', admitted: 2, refused: 1, refusedEarlyMs: [expect.any(Number)], peakInFlight: 1, firstAt: expect.any(Number), lastAt: expect.any(Number) });
    // It came within the window of the first: early by the rest of it.
    expect(stats.refusedEarlyMs[0]).toBe(400 - (stats.lastAt! - stats.firstAt!));
    // Every request is still recorded, the refused one too.
    expect(replay.requests.map((r) => r.query.get('cursor'))).toEqual(['*', '2', '3', null]);

    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await get('/works')).status).toBe(200);
    expect(replay.limitStats()[0]).toMatchObject({ admitted: 3, refused: 1 });
  });

  it('fixed window: max per window, the wait until the window ends as Retry-After', async () => {
    replay.limit({ pathPrefix: '/', max: 1, windowMs: 3_600_000, window: 'fixed' });
    expect((await get('/works')).status).toBe(200);
    const refused = await get('/authors/A1');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
  });

  it('token bucket: a burst, then the refill rate', async () => {
    replay.limit({ pathPrefix: '/works', max: 1, windowMs: 10_000, window: 'bucket', burst: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await get('/works'));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429]);
    expect(Number(statuses[3].retryAfter)).toBe(10);
  });

  it('max in flight: a second request while the first is being answered is refused', async () => {
    replay.limit({ pathPrefix: '/works', max: 100, windowMs: 1000, maxInFlight: 1, latencyMs: 300 });
    const [first, second] = await Promise.all([get('/works'), new Promise((resolve) => setTimeout(resolve, 50)).then(() => get('/works'))]);
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(replay.limitStats()[0]).toMatchObject({ admitted: 1, refused: 1, peakInFlight: 1 });
    // Answered, so no longer in flight.
    expect((await get('/works')).status).toBe(200);
  });
});
