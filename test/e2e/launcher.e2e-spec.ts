import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode, Running } from '../support/compiled-processes';
import { waitFor } from '../support/wait-for';

// `npm start` as a person runs it: no DATABASE_URL, so the launcher runs the embedded PostgreSQL in
// DATA_DIR, then the API and the worker; the data must survive a restart and nothing may outlive it.
const LAUNCHER = join(ROOT, 'dist/scripts/start.js');


function launch(env: Record<string, string>, ...options: string[]): Running {
  return runNode(LAUNCHER, env, options);
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

/** The pid the API or worker logs in its JSON lines (on the launcher's stdout, or in its log file). */
function pidOf(run: Running | string[], context: 'api' | 'worker'): number | undefined {
  for (const line of Array.isArray(run) ? run : run.stdout) {
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

  function start(...options: string[]): Running {
    const run = launch(env, ...options);
    launched.push(run);
    return run;
  }

  const logLines = (app: 'api' | 'worker'): string[] => readFileSync(join(dataDir, 'logs', `${app}.log`), 'utf8').split('\n').filter(Boolean);

  async function ready(run: Running): Promise<void> {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      if (run.child.exitCode !== null) throw new Error(`launcher exited ${run.child.exitCode}:\n${run.stderr.join('\n')}`);
      return run.stdout.includes(`dossier: ready at ${base}`) ? true : undefined;
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

  it('in a terminal: a short summary, warnings and errors only, the JSON logs in DATA_DIR/logs; a dead worker stops everything and exits 1', async () => {
    // --log-files: what a terminal gets, with stdout a pipe here.
    const run = start('--log-files');
    await ready(run);
    const base = `http://127.0.0.1:${port}`;
    const summary = run.stdout.slice(run.stdout.indexOf(`dossier: ready at ${base}`));
    expect(summary).toEqual([
      `dossier: ready at ${base}`,
      `  open   ${base}/app/ (the dashboard; the API is at ${base}, its documentation at ${base}/docs)`,
      `  data   ${join(dataDir, 'postgres')} (the embedded PostgreSQL, on 127.0.0.1:${env.EMBEDDED_PG_PORT})`,
      '  queue  BullMQ on PostgreSQL, in the same database (schema bullmq_dossier; set REDIS_URL for Redis)',
      `  logs   ${join(dataDir, 'logs', 'api.log')} and worker.log; only warnings and errors show here (npm start -- --verbose shows all)`,
      expect.stringMatching(/^ {2}stop {3}Ctrl-C \(or SIGTERM\): /),
    ]);
    // Every line the launcher printed is its own: no JSON from the apps.
    expect(run.stdout.filter((l) => !l.startsWith('dossier: ') && !l.startsWith('  '))).toEqual([]);
    expect(run.stderr).toEqual([]);

    const worker = await waitFor(async () => pidOf(logLines('worker'), 'worker'), 20_000);
    const api = pidOf(logLines('api'), 'api')!;
    expect(logLines('api').map((l) => JSON.parse(l) as { message: unknown }).map((e) => String(e.message))).toEqual(expect.arrayContaining([expect.stringContaining('Dossier API ready at')]));
    expect(statSync(join(dataDir, 'logs', 'api.log')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);

    process.kill(worker, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('\n')).toContain(`the worker exited unexpectedly (SIGKILL): stopping everything (its log: ${join(dataDir, 'logs', 'worker.log')})`);
    expect(alive(api)).toBe(false);
    expect(processesUsing(dataDir)).toEqual([]);
    // The API's own account of its shutdown reached its file before the launcher exited.
    expect(String((JSON.parse(logLines('api').at(-1)!) as { message: unknown }).message)).toBe('stopped');
  }, 60_000);

  it('refuses an option it does not know', async () => {
    const wrong = start('--verbsoe');
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr).toEqual(['dossier: unknown option --verbsoe (known: --verbose, --log-files)']);
  });
});
