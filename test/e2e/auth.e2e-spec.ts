import { createTestApp, registerUser, TestApp } from '../support/test-app';

describe('accounts and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers, logs in and answers /me with the bearer token', async () => {
    const user = await registerUser(t, { email: 'Ada@Example.org', password: 'correct horse battery' });
    expect(user.email).toBe('Ada@Example.org');
    const login = await t.http().post('/auth/login').send({ email: 'ada@example.org', password: 'correct horse battery' }).expect(200);
    expect(login.body.token).toMatch(/^dsr_/);
    const me = await t.http().get('/me').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    expect(me.body).toMatchObject({ email: 'ada@example.org', displayName: 'ada', timeZone: 'UTC' });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    await registerUser(t, { email: 'grace@example.org' });
    const wrong = await t.http().post('/auth/login').send({ email: 'grace@example.org', password: 'not the password' }).expect(401);
    const unknown = await t.http().post('/auth/login').send({ email: 'nobody@example.org', password: 'not the password' }).expect(401);
    expect(wrong.body.message).toBe('Email or password is wrong');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rejects a second account with the same email, whatever its case', async () => {
    await registerUser(t, { email: 'emmy@example.org' });
    const res = await t.http().post('/auth/register').send({ email: 'EMMY@example.org', password: 'a long enough password' }).expect(409);
    expect(res.body.code).toBe('auth.email-taken');
  });

  it('needs a token on every private route', async () => {
    const res = await t.http().get('/me').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'auth.unauthenticated' });
    expect(res.body.requestId).toEqual(expect.any(String));
    await t.http().get('/me').set('Authorization', 'Bearer dsr_made-up').expect(401);
  });

  it('creates, lists and revokes personal access tokens; a revoked token stops working at once', async () => {
    const user = await registerUser(t);
    const created = await t.http().post('/tokens').set(user.auth).send({ name: 'dashboard', expiresInDays: 30 }).expect(201);
    expect(created.body.token).toMatch(/^dsr_/);
    const pat = { Authorization: `Bearer ${created.body.token}` };
    await t.http().get('/me').set(pat).expect(200);

    const list = await t.http().get('/tokens').set(user.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: 'dashboard', prefix: created.body.token.slice(0, 10), scopes: ['read', 'write'] });
    expect(list.body.items[0].token).toBeUndefined();

    await t.http().delete(`/tokens/${created.body.id}`).set(user.auth).expect(204);
    await t.http().get('/me').set(pat).expect(401);
    expect((await t.http().get('/tokens').set(user.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('stores tokens hashed and passwords with a memory-hard KDF', async () => {
    const user = await registerUser(t);
    const rows = await t.db.query('SELECT token_hash FROM access_tokens WHERE user_id = $1', [user.id]);
    expect(rows[0].token_hash).not.toContain(user.token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ password_hash }] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('logs out by revoking the session token', async () => {
    const user = await registerUser(t);
    await t.http().post('/auth/logout').set(user.auth).expect(204);
    await t.http().get('/me').set(user.auth).expect(401);
  });

  it('names every bad field of a registration at once and rejects unknown fields', async () => {
    const res = await t.http().post('/auth/register').send({ email: 'not-an-email', password: 'short', admin: true }).expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', problem: 'must be an email' },
        { field: 'password', problem: 'must be longer than or equal to 10 characters' },
        { field: 'admin', problem: 'is not a known field' },
      ]),
    );
  });
});
