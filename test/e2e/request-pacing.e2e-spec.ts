import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURSORS, finishedRuns, FIXTURES, OPENALEX_AUTHOR, openAlexAuthor, openAlexWorks, personWithIdentities, syncEnv, ZOE } from '../support/sync-fixtures';
import type { ReplayServer } from '../support/replay-server';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A strict OpenAlex (test/support/strict-server.cjs, in a process of its own so that the arrival
 * times are its own): it answers 429 to any request that arrives closer than 105 ms after the last
 * one it admitted. Two installations' processes (API + worker each, on one database and one queue
 * namespace) run a person's sync and a stream of interactive candidate searches at the same time;
 * the server must never have had to refuse one. The gaps are the server's own arrival times.
 */
const SPACING_MS = 105;
const oa = (name: string) => join(FIXTURES, 'openalex', name);
const ROUTES = [
  { ...openAlexAuthor, file: oa('author_A5100000001.json') },
  { ...openAlexWorks(CURSORS.start), file: oa('works_filter_author.id_A5100000001_cursor_start.json') },
  { ...openAlexWorks(CURSORS.second), file: oa('works_filter_author.id_A5100000001_cursor_2.json') },
  { ...openAlexWorks(CURSORS.third), file: oa('works_filter_author.id_A5100000001_cursor_3.json') },
  { ...openAlexWorks(CURSORS.last), file: oa('works_filter_author.id_A5100000001_cursor_4_empty.json') },
  { path: '/authors', query: { filter: `display_name.search:${ZOE}` }, file: oa('authors_filter_display_name.search_zoe_angstrom.json') },
];

async function startStrictServer(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const routes = join(dir, 'routes.json');
  writeFileSync(routes, JSON.stringify(ROUTES));
  const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'strict-server.cjs'), routes, String(SPACING_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
  return { url: `http://127.0.0.1:${/listening (\d+)/.exec(line)![1]}`, child };
}

describe.each<QueueBackend>(['redis', 'postgres'])('requests paced when sent, over processes, on %s', (queue) => {
  let dir: string;
  let strict: { url: string; child: ChildProcess };
  let a: TestApp;
  let b: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-pacing-'));
    strict = await startStrictServer(dir);
    const env = syncEnv({ url: strict.url } as ReplayServer, { OPENALEX_RATE_LIMIT: `1/${SPACING_MS}ms`, QUEUE_PREFIX: `pace${process.pid}${queue}` });
    a = await createTestApp({ queue, worker: true, env });
    b = await createTestApp({ queue, worker: true, env, databaseUrl: a.config.database.url });
    user = await registerUser(a);
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    strict?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('no OpenAlex request arrives closer than its setting: sync steps and lookups alike, from two processes', async () => {
    const { personId } = await personWithIdentities(a, user, ZOE, [['openalex', OPENALEX_AUTHOR]]);
    const searched = await a.http().post('/people').set(user.auth).send({ fullName: ZOE }).expect(201);

    const sync = a.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    // Lookups through both installations while the sync runs: each is one OpenAlex request.
    const lookups = Array.from({ length: 6 }, (_, i) =>
      (i % 2 === 0 ? a : b)
        .http()
        .get(`/people/${searched.body.id}/identity-candidates?sources=openalex`)
        .set(user.auth)
        .expect(200),
    );
    const answers = await Promise.all(lookups);
    const runs = await finishedRuns(a, user, (await sync).body.runIds);

    expect(runs.openalex).toMatchObject({ status: 'succeeded', requests: 5, errors: [] });
    for (const answer of answers) expect(answer.body.errors).toEqual([]);
    const stats = (await (await fetch(`${strict.url}/__stats`)).json()) as { admitted: number; refused: number; arrivals: number[] };
    expect(stats).toMatchObject({ admitted: 11, refused: 0 });
    const gaps = stats.arrivals.slice(1).map((at, i) => at - stats.arrivals[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SPACING_MS);
  }, 120_000);
});
