import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncService } from '#domain/sync/index';
import { SYNC_ATTEMPTS, SYNC_SOURCE_JOBS } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import { buildOnce, ROOT, runNode, Running } from '../support/compiled-processes';
import type { ReplayServer } from '../support/replay-server';
import { arxivPage, CURSORS, finishedRuns, FIXTURES, KAISER, OPENALEX_AUTHOR, openAlexAuthor, openAlexWorks, pacedGap, personWithIdentities, RunView, scholarlyReplay, syncEnv, worksSnapshot } from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TEST_REDIS_URL, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Each scenario starts from an empty works cache, injects faults into the replay server, syncs the
 * person (OpenAlex + arXiv identities), and checks that once the faults are over the works tables
 * hold exactly what a clean sync writes.
 */
describe.each<QueueBackend>(['redis', 'postgres'])('publication sync under faults on %s', (queue) => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  let personId: string;
  let clean: unknown;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    // A request times out after 2.5 s: long enough for a loaded test machine, short enough to wait for.
    t = await createTestApp({ queue, worker: true, env: syncEnv(replay, { SCHOLARLY_TIMEOUT_MS: '2500' }) });
    user = await registerUser(t);
    ({ personId } = await personWithIdentities(t, user, 'Zoë Ångström', [
      ['openalex', OPENALEX_AUTHOR],
      ['arxiv', KAISER],
    ]));
    const runs = await sync();
    expect([runs.openalex.status, runs.arxiv.status]).toEqual(['succeeded', 'succeeded']);
    clean = await worksSnapshot(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE works, work_records, work_authorships CASCADE');
    await t.db.query("UPDATE scholarly_identities SET sync_state = 'never', last_snapshot = NULL, last_synced_at = NULL, broken_reason = NULL WHERE person_id = $1", [personId]);
    replay.clearFaults();
    replay.clearRequests();
  });
  afterEach(() => expect(replay.unmatched).toEqual([]));

  async function sync(): Promise<Record<string, RunView>> {
    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    return finishedRuns(t, user, res.body.runIds);
  }

  /**
   * The run's job once the queue has settled it. The run's status is written by the job's last step,
   * a moment before the queue records the job completed or failed (the step still announces the
   * outcome as an event), so the job is read when it is settled, not mid-way.
   */
  async function job(source: 'openalex' | 'arxiv', runId: string) {
    const name = source === 'openalex' ? SYNC_SOURCE_JOBS.openalex.queue : SYNC_SOURCE_JOBS.arxiv.queue;
    const queue = t.app.get(JobQueueService).queue(name);
    await waitFor(async () => (['completed', 'failed'].includes(await (await queue.getJob(`sync-run-${runId}`))!.getState()) ? true : undefined));
    return (await queue.getJob(`sync-run-${runId}`))!;
  }

  it('429 with Retry-After: 1 waits a second, then completes without using an attempt', async () => {
    replay.fault(openAlexWorks(CURSORS.second), { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: '{"error":"Too Many Requests"}' });
    const started = Date.now();
    const runs = await sync();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 6, worksNew: 5 });
    expect(runs.openalex.errors).toEqual([expect.stringMatching(/^openalex: rate limited, retry after 1 s \(GET \/works\?filter=author\.id%3AA5100000001&.*cursor=/)]);
    // Only the attempt that completed counts: the 429 used none.
    expect((await job('openalex', runs.openalex.id)).attemptsMade).toBe(1);
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('500 then 503: retried with exponential backoff, then completes', async () => {
    replay.fault(openAlexWorks(CURSORS.start), { kind: 'status', status: 500 }).fault(openAlexWorks(CURSORS.start), { kind: 'status', status: 503 });
    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 7, worksNew: 5 });
    expect(runs.openalex.errors).toEqual([expect.stringMatching(/^openalex: HTTP 500 \(GET \/works\?/), expect.stringMatching(/^openalex: HTTP 503 \(GET \/works\?/)]);
    // Two failed attempts and the one that completed.
    expect((await job('openalex', runs.openalex.id)).attemptsMade).toBe(3);
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('a reset connection, a timeout and a truncated body are retried', async () => {
    replay
      .fault(openAlexAuthor, { kind: 'timeout', ms: 8000 })
      .fault(arxivPage(0), { kind: 'truncate' })
      .fault(arxivPage(2), { kind: 'reset' });
    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 6, worksNew: 5, errors: [expect.stringMatching(/^openalex: timed out \(GET \/authors\/A5100000001\)/)] });
    // arXiv: the listing's pages 0, 2 and 4, two of them twice (a manual sync reads no snapshot of its own).
    expect(runs.arxiv).toMatchObject({ status: 'succeeded', requests: 5, worksNew: 5 });
    expect(runs.arxiv.errors).toEqual([expect.stringMatching(/^arxiv: connection failed .*\(GET \/api\/query\?.*start=0/), expect.stringMatching(/^arxiv: connection failed .*\(GET \/api\/query\?.*start=2/)]);
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('a malformed body fails the attempt with a message naming the source and the request; the retry completes', async () => {
    replay.fault(openAlexWorks(CURSORS.third), { kind: 'malformed' });
    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 6, worksNew: 5 });
    expect(runs.openalex.errors).toEqual([expect.stringMatching(/^openalex: malformed response: not JSON .*\(GET \/works\?filter=author\.id%3AA5100000001&.*cursor=/)]);
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('a body malformed on every attempt fails the run with that message; a later sync completes it', async () => {
    replay.fault(openAlexWorks(CURSORS.third), { kind: 'malformed' }, SYNC_ATTEMPTS);
    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'failed', requests: 3 + SYNC_ATTEMPTS, worksNew: 4 });
    expect(runs.openalex.errors).toHaveLength(SYNC_ATTEMPTS);
    const failed = await job('openalex', runs.openalex.id);
    expect(await failed.getState()).toBe('failed');
    expect(failed.failedReason).toMatch(/^openalex: malformed response: not JSON .*\(GET \/works\?filter=author\.id%3AA5100000001&/);
    expect(runs.arxiv.status).toBe('succeeded');
    // The identity keeps its last good state; nothing half-written stays behind.
    const [identity] = await t.db.query("SELECT sync_state, last_snapshot FROM scholarly_identities WHERE person_id = $1 AND source = 'openalex'", [personId]);
    expect(identity).toEqual({ sync_state: 'never', last_snapshot: null });

    const again = await sync();
    expect(again.openalex).toMatchObject({ status: 'succeeded', worksNew: 1, worksUnchanged: 4 });
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('a 404 marks the identity broken with the reason and is not retried; a manual sync tries it again', async () => {
    replay.fault(openAlexAuthor, { kind: 'status', status: 404, headers: { 'content-type': 'text/html' }, body: '<html><title>404 Not Found</title><h1>Not Found</h1></html>' }, 10);
    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'broken', requests: 1, worksNew: 0, errors: [expect.stringMatching(/^openalex: HTTP 404: .*Not Found.*\(GET \/authors\/A5100000001\)/)] });
    expect(replay.requests.filter((r) => r.path === openAlexAuthor.path)).toHaveLength(1);
    const failed = await job('openalex', runs.openalex.id);
    expect([await failed.getState(), failed.attemptsMade]).toEqual(['failed', 1]);
    const [identity] = await t.db.query("SELECT sync_state, broken_reason FROM scholarly_identities WHERE person_id = $1 AND source = 'openalex'", [personId]);
    expect(identity).toEqual({ sync_state: 'broken', broken_reason: runs.openalex.errors[0] });

    // A scheduled sync leaves the broken identity alone.
    const scheduled = await t.worker!.get(SyncService).trigger(user.id, personId, 'schedule');
    const skippedBroken = await finishedRuns(t, user, scheduled.runIds);
    expect(Object.keys(skippedBroken)).toEqual(['arxiv']);

    // The user syncs by hand once the source answers again.
    replay.clearFaults();
    const again = await sync();
    expect(again.openalex).toMatchObject({ status: 'succeeded', worksNew: 5 });
    const [fixed] = await t.db.query("SELECT sync_state, broken_reason FROM scholarly_identities WHERE person_id = $1 AND source = 'openalex'", [personId]);
    expect(fixed).toEqual({ sync_state: 'ok', broken_reason: null });
    expect(await worksSnapshot(t.db)).toEqual(clean);
  });

  it('a page whose text holds NUL characters or lone surrogates is stored without them, and the sync succeeds', async () => {
    // Before, one such character failed its whole page on every retry, PostgreSQL refusing it.
    const page = JSON.parse(readFileSync(join(FIXTURES, 'openalex', 'works_filter_author.id_A5100000001_cursor_3.json'), 'utf8')) as {
      results: { title: string; display_name: string; authorships: { author: { display_name: string }; institutions: { display_name: string }[] }[] }[];
    };
    const work = page.results[1];
    // JSON.stringify writes both as escapes, as an API would: "\u0000" and "\ud800".
    work.title = work.display_name = 'Recency-Weighted\u0000 Reading Lists \ud800';
    work.authorships[0].author.display_name = 'S\u00f8ren\u0000 Kj\u00e6rgaard';
    work.authorships[0].institutions[0].display_name = 'Uppsala\u0000 University';
    replay.fault(openAlexWorks(CURSORS.third), { kind: 'status', status: 200, body: JSON.stringify(page) }, 10);

    const runs = await sync();
    expect(runs.openalex).toMatchObject({ status: 'succeeded', worksNew: 5, errors: [] });
    const [record] = await t.db.query("SELECT record FROM work_records WHERE source = 'openalex' AND source_id = 'W4100000006'");
    expect(record.record).toMatchObject({ title: 'Recency-Weighted Reading Lists \ufffd', authors: [expect.objectContaining({ name: 'Søren Kjærgaard', affiliations: ['Uppsala University'] }), expect.anything()] });
  });
});

describe('a source queue keeps to its rate limit', () => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    t = await createTestApp({ queue: 'postgres', worker: true, env: syncEnv(replay, { ARXIV_RATE_LIMIT: '1/500ms', ARXIV_CONCURRENCY: '1' }) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it('spaces arXiv requests by the configured window, over two people synced at once', async () => {
    const times: number[] = [];
    const push = replay.requests.push.bind(replay.requests);
    replay.requests.push = (...items) => {
      times.push(...items.map(() => Date.now()));
      return push(...items);
    };
    const user = await registerUser(t);
    const a = await personWithIdentities(t, user, 'Lukasz Kaiser', [['arxiv', KAISER]]);
    const b = await personWithIdentities(t, user, 'Łukasz Kaiser', [['arxiv', KAISER]]);
    const runIds = [
      ...(await t.http().post(`/people/${a.personId}/sync`).set(user.auth).expect(202)).body.runIds,
      ...(await t.http().post(`/people/${b.personId}/sync`).set(user.auth).expect(202)).body.runIds,
    ];
    const runs = await Promise.all(runIds.map(async (id) => (await finishedRuns(t, user, [id])).arxiv));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    // Three listing pages each (the snapshot comes with the first).
    expect(times).toHaveLength(6);
    const gaps = times.slice(1).map((time, i) => time - times[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(pacedGap(500));
  }, 30_000);
});

describe('a worker killed mid-sync', () => {
  const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
  let replay: ReplayServer;
  let t: TestApp;
  const workers: Running[] = [];

  beforeAll(async () => {
    await buildOnce();
    replay = await scholarlyReplay();
    // The API in-process; the worker is the compiled app, as `npm start` and Docker run it.
    t = await createTestApp({ queue: 'redis', env: syncEnv(replay, { SCHOLARLY_TIMEOUT_MS: '20000' }) });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await t?.close();
    await replay?.close();
  });

  function startWorker(): Running {
    const worker = runNode(WORKER, {
      DATABASE_URL: t.config.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.config.queue.prefix,
      LOG_LEVEL: 'warn',
      ...syncEnv(replay, { SCHOLARLY_TIMEOUT_MS: '20000' }),
    });
    workers.push(worker);
    return worker;
  }

  it('is restarted, resumes at the page it had reached, and leaves no duplicate works or authorships', async () => {
    const user = await registerUser(t);
    const { personId } = await personWithIdentities(t, user, 'Zoë Ångström', [['openalex', OPENALEX_AUTHOR]]);
    // The third page hangs: the worker is killed while it waits for it, two pages in.
    replay.fault(openAlexWorks(CURSORS.third), { kind: 'timeout', ms: 15_000 });
    const first = startWorker();
    const runId = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds[0] as string;
    await waitFor(async () => (replay.requests.some((r) => r.query.get('cursor') === CURSORS.third) ? true : undefined), 30_000);
    const [{ count: before }] = await t.db.query("SELECT count(*)::int AS count FROM work_records WHERE source = 'openalex'");
    expect(before).toBe(4);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect((await t.http().get(`/sync-runs/${runId}`).set(user.auth).expect(200)).body.status).toBe('running');

    // A new worker takes the stalled step over once its lock has expired, from the saved cursor.
    const second = startWorker();
    const runs = await finishedRuns(t, user, [runId], 60_000);
    expect(runs.openalex).toMatchObject({ status: 'succeeded', worksNew: 5, worksUpdated: 0, worksUnchanged: 0 });
    const requested = replay.requests.filter((r) => r.path === '/works').map((r) => r.query.get('cursor'));
    expect(requested).toEqual([CURSORS.start, CURSORS.second, CURSORS.third, CURSORS.third, CURSORS.last]);
    const [{ works, records, authorships, distinct }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM works) AS works, (SELECT count(*)::int FROM work_records) AS records,
              (SELECT count(*)::int FROM work_authorships) AS authorships,
              (SELECT count(*)::int FROM (SELECT DISTINCT r.source_id, a.position FROM work_authorships a JOIN work_records r ON r.id = a.record_id) d) AS distinct`,
    );
    expect([works, records]).toEqual([5, 5]);
    expect(authorships).toBe(distinct);
    const afterCrash = await worksSnapshot(t.db);

    // The same sync on an empty cache, uninterrupted, writes exactly the same.
    await t.db.query('TRUNCATE works, work_records, work_authorships CASCADE');
    const clean = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds as string[];
    expect((await finishedRuns(t, user, clean)).openalex.status).toBe('succeeded');
    expect(await worksSnapshot(t.db)).toEqual(afterCrash);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
