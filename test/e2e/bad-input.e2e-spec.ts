import { randomUUID } from 'node:crypto';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Bad input gets a 4xx, never a 500: every operation in the OpenAPI document is called with bodies
 * and query values of the wrong shape, and each answer must be a 4xx in the one error body shape
 * (or a success, where the junk happens to be acceptable).
 */
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema?: { $ref?: string } }> } };
type Schema = { properties?: Record<string, unknown> };

describe('bad input never gets a 500', () => {
  let t: TestApp;
  let user: TestUser;
  let ids: Record<string, string>;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    doc = (await t.http().get('/docs-json').expect(200)).body;
    ids = await realIds(t, user);
  });
  afterAll(() => t.close());

  function bodiesFor(op: Operation): unknown[] {
    const ref = Object.values(op.requestBody?.content ?? {})[0]?.schema?.$ref;
    const properties = Object.keys((ref && doc.components.schemas[ref.split('/').pop()!]?.properties) || {});
    const every = (value: unknown) => Object.fromEntries(properties.map((p) => [p, value]));
    return [[], 'text', 42, {}, every(null), every(-1), every('x'), every([]), every({ nested: true }), every('9'.repeat(40)), every('2026-02-30'), every('a\u0000b'), every('a\ud800b'), every(['a\udc00b'])];
  }

  it('answers every operation with junk with a 4xx error body or a success', async () => {
    const failures: string[] = [];
    const user2 = user;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        // These would end this user's session (the browser's sign-out ends the session it is sent with).
        if (path.startsWith('/auth/logout') || path === '/tokens/{id}' || (path === '/auth/session' && method === 'delete')) continue;
        // Real records, so that junk reaches the services; deletions get random ids to keep them.
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (method === 'delete' || path.endsWith('/erase') ? randomUUID() : (ids[idKey(path, name)] ?? randomUUID())));
        const queries = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const junkQueries = queries.length ? [Object.fromEntries(queries.map((q) => [q, 'x'])), Object.fromEntries(queries.map((q) => [q, '-1'])), Object.fromEntries(queries.map((q) => [q, ['a', 'b']])), Object.fromEntries(queries.map((q) => [q, 'a\u0000b']))] : [{}];
        const bodies = op.requestBody ? bodiesFor(op) : [undefined];
        for (const query of junkQueries) {
          for (const body of bodies) {
            const req = t.http()[method as 'post'](url).query(query).set(user2.auth);
            const res = await (body === undefined ? req : req.set('content-type', 'application/json').send(JSON.stringify(body)));
            const label = `${method.toUpperCase()} ${path} ${JSON.stringify(query)} ${JSON.stringify(body)?.slice(0, 60)}`;
            if (res.status >= 500) failures.push(`${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
            else if (res.status >= 400 && !(res.body && typeof res.body.code === 'string' && typeof res.body.message === 'string' && res.body.statusCode === res.status)) {
              failures.push(`${label} → ${res.status} without the error body`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('names the field holding a NUL character, which PostgreSQL cannot store, in bodies, queries, paths and imported files', async () => {
    const nul = 'must not contain the NUL character (U+0000)';
    const person = await t.http().post('/people').set(user.auth).send({ fullName: 'Ada', notes: 'met at\u0000 NeurIPS', emails: ['a@example.org', 'b\u0000@example.org'] }).expect(400);
    expect(person.body.details).toEqual([
      { field: 'notes', problem: nul },
      { field: 'emails.1', problem: nul },
    ]);
    expect((await t.http().get('/people').query({ q: 'Ada\u0000' }).set(user.auth).expect(400)).body.details).toEqual([{ field: 'q', problem: nul }]);
    expect((await t.http().get('/people/a%00b').set(user.auth).expect(400)).body.details).toEqual([{ field: 'id', problem: nul }]);
    const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Love\u0000lace,,,,,01 Mar 2025\n';
    expect((await t.http().post('/imports/linkedin').set(user.auth).set('content-type', 'text/csv').send(csv).expect(400)).body.details).toEqual([{ field: 'body', problem: nul }]);
    // Nothing was written.
    expect((await t.http().get('/people').query({ q: 'Ada' }).set(user.auth).expect(200)).body.total).toBe(0);
  });

  it('names the field holding a lone UTF-16 surrogate (JSON can write one, PostgreSQL cannot keep it), signing in included', async () => {
    const lone = 'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair)';
    // As a client would send them: JSON escapes, a high surrogate alone and a low one alone; a pair (an emoji) is fine.
    const body = '{"fullName":"Ada \\ud83d\\ude00","notes":"met at \\ud800 NeurIPS","links":{"site":"https://example.org/\\udc00"}}';
    const person = await t.http().post('/people').set(user.auth).set('content-type', 'application/json').send(body).expect(400);
    expect(person.body.details).toEqual([
      { field: 'notes', problem: lone },
      { field: 'links.site', problem: lone },
    ]);
    const login = await t.http().post('/auth/login').set('content-type', 'application/json').send('{"email":"a\\ud800@example.org","password":"x"}').expect(400);
    expect(login.body.details).toEqual([{ field: 'email', problem: lone }]);
    // A surrogate's UTF-8 bytes (not valid UTF-8) in a path: a 400 in the one error shape (in a query, the
    // value cannot be decoded and is searched for as typed).
    for (const path of ['/people/%ED%A0%80', '/works/%ED%A0%80/reading']) {
      const res = await t.http().get(path).set(user.auth);
      expect([path, res.status, typeof res.body.code, typeof res.body.message]).toEqual([path, 400, 'string', 'string']);
    }
    expect((await t.http().get('/people').query({ q: 'Ada' }).set(user.auth).expect(200)).body.total).toBe(0);
  });
});

/** Which record a path parameter names: `{id}` by the resource, others by their own name. */
function idKey(path: string, name: string): string {
  return name === 'id' ? path.split('/')[1] : name;
}

/** The research-lab example gives a record of every kind. */
async function realIds(t: TestApp, user: TestUser): Promise<Record<string, string>> {
  const get = async (path: string) => (await t.http().get(path).set(user.auth).expect(200)).body;
  const example = (await t.http().post('/examples/research-lab').set(user.auth).expect(201)).body;
  const people = (await get('/people')).items as { id: string; lastInteractionAt: string | null }[];
  const person = people.find((p) => p.lastInteractionAt)!;
  const interactions = await get(`/people/${person.id}/interactions`);
  // Study records, so that junk reaches the study services too.
  const studyResource = (await t.http().post('/study-resources').set(user.auth).send({ kind: 'book', title: 'Junk target', unit: 'pages', parts: [{ title: 'Ch. 1', amount: 10 }] }).expect(201)).body;
  const studySession = (await t.http().post(`/study-resources/${studyResource.id}/sessions`).set(user.auth).send({ amount: 2, minutes: 10 }).expect(201)).body;
  const studyPlan = (await t.http().post('/study-plans/from-starter').set(user.auth).send({ applicationId: example.applicationIds.inQuiz, hoursPerWeek: 8 }).expect(201)).body;
  const question = (await t.http().post('/questions').set(user.auth).send({ text: 'Junk target question', stageType: 'quiz' }).expect(201)).body;
  const mockInterview = (await t.http().post('/mock-interviews').set(user.auth).send({ personId: person.id, stageType: 'coding', heldAt: '2027-01-05T18:00:00Z' }).expect(201)).body;
  const story = (await t.http().post('/stories').set(user.auth).send({ title: 'Junk target story' }).expect(201)).body;
  const webhook = (await t.http().post('/webhooks').set(user.auth).send({ url: 'https://hooks.example.org/junk', events: ['task.due'] }).expect(201)).body.endpoint;
  return {
    webhooks: webhook.id,
    'study-resources': studyResource.id,
    studySessionId: studySession.id,
    'study-plans': studyPlan.id,
    planItemId: studyPlan.items[0].id,
    questions: question.id,
    'mock-interviews': mockInterview.id,
    stories: story.id,
    people: person.id,
    personId: person.id,
    organizations: example.organizationId,
    teamId: example.teamIds.core,
    interactions: interactions.items[0].id,
    applications: example.applicationIds.inQuiz,
    stageId: (await get(`/applications/${example.applicationIds.inQuiz}`)).stages[0].id,
    'stage-templates': example.templateId,
    interviews: (await get('/interviews?when=past')).items[0].id,
    tasks: (await get('/tasks?status=all')).items[0].id,
    referrals: example.referralId,
  };
}
