import { createTestApp, QueueBackend, registerUser, TestApp } from '../support/test-app';

describe.each<QueueBackend>(['redis', 'postgres'])('platform on the %s queue backend', (queue) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ queue, worker: true, env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => t.close());

  it('is alive and ready: database and queue backend answer', async () => {
    expect((await t.http().get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/people', '/people/{id}', '/auth/register', '/tokens']));
    expect(doc.components.schemas.CreatePersonDto.properties.fullName).toMatchObject({ type: 'string' });
    expect((await t.http().get('/docs').redirects(1)).status).toBe(200);
  });

  it('documents every operation: a tag, and a success response with its schema (or no content)', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, { content?: unknown }> }>> };
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        const described = success.some(([status, response]) => status === '204' || response.content !== undefined);
        if (!op.tags?.length || !described) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('keeps the queue dashboard for the admin (the first account); others find nothing there', async () => {
    await t.http().get('/queues').expect(401);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM users');
    expect(count).toBe(0);
    const admin = await registerUser(t);
    const page = await t.http().get('/queues').set(admin.auth).expect(200);
    expect(page.text).toContain('<html');
    const api = await t.http().get('/queues/api/queues').set(admin.auth).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toContain('imports');
    const user = await registerUser(t);
    expect((await t.http().get('/queues/api/queues').set(user.auth).expect(404)).body).toMatchObject({ statusCode: 404, code: 'route.not-found' });
  });

  it('answers every error in one body shape', async () => {
    const user = await registerUser(t);
    const notFound = await t.http().get('/no-such-route').set(user.auth).expect(404);
    expect(notFound.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'route.not-found', message: expect.any(String), requestId: expect.any(String) });

    const badJson = await t.http().post('/people').set(user.auth).set('content-type', 'application/json').send('{"fullName": ').expect(400);
    expect(badJson.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });

    const tooLarge = await t.http().post('/people').set(user.auth).send({ fullName: 'x', notes: 'y'.repeat(5000) }).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'request.too-large' });

    const badId = await t.http().get('/people/not-a-uuid').set(user.auth).expect(400);
    expect(badId.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });

  it('echoes the request id it was given, for tracing', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'trace-me-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-me-123');
  });
});

describe('a dashboard served from another origin', () => {
  let t: TestApp;
  const DASHBOARD = 'https://dash.example.org';
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: `${DASHBOARD},http://localhost:5173` } });
  });
  afterAll(() => t.close());

  it('may call the API from a browser when its origin is configured; another origin may not', async () => {
    const preflight = await t.http().options('/people').set('Origin', DASHBOARD).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers'].split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));

    const user = await registerUser(t);
    const created = await t.http().post('/people').set('Origin', DASHBOARD).set(user.auth).send({ fullName: 'Ada Lovelace' }).expect(201);
    expect(created.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(created.headers['access-control-expose-headers']).toContain('location');

    const stranger = await t.http().get('/people').set('Origin', 'https://evil.example.com').set(user.auth).expect(200);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});
