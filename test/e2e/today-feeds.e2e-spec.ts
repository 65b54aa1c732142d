import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { workAuthor as author, workRecord } from '../support/work-records';

/**
 * What Today reads besides the lists other suites cover: the new works of the user's people since
 * they last looked (GET /new-works, POST /new-works/seen) and what is wrong with their publication
 * sync (GET /sync-problems), each the user's own.
 */
describe("Today's feeds: new works since last looked, sync problems", () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const post = async (u: TestUser, url: string, body: object, status = 201) => (await t.http().post(url).set(u.auth).send(body).expect(status)).body;
  const person = async (u: TestUser, fullName: string) => (await post(u, '/people', { fullName })).id as string;
  const link = (u: TestUser, personId: string, source: string, id: string) =>
    t.db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by) VALUES ($1, $2, $3, $4, 'x', 'linked', 'user') RETURNING id", [u.id, personId, source, id]).then((rows: { id: string }[]) => rows[0].id);
  let n = 0;
  const publish = (title: string, ...authorIds: string[]) => {
    n += 1;
    return new WorksIngestService(new WorksRepository(t.db)).ingest([workRecord({ source: 'openalex', sourceId: `WT${n}`, title, year: 2026, authors: authorIds.map((id, i) => author(i + 1, `Author ${id}`, id)) })]);
  };
  const newWorks = async (u: TestUser, query = '') => (await t.http().get(`/new-works${query}`).set(u.auth).expect(200)).body;
  const titles = (page: { items: { title: string }[] }) => page.items.map((w) => w.title);

  it("lists the works that arrived for the user's interviewers (or everyone) since they last marked them seen", async () => {
    const u = await registerUser(t);
    const ada = await person(u, 'Ada Lovelace');
    const edsger = await person(u, 'Edsger Dijkstra');
    const alan = await person(u, 'Alan Turing');
    await link(u, ada, 'openalex', 'AT1');
    await link(u, edsger, 'openalex', 'AT2');
    await link(u, alan, 'openalex', 'AT3');
    // Ada and Edsger interview the user next week; Alan only in a cancelled one.
    const org = await post(u, '/organizations', { name: 'Lab' });
    const application = await post(u, '/applications', { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
    const stageId = application.stages[0].id as string;
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await post(u, '/interviews', { stageId, startsAt: soon, timeZone: 'UTC', durationMinutes: 45, format: 'video', interviewerIds: [ada, edsger] });
    const cancelled = await post(u, '/interviews', { stageId, startsAt: soon, timeZone: 'UTC', durationMinutes: 45, format: 'video', interviewerIds: [alan] });
    await t.http().patch(`/interviews/${cancelled.id}`).set(u.auth).send({ outcome: 'cancelled' }).expect(200);

    await publish('Joint Work of Ada and Edsger', 'AT1', 'AT2');
    await publish('Alan Alone', 'AT3');
    await publish('Nobody We Know', 'ZZZ');

    // Never looked: everything since the account was created; a joint work once, naming both.
    const first = await newWorks(u);
    expect(first).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(first.items[0]).toMatchObject({ title: 'Joint Work of Ada and Edsger', people: [{ id: ada, fullName: 'Ada Lovelace' }, { id: edsger, fullName: 'Edsger Dijkstra' }] });
    expect(Date.parse(first.items[0].arrivedAt)).toBeGreaterThan(Date.parse(first.since));
    expect(titles(await newWorks(u, '?scope=all'))).toEqual(['Alan Alone', 'Joint Work of Ada and Edsger']);

    // Marked seen as of the list's time: gone, and only later arrivals are new.
    const seen = await post(u, '/new-works/seen', { until: first.asOf }, 200);
    expect(seen.worksSeenAt).toBe(first.asOf);
    expect((await newWorks(u, '?scope=all')).items).toEqual([]);
    await publish('Ada Again', 'AT1');
    const later = await newWorks(u, '?scope=all');
    expect([later.since, titles(later)]).toEqual([first.asOf, ['Ada Again']]);
    // The marker never moves back, nor past now.
    expect((await post(u, '/new-works/seen', { until: '2000-01-01T00:00:00Z' }, 200)).worksSeenAt).toBe(first.asOf);
    const now = await post(u, '/new-works/seen', { until: '2999-01-01T00:00:00Z' }, 200);
    expect(Date.parse(now.worksSeenAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await newWorks(u, '?scope=all')).total).toBe(0);

    // Another user with the same author linked: their own news since their own account began, not this user's marker.
    const other = await registerUser(t);
    const hers = await person(other, 'Ada Too');
    await link(other, hers, 'openalex', 'AT1');
    expect((await newWorks(other, '?scope=all')).items).toEqual([]);
    await publish('Ada Third', 'AT1');
    expect(titles(await newWorks(other, '?scope=all'))).toEqual(['Ada Third']);
    expect((await newWorks(other)).items).toEqual([]);
    expect(titles(await newWorks(u))).toEqual(['Ada Third']);

    const bad = await t.http().get('/new-works?scope=friends').set(u.auth).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['scope']);
    const badUntil = await t.http().post('/new-works/seen').set(u.auth).send({ until: 'yesterday' }).expect(400);
    expect(badUntil.body.details.map((d: { field: string }) => d.field)).toEqual(['until']);
  });

  it('lists broken identities and identities whose latest run failed or is retrying, only the latest run counting', async () => {
    const u = await registerUser(t);
    const ada = await person(u, 'Ada Lovelace');
    const alan = await person(u, 'Alan Turing');
    const grace = await person(u, 'Grace Hopper');
    const broken = await link(u, ada, 'dblp', 'bad/id');
    await t.db.query("UPDATE scholarly_identities SET sync_state = 'broken', broken_reason = 'dblp: 404 Not Found for person bad/id', updated_at = '2026-10-01T00:00:00Z' WHERE id = $1", [broken]);
    const failing = await link(u, alan, 'openalex', 'A1');
    const busy = await link(u, grace, 'semanticscholar', 'S1');
    const recovered = await link(u, grace, 'openalex', 'A2');
    const run = async (identityId: string, personId: string, source: string, status: string, errors: string[], startedAt: string, finished = true) =>
      (
        await t.db.query(
          'INSERT INTO sync_runs (user_id, person_id, identity_id, source, trigger, status, errors, started_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
          [u.id, personId, identityId, source, 'schedule', status, JSON.stringify(errors), startedAt, finished ? startedAt : null],
        )
      )[0].id as string;
    await run(failing, alan, 'openalex', 'succeeded', [], '2026-11-01T10:00:00Z');
    const failedRun = await run(failing, alan, 'openalex', 'failed', ['openalex: 503 Service Unavailable', 'openalex: 503 Service Unavailable (last attempt)'], '2026-11-02T10:00:00Z');
    const busyRun = await run(busy, grace, 'semanticscholar', 'running', ['semanticscholar: GET /author/S1 rate limited, retry after 60 s'], '2026-11-03T10:00:00Z', false);
    await run(recovered, grace, 'openalex', 'failed', ['openalex: timeout'], '2026-11-01T10:00:00Z');
    await run(recovered, grace, 'openalex', 'succeeded', [], '2026-11-02T11:00:00Z');

    const page = (await t.http().get('/sync-problems').set(u.auth).expect(200)).body;
    expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const byKind = Object.fromEntries(page.items.map((p: { kind: string }) => [p.kind, p]));
    expect(byKind.busy).toMatchObject({ identityId: busy, person: { id: grace, fullName: 'Grace Hopper' }, source: 'semanticscholar', sourceAuthorId: 'S1', message: 'semanticscholar: GET /author/S1 rate limited, retry after 60 s', runId: busyRun, at: '2026-11-03T10:00:00.000Z' });
    expect(byKind.failed).toMatchObject({ identityId: failing, person: { id: alan }, message: 'openalex: 503 Service Unavailable (last attempt)', runId: failedRun, at: '2026-11-02T10:00:00.000Z' });
    expect(byKind.broken).toMatchObject({ identityId: broken, person: { id: ada }, source: 'dblp', message: 'dblp: 404 Not Found for person bad/id', runId: null });
    expect(page.items.map((p: { kind: string }) => p.kind)).toEqual(['busy', 'failed', 'broken']);
    expect((await t.http().get('/sync-problems?limit=1&offset=1').set(u.auth).expect(200)).body).toMatchObject({ total: 3, items: [{ kind: 'failed' }] });
    expect((await t.http().get('/sync-problems?offset=10').set(u.auth).expect(200)).body).toMatchObject({ total: 3, items: [] });

    // A deleted person's, or another user's, problems are not this list's.
    await t.http().delete(`/people/${ada}`).set(u.auth).expect(204);
    expect((await t.http().get('/sync-problems').set(u.auth).expect(200)).body.total).toBe(2);
    expect((await t.http().get('/sync-problems').set((await registerUser(t)).auth).expect(200)).body).toMatchObject({ total: 0, items: [] });
  });
});
