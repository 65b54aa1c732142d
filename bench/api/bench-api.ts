// `npm run bench:api`: Dossier's two hottest reads against a hand-written node:http + pg baseline.
//
//   1. Seeds a fresh database `dossier_bench` (BENCH_PEOPLE people, 3–5 interactions each, tags with a
//      long-tail distribution, a referral from every 50th person) through seed.ts, which migrates and
//      issues a personal access token.
//   2. Starts the real API (dist/apps/api/src/main.js) and the baseline (bare-server.js) as child
//      processes on free ports, both on that database with the same pool size, each reading the
//      bearer token's row on every request (no token cache: a revocation holds at once).
//   3. Checks both give 200 and equal bodies on sample requests, and the same status on bad ones.
//   4. Loads each with autocannon: per scenario a warm-up, then the measured run, Dossier then bare.
//   5. Prints the table, the machine, and CPU time per request of each server and of PostgreSQL.
//   6. Kills the children and drops the database (kept with BENCH_KEEP=1).
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_PEOPLE (10000), BENCH_DURATION (10 s), BENCH_WARMUP (2 s), BENCH_CONNECTIONS (32),
// BENCH_LOG_LEVEL (the API's LOG_LEVEL, default log: its default, with an access-log line per request written
// to a file in the temp folder, as a server's logs go to a file or a pipe; warn leaves the access log out),
// BENCH_KEEP=1, BENCH_DB_NAME (dossier_bench; another name lets two checkouts bench at once), REDIS_URL (passed to
// the API when set; otherwise it queues on PostgreSQL), RATE_LIMIT (the API's; by default one the load never reaches).
import type { ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { RunningServer, runBenchmark, startServer, stopChildren } from '../processes';
import { dropDatabase, migrateAndSeed, recreateDatabase, SeedResult } from './seed';
import { intEnv } from '../measure';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'dossier_bench';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PEOPLE = intEnv('BENCH_PEOPLE', 10_000);
const DURATION = intEnv('BENCH_DURATION', 10);
const WARMUP = intEnv('BENCH_WARMUP', 2);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 32);
const KEEP = process.env.BENCH_KEEP === '1';
const API_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'log';
const API_MAIN = path.resolve(__dirname, '../../apps/api/src/main.js');
const BARE_MAIN = path.resolve(__dirname, 'bare-server.js');

type Target = RunningServer;

interface Scenario {
  name: string;
  /** A fresh path for every request, so the load spreads over tags, pages and people. */
  nextPath: () => string;
  /** A few fixed paths whose bodies must be equal on both servers before anything is measured. */
  samples: string[];
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU seconds per 1,000 requests: the server process, PostgreSQL, the load generator. */
  cpu: { server: number; postgres: number; loader: number } | null;
}

