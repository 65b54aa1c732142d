// (d) Politeness: the real API and worker (ApiModule + WorkerModule in this process, the sync
// processors and their BullMQ limiters as configured by default) sync people whose identities at
// every source are linked, through POST /people/:id/sync, against one ReplayServer per source that
// enforces the source's published limit (429 with Retry-After past it) and serves generated pages
// (bench/sync/requests.ts). Per source: requests made, 429s received, the time the sync took, and
// the bound the configured limit sets: (requests − 1) × window ÷ limit.
//
// Runs inside `npm run bench:sync`, or alone: `node dist/bench/sync/politeness.js`.
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server), REDIS_URL (the queue backend: Redis if
// set, else PostgreSQL, as the app chooses), BENCH_POLITE_AUTHORS (10 people, each with an identity at
// every source), BENCH_POLITE_WORKS (250 works an author; OpenAlex, Semantic Scholar, Crossref, ORCID,
// DBLP), BENCH_POLITE_ARXIV_WORKS (80: one page, so arXiv's 3 s a request keeps the run short),
// BENCH_POLITE_WINDOW (sliding or fixed: how the server counts a window), BENCH_POLITE_LATENCY_MS (50:
// how long the server takes to answer), BENCH_KEEP=1. The app's own *_RATE_LIMIT and *_CONCURRENCY
// settings pass through (unset: their defaults, the published limits), to try another pace.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadConfig, SYNC_SOURCES, SyncSource } from '#platform';
import { ENTITIES } from '#domain/entities';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, createHttpAdapter } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MIGRATIONS } from '../../migrations/index';
import { ReplayLimit, ReplayRoute, ReplayServer } from '../../test/support/replay-server';
import { flushRedisPrefix } from '../../test/support/test-app';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { intEnv, table } from './report';
import { arxivRoutes, benchAuthorIds, crossrefRoutes, dblpRoutes, openalexRoutes, orcidRoutes, s2Routes } from './requests';

const DB_NAME = 'dossier_bench_sync_polite';

export interface PolitenessOptions {
  serverUrl: string;
  authors: number;
  works: number;
  arxivWorks: number;
  window: 'sliding' | 'fixed';
  latencyMs: number;
  keep: boolean;
}

export interface SourcePoliteness {
  source: SyncSource;
  configured: string;
  enforced: string;
  runs: number;
  /** Requests the server received (admitted + refused), and the ones the sync runs counted. */
  requests: number;
  counted: number;
  refused: number;
  /** How early each refused request came (ms). */
  refusedEarlyMs: number[];
  peakInFlight: number;
  boundSeconds: number;
  spanSeconds: number;
  totalSeconds: number;
}

export interface PolitenessResult {
  backend: string;
  window: 'sliding' | 'fixed';
  latencyMs: number;
  authors: number;
  works: number;
  arxivWorks: number;
  sources: SourcePoliteness[];
  wallSeconds: number;
}

/**
 * What each source publishes (../shared/fixtures/scholarly/<source>/README.md), as the replay
 * server enforces it. Semantic Scholar allows 1 req/s with a key (Dossier paces it at 1.1 s);
 * arXiv one request every 3 s over one connection; DBLP about one every 1–2 s (the stricter is
 * enforced); Crossref's polite pool 3 req/s and 3 at once; ORCID 12 req/s with a burst of 40.
 */
const PUBLISHED: Record<SyncSource, Omit<ReplayLimit, 'pathPrefix'>> = {
  openalex: { max: 10, windowMs: 1000 },
  semanticscholar: { max: 1, windowMs: 1000 },
  arxiv: { max: 1, windowMs: 3000, maxInFlight: 1 },
  dblp: { max: 1, windowMs: 2000 },
  crossref: { max: 3, windowMs: 1000, maxInFlight: 3 },
  orcid: { max: 12, windowMs: 1000, window: 'bucket', burst: 40 },
};

