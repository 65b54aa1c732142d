import { searchDatabase } from '../support/database-search';
import { createTestApp, registerUser, TestApp } from '../support/test-app';

/**
 * Idempotency-Key: a client that retries a write (its connection dropped, the user clicked twice)
 * gets the first answer back and nothing is written twice.
 */
describe('Idempotency-Key on writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers a retried write with the first answer, and writes once', async () => {
    const user = await registerUser(t);
    const first = await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'add-ada-1').send({ fullName: 'Ada Lovelace' }).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'add-ada-1').send({ fullName: 'Ada Lovelace' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(again.body).toEqual(first.body);
    expect((await t.http().get('/people').set(user.auth).expect(200)).body.total).toBe(1);

    // Without a key, or with a new one, a write is a new write.
    await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'add-ada-2').send({ fullName: 'Ada Lovelace' }).expect(201);
    expect((await t.http().get('/people').set(user.auth).expect(200)).body.total).toBe(2);
  });

  it('lets one of several concurrent requests with a key run; the others get its answer or 409 while it runs', async () => {
    const user = await registerUser(t);
    const person = (await t.http().post('/people').set(user.auth).send({ fullName: 'Grace Hopper' }).expect(201)).body;
    const log = () => t.http().post(`/people/${person.id}/interactions`).set(user.auth).set('Idempotency-Key', 'chat-at-icml').send({ type: 'conference_chat', occurredAt: '2026-07-20T10:00:00Z', summary: 'Poster chat' });
    const answers = await Promise.all([log(), log(), log(), log()]);
    for (const res of answers) expect([201, 409]).toContain(res.status);
    const created = answers.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const res of answers.filter((r) => r.status === 409)) expect(res.body.code).toBe('idempotency.in-progress');
    expect((await log().expect(201)).body.id).toBe(created[0].body.id);
    expect((await t.http().get(`/people/${person.id}/interactions`).set(user.auth).expect(200)).body.items).toHaveLength(1);
  });

  it('refuses a key used for another request, keeps keys per user, and names a malformed key', async () => {
    const user = await registerUser(t);
    const other = await registerUser(t);
    await t.http().post('/organizations').set(user.auth).set('Idempotency-Key', 'k-1').send({ name: 'Example Frontier Lab' }).expect(201);
    const reused = await t.http().post('/organizations').set(user.auth).set('Idempotency-Key', 'k-1').send({ name: 'Another Lab' }).expect(422);
    expect(reused.body).toMatchObject({ statusCode: 422, code: 'idempotency.key-reused' });
    // The same key is another user's own.
    await t.http().post('/organizations').set(other.auth).set('Idempotency-Key', 'k-1').send({ name: 'Another Lab' }).expect(201);
    const bad = await t.http().post('/organizations').set(user.auth).set('Idempotency-Key', 'x'.repeat(300)).send({ name: 'Lab' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'Idempotency-Key', problem: 'must be one value of 1 to 255 visible ASCII characters' }]);
    // A refused write answers the same when retried: nothing ran either time.
    const invalid = await t.http().post('/organizations').set(user.auth).set('Idempotency-Key', 'k-2').send({ name: '' }).expect(400);
    const retried = await t.http().post('/organizations').set(user.auth).set('Idempotency-Key', 'k-2').send({ name: '' }).expect(400);
    expect(retried.body.details).toEqual(invalid.body.details);
    expect((await t.http().get('/organizations').set(user.auth).expect(200)).body.total).toBe(1);
  });

  it('replays a 204 and a Location header as they were', async () => {
    const user = await registerUser(t);
    const person = (await t.http().post('/people').set(user.auth).send({ fullName: 'Alan Turing' }).expect(201)).body;
    await t.http().delete(`/people/${person.id}`).set(user.auth).set('Idempotency-Key', 'del-alan').expect(204);
    const again = await t.http().delete(`/people/${person.id}`).set(user.auth).set('Idempotency-Key', 'del-alan').expect(204);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without the key, the person is gone: 404.
    await t.http().delete(`/people/${person.id}`).set(user.auth).expect(404);

    await t.http().post('/examples/research-lab').set(user.auth).expect(201);
    const interview = (await t.http().get('/interviews?when=upcoming&days=7').set(user.auth).expect(200)).body.items[0].id;
    const asked = await t.http().post(`/interviews/${interview}/briefings`).set(user.auth).set('Idempotency-Key', 'brief-1').expect(202);
    const askedAgain = await t.http().post(`/interviews/${interview}/briefings`).set(user.auth).set('Idempotency-Key', 'brief-1').expect(202);
    expect(askedAgain.headers.location).toBe(asked.headers.location);
    expect(askedAgain.headers.location).toBe(`/briefings/${asked.body.id}`);
  });

  it('forgets an answer after a day', async () => {
    const user = await registerUser(t);
    await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'old').send({ fullName: 'Hedy Lamarr' }).expect(201);
    await t.db.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1", [user.id]);
    const later = await t.http().post('/people').set(user.auth).set('Idempotency-Key', 'old').send({ fullName: 'Hedy Lamarr' }).expect(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect((await t.http().get('/people').set(user.auth).expect(200)).body.total).toBe(2);
  });

  it('never keeps a secret for replay: a retried token or feed request says it succeeded, shows what it made, and no secret is stored', async () => {
    const user = await registerUser(t);
    const token = await t.http().post('/tokens').set(user.auth).set('Idempotency-Key', 'ci-token').send({ name: 'ci' }).expect(201);
    const feed = await t.http().post('/calendar/feed').set(user.auth).set('Idempotency-Key', 'my-feed').send().expect(201);
    const feedSecret = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(feed.body.url)![1];
    // The new token works: the first answer was the real one.
    await t.http().get('/me').set({ Authorization: `Bearer ${token.body.token}` }).expect(200);

    const tokenAgain = await t.http().post('/tokens').set(user.auth).set('Idempotency-Key', 'ci-token').send({ name: 'ci' }).expect(409);
    expect(tokenAgain.headers['idempotent-replayed']).toBe('true');
    const { token: _secret, ...tokenWithoutSecret } = token.body;
    expect(tokenAgain.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'idempotency.secret-not-replayed',
      message: expect.stringContaining('already succeeded (201)'),
      originalStatus: 201,
      withheld: ['token'],
      created: tokenWithoutSecret,
      requestId: expect.any(String),
    });
    // Nothing was created twice.
    expect((await t.http().get('/tokens').set(user.auth).expect(200)).body.filter((k: { name: string }) => k.name === 'ci')).toHaveLength(1);

    // After the feed is revoked, a retry does not hand out its dead URL.
    await t.http().delete('/calendar/feed').set(user.auth).expect(204);
    const feedAgain = await t.http().post('/calendar/feed').set(user.auth).set('Idempotency-Key', 'my-feed').send().expect(409);
    expect(feedAgain.body).toMatchObject({ code: 'idempotency.secret-not-replayed', withheld: ['url'], created: { createdAt: feed.body.createdAt } });
    expect(JSON.stringify(feedAgain.body)).not.toContain(feedSecret);
    expect((await t.http().get('/calendar/feed').set(user.auth).expect(200)).body.active).toBe(false);

    // The whole database, every text and JSON column of every table: no token, no feed secret.
    expect(await searchDatabase(t.db, [token.body.token, feedSecret, user.token])).toEqual([]);
  });

  it('keeps a refused request on a secret route as it was: its error holds no secret and replays as sent', async () => {
    const user = await registerUser(t);
    const refused = await t.http().post('/tokens').set(user.auth).set('Idempotency-Key', 'bad-token').send({ name: '' }).expect(400);
    const again = await t.http().post('/tokens').set(user.auth).set('Idempotency-Key', 'bad-token').send({ name: '' }).expect(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.details).toEqual(refused.body.details);
  });
});
