import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { listenOnLoopback, RawAnswer, requestFrom } from '../support/client-address';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'a long enough password';

describe('sign-in throttling', () => {
  const clock = new TestClock();
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    base = await listenOnLoopback(t.app);
  });
  afterAll(() => t.close());

  const signIn = (from: string, email: string, password: string): Promise<RawAnswer> => requestFrom(from, base, 'POST', '/auth/login', { email, password });
  const retryAfter = (answer: RawAnswer): number => Number(answer.headers['retry-after']);

  it('slows 30 wrong passwords down with a growing Retry-After, then lets the owner in after the wait', async () => {
    const owner = await registerUser(t, { password: PASSWORD });
    const from = '127.0.0.2';
    const statuses: number[] = [];
    const waits: number[] = [];
    for (let wrong = 0; wrong < 30; ) {
      const answer = await signIn(from, owner.email, `guess number ${wrong}`);
      statuses.push(answer.status);
      if (answer.status === 401) {
        wrong += 1;
        continue;
      }
      expect(answer.status).toBe(429);
      expect(answer.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'auth.too-many-attempts', requestId: expect.any(String) });
      waits.push(retryAfter(answer));
      clock.advance(retryAfter(answer) * 1000);
    }
    // Five free failures, then every failure is followed by a wait twice as long as the one before
    // (waiting out a block earns no forgiveness), up to 15 min, where it stays.
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, ...Array(14).fill(900)]);

    // During the wait, even the right password is refused, from anywhere: the block is on the account.
    const blocked = await signIn('127.0.0.3', owner.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(800);
    clock.advance(retryAfter(blocked) * 1000);
    const ok = await signIn('127.0.0.3', owner.email, PASSWORD);
    expect(ok.status).toBe(200);
    // A sign-in that succeeds clears the account's count: the next mistake is just a 401, and the one after it is not refused.
    expect((await signIn('127.0.0.3', owner.email, 'one typo')).status).toBe(401);
    expect((await signIn('127.0.0.3', owner.email, PASSWORD)).status).toBe(200);
    // 30 real password hashes (scrypt, memory-hard by design) take a while on a busy machine.
  }, 120_000);

  it('throttles an account from a new address, and an address across accounts after more failures', async () => {
    const victim = await registerUser(t, { password: PASSWORD });
    for (let i = 0; i < 6; i++) expect((await signIn('127.0.1.1', victim.email, `guess ${i}`)).status).toBe(401);
    // The attacker moves to another address: the account is still blocked.
    expect((await signIn('127.0.1.2', victim.email, 'guess 7')).status).toBe(429);

    // One address trying many accounts, a few guesses each (never enough to block an account): blocked after 20.
    const from = '127.0.1.3';
    const targets: string[] = Array.from({ length: 6 }, (_, i) => `nobody-${i}-${Date.now()}@example.org`);
    const answers: number[] = [];
    for (const email of targets) for (let i = 0; i < 4; i++) answers.push((await signIn(from, email, `guess ${i}`)).status);
    expect(answers.slice(0, 21)).toEqual(Array(21).fill(401));
    expect(answers.slice(21)).toEqual([429, 429, 429]);
    // Emails with no account count like any other (the answers do not tell which exist)…
    const fresh = await signIn(from, 'yet-another@example.org', 'guess');
    expect(fresh.status).toBe(429);
    expect(fresh.body.code).toBe('auth.too-many-attempts');
    // …and another address is not affected.
    expect((await signIn('127.0.1.4', targets[5], 'guess')).status).toBe(401);
  }, 120_000);

  it('refuses before hashing: 40 guesses sent at once run the password hash only until the block is set', async () => {
    const owner = await registerUser(t, { password: PASSWORD });
    // Observed, not replaced: the real scrypt still runs, and every call is counted.
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const scrypt = jest.spyOn(crypto, 'scrypt');
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`127.0.2.${1 + (i % 8)}`, owner.email, `guess ${i}`)));
      const statuses = answers.map((a) => a.status);
      // The five free guesses and the one that sets the first block; the other 34 cost no hash at all.
      expect(statuses.filter((s) => s === 401)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(34);
      expect(scrypt).toHaveBeenCalledTimes(6);
    } finally {
      scrypt.mockRestore();
    }
    clock.advance(2000);
    expect((await signIn('127.0.2.9', owner.email, PASSWORD)).status).toBe(200);
  });

  it('forgets an old attack: counts decay, so a day later the account has its free attempts again', async () => {
    const owner = await registerUser(t, { password: PASSWORD });
    for (let i = 0; i < 6; i++) await signIn('127.0.3.1', owner.email, `guess ${i}`);
    expect((await signIn('127.0.3.1', owner.email, 'guess')).status).toBe(429);
    clock.advance(24 * 3600_000);
    for (let i = 0; i < 5; i++) expect((await signIn('127.0.3.2', owner.email, `typo ${i}`)).status).toBe(401);
  });

  it('throttles password guesses made with a stolen session as failed sign-ins of the account', async () => {
    const owner = await registerUser(t, { password: PASSWORD });
    const change = (currentPassword: string) => requestFrom('127.0.5.1', base, 'POST', '/me/password', { currentPassword, newPassword: 'a new long password' }, owner.auth);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await change(`guess ${i}`)).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 429]);
    // The same account count as signing in: the owner's sign-in waits too, and nothing was changed.
    expect((await signIn('127.0.5.2', owner.email, PASSWORD)).status).toBe(429);
    clock.advance(2000);
    expect((await signIn('127.0.5.2', owner.email, PASSWORD)).status).toBe(200);
  });

  it('stores neither the emails tried nor the addresses', async () => {
    await signIn('127.0.4.1', 'someone-private@example.org', 'guess');
    const rows = (await t.db.query('SELECT s::text AS row FROM sign_in_throttles s')).map((r: { row: string }) => r.row);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r: string) => r.includes('someone-private') || r.includes('127.0.4.1'))).toEqual([]);
  });
});

