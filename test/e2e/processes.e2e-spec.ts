import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode as run, Running } from '../support/compiled-processes';
import { createTestDatabase, databaseUrl, withServer } from '../support/database';
import { TEST_REDIS_URL } from '../support/test-app';
import { waitFor } from '../support/wait-for';

// The compiled apps as `npm start` and the Docker image run them: boot, logs, migrations, shutdown.
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');




function jsonLines(lines: string[]): { level: string; context?: string; message: unknown }[] {
  return lines.map((line) => JSON.parse(line));
}

async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dossier_proc_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withServer((c) => c.query(`CREATE DATABASE "${name}"`));
  return { url: databaseUrl(name), drop: () => withServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT to_regclass($1) AS t', [table]);
    return rows[0].t !== null;
  } finally {
    await client.end();
  }
}

describe('the API and worker processes', () => {
  const running: Running[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    await buildOnce();
  }, 120_000);

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  });

  it('refuses to boot on a wrong variable and names it', async () => {
    const api = run(API, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: 'eighty', LOG_FORMAT: 'yaml' });
    running.push(api);
    expect(await api.exited).toBe(1);
    const message = api.stderr.join('\n');
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('LOG_FORMAT="yaml"');
  });

  it('API: migrates an empty database on start, logs JSON lines, is ready, and stops cleanly on SIGTERM', async () => {
    const db = await emptyDatabase();
    cleanups.push(db.drop);
    const port = await freePort();
    const api = run(API, { DATABASE_URL: db.url, PORT: String(port), QUEUE_PREFIX: `proc${process.pid}` });
    running.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/health/ready`).catch(() => undefined))?.ok ? true : undefined), 60_000);

    expect(await tableExists(db.url, 'people')).toBe(true);
    const logs = jsonLines(api.stdout);
    expect(logs.map((l) => String(l.message))).toEqual(expect.arrayContaining([expect.stringMatching(/^migrations: applied /), expect.stringContaining(`Dossier API ready at`)]));
    for (const entry of logs) expect(entry).toMatchObject({ level: expect.any(String), message: expect.anything() });

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(jsonLines(api.stdout).slice(-2).map((l) => l.message)).toEqual(['SIGTERM: shutting down', 'stopped']);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  }, 90_000);

  it('API: leaves the schema alone when RUN_MIGRATIONS=false', async () => {
    const db = await emptyDatabase();
    cleanups.push(db.drop);
    const port = await freePort();
    const api = run(API, { DATABASE_URL: db.url, PORT: String(port), RUN_MIGRATIONS: 'false', REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `proc${process.pid}` });
    running.push(api);
    await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined), 60_000);
    expect(await tableExists(db.url, 'people')).toBe(false);
    expect(jsonLines(api.stdout).some((l) => String(l.message).startsWith('migrations:'))).toBe(false);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 90_000);

  it('worker: never migrates, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const worker = run(WORKER, { DATABASE_URL: empty.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `proc${process.pid}` });
    running.push(worker);
    await waitFor(async () => (jsonLines(worker.stdout).some((l) => String(l.message).startsWith('Dossier worker running')) ? true : undefined), 60_000);
    expect(await tableExists(empty.url, 'people')).toBe(false);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(jsonLines(worker.stdout).slice(-2).map((l) => l.message)).toEqual(['SIGINT: shutting down', 'stopped']);

    // And on a migrated database it runs on BullMQ's PostgreSQL backend too.
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const pgWorker = run(WORKER, { DATABASE_URL: db.url, QUEUE_PREFIX: `proc${process.pid}` });
    running.push(pgWorker);
    await waitFor(async () => (jsonLines(pgWorker.stdout).some((l) => String(l.message).includes('queue backend: postgres')) ? true : undefined), 60_000);
    pgWorker.child.kill('SIGTERM');
    expect(await pgWorker.exited).toBe(0);
  }, 90_000);
});