const children: ChildProcess[] = [];
let databaseCreated = false;
let postmaster: number | null = null;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  // The servers, PostgreSQL and autocannon share this machine's cores; anything else running skews the numbers.
  const busy = os.loadavg()[0] > 0.5;
  console.log(`load average before start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}${busy ? '  (WARNING: the machine is busy; results will be noisy)' : ''}`);
  console.log(`settings: ${PEOPLE} people, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per run, token checked every request, queue backend ${process.env.REDIS_URL ? 'redis' : 'postgres'}`);

  // 1. Seed.
  const dbUrl = await recreateDatabase(SERVER_URL, DB_NAME);
  databaseCreated = true;
  const seed = await migrateAndSeed(dbUrl, { people: PEOPLE, organizations: Math.max(1, Math.round(PEOPLE / 50)) });
  postmaster = await findPostmaster(dbUrl);
  console.log(`seed: ${seed.personIds.length} people, ${seed.interactions} interactions, ${seed.organizations} organizations, ${seed.teams} teams, ${seed.referrals} referrals in ${seed.seconds.toFixed(1)} s (migrations included)`);

  // 2. Servers. The same database and pool size (10, both); Dossier logs as configured (its access log at `log`) to a file.
  const common = { DATABASE_URL: dbUrl, HOST: '127.0.0.1', NODE_ENV: 'production', SECRET_KEY: 'bench server key, made for this run only, 0123456789' };
  const apiLog = path.join(os.tmpdir(), `dossier-bench-api-${process.pid}.log`);
  console.log(`Dossier logs at ${API_LOG_LEVEL} to ${apiLog}`);
  // The rate limit stays on, so its cost per request is in the figures, with a limit the load never reaches.
  const api = await startServer('Dossier', API_MAIN, { ...common, LOG_LEVEL: API_LOG_LEVEL, RUN_MIGRATIONS: 'false', RATE_LIMIT: process.env.RATE_LIMIT ?? '100000000/1m' }, children, openSync(apiLog, 'w'));
  const bare = await startServer('bare', BARE_MAIN, common, children);
  const targets = [api, bare];

  // 3. Scenarios: tags with a realistic share of the network (the common ones and the middle of the tail) and a few pages deep.
  const tags = pickTags(seed);
  console.log(`list tags: ${tags.map((t) => `${t.tag} (${((100 * t.people) / seed.personIds.length).toFixed(0)}%)`).join(', ')}`);
  const offsets = [0, 20, 40, 100];
  const scenarios: Scenario[] = [
    {
      name: 'list ?tag&limit=20',
      nextPath: rotate(tags.flatMap((t) => offsets.map((o) => `/people?tag=${encodeURIComponent(t.tag)}&limit=20&offset=${o}`))),
      samples: tags.flatMap((t) => [`/people?tag=${encodeURIComponent(t.tag)}&limit=20`, `/people?tag=${encodeURIComponent(t.tag)}&limit=20&offset=100`]),
    },
    {
      name: 'by id /people/:id',
      nextPath: rotate(shuffle(seed.personIds.map((id) => `/people/${id}`))),
      samples: [0, 1, Math.floor(seed.personIds.length / 2), seed.personIds.length - 1].map((i) => `/people/${seed.personIds[i]}`),
    },
  ];
  await sanityCheck(targets, scenarios, seed.token);

  // 4. Load. Dossier then bare for each scenario, each after its own warm-up.
  const results = new Map<string, Measurement>();
  for (const scenario of scenarios) {
    for (const target of targets) {
      await load(target, scenario, seed.token, WARMUP);
      const m = await load(target, scenario, seed.token, DURATION);
      results.set(`${scenario.name}|${target.name}`, m);
      console.log(`  ${scenario.name} on ${target.name}: ${m.rps.toFixed(0)} req/s, ${m.requests} requests${m.non2xx + m.errors > 0 ? `, ${m.non2xx} non-2xx, ${m.errors} errors (${m.timeouts} timeouts)` : ''}`);
    }
  }

  // 5. Report.
  printTable(scenarios, results);
  printCpu(scenarios, targets, results);
  const failures = [...results].filter(([, m]) => m.non2xx + m.errors > 0);
  for (const [key, m] of failures) console.error(`FAIL ${key.replace('|', ' on ')}: ${m.non2xx} non-2xx responses, ${m.errors} errors (${m.timeouts} timeouts)`);
  console.log(`total time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) process.exitCode = 1;
}

// ---------------------------------------------------------------- servers

/** Both servers must agree before either is measured: equal 200 bodies, and the same status where they should refuse. */
async function sanityCheck(targets: Target[], scenarios: Scenario[], token: string): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const problems: string[] = [];
  const ok = scenarios.flatMap((s) => s.samples);
  for (const p of ok) {
    const [a, b] = await Promise.all(targets.map((t) => get(t.url + p, auth)));
    if (a.status !== 200 || b.status !== 200) problems.push(`${p}: status ${targets[0].name} ${a.status}, ${targets[1].name} ${b.status}`);
    else {
      // The same difference in every list item is reported once, as `items[*]`.
      const diff = [...new Set(differences(a.body, b.body, targets[0].name, targets[1].name).map((d) => d.replace(/\[\d+\](?=[.:])/g, '[*]')))];
      if (diff.length > 0) problems.push(`${p}: bodies differ\n    ${diff.slice(0, 6).join('\n    ')}`);
    }
  }
  // Validation and authentication are part of the work measured; both must do them.
  const refused: [string, Record<string, string>, number][] = [
    ['/people?tag=rl&limit=20', {}, 401],
    ['/people?tag=rl&limit=20', { authorization: 'Bearer dsr_not-a-token' }, 401],
    ['/people?tag=rl&limit=0', auth, 400],
    ['/people?tag=rl&limit=201', auth, 400],
    ['/people?tag=rl&limit=2.5', auth, 400],
    ['/people?tag=rl&bogus=1', auth, 400],
    ['/people/not-a-uuid', auth, 400],
    ['/people/00000000-0000-4000-8000-000000000000', auth, 404],
  ];
  for (const [p, headers, expected] of refused) {
    const statuses = await Promise.all(targets.map(async (t) => (await get(t.url + p, headers)).status));
    if (statuses.some((s) => s !== expected)) problems.push(`${p}: expected ${expected}, got ${targets.map((t, i) => `${t.name} ${statuses[i]}`).join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`sanity check failed, nothing measured:\n${problems.join('\n')}`);
  console.log(`sanity: ${ok.length} sample requests give equal bodies on both servers; ${refused.length} bad requests refused alike`);
}