describe('API-wide rate limit', () => {
  describe.each(['postgres', 'redis'] as const)('shared by every process (%s store)', (queue) => {
    let a: TestApp;
    let b: TestApp;
    let user: TestUser;
    let other: TestUser;
    beforeAll(async () => {
      const prefix = `rl${process.pid}${queue}${Math.random().toString(36).slice(2, 6)}`;
      const env = { RATE_LIMIT: '5/1m', QUEUE_PREFIX: prefix };
      a = await createTestApp({ queue, env });
      b = await createTestApp({ queue, env, databaseUrl: a.config.database.url });
      // Registered from another address than the one counted below (registration counts per address).
      user = await registerUser(a);
      other = await registerUser(b);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('counts one token across two processes and answers 429 in the one error shape, with the RateLimit fields', async () => {
      const seen: { remaining: string; policy: string; limit: string }[] = [];
      for (const app of [a, b, a, b, a]) {
        const res = await app.http().get('/me').set(user.auth).expect(200);
        seen.push({ remaining: res.headers['ratelimit-remaining'], policy: res.headers['ratelimit-policy'], limit: res.headers['ratelimit-limit'] });
        expect(res.headers.ratelimit).toMatch(/^"default";r=\d;t=\d+$/);
      }
      expect(seen.map((s) => s.remaining)).toEqual(['4', '3', '2', '1', '0']);
      expect(new Set(seen.map((s) => s.policy))).toEqual(new Set(['"default";q=5;w=60']));
      expect(new Set(seen.map((s) => s.limit))).toEqual(new Set(['5']));

      const refused = await b.http().get('/me').set(user.auth).expect(429);
      expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', code: 'rate-limit.exceeded', message: expect.stringContaining('at most 5 every 60 s'), requestId: expect.any(String) });
      expect(refused.headers['x-request-id']).toBe(refused.body.requestId);
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.headers.ratelimit).toBe(`"default";r=0;t=${refused.headers['ratelimit-reset']}`);
      expect(refused.headers['ratelimit-remaining']).toBe('0');
      // Writes too, through the other process.
      await a.http().post('/people').set(user.auth).send({ fullName: 'Ada Lovelace' }).expect(429);

      // Per credential: another account's token is untouched.
      await a.http().get('/me').set(other.auth).expect(200);
    });

    it('counts requests without a valid token per address, and never limits /health', async () => {
      const fresh = await listenOnLoopback(a.app);
      const freshB = await listenOnLoopback(b.app);
      const from = queue === 'postgres' ? '127.0.5.1' : '127.0.5.2';
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await requestFrom(from, i % 2 ? fresh : freshB, 'GET', '/me', undefined, { Authorization: 'Bearer dsr_not-a-real-token' })).status);
      // A made-up token is no credential of its own: it counts against the address.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await requestFrom(from, fresh, 'POST', '/auth/login', { email: 'x@example.org', password: 'guess' })).status).toBe(429);
      for (let i = 0; i < 10; i++) {
        const health = await requestFrom(from, fresh, 'GET', '/health');
        expect(health.status).toBe(200);
        expect(health.headers['ratelimit-remaining']).toBeUndefined();
      }
      expect((await requestFrom(from, fresh, 'GET', '/health/ready')).status).toBe(200);
      // Another address has its own count.
      expect((await requestFrom('127.0.5.9', fresh, 'GET', '/me')).status).toBe(401);
    });
  });

  it('without Redis, takes requests in small leases yet never lets more than the limit through across processes', async () => {
    // 150 a minute: each process takes 3 at a time from the shared count.
    const env = { RATE_LIMIT: '150/1m' };
    const a = await createTestApp({ queue: 'postgres', env });
    const b = await createTestApp({ queue: 'postgres', env, databaseUrl: a.config.database.url });
    try {
      const user = await registerUser(a);
      const statuses: { a: number[]; b: number[] } = { a: [], b: [] };
      for (let i = 0; i < 170; i++) {
        const [name, app] = i % 2 ? (['b', b] as const) : (['a', a] as const);
        statuses[name].push((await app.http().get('/me').set(user.auth)).status);
      }
      const allowed = [...statuses.a, ...statuses.b].filter((s) => s === 200).length;
      // At most the limit; at worst one unused lease of the other process short of it.
      expect(allowed).toBeLessThanOrEqual(150);
      expect(allowed).toBeGreaterThanOrEqual(148);
      // Once refused, refused for the rest of the window, in both processes.
      for (const list of [statuses.a, statuses.b]) expect(list.slice(list.indexOf(429))).toEqual(Array(list.length - list.indexOf(429)).fill(429));
      const [{ hits }] = await a.db.query('SELECT max(hits)::int AS hits FROM rate_limit_counters');
      expect(hits).toBeLessThanOrEqual(150 + 2 * 3);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('keeps the calendar feed syncing when its address has used up its count elsewhere', async () => {
    const t = await createTestApp({ queue: 'postgres', env: { RATE_LIMIT: '3/1m' } });
    try {
      const base = await listenOnLoopback(t.app);
      const user = await registerUser(t);
      const feedUrl = new URL((await t.http().post('/calendar/feed').set(user.auth).expect(201)).body.url);
      const from = '127.0.6.1';
      for (let i = 0; i < 3; i++) await requestFrom(from, base, 'GET', '/me');
      expect((await requestFrom(from, base, 'GET', '/me')).status).toBe(429);
      const feed = await requestFrom(from, base, 'GET', feedUrl.pathname);
      expect(feed.status).toBe(200);
      expect(feed.body).toContain('BEGIN:VCALENDAR');
      expect(feed.headers['ratelimit-remaining']).toBe('2');
    } finally {
      await t.close();
    }
  });

  it('is off with RATE_LIMIT=off', async () => {
    const t = await createTestApp({ queue: 'postgres', env: { RATE_LIMIT: 'off' } });
    try {
      const user = await registerUser(t);
      const res = await t.http().get('/me').set(user.auth).expect(200);
      expect(res.headers['ratelimit-policy']).toBeUndefined();
      expect(res.headers.ratelimit).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
