import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode, Running } from '../support/compiled-processes';
import { waitFor } from '../support/wait-for';

// `npm start` as a person runs it: no DATABASE_URL, so the launcher runs the embedded PostgreSQL in
// DATA_DIR, then the API and the worker; the data must survive a restart and nothing may outlive it.
const LAUNCHER = join(ROOT, 'dist/scripts/start.js');


function launch(env: Record<string, string>): Running {
  return runNode(LAUNCHER, env);
}


/** Pids whose command line mentions `dir`: the embedded PostgreSQL runs as `postgres -D <dir>/postgres`. */
function processesUsing(dir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid the API or worker logs in its JSON lines (their stdout is the launcher's). */
function pidOf(run: Running, context: 'api' | 'worker'): number | undefined {
  for (const line of run.stdout) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { pid?: number; context?: string };
    if (entry.context === context && entry.pid) return entry.pid;
  }
  return undefined;
}

describe('npm start (scripts/start.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-launcher-'));
  const launched: Running[] = [];
  let port: number;
  let env: Record<string, string>;

  function start(): Running {
    const run = launch(env);
    launched.push(run);
    return run;
  }

  async function ready(run: Running): Promise<void> {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      if (run.child.exitCode !== null) throw new Error(`launcher exited ${run.child.exitCode}:\n${run.stderr.join('\n')}`);
      return run.stdout.includes(`dossier: ready: API at ${base}, docs at ${base}/docs (Ctrl-C stops everything)`) ? true : undefined;
    }, 60_000);
  }

  beforeAll(async () => {
    await buildOnce();
    port = await freePort();
    env = { PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: dataDir };
  }, 120_000);

  afterAll(async () => {
    for (const run of launched) {
      if (run.child.exitCode !== null) continue;
      run.child.kill('SIGTERM');
      await Promise.race([run.exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
    for (const pid of processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a wrong variable, names it, and starts nothing', async () => {
    const wrong = launch({ ...env, PORT: 'eighty' });
    launched.push(wrong);
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr.join('\n')).toContain('PORT="eighty"');
    expect(wrong.stdout).toEqual([]);
    expect(processesUsing(dataDir)).toEqual([]);
  });

  it('runs PostgreSQL, the API and the worker; stops all on SIGTERM; keeps the data for the next start', async () => {
    const base = `http://127.0.0.1:${port}`;
    const first = start();
    await ready(first);
    expect(first.stdout).toContain(`dossier: DATABASE_URL is not set: starting the embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT}, data in ${join(dataDir, 'postgres')}`);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect(processesUsing(dataDir)).toHaveLength(1);

    const credentials = { email: 'launcher@example.org', password: 'a long passphrase' };
    const registered = await fetch(`${base}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
    expect(registered.status).toBe(201);

    await waitFor(async () => pidOf(first, 'worker'), 20_000);
    const pids = [pidOf(first, 'api')!, pidOf(first, 'worker')!];
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout.slice(-2)).toEqual(['dossier: stopping the embedded PostgreSQL', 'dossier: stopped']);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    await expect(fetch(`${base}/health`)).rejects.toThrow();

    const second = start();
    await ready(second);
    expect(second.stdout.some((l) => l.includes('initialising embedded PostgreSQL'))).toBe(false);
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ user: { email: credentials.email }, token: expect.any(String) });

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 120_000);

  it('stops everything and exits 1 when the worker dies on its own', async () => {
    const run = start();
    await ready(run);
    const worker = await waitFor(async () => pidOf(run, 'worker'), 20_000);
    const api = pidOf(run, 'api')!;
    process.kill(worker, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('\n')).toContain('the worker exited unexpectedly (SIGKILL): stopping everything');
    expect(alive(api)).toBe(false);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 60_000);
});
