import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { generateSync } from 'otplib';
import request, { type Response } from 'supertest';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { mountWebApp, WEB_CSP } from '../../apps/api/src/web/web-app';

/**
 * The dashboard's browser session: an HttpOnly, SameSite=Strict cookie (never a token a script can
 * read), CSRF-checked writes, sign-out that ends the session on the server, and the same throttling
 * and second factor as /auth/login. Bearer-token clients are unaffected.
 */
const PASSWORD = 'a long enough password';

function cookiesOf(response: Response): Map<string, { value: string; attributes: string[] }> {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of header ?? []) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), { value: decodeURIComponent(pair.slice(at + 1)), attributes });
  }
  return cookies;
}

interface Browser {
  cookie: string;
  csrf: string;
}

describe('browser sessions', () => {
  const clock = new TestClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t?.close());
  // One test's failed sign-ins must not throttle the next.
  beforeEach(() => clock.advance(24 * 3600_000));

  async function signIn(user: TestUser): Promise<Browser> {
    const response = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD }).expect(200);
    const cookies = cookiesOf(response);
    const session = cookies.get('dossier_session')!;
    const csrf = cookies.get('dossier_csrf')!;
    return { cookie: `dossier_session=${encodeURIComponent(session.value)}; dossier_csrf=${encodeURIComponent(csrf.value)}`, csrf: csrf.value };
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie and no token in the body, and the cookie reads and writes', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const response = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD }).expect(200);
    expect(response.body).toEqual({ user: expect.objectContaining({ id: user.id, email: user.email }), expiresAt: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/token/i);
    const cookies = cookiesOf(response);
    const session = cookies.get('dossier_session')!;
    expect(session.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(session.attributes).not.toContain('Secure'); // PUBLIC_URL is http here
    expect(Number(session.attributes.find((a) => a.startsWith('Max-Age='))!.slice(8))).toBeGreaterThan(3600);
    const csrf = cookies.get('dossier_csrf')!;
    expect(csrf.attributes).toEqual(expect.arrayContaining(['SameSite=Strict', 'Path=/']));
    expect(csrf.attributes).not.toContain('HttpOnly'); // the app reads it to echo it
    expect(csrf.value).not.toBe(session.value);

    const browser = await signIn(user);
    expect((await t.http().get('/me').set('cookie', browser.cookie).expect(200)).body.id).toBe(user.id);
    await t.http().post('/people').set('cookie', browser.cookie).set('x-csrf-token', browser.csrf).send({ fullName: 'Ada Lovelace' }).expect(201);
    // The sign-in is a security event like any other.
    const events = (await t.http().get('/me/security-events').set(user.auth).expect(200)).body.items.map((e: { kind: string }) => e.kind);
    expect(events.filter((k: string) => k === 'sign-in').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a write made with the cookie but without the CSRF header, or with a wrong one, in the one error shape', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const browser = await signIn(user);
    for (const header of [undefined, 'not-the-token', (await signIn(await registerUser(t, { password: PASSWORD }))).csrf]) {
      const request = t.http().post('/people').set('cookie', browser.cookie);
      if (header) void request.set('x-csrf-token', header);
      const refused = await request.send({ fullName: 'Forged' }).expect(403);
      expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'auth.csrf-token-invalid', message: expect.stringContaining('x-csrf-token'), requestId: expect.any(String) });
    }
    expect((await t.http().get('/people').set('cookie', browser.cookie).expect(200)).body.total).toBe(0);
    // Bearer clients never need it, even when a cookie rides along.
    await t.http().post('/people').set(user.auth).set('cookie', browser.cookie).send({ fullName: 'By token' }).expect(201);
  });

  it('signs out on the server: the same cookie is refused afterwards, and both cookies are cleared', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const browser = await signIn(user);
    await t.http().delete('/auth/session').set('cookie', browser.cookie).expect(403); // a write: the CSRF header is needed
    const out = await t.http().delete('/auth/session').set('cookie', browser.cookie).set('x-csrf-token', browser.csrf).expect(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('dossier_session')).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'HttpOnly']) });
    expect(cleared.get('dossier_csrf')).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0']) });
    const replayed = await t.http().get('/me').set('cookie', browser.cookie).expect(401);
    expect(replayed.body.code).toBe('auth.unauthenticated');
    // A session revoked elsewhere (from the sessions list) is refused the same way.
    const other = await signIn(user);
    const sessions = (await t.http().get('/me/sessions').set(user.auth).expect(200)).body.items as { id: string; current: boolean }[];
    for (const s of sessions.filter((s) => !s.current)) await t.http().delete(`/me/sessions/${s.id}`).set(user.auth).expect(204);
    await t.http().get('/me').set('cookie', other.cookie).expect(401);
  });

  it('is throttled like /auth/login, and asks for the second factor where the account has one', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http().post('/auth/session').send({ email: user.email, password: `guess ${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const blocked = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.too-many-attempts');
    expect(blocked.headers['set-cookie']).toBeUndefined();
    clock.advance(24 * 3600_000);

    const begun = await t.http().post('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(201);
    const code = (steps: number): string => generateSync({ secret: begun.body.secret, epoch: clock.epochSeconds() + steps * 30 });
    await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: code(0) }).expect(200);
    clock.advance(30_000);
    const asked = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD }).expect(401);
    expect(asked.body.code).toBe('auth.two-factor-required');
    expect(asked.headers['set-cookie']).toBeUndefined();
    const ok = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD, code: code(0) }).expect(200);
    expect(cookiesOf(ok).get('dossier_session')?.value).toBeTruthy();
  });

  it('registers from the browser straight into a cookie session', async () => {
    const email = `browser-${Date.now()}@example.org`;
    const response = await t.http().post('/auth/session/registration').send({ email, password: PASSWORD, displayName: 'Browser' }).expect(201);
    expect(response.body.user).toMatchObject({ email, displayName: 'Browser' });
    const cookies = cookiesOf(response);
    expect(cookies.get('dossier_session')?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict']));
    await t.http().get('/me').set('cookie', `dossier_session=${encodeURIComponent(cookies.get('dossier_session')!.value)}`).expect(200);
  });

  it('refuses a sign-in or sign-up that a browser says comes from another site (login CSRF), and takes its own pages', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const body = { email: user.email, password: PASSWORD };
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'https://other.127.0.0.1.nip.io' }, { origin: 'null' }]) {
      const refused = await t.http().post('/auth/session').set(headers).send(body).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'auth.cross-site-sign-in' });
      expect(refused.body.message).toContain('/app/');
      expect(refused.headers['set-cookie']).toBeUndefined();
      const signUp = await t.http().post('/auth/session/registration').set(headers).send({ email: `cross-${Date.now()}@example.org`, password: PASSWORD }).expect(403);
      expect(signUp.body.code).toBe('auth.cross-site-sign-in');
    }
    // The dashboard's own pages: same origin (as the Host the browser used), or what Sec-Fetch-Site calls same-origin.
    const served = await t.http().post('/auth/session').set('host', 'dossier.local:3000').set('origin', 'http://dossier.local:3000').set('sec-fetch-site', 'same-origin').send(body).expect(200);
    expect(cookiesOf(served).get('dossier_session')?.value).toBeTruthy();
    // API clients send neither header.
    await t.http().post('/auth/session').send(body).expect(200);
  });

  it('documents the cookie beside the bearer token in the OpenAPI document', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.browserSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dossier_session' });
    expect(document.paths['/people'].get.security).toEqual(expect.arrayContaining([{ bearer: [] }, { browserSession: [] }]));
    expect(document.paths['/auth/session'].delete.security).toEqual([{ browserSession: [] }]);
    expect(document.paths['/auth/session'].post.security ?? []).toEqual([]);
  });
});

describe('browser sessions behind HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://dossier.example.org' } });
  });
  afterAll(async () => t?.close());

  it('marks both cookies Secure', async () => {
    const user = await registerUser(t, { password: PASSWORD });
    const response = await t.http().post('/auth/session').send({ email: user.email, password: PASSWORD }).expect(200);
    const cookies = cookiesOf(response);
    expect(cookies.get('dossier_session')?.attributes).toContain('Secure');
    expect(cookies.get('dossier_csrf')?.attributes).toContain('Secure');
  });
});

describe('the dashboard served at /app/', () => {
  let root: string;
  let fastify: FastifyInstance;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dossier-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Dossier</title><script type="module" src="/app/assets/index-abc123.js"></script>');
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    fastify = new FastifyAdapter().getInstance<FastifyInstance>();
    mountWebApp(fastify, root);
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers deep links with index.html (no-cache, the strict policy) and hashed assets with a year of cache', async () => {
    for (const url of ['/app/', '/app/people/123?tag=rl', '/app/sign-in']) {
      const page = await request(fastify.server).get(url);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toBe(WEB_CSP);
      expect(page.text).toContain('index-abc123.js');
    }
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toMatch(/unsafe-inline|https?:/);
    const asset = await request(fastify.server).get('/app/assets/index-abc123.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stale = await request(fastify.server).get('/app/assets/index-old.js').expect(404);
    expect(stale.body.code).toBe('web.file-not-found');
    expect((await request(fastify.server).get('/app/%2e%2e/package.json')).text).not.toContain('"dependencies"');
  });

  it('leads / to /app/', async () => {
    const root = await request(fastify.server).get('/').expect(302);
    expect(root.headers.location).toBe('/app/');
  });

  it('names the build step when the dashboard is not built', async () => {
    const bare = new FastifyAdapter().getInstance<FastifyInstance>();
    mountWebApp(bare, path.join(root, 'missing'));
    await bare.ready();
    const answer = await request(bare.server).get('/app/people').expect(503);
    expect(answer.body).toMatchObject({ statusCode: 503, code: 'web.not-built', message: expect.stringContaining('npm run build') });
    await bare.close();
  });
});

describe('the API beside the dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('keeps its own paths and leads / to the dashboard', async () => {
    await t.http().get('/health').expect(200);
    await t.http().get('/docs-json').expect(200);
    expect((await t.http().get('/').expect(302)).headers.location).toBe('/app/');
    await t.http().get('/people').expect(401);
  });
});
