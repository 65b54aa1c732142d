import { Client } from 'pg';
import { QueueName } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The accounts, written as an attacker tries them: a second account on the server, a stolen or
 * revoked token, a read-only token, someone without an invitation. Each test checks the answer and
 * that nothing was read or changed.
 */

const PASSWORD = 'a long enough password';
const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

async function login(t: TestApp, email: string, password = PASSWORD, userAgent = 'attacker-test/1.0'): Promise<{ token: string; auth: { Authorization: string } }> {
  const res = await t.http().post('/auth/login').set('user-agent', userAgent).send({ email, password }).expect(200);
  return { token: res.body.token, auth: bearer(res.body.token) };
}

async function createToken(t: TestApp, auth: { Authorization: string }, body: object): Promise<{ id: string; token: string; auth: { Authorization: string }; scopes: string[]; expiresAt: string | null }> {
  const res = await t.http().post('/tokens').set(auth).send({ name: 'script', ...body }).expect(201);
  return { ...res.body, auth: bearer(res.body.token) };
}

describe('registration: the first account is the admin, REGISTRATION decides the rest', () => {
  const apps: TestApp[] = [];
  const boot = async (registration: 'invite' | 'open' | 'closed'): Promise<TestApp> => {
    const t = await createTestApp({ env: { REGISTRATION: registration, PUBLIC_URL: 'https://dossier.example.org/base/' } });
    apps.push(t);
    return t;
  };
  afterAll(() => Promise.all(apps.map((t) => t.close())));

  it('lets the first account in without an invitation and makes it the admin; the next needs one', async () => {
    const t = await boot('invite');
    expect((await t.http().get('/auth/registration').expect(200)).body).toEqual({ mode: 'invite', firstAccount: true });
    const first = await t.http().post('/auth/register').send({ email: 'founder@example.org', password: PASSWORD }).expect(201);
    expect(first.body.user.role).toBe('admin');
    expect((await t.http().get('/auth/registration').expect(200)).body).toEqual({ mode: 'invite', firstAccount: false });

    const uninvited = await t.http().post('/auth/register').send({ email: 'stranger@example.org', password: PASSWORD }).expect(403);
    expect(uninvited.body).toMatchObject({ statusCode: 403, code: 'auth.invitation-required' });
    const madeUp = await t.http().post('/auth/register').send({ email: 'stranger@example.org', password: PASSWORD, invitation: 'dsi_made-up' }).expect(403);
    expect(madeUp.body.code).toBe('auth.invitation-invalid');
    expect(await count(t, 'users')).toBe(1);
  });

  it('makes exactly one admin when first registrations arrive at once', async () => {
    const t = await boot('open');
    // Hold the users table so that all three reach the database before any may look at it: the
    // password hashing in front would otherwise space them out and hide a race.
    const holder = new Client({ connectionString: t.config.database.url });
    await holder.connect();
    let results: Awaited<ReturnType<ReturnType<TestApp['http']>['post']>>[];
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      // `.then` sends each request now (supertest sends on first await), while the table is held.
      const pending = Promise.all(['one', 'two', 'three'].map((n) => t.http().post('/auth/register').send({ email: `${n}@example.org`, password: PASSWORD }).then((r) => r)));
      // Watched from outside the holder's transaction, whose view of pg_stat_activity is frozen at its first look.
      await waitFor(async () => {
        const [{ n }] = await t.db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return n >= 3 ? true : undefined;
      });
      await holder.query('COMMIT');
      results = await pending;
    } finally {
      await holder.end();
    }
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.user.role).sort()).toEqual(['admin', 'user', 'user']);
    expect(await t.db.query("SELECT count(*)::int AS n FROM users WHERE role = 'admin'")).toEqual([{ n: 1 }]);
  });

  it('admits one registration per invitation, while it lasts, for the address it names; stores only its hash', async () => {
    const t = await boot('invite');
    const admin = await registerUser(t);
    const invitation = (await t.http().post('/admin/invitations').set(admin.auth).send({}).expect(201)).body;
    expect(invitation.url).toBe(`https://dossier.example.org/base/app/invitations/${invitation.token}`);
    expect(invitation).toMatchObject({ status: 'pending', email: null, createdBy: admin.id });
    const stored = JSON.stringify(await t.db.query('SELECT * FROM invitations'));
    expect(stored).not.toContain(invitation.token);

    const guest = await t.http().post('/auth/register').send({ email: 'guest@example.org', password: PASSWORD, invitation: invitation.token }).expect(201);
    expect(guest.body.user.role).toBe('user');
    const again = await t.http().post('/auth/register').send({ email: 'second-guest@example.org', password: PASSWORD, invitation: invitation.token }).expect(403);
    expect(again.body.code).toBe('auth.invitation-invalid');
    const listed = (await t.http().get('/admin/invitations').set(admin.auth).expect(200)).body;
    expect(listed.items).toEqual([expect.objectContaining({ id: invitation.id, status: 'used', usedBy: guest.body.user.id })]);
    expect(listed.items[0].token).toBeUndefined();

    const expired = (await t.http().post('/admin/invitations').set(admin.auth).send({ expiresInDays: 1 }).expect(201)).body;
    await t.db.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.id]);
    expect((await t.http().post('/auth/register').send({ email: 'late@example.org', password: PASSWORD, invitation: expired.token }).expect(403)).body.code).toBe('auth.invitation-invalid');

    const withdrawn = (await t.http().post('/admin/invitations').set(admin.auth).send({}).expect(201)).body;
    await t.http().delete(`/admin/invitations/${withdrawn.id}`).set(admin.auth).expect(204);
    expect((await t.http().post('/auth/register').send({ email: 'withdrawn@example.org', password: PASSWORD, invitation: withdrawn.token }).expect(403)).body.code).toBe('auth.invitation-invalid');

    const named = (await t.http().post('/admin/invitations').set(admin.auth).send({ email: 'Named@Example.org' }).expect(201)).body;
    const wrongPerson = await t.http().post('/auth/register').send({ email: 'thief@example.org', password: PASSWORD, invitation: named.token }).expect(403);
    expect(wrongPerson.body.code).toBe('auth.invitation-invalid');
    await t.http().post('/auth/register').send({ email: 'named@example.org', password: PASSWORD, invitation: named.token }).expect(201);

    // The same invitation twice at once: one account.
    const raced = (await t.http().post('/admin/invitations').set(admin.auth).send({}).expect(201)).body;
    const race = await Promise.all(['racer-a', 'racer-b'].map((n) => t.http().post('/auth/register').send({ email: `${n}@example.org`, password: PASSWORD, invitation: raced.token })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(await count(t, 'users')).toBe(4);
  });

  it('lets nobody in when closed, invitation or not, once the admin exists', async () => {
    const t = await boot('closed');
    expect((await t.http().get('/auth/registration').expect(200)).body).toEqual({ mode: 'closed', firstAccount: true });
    const admin = await registerUser(t);
    const invitation = (await t.http().post('/admin/invitations').set(admin.auth).send({}).expect(201)).body;
    const res = await t.http().post('/auth/register').send({ email: 'late@example.org', password: PASSWORD, invitation: invitation.token }).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'auth.registration-closed' });
    expect(await count(t, 'users')).toBe(1);
  });
});

