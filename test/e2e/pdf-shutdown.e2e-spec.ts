import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode, Running } from '../support/compiled-processes';
import { createTestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The compiled API as `npm start` runs it, after it has printed a briefing as PDF (which starts a
 * Chromium): Ctrl-C (SIGINT) and a supervisor's SIGTERM still stop it cleanly (exit 0, "stopped"),
 * and the Chromium it started goes with it.
 */
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every process under `pid` (children, grandchildren, …), from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses: state, ppid, …
      const [, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(ppid));
    } catch {
      // Gone while we read.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, p] of parentOf) if (p === parent) found.push(child), walk(child);
  };
  walk(pid);
  return found;
}

/** Still running: exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const messages = (r: Running) => r.stdout.flatMap((line) => {
  try {
    return [String(JSON.parse(line).message?.message ?? JSON.parse(line).message)];
  } catch {
    return [line];
  }
});

(existsSync(CHROMIUM) ? describe : describe.skip)('graceful shutdown after a PDF', () => {
  const running: Running[] = [];
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let token: string;
  let briefingId: string;

  beforeAll(async () => {
    await buildOnce();
    const db = await createTestDatabase();
    drop = db.drop;
    env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `pdf${process.pid}`, RUN_MIGRATIONS: 'false', CHROMIUM_PATH: CHROMIUM, REGISTRATION: 'open' };
    // The worker builds the briefing; each API below prints it.
    const worker = runNode(WORKER, env);
    running.push(worker);
    const api = await startApi();
    const base = api.base;
    const call = async (method: string, path: string, body?: object) => {
      const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    token = (await call('POST', '/auth/register', { email: 'owner@example.org', password: 'a long enough password' })).token;
    const org = await call('POST', '/organizations', { name: 'Example Frontier Lab' });
    const application = await call('POST', '/applications', { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
    const stage = (application.stages as { id: string; name: string }[]).find((s) => s.name === 'Team lead interview')!;
    const ada = await call('POST', '/people', { fullName: 'Ada Lovelace', organizationId: org.id });
    const interview = await call('POST', '/interviews', { stageId: stage.id, startsAt: '2027-03-02T13:00:00Z', timeZone: 'Europe/London', durationMinutes: 45, format: 'video', interviewerIds: [ada.id] });
    briefingId = (await call('POST', `/interviews/${interview.id}/briefings`, {})).id;
    await waitFor(async () => ((await call('GET', `/briefings/${briefingId}`)).status === 'ready' ? true : undefined), 60_000);
    await stop(api, 'SIGTERM');
  }, 180_000);

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await drop?.();
  });

  async function startApi(): Promise<Running & { base: string }> {
    const port = await freePort();
    const api = runNode(API, { ...env, PORT: String(port) });
    running.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/health/ready`).catch(() => undefined))?.ok ? true : undefined), 60_000);
    return Object.assign(api, { base });
  }

  async function stop(api: Running, signal: NodeJS.Signals): Promise<void> {
    api.child.kill(signal);
    expect(await api.exited).toBe(0);
  }

  it.each<NodeJS.Signals>(['SIGINT', 'SIGTERM'])('%s after a PDF: exit 0, "stopped", and no Chromium left behind', async (signal) => {
    const api = await startApi();
    const pdf = await fetch(`${api.base}/briefings/${briefingId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const browser = descendants(api.child.pid!);
    // The PDF really started a browser under the API.
    expect(browser.length).toBeGreaterThan(0);

    api.child.kill(signal);
    expect(await api.exited).toBe(0);
    expect(messages(api).slice(-2)).toEqual([`${signal}: shutting down`, 'stopped']);
    expect(api.stderr.join('\n')).not.toMatch(/did not stop cleanly/);
    expect(browser.filter(alive)).toEqual([]);
  }, 90_000);
});