/** Where two parsed bodies differ, as `$.items[0].field: …` lines (the first few), to say what to fix. */
function differences(a: unknown, b: unknown, nameA: string, nameB: string, at = '$', out: string[] = []): string[] {
  if (out.length >= 100) return out;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: ${a.length} elements on ${nameA}, ${b.length} on ${nameB}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], nameA, nameB, `${at}[${i}]`, out);
  } else if (isObject(a) && isObject(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in b)) out.push(`${at}.${key}: only on ${nameA}`);
      else if (!(key in a)) out.push(`${at}.${key}: only on ${nameB}`);
      else differences(a[key], b[key], nameA, nameB, `${at}.${key}`, out);
      if (out.length >= 100) break;
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${at}: ${nameA} ${JSON.stringify(a)}, ${nameB} ${JSON.stringify(b)}`);
  }
  return out;
}

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Keep the text: the comparison will show it.
  }
  return { status: res.status, body };
}

// ---------------------------------------------------------------- load

async function load(target: Target, scenario: Scenario, token: string, seconds: number): Promise<Measurement> {
  const pid = target.child.pid!;
  const before = { server: cpuSeconds([pid]), postgres: postgresCpuSeconds(postmaster), loader: process.cpuUsage() };
  // One request definition whose setupRequest picks the next path from a shared rotation: the 32
  // connections spread over all tags/pages/ids instead of walking one list in step.
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: scenario.nextPath() }) }],
  });
  const loader = process.cpuUsage(before.loader);
  const server = cpuSeconds([pid]);
  const postgres = postgresCpuSeconds(postmaster);
  const per1k = (s: number): number => (1000 * s) / Math.max(1, result.requests.total);
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpu:
      server === null || before.server === null || postgres === null || before.postgres === null
        ? null
        : { server: per1k(server - before.server), postgres: per1k(postgres - before.postgres), loader: per1k((loader.user + loader.system) / 1e6) },
  };
}

// ---------------------------------------------------------------- report

function printTable(scenarios: Scenario[], results: Map<string, Measurement>): void {
  const header = ['scenario', 'Dossier req/s', 'p50 ms', 'p99 ms', 'bare req/s', 'p50 ms', 'p99 ms', 'ratio'];
  const rows = scenarios.map((s) => {
    const d = results.get(`${s.name}|Dossier`)!;
    const b = results.get(`${s.name}|bare`)!;
    return [s.name, d.rps.toFixed(0), ms(d.p50), ms(d.p99), b.rps.toFixed(0), ms(b.p50), ms(b.p99), `${(d.rps / b.rps).toFixed(2)}x`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`(${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s warm-up; ratio = Dossier req/s ÷ bare req/s; ${os.cpus().length} CPUs, node ${process.version})`);
}

/** Where the CPU went: on a small machine the servers, PostgreSQL and autocannon share the same cores. */
function printCpu(scenarios: Scenario[], targets: Target[], results: Map<string, Measurement>): void {
  console.log('');
  console.log('CPU seconds per 1,000 requests (server process | PostgreSQL | autocannon):');
  for (const s of scenarios) {
    const cells = targets.map((t) => {
      const cpu = results.get(`${s.name}|${t.name}`)!.cpu;
      return cpu ? `${t.name} ${cpu.server.toFixed(3)} | ${cpu.postgres.toFixed(3)} | ${cpu.loader.toFixed(3)}` : `${t.name} n/a`;
    });
    console.log(`  ${s.name.padEnd(18)} ${cells.join('    ')}`);
  }
}

function ms(value: number): string {
  return value.toFixed(value < 10 ? 1 : 0);
}

// ---------------------------------------------------------------- helpers

/** Tags carried by 5–30% of people (a realistic filter), up to four, spread from common to less common. */
function pickTags(seed: SeedResult): { tag: string; people: number }[] {
  const n = seed.personIds.length;
  const fitting = seed.tagCounts.filter((t) => t.people >= 0.05 * n && t.people <= 0.3 * n);
  const pool = fitting.length > 0 ? fitting : seed.tagCounts.slice(0, 4);
  if (pool.length <= 4) return pool;
  return [0, 1, 2, 3].map((i) => pool[Math.round((i * (pool.length - 1)) / 3)]);
}

function rotate(paths: string[]): () => string {
  let i = 0;
  return () => paths[i++ % paths.length];
}

/** A fixed-seed shuffle, so by-id requests do not walk the table in insertion order. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  let s = 42;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** utime + stime of the given processes from /proc (Linux); null elsewhere. */
function cpuSeconds(pids: number[]): number | null {
  try {
    return pids.reduce((sum, pid) => sum + procTicks(pid).own, 0) / 100; // USER_HZ is 100 on Linux.
  } catch {
    return null;
  }
}

/**
 * CPU of the PostgreSQL cluster whose postmaster is `postmaster`: its live backends and helpers, plus
 * what the postmaster has collected from backends that already exited (cutime + cstime), so a
 * connection closing mid-run is not lost. Other clusters on the machine are not counted.
 */
function postgresCpuSeconds(postmaster: number | null): number | null {
  if (postmaster === null) return null;
  try {
    let ticks = 0;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const p = procTicks(Number(d));
        if (Number(d) === postmaster) ticks += p.own + p.children;
        else if (p.ppid === postmaster) ticks += p.own;
      } catch {
        // Gone between the listing and the read.
      }
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

/** The postmaster serving `url`, when it runs on this machine (the parent of our backend); null otherwise. */
async function findPostmaster(url: string): Promise<number | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const parent = procTicks(rows[0].pid).ppid;
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() === 'postgres' ? parent : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

function procTicks(pid: number): { own: number; children: number; ppid: number } {
  // Fields after the ")" that ends the command name, from field 3 (state): ppid 4, utime 14, stime 15, cutime 16, cstime 17.
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').map(Number);
  return { ppid: f[1], own: f[11] + f[12], children: f[13] + f[14] };
}

// ---------------------------------------------------------------- cleanup

/** SIGTERM each child we started, SIGKILL after 5 s; then drop the database unless BENCH_KEEP=1. */
async function cleanup(): Promise<void> {
  await stopChildren(children);
  if (!databaseCreated) return;
  if (KEEP) console.log(`BENCH_KEEP=1: kept database ${DB_NAME}`);
  else await dropDatabase(SERVER_URL, DB_NAME).catch((e: unknown) => console.error(`could not drop ${DB_NAME}: ${(e as Error).message}`));
}

runBenchmark('bench:api', main, cleanup);