describe('a second account against the admin routes and the queue dashboard', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerUser(t);
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  it('finds no admin route: the same 404 as a route that does not exist, and nothing changes', async () => {
    const invitation = (await t.http().post('/admin/invitations').set(admin.auth).send({}).expect(201)).body;
    const before = await t.db.query('SELECT id, role, disabled_at FROM users ORDER BY id');
    const invitationsBefore = await t.db.query('SELECT * FROM invitations ORDER BY id');
    const attempts: [string, string, object?][] = [
      ['get', '/admin/users'],
      ['patch', `/admin/users/${admin.id}`, { disabled: true }],
      ['patch', `/admin/users/${user.id}`, { role: 'admin' }],
      ['get', '/admin/invitations'],
      ['post', '/admin/invitations', {}],
      ['delete', `/admin/invitations/${invitation.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const call = (url: string) => {
        const req = t.http()[method as 'post'](url).set(user.auth);
        return body ? req.send(body) : req;
      };
      const res = await call(path);
      const unknown = await call(path.replace('/admin/', '/nothing-here/'));
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'route.not-found']);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(unknown.body).sort());
      expect(res.body.message).toBe(`Cannot ${method.toUpperCase()} ${path}`);
    }
    expect(await t.db.query('SELECT id, role, disabled_at FROM users ORDER BY id')).toEqual(before);
    expect(await t.db.query('SELECT * FROM invitations ORDER BY id')).toEqual(invitationsBefore);
    await t.http().get('/admin/users').expect(401);
  });

  it('lists every account for the admin, with role, creation, last sign-in and whether it is disabled', async () => {
    await login(t, user.email);
    const page = (await t.http().get('/admin/users?limit=1&offset=1').set(admin.auth).expect(200)).body;
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items).toEqual([{ id: user.id, email: user.email, displayName: expect.any(String), role: 'user', createdAt: expect.any(String), lastSignInAt: expect.any(String), disabled: false, disabledAt: null }]);
    expect((await t.http().get('/admin/users').set(admin.auth).expect(200)).body.items.map((u: { id: string; role: string }) => [u.id, u.role])).toEqual([
      [admin.id, 'admin'],
      [user.id, 'user'],
    ]);
  });

  it('keeps the last active admin: it can be neither disabled nor demoted until another admin exists', async () => {
    expect((await t.http().patch(`/admin/users/${admin.id}`).set(admin.auth).send({ disabled: true }).expect(409)).body.code).toBe('admin.last-admin');
    expect((await t.http().patch(`/admin/users/${admin.id}`).set(admin.auth).send({ role: 'user' }).expect(409)).body.code).toBe('admin.last-admin');
    const other = await registerUser(t);
    await t.http().patch(`/admin/users/${other.id}`).set(admin.auth).send({ role: 'admin' }).expect(200);
    await t.http().get('/admin/users').set(other.auth).expect(200);
    await t.http().patch(`/admin/users/${other.id}`).set(admin.auth).send({ disabled: true }).expect(200);
    // A disabled admin does not count: the first is the last active one again.
    expect((await t.http().patch(`/admin/users/${admin.id}`).set(admin.auth).send({ role: 'user' }).expect(409)).body.code).toBe('admin.last-admin');
    await t.http().patch(`/admin/users/${other.id}`).set(admin.auth).send({ disabled: false, role: 'user' }).expect(200);
    await t.http().get('/admin/users').set(other.auth).expect(404);
  });

  it('keeps the queue dashboard from a non-admin: 404, no cookie, and its PUT routes pause nothing', async () => {
    const imports = t.app.get(JobQueueService).queue(QueueName.Imports);
    await t.http().get('/queues').expect(401);
    await t.http().put('/queues/api/queues/imports/pause').expect(401);

    const page = await t.http().get('/queues').set(user.auth).expect(404);
    expect(page.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'route.not-found' });
    const viaUrl = await t.http().get(`/queues?token=${user.token}`).expect(404);
    expect(viaUrl.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(viaUrl.body)).not.toContain(user.token);
    await t.http().get('/queues/api/queues').set('cookie', `dossier_board=${user.token}`).expect(404);
    for (const request of [
      t.http().put('/queues/api/queues/imports/pause').set(user.auth),
      t.http().put('/queues/api/queues/imports/pause').set('cookie', `dossier_board=${user.token}`),
      t.http().put(`/queues/api/queues/imports/pause?token=${user.token}`),
    ]) {
      expect((await request).status).toBe(404);
    }
    expect(await imports.isPaused()).toBe(false);

    // The admin opens it once by URL, then with the cookie alone; a read-only admin token looks but pauses nothing.
    const opened = await t.http().get(`/queues?token=${admin.token}`).expect(200);
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/^dossier_board=.+; Path=\/queues; HttpOnly; SameSite=Strict/);
    await t.http().get('/queues/api/queues').set('cookie', cookie.split(';')[0]).expect(200);
    const readOnly = await createToken(t, admin.auth, { scopes: ['read'] });
    await t.http().get('/queues/api/queues').set(readOnly.auth).expect(200);
    expect((await t.http().put('/queues/api/queues/imports/pause').set(readOnly.auth).expect(403)).body.code).toBe('auth.insufficient-scope');
    expect(await imports.isPaused()).toBe(false);
    expect((await t.http().put('/queues/api/queues/imports/pause').set(admin.auth)).status).toBeLessThan(300);
    expect(await imports.isPaused()).toBe(true);
    await imports.resume();

    // A demoted admin's cookie stops working at once.
    const second = await registerUser(t);
    await t.http().patch(`/admin/users/${second.id}`).set(admin.auth).send({ role: 'admin' }).expect(200);
    const secondCookie = String((await t.http().get(`/queues?token=${second.token}`).expect(200)).headers['set-cookie']).split(';')[0];
    await t.http().patch(`/admin/users/${second.id}`).set(admin.auth).send({ role: 'user' }).expect(200);
    await t.http().get('/queues/api/queues').set('cookie', secondCookie).expect(404);
  });
});

describe('credentials: revoked, expired, disabled, read-only', () => {
  let t: TestApp;
  let other: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    // A second API process on the same database, as behind a load balancer.
    other = await createTestApp({ env: { DATABASE_URL: t.config.database.url } });
    admin = await registerUser(t);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('refuses a token revoked through another process on the very next request', async () => {
    const user = await registerUser(t);
    const pat = await createToken(t, user.auth, {});
    await other.http().get('/me').set(pat.auth).expect(200);
    await other.http().get('/me').set(user.auth).expect(200);

    await t.http().delete(`/tokens/${pat.id}`).set(user.auth).expect(204);
    await other.http().get('/me').set(pat.auth).expect(401);

    const second = await login(t, user.email);
    await other.http().get('/me').set(second.auth).expect(200);
    const sessions = (await t.http().get('/me/sessions').set(user.auth).expect(200)).body.items as { id: string; current: boolean }[];
    const secondId = sessions.find((s) => !s.current)!.id;
    await t.http().delete(`/me/sessions/${secondId}`).set(user.auth).expect(204);
    await other.http().get('/me').set(second.auth).expect(401);
    await other.http().get('/me').set(user.auth).expect(200);
  });

  it('refuses an expired token at once', async () => {
    const user = await registerUser(t);
    const pat = await createToken(t, user.auth, { expiresInDays: 1 });
    await t.http().get('/me').set(pat.auth).expect(200);
    await t.db.query("UPDATE access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [pat.id]);
    expect((await t.http().get('/me').set(pat.auth).expect(401)).body.code).toBe('auth.unauthenticated');
    await other.http().get('/me').set(pat.auth).expect(401);
  });

  it('refuses a disabled account everywhere at once, sign-in included, and lets it back when enabled', async () => {
    const user = await registerUser(t);
    const pat = await createToken(t, user.auth, {});
    await other.http().get('/people').set(pat.auth).expect(200);
    await t.http().patch(`/admin/users/${user.id}`).set(admin.auth).send({ disabled: true }).expect(200);
    for (const app of [t, other]) {
      await app.http().get('/people').set(pat.auth).expect(401);
      await app.http().get('/me').set(user.auth).expect(401);
    }
    await t.http().post('/people').set(user.auth).send({ fullName: 'Written while disabled' }).expect(401);
    expect((await t.http().post('/auth/login').send({ email: user.email, password: PASSWORD }).expect(403)).body.code).toBe('auth.account-disabled');
    // A wrong password gets the usual 401, so a guesser learns nothing new from a disabled account.
    expect((await t.http().post('/auth/login').send({ email: user.email, password: 'not the password' }).expect(401)).body.code).toBe('auth.invalid-credentials');

    await t.http().patch(`/admin/users/${user.id}`).set(admin.auth).send({ disabled: false }).expect(200);
    await other.http().get('/people').set(pat.auth).expect(200);
    await login(t, user.email);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM people WHERE user_id = $1', [user.id]);
    expect(n).toBe(0);
  });

  it('lets a read-only token read and nothing else (logging out aside)', async () => {
    const user = await registerUser(t);
    const reader = await createToken(t, user.auth, { scopes: ['read'] });
    expect(reader.scopes).toEqual(['read']);
    await t.http().get('/people').set(reader.auth).expect(200);
    await t.http().get('/me').set(reader.auth).expect(200);
    const writes = [
      t.http().post('/people').set(reader.auth).send({ fullName: 'Written by a reader' }),
      t.http().patch('/me').set(reader.auth).send({ displayName: 'Renamed by a reader' }),
      t.http().post('/tokens').set(reader.auth).send({ name: 'more', scopes: ['read'] }),
      t.http().delete(`/tokens/${reader.id}`).set(reader.auth),
      t.http().post('/me/password').set(reader.auth).send({ currentPassword: PASSWORD, newPassword: 'another long password' }),
      t.http().post('/calendar/feed').set(reader.auth),
    ];
    for (const res of await Promise.all(writes)) {
      expect([res.status, res.body.code]).toEqual([403, 'auth.insufficient-scope']);
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM people WHERE user_id = $1', [user.id])).toEqual([{ n: 0 }]);
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.displayName).not.toBe('Renamed by a reader');
    expect((await t.http().get('/tokens').set(user.auth).expect(200)).body.total).toBe(1);
    await login(t, user.email);

    await t.http().post('/auth/logout').set(reader.auth).expect(204);
    await t.http().get('/people').set(reader.auth).expect(401);
  });

  it('never lets a token make a token with more than it has, nor one that outlives it', async () => {
    const user = await registerUser(t);
    const writer = await createToken(t, user.auth, { scopes: ['write'], expiresInDays: 2 });
    expect((await t.http().get('/me').set(writer.auth).expect(403)).body.code).toBe('auth.insufficient-scope');
    const escalation = await t.http().post('/tokens').set(writer.auth).send({ name: 'escalated', scopes: ['read', 'write'] }).expect(403);
    expect(escalation.body).toMatchObject({ statusCode: 403, code: 'auth.scope-escalation' });
    const byDefault = await createToken(t, writer.auth, { expiresInDays: 30 });
    expect(byDefault.scopes).toEqual(['write']);
    expect(new Date(byDefault.expiresAt!).getTime()).toBeLessThanOrEqual(new Date(writer.expiresAt!).getTime());
    const tokens = (await t.http().get('/tokens').set(user.auth).expect(200)).body;
    expect(tokens.items.map((x: { name: string; scopes: string[] }) => [x.name, x.scopes])).toEqual([
      ['script', ['write']],
      ['script', ['write']],
    ]);
    // A sign-in session has both scopes.
    expect((await createToken(t, user.auth, {})).scopes).toEqual(['read', 'write']);
  });
});

describe('sessions, password change and security events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists sign-in sessions with where they came from, and ends one', async () => {
    const user = await registerUser(t);
    const laptop = await login(t, user.email, PASSWORD, 'Laptop browser/1.0');
    await t.http().get('/people').set(laptop.auth).expect(200);
    const page = await waitFor(async () => {
      const body = (await t.http().get('/me/sessions').set(user.auth).set('user-agent', 'Phone/2.0').expect(200)).body;
      return body.items.some((s: { lastUsedAt: string | null; userAgent: string }) => s.userAgent === 'Laptop browser/1.0' && s.lastUsedAt) ? body : undefined;
    });
    expect(page.total).toBe(2);
    const mine = page.items.find((s: { current: boolean }) => s.current);
    const laptopSession = page.items.find((s: { current: boolean }) => !s.current);
    expect(laptopSession).toEqual({
      id: expect.any(String),
      current: false,
      createdAt: expect.any(String),
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      userAgent: 'Laptop browser/1.0',
      lastUsedAt: expect.any(String),
      lastIp: expect.stringMatching(/127\.0\.0\.1|::1/),
      expiresAt: expect.any(String),
    });
    expect(mine.id).not.toBe(laptopSession.id);

    // Neither another account's session nor a personal token can be ended here.
    const stranger = await registerUser(t);
    await t.http().delete(`/me/sessions/${laptopSession.id}`).set(stranger.auth).expect(404);
    const pat = await createToken(t, user.auth, {});
    await t.http().delete(`/me/sessions/${pat.id}`).set(user.auth).expect(404);
    await t.http().get('/people').set(laptop.auth).expect(200);

    await t.http().delete(`/me/sessions/${laptopSession.id}`).set(user.auth).expect(204);
    await t.http().get('/people').set(laptop.auth).expect(401);
    expect((await t.http().get('/me/sessions').set(user.auth).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
  });

  it('changes the password only with the current one, and ends every other session at once', async () => {
    const user = await registerUser(t);
    const elsewhere = await login(t, user.email);
    const pat = await createToken(t, user.auth, {});
    const wrong = await t.http().post('/me/password').set(user.auth).send({ currentPassword: 'not the password', newPassword: 'a brand new passphrase' }).expect(403);
    expect(wrong.body.code).toBe('auth.wrong-password');
    await t.http().get('/me').set(elsewhere.auth).expect(200);
    await login(t, user.email);

    await t.http().post('/me/password').set(user.auth).send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }).expect(204);
    await t.http().get('/me').set(elsewhere.auth).expect(401);
    await t.http().get('/me').set(user.auth).expect(200);
    await t.http().get('/me').set(pat.auth).expect(200);
    await t.http().post('/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);
    await login(t, user.email, 'a brand new passphrase');
    const events = (await t.http().get('/me/security-events').set(user.auth).expect(200)).body.items;
    expect(events.find((e: { kind: string }) => e.kind === 'password-changed').details).toEqual({ sessionsEnded: 2, personalTokensKept: 1 });
  });

  it('records what happened to the account, newest first, and never a secret', async () => {
    const user = await registerUser(t);
    const ua = { 'user-agent': 'Events test/1.0' };
    await t.http().post('/auth/login').set(ua).send({ email: user.email, password: 'a wrong guess at it' }).expect(401);
    await t.http().post('/auth/login').send({ email: 'nobody-here@example.org', password: 'a wrong guess at it' }).expect(401);
    const session = await login(t, user.email);
    const pat = await createToken(t, user.auth, { name: 'laptop script', scopes: ['read'] });
    await t.http().delete(`/tokens/${pat.id}`).set(user.auth).expect(204);
    const sessions = (await t.http().get('/me/sessions').set(user.auth).expect(200)).body.items as { id: string; current: boolean }[];
    await t.http().delete(`/me/sessions/${sessions.find((s) => !s.current)!.id}`).set(user.auth).expect(204);
    const feed = (await t.http().post('/calendar/feed').set(user.auth).expect(201)).body;
    const rotated = (await t.http().post('/calendar/feed').set(user.auth).expect(201)).body;
    await t.http().delete('/calendar/feed').set(user.auth).expect(204);
    await t.http().get('/export').set(user.auth).expect(200);
    await t.http().post('/me/password').set(user.auth).send({ currentPassword: PASSWORD, newPassword: 'the next long password' }).expect(204);

    const page = (await t.http().get('/me/security-events?limit=200').set(user.auth).expect(200)).body;
    expect(page).toMatchObject({ limit: 200, offset: 0, total: page.items.length });
    expect(page.items.map((e: { kind: string }) => e.kind)).toEqual([
      'password-changed',
      'export-made',
      'feed-revoked',
      'feed-rotated',
      'feed-rotated',
      'session-revoked',
      'token-revoked',
      'token-created',
      'sign-in',
      'sign-in-failed',
      'sign-in',
    ]);
    const byKind = (kind: string) => page.items.find((e: { kind: string }) => e.kind === kind);
    expect(byKind('sign-in-failed')).toEqual({ id: expect.any(String), kind: 'sign-in-failed', at: expect.any(String), ip: expect.stringMatching(/127\.0\.0\.1|::1/), userAgent: 'Events test/1.0', details: { reason: 'wrong-password' } });
    expect(byKind('token-created').details).toEqual({ tokenId: pat.id, name: 'laptop script', scopes: ['read'], expiresAt: null });
    expect(page.items.filter((e: { kind: string }) => e.kind === 'feed-rotated').map((e: { details: unknown }) => e.details)).toEqual([{ replacedPrevious: true }, { replacedPrevious: false }]);
    expect(byKind('export-made').details).toEqual({ format: 'dossier-json' });

    // The unknown address's failed sign-in belongs to no account; and no secret is kept anywhere in the events.
    const stored = JSON.stringify(await t.db.query('SELECT * FROM security_events'));
    expect(stored).not.toContain('nobody-here');
    const secrets = [user.token, session.token, pat.token, feed.url, rotated.url, secretOf(feed.url), secretOf(rotated.url), PASSWORD, 'a wrong guess at it', 'the next long password'];
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(JSON.stringify(page)).not.toContain(secret);
    }

    // Paged, newest first, without repeats.
    const first = (await t.http().get('/me/security-events?limit=4').set(user.auth).expect(200)).body.items;
    const second = (await t.http().get('/me/security-events?limit=4&offset=4').set(user.auth).expect(200)).body.items;
    expect([...first, ...second].map((e: { id: string }) => e.id)).toEqual(page.items.slice(0, 8).map((e: { id: string }) => e.id));
  });
});

function secretOf(feedUrl: string): string {
  return /\/calendar\/([^/]+)\.ics$/.exec(feedUrl)![1];
}

async function count(t: TestApp, table: string): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}
