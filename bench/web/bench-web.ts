// `npm run bench:web`: how soon the dashboard's heaviest screens are usable with a big account, beside
// the time of the API calls those screens make, and how much JavaScript the browser is sent.
//
//   1. A fresh database `dossier_bench_web`, migrated; one account with BENCH_PEOPLE people (10,000:
//      organizations, teams, tags, 3–5 interactions each, through bench/api/seed.ts's bulk inserts of
//      rows built by the app's own code) and BENCH_APPLICATIONS applications (500) spread over every
//      stage of two loops (through ApplicationsService: create, then backdated moves).
//   2. The real production server (dist/apps/api/src/main.js, NODE_ENV=production) serving the built
//      dashboard (dist/web), and Debian's Chromium (CHROMIUM_PATH); the browser signs in through the
//      sign-in form, and every visit after carries that cookie session.
//   3. The first screen (/app/ after sign-in): the scripts the browser loaded, gzipped.
//   4. For each screen (People, the Pipeline board), reached three ways: opened in a fresh browser
//      context (empty cache: a first visit), opened again in a context kept from run to run (cache
//      warm: a return visit), and from Today through the main navigation (the app already loaded).
//      One recorded visit each way (its scripts; its API calls, from the browser's network log, as
//      they were grouped in time), then BENCH_RUNS times, in turn:
//        usable     the time from the navigation's start (or the click) until the screen is usable
//                   (see measure.ts: People = rows linking to people visible and the search box
//                   enabled; the board = an element with data-board-ready holding links to
//                   applications), read in the page;
//        API calls  the same calls from Node with the same session cookie, each group at once, the
//                   groups one after another: what any client showing that screen has to wait for.
//   5. Prints the table (median and p95 of the runs; ratio = usable ÷ API calls, the aim ≤ 1.5×; the
//      aim for the first screen's JavaScript < 250 KB gzipped), stops the server, drops the database
//      (kept with BENCH_KEEP=1). Exits non-zero when something fails (a screen never usable, a call
//      answering differently from Node), never for a missed aim.
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_PEOPLE (10000), BENCH_APPLICATIONS (500), BENCH_RUNS (20), BENCH_TIMEOUT (30 s to become usable),
// BENCH_KEEP=1, BENCH_DB_NAME (dossier_bench_web), CHROMIUM_PATH (/usr/bin/chromium).
import type { ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { DESKTOP, launchChromium } from '../../test/support/chromium';
import { dropDatabase, migrateAndSeed, recreateDatabase } from '../api/seed';
import { runBenchmark, startServer, stopChildren } from '../processes';
import { intEnv, table } from '../sync/report';
import { ApiCall, cookieHeader, firstScreenScripts, LoadedScript, NeverUsableError, percentile, replay, Screen, SCREENS, SessionState, signIn, visit, Visit, Way, waves } from './measure';
import { seedApplications } from './seed-applications';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'dossier_bench_web';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PEOPLE = intEnv('BENCH_PEOPLE', 10_000);
const APPLICATIONS = intEnv('BENCH_APPLICATIONS', 500);
const RUNS = intEnv('BENCH_RUNS', 20);
const TIMEOUT_MS = intEnv('BENCH_TIMEOUT', 30) * 1000;
const KEEP = process.env.BENCH_KEEP === '1';
const ROOT = path.resolve(__dirname, '../../..');
const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
/** The aims of issue 13. */
const AIM_RATIO = 1.5;
const AIM_FIRST_SCREEN_KB = 250;

/** One way of reaching a screen, measured: its runs, the API calls it made and their replays, its scripts. */
interface Row {
  label: string;
  usable: number[];
  api: number[];
  calls: ApiCall[][];
  /** The scripts loaded on the way; null when they came from the cache. */
  scripts: LoadedScript[] | null;
}

interface ScreenResult {
  screen: Screen;
  rows: Row[];
  failure?: string;
}

const children: ChildProcess[] = [];
let browser: Browser | undefined;
let databaseCreated = false;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // 1. Seed.
  const dbUrl = await recreateDatabase(SERVER_URL, DB_NAME);
  databaseCreated = true;
  const seed = await migrateAndSeed(dbUrl, { people: PEOPLE, organizations: Math.max(1, Math.round(PEOPLE / 50)) });
  console.log(`seed: ${seed.personIds.length} people, ${seed.tagCounts.length} tags, ${seed.interactions} interactions, ${seed.organizations} organizations, ${seed.teams} teams in ${seed.seconds.toFixed(1)} s (migrations included)`);
  const apps = await seedApplications(dbUrl, seed.userId, APPLICATIONS);
  console.log(`seed: ${apps.total} applications (${Object.entries(apps.byStatus).map(([s, n]) => `${n} ${s}`).join(', ')}), ${apps.created} of them through ApplicationsService in ${apps.seconds.toFixed(1)} s`);

  // 2. The production server, as `npm start` runs it (its access log to a file), and the browser.
  const log = path.join(os.tmpdir(), `dossier-bench-web-${process.pid}.log`);
  const server = await startServer(
    'Dossier',
    API_MAIN,
    { DATABASE_URL: dbUrl, HOST: '127.0.0.1', NODE_ENV: 'production', RUN_MIGRATIONS: 'false', SECRET_KEY: 'bench server key, made for this run only, 0123456789', RATE_LIMIT: '100000000/1m' },
    children,
    openSync(log, 'w'),
  );
  console.log(`Dossier logs to ${log}`);
  browser = await launchChromium();
  console.log(`browser: Chromium ${browser.version()}`);
  const session = await signIn(browser, server.url, seed.email, seed.password);
  const cookie = cookieHeader(session, server.url);

  // 3. The first screen after sign-in.
  const first = await inFreshContext(browser, session, (context) => firstScreenScripts(context, server.url, TIMEOUT_MS));

  // 4. Each screen.
  const results: ScreenResult[] = [];
  for (const screen of SCREENS) results.push(await measureScreen(browser, session, cookie, server.url, screen));

  // 5. Report.
  console.log('');
  printTable(first, results);
  console.log('');
  printCalls(results);
  console.log(
    `(${RUNS} runs each, after one recorded visit; usable: from the navigation's start (or the click) until the screen is usable, in Chromium at ${DESKTOP.width}×${DESKTOP.height}; API calls: the calls the screen made on the recorded visit, from Node with the same session cookie; ratio: usable p50 ÷ API calls p50; gzip at zlib's default level, KB = 1,000 bytes; ${os.cpus().length} CPUs shared by the server, PostgreSQL, Chromium and the bench)`,
  );
  const failures = results.filter((r) => r.failure);
  for (const r of failures) console.error(`FAIL ${r.screen.name}: ${r.failure}`);
  console.log(`total time: ${((Date.now() - started) / 1000).toFixed(1)} s; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (failures.length > 0) process.exitCode = 1;
}

async function inFreshContext<T>(browser: Browser, session: SessionState, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC', locale: 'en-GB', storageState: session });
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

/**
 * A screen reached three ways, each run in turn with the replays of its calls, so that a change in the
 * machine's load touches all alike: opened in a fresh browser context (empty cache: a first visit),
 * opened again in a context kept from run to run (cache warm: a return visit), and from Today through
 * the main navigation in that context (the app already loaded, as a person moves between screens).
 */
async function measureScreen(browser: Browser, session: SessionState, cookie: string, baseUrl: string, screen: Screen): Promise<ScreenResult> {
  const result: ScreenResult = { screen, rows: [] };
  const warm = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC', locale: 'en-GB', storageState: session });
  const run = (context: BrowserContext, way: Way) => visit(context, baseUrl, screen, way, { record: false, timeoutMs: TIMEOUT_MS }).then((v) => v.usableMs);
  try {
    // The recorded visits: what the screen loads and asks for each way (also the server's and PostgreSQL's warm-up).
    const opened = await inFreshContext(browser, session, (context) => visit(context, baseUrl, screen, 'open', { record: true, timeoutMs: TIMEOUT_MS }));
    const inApp = await inFreshContext(browser, session, (context) => visit(context, baseUrl, screen, 'in-app', { record: true, timeoutMs: TIMEOUT_MS }));
    console.log(`${screen.name}, opened (ms from the navigation's start): ${timeline(opened)}`);
    console.log(`${screen.name}, from Today (ms from the click): ${timeline(inApp)}`);
    const first: Row = { label: 'opened, empty cache', usable: [], api: [], calls: callsOf(screen, opened), scripts: opened.scripts };
    const again: Row = { label: 'opened again, cache warm', usable: [], api: first.api, calls: first.calls, scripts: null };
    const moved: Row = { label: 'from Today, in the app', usable: [], api: [], calls: callsOf(screen, inApp), scripts: inApp.scripts };
    result.rows = [first, again, moved];
    // Warm-ups: the Node client's connection, and the kept context's cache.
    await replay(baseUrl, cookie, first.calls);
    await run(warm, 'open');
    await run(warm, 'in-app');
    for (let i = 0; i < RUNS; i++) {
      first.usable.push(await inFreshContext(browser, session, (context) => run(context, 'open')));
      again.usable.push(await run(warm, 'open'));
      first.api.push(await replay(baseUrl, cookie, first.calls));
      moved.usable.push(await run(warm, 'in-app'));
      if (moved.calls.length) moved.api.push(await replay(baseUrl, cookie, moved.calls));
    }
  } catch (e) {
    result.failure = e instanceof NeverUsableError ? e.message : ((e as Error).stack ?? String(e));
  } finally {
    await warm.close();
  }
  return result;
}

/** The GET calls of a recorded visit, in waves; throws when one failed in the browser. */
function callsOf(screen: Screen, recorded: Visit): ApiCall[][] {
  const failed = recorded.apiCalls.filter((c) => c.status < 200 || c.status >= 300);
  if (failed.length > 0) throw new Error(`${screen.name}'s API calls failed in the browser: ${failed.map((c) => `${c.method} ${c.path} → ${c.status}`).join(', ')}`);
  // A screen that writes while it opens would be a surprise: its writes are not replayed.
  const writes = recorded.apiCalls.filter((c) => c.method !== 'GET');
  if (writes.length > 0) console.warn(`${screen.name}: left out of the baseline, as writes: ${writes.map((c) => `${c.method} ${c.path}`).join(', ')}`);
  return waves(recorded.apiCalls.filter((c) => c.method === 'GET'));
}

/** A recorded visit, in ms from its start: the HTML, the last script, each API call, usable. */
function timeline(v: Visit): string {
  const at = (epoch: number): string => (epoch - v.timeOrigin).toFixed(0);
  const calls = v.apiCalls.map((c) => `${c.method} ${c.path.split('?')[0]} ${at(c.start)}–${at(c.end)}`);
  const steps = [...(Number.isNaN(v.documentEnd) ? [] : [`HTML ${at(v.documentEnd)}`]), ...(v.scripts.length ? [`last script ${at(Math.max(...v.scripts.map((s) => s.end)))}`] : []), ...calls];
  return [...steps, `usable ${v.usableMs.toFixed(0)}`].join(', ');
}

const kb = (scripts: LoadedScript[]): number => scripts.reduce((s, x) => s + x.gzipBytes, 0) / 1000;

function printTable(firstScripts: LoadedScript[], results: ScreenResult[]): void {
  const ms = (values: number[], p: number): string => (values.length ? percentile(values, p).toFixed(0) : '—');
  const ratio = (r: Row): number => (r.usable.length && r.api.length ? percentile(r.usable, 50) / percentile(r.api, 50) : NaN);
  const js = (scripts: LoadedScript[] | null): string => (scripts === null ? 'cached' : `${kb(scripts).toFixed(1)} (${scripts.length} file${scripts.length === 1 ? '' : 's'})`);
  const rows = [
    ['first screen (/app/ after sign-in)', '', '', '', '', '', '', js(firstScripts)],
    ...results.flatMap((r) =>
      r.failure
        ? [[`${r.screen.name} (${r.screen.path})`, 'FAILED', '', '', '', '', '', '']]
        : r.rows.map((row) => [`${r.screen.name}, ${row.label}`, ms(row.usable, 50), ms(row.usable, 95), ms(row.api, 50), ms(row.api, 95), row.api.length ? `${ratio(row).toFixed(1)}×` : '—', row.calls.map((w) => w.length).join('→') || '0', js(row.scripts)]),
    ),
  ];
  table(['screen, way', 'usable p50 ms', 'p95', 'API calls p50 ms', 'p95', 'ratio', 'calls', 'JS KB gz'], rows);
  console.log('');
  const firstKb = kb(firstScripts);
  console.log(`aim: the first screen ships < ${AIM_FIRST_SCREEN_KB} KB of JavaScript gzipped: ${firstKb < AIM_FIRST_SCREEN_KB ? 'met' : 'missed'} (${firstKb.toFixed(1)} KB)`);
  for (const r of results) {
    for (const row of r.rows.filter((x) => x.api.length)) {
      console.log(`aim: ${r.screen.name}, ${row.label}, usable within ${AIM_RATIO}× its API calls' time: ${ratio(row) <= AIM_RATIO ? 'met' : 'missed'} (${ratio(row).toFixed(2)}×)`);
    }
  }
}

function printCalls(results: ScreenResult[]): void {
  for (const r of results) {
    for (const row of r.rows.filter((x) => x.scripts !== null)) {
      console.log(`${r.screen.name}, ${row.label}: calls ${row.calls.map((w) => w.map((c) => `${c.method} ${c.path}`).join(' + ')).join(' → ') || 'none'} (→: waits for the previous)`);
      console.log(`  scripts ${row.scripts!.map((s) => `${path.basename(s.path)} ${(s.gzipBytes / 1000).toFixed(1)} KB`).join(', ') || 'none'}`);
    }
  }
}

// ---------------------------------------------------------------- cleanup

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await stopChildren(children);
  if (!databaseCreated) return;
  if (KEEP) console.log(`BENCH_KEEP=1: kept database ${DB_NAME}`);
  else await dropDatabase(SERVER_URL, DB_NAME).catch((e: unknown) => console.error(`could not drop ${DB_NAME}: ${(e as Error).message}`));
}

runBenchmark('bench:web', main, cleanup);