const ROUTES: Record<SyncSource, (n: number, k: number) => ReplayRoute[]> = {
  openalex: openalexRoutes,
  semanticscholar: s2Routes,
  arxiv: arxivRoutes,
  dblp: dblpRoutes,
  crossref: crossrefRoutes,
  orcid: orcidRoutes,
};

/** The app's limit settings, passed through from this environment. */
const LIMIT_VARIABLE = /^(OPENALEX|SEMANTIC_SCHOLAR|ARXIV|DBLP|CROSSREF|ORCID)_(RATE_LIMIT|CONCURRENCY)$|^SYNC_BACKOFF_MS$/;

const BASE_URL_VARIABLE: Record<SyncSource, string> = {
  openalex: 'OPENALEX_BASE_URL',
  semanticscholar: 'SEMANTIC_SCHOLAR_BASE_URL',
  arxiv: 'ARXIV_BASE_URL',
  dblp: 'DBLP_BASE_URL',
  crossref: 'CROSSREF_BASE_URL',
  orcid: 'ORCID_BASE_URL',
};

export async function measurePoliteness(options: PolitenessOptions): Promise<PolitenessResult> {
  if (options.authors > 99) throw new Error('BENCH_POLITE_AUTHORS must be at most 99 (the generated ORCID iDs)');
  const started = Date.now();
  const replays = {} as Record<SyncSource, ReplayServer>;
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let config: AppConfig | undefined;
  let databaseCreated = false;
  try {
    const dbUrl = await recreateDatabase(options.serverUrl, DB_NAME);
    databaseCreated = true;
    const migrator = new DataSource(dataSourceOptions(dbUrl, ENTITIES, MIGRATIONS));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();

    // One server per source, as each is its own host; the limit covers every path of it.
    for (const source of SYNC_SOURCES) {
      const replay = await ReplayServer.start();
      const works = source === 'arxiv' ? options.arxivWorks : options.works;
      for (let k = 0; k < options.authors; k++) for (const route of ROUTES[source](works, k)) replay.route(route);
      const published = PUBLISHED[source];
      replay.limit({ pathPrefix: '/', ...published, window: published.window ?? options.window, latencyMs: options.latencyMs });
      replays[source] = replay;
    }

    // The app's own configuration: limits at their defaults unless this environment sets them (to try
    // another pace); identified as the polite pools ask.
    config = loadConfig({
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => LIMIT_VARIABLE.test(name))),
      NODE_ENV: 'production',
      SECRET_KEY: 'bench server key, made for this run only, 0123456789',
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: `benchpolite${process.pid}`,
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'pretty',
      REGISTRATION: 'open',
      SCHOLARLY_CONTACT_EMAIL: 'bench@example.org',
      OPENALEX_API_KEY: 'bench-openalex-key',
      SEMANTIC_SCHOLAR_API_KEY: 'bench-s2-key',
      ...Object.fromEntries(SYNC_SOURCES.map((s) => [BASE_URL_VARIABLE[s], replays[s].url])),
    });
    const backend = config.queue.backend === 'redis' ? `Redis (${redactedUrl(config.queue.url)})` : 'PostgreSQL (BullMQ PostgreSQL backend, REDIS_URL unset)';

    api = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createHttpAdapter(config), { logger: ['error', 'fatal'] });
    await configureApp(api, config);
    await api.listen(0, '127.0.0.1');
    const apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'fatal'] });
    const db = api.get(DataSource);

    const call = async (method: string, path: string, token: string | null, body?: unknown): Promise<any> => {
      const res = await fetch(apiUrl + path, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : null;
    };
    const { user, token } = await call('POST', '/auth/register', null, { email: 'bench-polite@example.org', password: 'a long enough password' });
    const people: string[] = [];
    for (let k = 0; k < options.authors; k++) {
      const person = await call('POST', '/people', token, { fullName: `Bench Author ${k}` });
      people.push(person.id);
      // Linked as the identities module links a confirmed candidate (linking itself calls the sources, which is not what is measured here).
      const ids = benchAuthorIds(k);
      await db.query(
        `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by)
         SELECT $1, $2, s, a, $3, 'linked', 'user' FROM unnest($4::text[], $5::text[]) AS t(s, a)`,
        [user.id, person.id, `Bench Author ${k}`, [...SYNC_SOURCES], SYNC_SOURCES.map((s) => ids[s])],
      );
    }

    const t0 = Date.now();
    const runIds: string[] = [];
    for (const personId of people) runIds.push(...(await call('POST', `/people/${personId}/sync`, token)).runIds);
    if (runIds.length !== options.authors * SYNC_SOURCES.length) throw new Error(`expected ${options.authors * SYNC_SOURCES.length} runs, the API started ${runIds.length}`);

    // Bounded wait: 3× the slowest bound plus a minute, then the unfinished runs are named.
    const slowest = Math.max(...SYNC_SOURCES.map((s) => (expectedRequests(s, options) * config!.sync.limits[s].durationMs) / config!.sync.limits[s].max));
    const deadline = t0 + 3 * slowest + 60_000;
    let runs: { source: SyncSource; status: string; requests: number; finished: number | null; errors: string[] }[] = [];
    for (;;) {
      runs = (await db.query(
        `SELECT source, status, requests, extract(epoch FROM finished_at) * 1000 AS finished, errors FROM sync_runs WHERE id = ANY($1::uuid[])`,
        [runIds],
      )) as typeof runs;
      if (runs.every((r) => r.status !== 'running')) break;
      if (Date.now() > deadline) {
        const open = runs.filter((r) => r.status === 'running');
        throw new Error(`${open.length} runs still running after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${[...new Set(open.map((r) => r.source))].join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const failed = runs.filter((r) => r.status !== 'succeeded');
    if (failed.length > 0) throw new Error(`${failed.length} runs did not succeed: ${failed.slice(0, 3).map((r) => `${r.source} ${r.status} ${r.errors.join('; ')}`).join(' | ')}`);

    const sources = SYNC_SOURCES.map((source): SourcePoliteness => {
      const replay = replays[source];
      if (replay.unmatched.length > 0) throw new Error(`${source}: requests not served: ${replay.unmatched.slice(0, 3).join(', ')}`);
      const stats = replay.limitStats()[0];
      const limit = config!.sync.limits[source];
      const mine = runs.filter((r) => r.source === source);
      const published = PUBLISHED[source];
      return {
        source,
        configured: `${rateLabel(limit.max, limit.durationMs)}, ${limit.concurrency} at once`,
        enforced: `${rateLabel(published.max, published.windowMs)}${published.burst ? ` burst ${published.burst}` : ''}${published.maxInFlight ? `, ${published.maxInFlight} at once` : ''}`,
        runs: mine.length,
        requests: stats.admitted + stats.refused,
        counted: mine.reduce((sum, r) => sum + r.requests, 0),
        refused: stats.refused,
        refusedEarlyMs: stats.refusedEarlyMs,
        peakInFlight: stats.peakInFlight,
        boundSeconds: ((stats.admitted - 1) * limit.durationMs) / limit.max / 1000,
        spanSeconds: ((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000,
        totalSeconds: (Math.max(...mine.map((r) => Number(r.finished))) - t0) / 1000,
      };
    });
    return { backend, window: options.window, latencyMs: options.latencyMs, authors: options.authors, works: options.works, arxivWorks: options.arxivWorks, sources, wallSeconds: (Date.now() - started) / 1000 };
  } finally {
    await worker?.close();
    await api?.close();
    for (const replay of Object.values(replays)) await replay.close();
    if (config?.queue.backend === 'redis') await flushRedisPrefix(config.queue.url, config.queue.prefix).catch((e: Error) => console.error(`could not clear the bench's Redis keys: ${e.message}`));
    if (databaseCreated) {
      if (options.keep) console.log(`kept database ${DB_NAME} (BENCH_KEEP=1)`);
      else await dropDatabase(options.serverUrl, DB_NAME).catch((e: Error) => console.error(`could not drop ${DB_NAME}: ${e.message}`));
    }
  }
}

/** The fewest requests a full sync of every author takes at `source`: the snapshot, then the listing. */
function expectedRequests(source: SyncSource, options: PolitenessOptions): number {
  const n = source === 'arxiv' ? options.arxivWorks : options.works;
  const listing: Record<SyncSource, number> = {
    openalex: Math.floor(n / 200) + 1,
    semanticscholar: Math.ceil(n / 500),
    arxiv: Math.ceil(n / 100),
    dblp: 1,
    crossref: Math.floor(n / 100) + 1,
    orcid: 1 + Math.ceil((n + Math.ceil(n / 4)) / 100),
  };
  return options.authors * (1 + listing[source]);
}

export function printPoliteness(result: PolitenessResult): void {
  console.log('');
  console.log(
    `(d) Politeness: the API and worker in-process (queue backend: ${result.backend}), POST /people/:id/sync for ${result.authors} people, each linked at all 6 sources ` +
      `(${result.works} works an author, arXiv ${result.arxivWorks}), all at once; one replay server per source enforcing its published limit ` +
      `(${result.window} window, token bucket for ORCID; 429 + Retry-After past it; ${result.latencyMs} ms to answer)`,
  );
  table(
    ['source', 'configured limit', 'enforced limit', 'runs', 'requests', '429s', '429s came early by ms', 'peak in flight', 'bound s', 'first→last request s', 'sync s', 'sync ÷ bound'],
    result.sources.map((s) => [
      s.source,
      s.configured,
      s.enforced,
      String(s.runs),
      s.counted === s.requests ? String(s.requests) : `${s.requests} (runs counted ${s.counted})`,
      String(s.refused),
      s.refused === 0 ? '-' : `${Math.round(Math.min(...s.refusedEarlyMs))}–${Math.round(Math.max(...s.refusedEarlyMs))}`,
      String(s.peakInFlight),
      s.boundSeconds.toFixed(1),
      s.spanSeconds.toFixed(1),
      s.totalSeconds.toFixed(1),
      s.boundSeconds > 0 ? `${(s.totalSeconds / s.boundSeconds).toFixed(2)}x` : '-',
    ]),
  );
  console.log('    (bound = (requests answered − 1) × window ÷ limit, from the configured limit; sync s = from the first POST /sync to the last run of the source finished; the sources run side by side)');
  console.log(`    politeness part: ${result.wallSeconds.toFixed(1)} s in all, with database setup and app start`);
}

/** 10/s, 1/1.1s, 1/3s. */
function rateLabel(max: number, ms: number): string {
  return `${max}/${ms === 1000 ? '' : ms / 1000}s`;
}

function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function politenessOptionsFromEnv(serverUrl: string): PolitenessOptions {
  const window = process.env.BENCH_POLITE_WINDOW || 'sliding';
  if (window !== 'sliding' && window !== 'fixed') throw new Error(`BENCH_POLITE_WINDOW must be sliding or fixed, got ${JSON.stringify(window)}`);
  const latency = process.env.BENCH_POLITE_LATENCY_MS;
  return {
    serverUrl,
    authors: intEnv('BENCH_POLITE_AUTHORS', 10),
    works: intEnv('BENCH_POLITE_WORKS', 250),
    arxivWorks: intEnv('BENCH_POLITE_ARXIV_WORKS', 80),
    window,
    // 0 is allowed here (answer at once).
    latencyMs: latency === undefined || latency === '' ? 50 : nonNegative('BENCH_POLITE_LATENCY_MS', latency),
    keep: process.env.BENCH_KEEP === '1',
  };
}

function nonNegative(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(raw)}`);
  return value;
}

if (require.main === module) {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  measurePoliteness(politenessOptionsFromEnv(serverUrl))
    .then((result) => printPoliteness(result))
    .catch((e: Error) => {
      console.error(e.stack ?? e.message);
      process.exitCode = 1;
    });
}
