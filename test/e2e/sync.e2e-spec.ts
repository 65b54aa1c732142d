import { JobName, QueueName } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import type { ReplayServer } from '../support/replay-server';
import { arxivSnapshot, CURSORS, finishedRuns, KAISER, OPENALEX_AUTHOR, openAlexAuthor, openAlexWorks, personWithIdentities, scholarlyReplay, syncEnv, worksSnapshot } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

describe.each<QueueBackend>(['redis', 'postgres'])('publication sync on %s', (queue) => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  let personId: string;
  let firstRunIds: string[];

  beforeAll(async () => {
    replay = await scholarlyReplay();
    t = await createTestApp({ queue, worker: true, env: syncEnv(replay) });
    user = await registerUser(t);
    ({ personId } = await personWithIdentities(t, user, 'Zoë Ångström', [
      ['openalex', OPENALEX_AUTHOR],
      ['arxiv', KAISER],
    ]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  it('a manual sync runs one flow: a run per identity with exact counts, and the works in the works tables', async () => {
    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    expect(res.body.runIds).toHaveLength(2);
    firstRunIds = res.body.runIds;
    const runs = await finishedRuns(t, user, res.body.runIds);

    // OpenAlex: the snapshot, then 4 pages (2 + 2 + 2 + an empty last one); the untitled paratext record is left out.
    expect(runs.openalex).toMatchObject({ trigger: 'manual', status: 'succeeded', requests: 5, worksNew: 5, worksUpdated: 0, worksUnchanged: 0, errors: [] });
    // arXiv: pages at start 0, 2 and 4 (2 + 2 + 1); a manual sync takes the snapshot from the listing, not from a read of its own.
    expect(runs.arxiv).toMatchObject({ trigger: 'manual', status: 'succeeded', requests: 3, worksNew: 5, worksUpdated: 0, worksUnchanged: 0, errors: [] });
    expect(replay.requests.filter((r) => r.path.startsWith('/authors') || r.path === '/works')).toHaveLength(5);
    expect(replay.requests.filter((r) => r.path === '/api/query')).toHaveLength(3);

    const records = await t.db.query('SELECT source, source_id FROM work_records ORDER BY source, source_id');
    expect(records).toEqual([
      { source: 'arxiv', source_id: '1706.03762' },
      { source: 'arxiv', source_id: '2208.11111' },
      { source: 'arxiv', source_id: '2212.04567' },
      { source: 'arxiv', source_id: '2301.01234' },
      { source: 'arxiv', source_id: 'cs/0601001' },
      { source: 'openalex', source_id: 'W4100000001' },
      { source: 'openalex', source_id: 'W4100000002' },
      { source: 'openalex', source_id: 'W4100000003' },
      { source: 'openalex', source_id: 'W4100000004' },
      { source: 'openalex', source_id: 'W4100000006' },
    ]);
    const [{ works }] = await t.db.query('SELECT count(*)::int AS works FROM works');
    expect(works).toBe(10);
    // The person's OpenAlex authorships point at the identity's author id.
    const [{ authored }] = await t.db.query("SELECT count(DISTINCT record_id)::int AS authored FROM work_authorships WHERE source = 'openalex' AND source_author_id = $1", [OPENALEX_AUTHOR]);
    expect(authored).toBe(5);

    const identities = await t.db.query('SELECT source, sync_state, last_synced_at, last_snapshot, broken_reason FROM scholarly_identities WHERE person_id = $1 ORDER BY source', [personId]);
    expect(identities).toEqual([
      { source: 'arxiv', sync_state: 'ok', last_synced_at: expect.any(Date), broken_reason: null, last_snapshot: expect.objectContaining({ source: 'arxiv', worksCount: 5, citationCount: null, updatedAt: '2023-08-02T00:41:18.000Z' }) },
      { source: 'openalex', sync_state: 'ok', last_synced_at: expect.any(Date), broken_reason: null, last_snapshot: expect.objectContaining({ source: 'openalex', sourceAuthorId: OPENALEX_AUTHOR, worksCount: 42, citationCount: 1234 }) },
    ]);

    // The flow's parent ran after its children, and saw both succeed.
    const parent = await waitFor(async () => {
      const job = await t.app.get(JobQueueService).queue(QueueName.SyncPeople).getJob(`sync-flow-${res.body.runIds[0]}`);
      // Read once complete: a job read just before it finished carries no return value.
      return job?.finishedOn && job.returnvalue ? job : undefined;
    });
    expect((parent.returnvalue as { runs: { status: string }[] }).runs.map((r) => r.status).sort()).toEqual(['succeeded', 'succeeded']);
  });

  it('syncing again finds every work unchanged and changes nothing', async () => {
    const before = await worksSnapshot(t.db);
    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    const runs = await finishedRuns(t, user, res.body.runIds);
    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 5, worksNew: 0, worksUpdated: 0, worksUnchanged: 5 });
    expect(runs.arxiv).toMatchObject({ status: 'succeeded', requests: 3, worksNew: 0, worksUpdated: 0, worksUnchanged: 5 });
    expect(await worksSnapshot(t.db)).toEqual(before);

    const list = (await t.http().get(`/people/${personId}/sync-runs?limit=2`).set(user.auth).expect(200)).body;
    expect(list.total).toBe(4);
    expect(list.items.map((r: { id: string }) => r.id).sort()).toEqual([...res.body.runIds].sort());
    const older = (await t.http().get(`/people/${personId}/sync-runs?limit=2&offset=2`).set(user.auth).expect(200)).body;
    expect(older.items.map((r: { id: string }) => r.id).sort()).toEqual([...firstRunIds].sort());
  });

  it('a scheduled sync of an unchanged author makes one cheap call per identity and is skipped', async () => {
    // The person's own schedule: a job scheduler every 6 hours, first tick 6 hours from now.
    const schedule = (await t.http().put(`/people/${personId}/sync-schedule`).set(user.auth).send({ everyHours: 6 }).expect(200)).body;
    expect(schedule).toEqual({ everyHours: 6, defaultEveryHours: 24, defaultSource: 'server', effectiveEveryHours: 6 });
    const jobs = t.app.get(JobQueueService);
    const scheduler = await jobs.queue(QueueName.SyncPeople).getJobScheduler(`sync-person-${personId}`);
    expect(scheduler).toMatchObject({ every: 6 * 3_600_000, name: JobName.SyncScheduledPerson });
    expect(Number(scheduler!.next)).toBeGreaterThan(Date.now() + 5 * 3_600_000);

    // Its tick, now.
    replay.clearRequests();
    await jobs.enqueue({ name: JobName.SyncScheduledPerson, data: { personId } });
    const scheduledIds = await waitFor(async () => {
      const list = (await t.http().get(`/people/${personId}/sync-runs`).set(user.auth).expect(200)).body;
      const scheduled = list.items.filter((r: { trigger: string }) => r.trigger === 'schedule');
      return scheduled.length === 2 ? scheduled.map((r: { id: string }) => r.id) : undefined;
    });
    const runs = await finishedRuns(t, user, scheduledIds);
    expect(runs.openalex).toMatchObject({ status: 'skipped', requests: 1, worksNew: 0, worksUpdated: 0, worksUnchanged: 0 });
    expect(runs.arxiv).toMatchObject({ status: 'skipped', requests: 1, worksNew: 0, worksUpdated: 0, worksUnchanged: 0 });
    expect(replay.requests.map((r) => r.path)).toEqual(expect.arrayContaining([openAlexAuthor.path, arxivSnapshot.path]));
    expect(replay.requests).toHaveLength(2);
    expect(replay.requests.find((r) => r.path === arxivSnapshot.path)!.query.get('max_results')).toBe('1');

    // Back to the default cadence: the person's scheduler goes, and the default tick syncs them.
    expect((await t.http().put(`/people/${personId}/sync-schedule`).set(user.auth).send({ everyHours: null }).expect(200)).body).toEqual({ everyHours: null, defaultEveryHours: 24, defaultSource: 'server', effectiveEveryHours: 24 });
    expect(await jobs.queue(QueueName.SyncPeople).getJobScheduler(`sync-person-${personId}`)).toBeUndefined();
    expect(await jobs.queue(QueueName.SyncPeople).getJobScheduler('sync-default')).toMatchObject({ every: 24 * 3_600_000, name: JobName.SyncDuePeople });
    replay.clearRequests();
    await jobs.enqueue({ name: JobName.SyncDuePeople, data: {} });
    const dueIds = await waitFor(async () => {
      const list = (await t.http().get(`/people/${personId}/sync-runs`).set(user.auth).expect(200)).body;
      const scheduled = list.items.filter((r: { trigger: string }) => r.trigger === 'schedule');
      return scheduled.length === 4 ? scheduled.slice(0, 2).map((r: { id: string }) => r.id) : undefined;
    });
    const due = await finishedRuns(t, user, dueIds);
    expect([due.openalex.status, due.arxiv.status]).toEqual(['skipped', 'skipped']);
    expect(replay.requests).toHaveLength(2);
  });

  it('checks ownership and input', async () => {
    const stranger = await registerUser(t);
    await t.http().post(`/people/${personId}/sync`).set(stranger.auth).expect(404);
    await t.http().get(`/people/${personId}/sync-runs`).set(stranger.auth).expect(404);
    await t.http().get(`/sync-runs/${firstRunIds[0]}`).set(stranger.auth).expect(404);
    await t.http().put(`/people/${personId}/sync-schedule`).set(stranger.auth).send({ everyHours: 3 }).expect(404);
    const bad = await t.http().put(`/people/${personId}/sync-schedule`).set(user.auth).send({ everyHours: 0 }).expect(400);
    expect(bad.body.details[0].field).toBe('everyHours');
    await t.http().put(`/people/${personId}/sync-schedule`).set(user.auth).send({}).expect(400);
    // A person without identities: nothing to sync.
    const alone = (await t.http().post('/people').set(user.auth).send({ fullName: 'No Identities' }).expect(201)).body;
    expect((await t.http().post(`/people/${alone.id}/sync`).set(user.auth).expect(202)).body).toEqual({ runIds: [] });
  });

  it('keeps schedules right through merges and erasure', async () => {
    const jobs = t.app.get(JobQueueService);
    const schedulerOf = (id: string) => jobs.queue(QueueName.SyncPeople).getJobScheduler(`sync-person-${id}`);
    const person = async (name: string, everyHours: number | null) => {
      const p = (await t.http().post('/people').set(user.auth).send({ fullName: name }).expect(201)).body;
      if (everyHours) await t.http().put(`/people/${p.id}/sync-schedule`).set(user.auth).send({ everyHours }).expect(200);
      return p.id as string;
    };
    // Both have their own cadence: the survivor's stays; the merged one's scheduler removes itself on its tick.
    const [a, b] = [await person('Ada', 6), await person('Ada L.', 12)];
    const merged = (await t.http().post(`/people/${a}/merge`).set(user.auth).send({ otherId: b, dryRun: false }).expect(200)).body;
    expect(merged.moved.syncSettings).toBe(1);
    expect((await t.http().get(`/people/${a}/sync-schedule`).set(user.auth).expect(200)).body.everyHours).toBe(6);
    await jobs.enqueue({ name: JobName.SyncScheduledPerson, data: { personId: b } });
    await waitFor(async () => ((await schedulerOf(b)) ? undefined : true));

    // Only the merged one had a cadence: the survivor takes it, and the next default tick gives it its scheduler.
    const [c, d] = [await person('Grace', null), await person('Grace H.', 8)];
    await t.http().post(`/people/${c}/merge`).set(user.auth).send({ otherId: d, dryRun: false }).expect(200);
    expect((await t.http().get(`/people/${c}/sync-schedule`).set(user.auth).expect(200)).body.everyHours).toBe(8);
    await jobs.enqueue({ name: JobName.SyncDuePeople, data: {} });
    await waitFor(async () => ((await schedulerOf(c))?.every === 8 * 3_600_000 && !(await schedulerOf(d)) ? true : undefined));

    // Erasing the person erases their cadence; their scheduler goes on its next tick.
    const erased = (await t.http().post(`/people/${c}/erase`).set(user.auth).expect(200)).body;
    expect(erased.erased.syncSettings).toBe(1);
    await jobs.enqueue({ name: JobName.SyncScheduledPerson, data: { personId: c } });
    await waitFor(async () => ((await schedulerOf(c)) ? undefined : true));
  });

  it('does not queue an identity twice while its sync is in flight', async () => {
    // Hold OpenAlex's first page so the run stays open.
    replay.fault(openAlexWorks(CURSORS.start), { kind: 'timeout', ms: 800 }, 1);
    const first = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds as string[];
    const second = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds as string[];
    expect([...second].sort()).toEqual([...first].sort());
    await finishedRuns(t, user, first);
  });
});
