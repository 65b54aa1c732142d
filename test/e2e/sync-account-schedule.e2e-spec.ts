import { SyncSchedulesService } from '#domain/sync/index';
import { JobName, QueueName } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import type { ReplayServer } from '../support/replay-server';
import { OPENALEX_AUTHOR, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const HOUR_MS = 3_600_000;

/**
 * The account's own default sync cadence (GET/PUT /me/sync-schedule): the person's own cadence,
 * else the account's, else the server's; one job scheduler per account, on real BullMQ.
 */
describe('the account default sync schedule', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let jobs: JobQueueService;
  let schedules: SyncSchedulesService;
  let user: TestUser;
  let other: TestUser;
  let follows: string; // linked, no cadence of their own: follows the account
  let own: string; // linked, their own cadence of 6 hours
  let theirs: string; // the other account's, linked
  const scheduler = (userId: string) => jobs.queue(QueueName.SyncPeople).getJobScheduler(`sync-account-${userId}`);
  const me = (u: TestUser) => t.http().get('/me/sync-schedule').set(u.auth).expect(200);
  const put = (u: TestUser, body: unknown) => t.http().put('/me/sync-schedule').set(u.auth).send(body as object);
  const personSchedule = async (id: string) => (await t.http().get(`/people/${id}/sync-schedule`).set(user.auth).expect(200)).body;
  /** Runs a job through the real worker and answers its return value. */
  const tick = async (item: Parameters<JobQueueService['enqueue']>[0]) => {
    const id = await jobs.enqueue(item);
    const job = await waitFor(async () => {
      const j = await jobs.queue(QueueName.SyncPeople).getJob(id);
      return j?.finishedOn && j.returnvalue ? j : undefined;
    });
    return job.returnvalue as { people: number };
  };

  beforeAll(async () => {
    replay = await scholarlyReplay();
    t = await createTestApp({ worker: true, env: syncEnv(replay) });
    jobs = t.app.get(JobQueueService);
    schedules = t.app.get(SyncSchedulesService);
    user = await registerUser(t);
    other = await registerUser(t);
    ({ personId: follows } = await personWithIdentities(t, user, 'Zoë Ångström', [['openalex', OPENALEX_AUTHOR]]));
    ({ personId: own } = await personWithIdentities(t, user, 'Ada Lovelace', [['openalex', OPENALEX_AUTHOR]]));
    await t.http().put(`/people/${own}/sync-schedule`).set(user.auth).send({ everyHours: 6 }).expect(200);
    ({ personId: theirs } = await personWithIdentities(t, other, 'Grace Hopper', [['openalex', OPENALEX_AUTHOR]]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it("starts at the server's default", async () => {
    expect((await me(user)).body).toEqual({ everyHours: 24, paused: false, source: 'server', serverEveryHours: 24 });
    expect(await personSchedule(follows)).toEqual({ everyHours: null, defaultEveryHours: 24, defaultSource: 'server', effectiveEveryHours: 24 });
  });

  it('refuses bad input, naming the field, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{}, 'mode'],
      [{ mode: 'hourly' }, 'mode'],
      [{ mode: 'every' }, 'everyHours'],
      [{ mode: 'every', everyHours: 0 }, 'everyHours'],
      [{ mode: 'every', everyHours: 8761 }, 'everyHours'],
      [{ mode: 'every', everyHours: 1.5 }, 'everyHours'],
      [{ mode: 'every', everyHours: '12' }, 'everyHours'],
      [{ mode: 'paused', everyHours: 12 }, 'everyHours'],
      [{ mode: 'server', everyHours: 12 }, 'everyHours'],
      [{ mode: 'every', everyHours: 12, paused: true }, 'paused'],
    ];
    for (const [body, field] of cases) {
      const res = await put(user, body).expect(400);
      expect([JSON.stringify(body), res.body.details.map((d: { field: string }) => d.field)]).toEqual([JSON.stringify(body), [field]]);
    }
    expect((await put(user, { mode: 'every', everyHours: 0 })).body.details[0].problem).toMatch(/from 1 to 8760/);
    expect((await put(user, { mode: 'paused', everyHours: 12 })).body.details[0].problem).toMatch(/left out unless mode is every/);
    expect((await me(user)).body.source).toBe('server');
    expect(await scheduler(user.id)).toBeFalsy();
    await t.http().get('/me/sync-schedule').expect(401);
  });

  it("sets the account's cadence: one scheduler for its people without their own, the other account untouched", async () => {
    const before = Date.now();
    const res = await put(user, { mode: 'every', everyHours: 12 }).expect(200);
    expect(res.body).toEqual({ everyHours: 12, paused: false, source: 'account', serverEveryHours: 24 });
    expect((await me(user)).body).toEqual(res.body);

    const s = await scheduler(user.id);
    expect(s).toMatchObject({ every: 12 * HOUR_MS, name: JobName.SyncAccountPeople, template: { data: { userId: user.id } } });
    // The first tick one period from now, not at once.
    expect(s!.next).toBeGreaterThanOrEqual(before + 12 * HOUR_MS - 1000);

    expect(await personSchedule(follows)).toEqual({ everyHours: null, defaultEveryHours: 12, defaultSource: 'account', effectiveEveryHours: 12 });
    expect(await personSchedule(own)).toEqual({ everyHours: 6, defaultEveryHours: 12, defaultSource: 'account', effectiveEveryHours: 6 });
    expect(await schedules.dueForAccount(user.id)).toEqual([follows]);
    expect(await schedules.dueOnDefault()).toEqual([theirs]);

    // The other account: still the server's, no scheduler of its own.
    expect((await me(other)).body).toEqual({ everyHours: 24, paused: false, source: 'server', serverEveryHours: 24 });
    expect(await scheduler(other.id)).toBeFalsy();

    // Changing it moves the one scheduler.
    await put(user, { mode: 'every', everyHours: 48 }).expect(200);
    expect((await scheduler(user.id))?.every).toBe(48 * HOUR_MS);
  });

  it("the account's tick syncs its people without their own cadence, and only them; the server's tick the others", async () => {
    expect(await tick({ name: JobName.SyncAccountPeople, data: { userId: user.id } })).toMatchObject({ people: 1 });
    const runs = await waitFor(async () => {
      const items = (await t.http().get(`/people/${follows}/sync-runs`).set(user.auth).expect(200)).body.items as { trigger: string; finishedAt: string | null }[];
      return items.length > 0 && items.every((r) => r.finishedAt) ? items : undefined;
    });
    expect(runs.map((r) => r.trigger)).toEqual(['schedule']);
    expect((await t.http().get(`/people/${own}/sync-runs`).set(user.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get(`/people/${theirs}/sync-runs`).set(other.auth).expect(200)).body.total).toBe(0);

    expect(await tick({ name: JobName.SyncDuePeople, data: {} })).toMatchObject({ people: 1 });
    await waitFor(async () => ((await t.http().get(`/people/${theirs}/sync-runs`).set(other.auth).expect(200)).body.total === 1 ? true : undefined));
    expect((await t.http().get(`/people/${follows}/sync-runs`).set(user.auth).expect(200)).body.total).toBe(1);
  });

  it('pauses: no scheduler, the server tick skips its people, a person with their own cadence keeps it', async () => {
    const res = await put(user, { mode: 'paused' }).expect(200);
    expect(res.body).toEqual({ everyHours: null, paused: true, source: 'account', serverEveryHours: 24 });
    expect((await me(user)).body).toEqual(res.body);
    expect(await scheduler(user.id)).toBeFalsy();
    expect(await schedules.dueOnDefault()).toEqual([theirs]);
    expect(await personSchedule(follows)).toEqual({ everyHours: null, defaultEveryHours: null, defaultSource: 'account', effectiveEveryHours: null });
    expect(await personSchedule(own)).toMatchObject({ everyHours: 6, effectiveEveryHours: 6 });
    expect(await jobs.queue(QueueName.SyncPeople).getJobScheduler(`sync-person-${own}`)).toMatchObject({ every: 6 * HOUR_MS });
    // A tick of the account's scheduler left in the queue starts nothing and removes itself.
    expect(await tick({ name: JobName.SyncAccountPeople, data: { userId: user.id } })).toMatchObject({ people: 0 });
  });

  it("goes back to the server's default", async () => {
    await put(user, { mode: 'every', everyHours: 12 }).expect(200);
    const res = await put(user, { mode: 'server' }).expect(200);
    expect(res.body).toEqual({ everyHours: 24, paused: false, source: 'server', serverEveryHours: 24 });
    expect(await scheduler(user.id)).toBeFalsy();
    expect(await schedules.dueOnDefault()).toEqual([follows, theirs].sort());
    expect(await personSchedule(follows)).toEqual({ everyHours: null, defaultEveryHours: 24, defaultSource: 'server', effectiveEveryHours: 24 });
  });

  it('reconciling brings the account schedulers back in line with the accounts', async () => {
    await put(user, { mode: 'every', everyHours: 12 }).expect(200);
    await jobs.removeSchedule(JobName.SyncAccountPeople, `sync-account-${user.id}`);
    // A scheduler of an account that went back to the server's (a crash between the two writes).
    await jobs.upsertSchedule(`sync-account-${other.id}`, 5 * HOUR_MS, { name: JobName.SyncAccountPeople, data: { userId: other.id } }, 5 * HOUR_MS);
    await schedules.reconcile();
    expect((await scheduler(user.id))?.every).toBe(12 * HOUR_MS);
    expect(await scheduler(other.id)).toBeFalsy();
    await put(user, { mode: 'server' }).expect(200);
  });

  it('reschedules 10,000 people at once: one scheduler, one query for whom it syncs', async () => {
    const big = await registerUser(t);
    await t.db.query(
      `WITH p AS (
         INSERT INTO people (user_id, full_name, name_folded)
         SELECT $1, 'Person ' || n, 'person ' || n FROM generate_series(1, 10000) n RETURNING id)
       INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by)
       SELECT $1, id, 'openalex', 'A' || id, 'Someone', 'linked', 'user' FROM p`,
      [big.id],
    );
    const schedulersBefore = (await jobs.queue(QueueName.SyncPeople).getJobSchedulers(0, -1)).length;
    // No per-person work: the whole account is one scheduler, however many people it has.
    await put(big, { mode: 'every', everyHours: 72 }).expect(200);
    expect((await jobs.queue(QueueName.SyncPeople).getJobSchedulers(0, -1)).length).toBe(schedulersBefore + 1);
    expect((await scheduler(big.id))?.every).toBe(72 * HOUR_MS);
    expect(await schedules.dueForAccount(big.id)).toHaveLength(10_000);
    // The others are where they were.
    expect(await schedules.dueOnDefault()).toEqual([follows, theirs].sort());
    expect((await me(user)).body.source).toBe('server');
  }, 60_000);
});
