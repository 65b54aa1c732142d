import { SYNC_SOURCE_JOBS } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import { searchDatabase } from '../support/database-search';
import type { ReplayServer } from '../support/replay-server';
import { finishedRuns, OPENALEX_AUTHOR, openAlexAuthor, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Scholarly sources that quote the request back in their errors (the full URL with `api_key` and
 * `mailto`, every header with `x-api-key` and the User-Agent's contact address): what they say
 * reaches the user's answer, the sync run, the queue's job and the logs with the key and the
 * contact address taken out.
 */
const OPENALEX_KEY = 'oa-key-7d1f0c9a2b';
const S2_KEY = 's2-key-e83b41f6c0';
const CONTACT = 'researcher+dossier@lab.example';
const SECRETS = [OPENALEX_KEY, S2_KEY, CONTACT, encodeURIComponent(CONTACT)];

describe('outside errors pass through the one redaction', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  const written: string[] = [];
  let spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    replay = await scholarlyReplay();
    // The PostgreSQL queue backend: job data, return values and failedReason are rows the database search reads.
    t = await createTestApp({ queue: 'postgres', worker: true, env: syncEnv(replay, { OPENALEX_API_KEY: OPENALEX_KEY, SEMANTIC_SCHOLAR_API_KEY: S2_KEY, SCHOLARLY_CONTACT_EMAIL: CONTACT, LOG_LEVEL: 'log' }) });
    user = await registerUser(t);
    // Everything the processes write from here on (access log, warnings, errors).
    spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      }),
    );
  }, 60_000);
  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    await t?.close();
    await replay?.close();
  });

  const expectClean = (what: string, text: string) => {
    for (const secret of SECRETS) expect({ what, contains: text.includes(secret) ? secret : null }).toEqual({ what, contains: null });
  };

  it('the source really was sent the key and the contact address, and echoes them', async () => {
    replay.fault({ path: '/authors/A5100000042' }, { kind: 'echo', status: 404 });
    const person = (await t.http().post('/people').set(user.auth).send({ fullName: 'Zoë Ångström' }).expect(201)).body;
    const answer = await t.http().post(`/people/${person.id}/identities`).set(user.auth).send({ source: 'openalex', id: 'A5100000042' }).expect(422);
    const sent = replay.requests.find((r) => r.path === '/authors/A5100000042')!;
    expect([sent.query.get('api_key'), sent.query.get('mailto')]).toEqual([OPENALEX_KEY, CONTACT]);

    // The user's answer still says what the source said, without the key or the address.
    expect(answer.body).toMatchObject({ code: 'identity.unknown-at-source', message: expect.stringContaining('Invalid request: GET http://127.0.0.1') });
    expect(answer.body.message).toContain('api_key=[secret]');
    expectClean('the 422 answer', JSON.stringify(answer.body));
  });

  it('an x-api-key header and the User-Agent echoed by Semantic Scholar', async () => {
    replay.fault({ path: '/graph/v1/author/2100000042' }, { kind: 'echo', status: 404 });
    const person = (await t.http().post('/people').set(user.auth).send({ fullName: 'Inès Moreau' }).expect(201)).body;
    const answer = await t.http().post(`/people/${person.id}/identities`).set(user.auth).send({ source: 'semanticscholar', id: '2100000042' }).expect(422);
    expect(replay.requests.find((r) => r.path === '/graph/v1/author/2100000042')!.headers['x-api-key']).toBe(S2_KEY);
    expectClean('the 422 answer', JSON.stringify(answer.body));

    // The lookup ran in the worker: its job's return value (read by the API) is clean too.
    const lookups = await t.app.get(JobQueueService).queue(SYNC_SOURCE_JOBS.semanticscholar.queue).getJobs(['completed']);
    expect(lookups.length).toBeGreaterThan(0);
    for (const job of lookups) expectClean(`lookup job ${job.id} return value`, JSON.stringify(job.returnvalue));
  });

  it("a sync run's stored error, the identity's reason and the job's failedReason", async () => {
    const { personId } = await personWithIdentities(t, user, 'Ada Lovelace', [['openalex', OPENALEX_AUTHOR]]);
    replay.fault(openAlexAuthor, { kind: 'echo', status: 400 }, 5);
    const runIds = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds as string[];
    const runs = await finishedRuns(t, user, runIds);
    expect(runs.openalex).toMatchObject({ status: 'broken', errors: [expect.stringMatching(/^openalex: HTTP 400: Invalid request: GET .*api_key=\[secret\]/)] });
    expectClean('the run', JSON.stringify(runs.openalex));

    const job = (await t.app.get(JobQueueService).queue(SYNC_SOURCE_JOBS.openalex.queue).getJob(`sync-run-${runs.openalex.id}`))!;
    expect(job.failedReason).toContain('HTTP 400');
    expectClean('failedReason', job.failedReason);
    expectClean('stacktrace', JSON.stringify(job.stacktrace));
  });

  it('nothing kept anywhere holds a key or the contact address, and neither do the logs', async () => {
    expect(await searchDatabase(t.db, SECRETS)).toEqual([]);
    const logs = written.join('');
    expect(logs).toContain('[access]');
    expectClean('the logs', logs);
  });
});
