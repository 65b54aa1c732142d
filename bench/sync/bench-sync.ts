// `npm run bench:sync`: how fast publications are written into the shared cache, and how many
// requests a sync costs each source.
//
//   (a) Ingest. A corpus of BENCH_AUTHORS tracked authors × BENCH_WORKS works (titles, DOIs for some,
//       arXiv ids for some, 3–8 authors each, shared co-authors so some works repeat across authors)
//       is written by WorksIngestService in pages of 100–200 normalized records, one writer, into a
//       fresh database `dossier_bench_sync` migrated with the app's migrations:
//         1. the first sync of every author (OpenAlex-shaped records);
//         2. the same pages again (a re-sync that finds nothing changed);
//         3. a second source (Semantic Scholar-shaped records of the first authors' works), which
//            must match the stored works by DOI, arXiv id or title.
//       Baseline, same run: the rows pass 1 stored (works, work_records, work_authorships, read back)
//       sent with COPY … FROM STDIN (pg-copy-streams, see copy-from.ts) into bare tables
//       with the same columns and no index: once per page (the same pages, one transaction each), and
//       all at once; and once per page into scratch copies of the real tables (every index, unique
//       constraint and foreign key), the floor the tables themselves set.
//   (b) Requests per author, from the real clients against a ReplayServer serving generated pages.
//   (c) Reading back: WorksQueryService.forPerson (GET /people/:id/works) over the ingested corpus.
//   (d) Politeness: the API and worker in-process sync people at every source against replay
//       servers that enforce each source's published limit (see politeness.ts).
//   The databases are dropped at the end unless BENCH_KEEP=1.
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_AUTHORS (100), BENCH_WORKS (500 per author), BENCH_SECOND_SOURCE_AUTHORS (20), BENCH_KEEP=1;
// BENCH_ONLY=ingest (sections (a) and (c) only: the ingest figures without the request counts and
// the politeness runs); for (d) REDIS_URL and the BENCH_POLITE_* variables listed in politeness.ts.
import os from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#platform';
import { ENTITIES } from '#domain/entities';
import type { NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService, WorksQueryService } from '#domain/works/index';
import { WorksQueryRepository } from '#domain/works/works-query.repository';
import { WorksRepository } from '#domain/works/works.repository';
import { MIGRATIONS } from '../../migrations/index';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { copyFrom, copyText } from './copy-from';
import { mulberry32 } from '../random';
import { Corpus, generateCorpus, openalexRecord, pagesOf, semanticScholarRecord } from './generate';
import { measurePoliteness, politenessOptionsFromEnv, printPoliteness } from './politeness';
import { intEnv, table } from './report';
import { countRequests, SourceCount } from './requests';

// BENCH_DB_NAME: another name, so two checkouts can run the bench at once.
const DB_NAME = process.env.BENCH_DB_NAME || 'dossier_bench_sync';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const AUTHORS = intEnv('BENCH_AUTHORS', 100);
const WORKS = intEnv('BENCH_WORKS', 500);
const SECOND_SOURCE_AUTHORS = Math.min(intEnv('BENCH_SECOND_SOURCE_AUTHORS', 20), AUTHORS);
const KEEP = process.env.BENCH_KEEP === '1';
const INGEST_ONLY = process.env.BENCH_ONLY === 'ingest';
// Round sizes show the empty page after an exactly full one; 1,234 shows partial last pages.
const REQUEST_SIZES = [500, 1000, 1234];

interface PassResult {
  name: string;
  pages: number;
  records: number;
  new: number;
  updated: number;
  unchanged: number;
  worksCreated: number;
  seconds: number;
}

interface CopyResult {
  name: string;
  seconds: number;
  /** Bare: same columns, no keys or indexes. Real: every index, unique constraint and foreign key. */
  tables: 'bare' | 'real';
}

const WORK_COLUMNS = ['id', 'title', 'title_key', 'year', 'publication_date', 'venue', 'type', 'doi', 'arxiv_id', 'first_author_key', 'citation_count', 'abstract', 'open_access_url', 'pdf_url', 'created_at', 'updated_at'];
const RECORD_COLUMNS = ['id', 'work_id', 'source', 'source_id', 'source_url', 'record', 'content_hash', 'citation_count', 'fetched_at'];
const AUTHORSHIP_COLUMNS = ['record_id', 'position', 'work_id', 'source', 'name', 'source_author_id', 'orcid', 'author_count'];

let databaseCreated = false;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  const busy = os.loadavg()[0] > 0.5;
  console.log(`load average before start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}${busy ? '  (WARNING: the machine is busy; results will be noisy)' : ''}`);

  const corpus = generateCorpus(AUTHORS, WORKS);
  const entries = corpus.worksOf.reduce((sum, list) => sum + list.length, 0);
  const shared = corpus.works.filter((w) => w.authors.filter((a) => a.tracked !== null).length > 1).length;
  console.log(
    `corpus: ${AUTHORS} authors × ${WORKS} works = ${entries} list entries, ${corpus.works.length} distinct works (${shared} shared by 2–3 tracked authors), ` +
      `${pct(corpus.works.filter((w) => w.doi).length, corpus.works.length)} with a DOI, ${pct(corpus.works.filter((w) => w.arxivId).length, corpus.works.length)} with an arXiv id, ` +
      `${(corpus.works.reduce((s, w) => s + w.authors.length, 0) / corpus.works.length).toFixed(1)} authors a work`,
  );

  const dbUrl = await recreateDatabase(SERVER_URL, DB_NAME);
  databaseCreated = true;
  const dataSource = new DataSource(dataSourceOptions(dbUrl, ENTITIES, MIGRATIONS));
  await dataSource.initialize();
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const ingest = new WorksIngestService(new WorksRepository(dataSource));
    const random = mulberry32(7);

    // (a) Ingest.
    const firstPages = corpus.worksOf.flatMap((list) => pagesOf(list.map((i) => openalexRecord(corpus.works[i])), random));
    const pass1 = await runPass('1. first sync, OpenAlex', ingest, dataSource, firstPages);
    const stored = await counts(dataSource);
    console.log(`stored: ${stored.works} works (${corpus.works.length} generated), ${stored.records} records, ${stored.authorships} authorships`);

    const copies = await copyBaseline(client, firstPages);
    const pass2 = await runPass('2. re-sync, nothing changed', ingest, dataSource, firstPages);
    const secondPages = corpus.worksOf.slice(0, SECOND_SOURCE_AUTHORS).flatMap((list) => pagesOf(list.map((i) => semanticScholarRecord(corpus.works[i])), random));
    const pass3 = await runPass(`3. 2nd source, S2, ${SECOND_SOURCE_AUTHORS} authors`, ingest, dataSource, secondPages);
    printIngest([pass1, pass2, pass3], copies, stored);

    // (c) Reading back.
    const reads = await readBack(dataSource, corpus);

    // (b) Requests per author.
    if (!INGEST_ONLY) {
      const counted: SourceCount[][] = [];
      for (const n of REQUEST_SIZES) counted.push(await countRequests(n));
      printRequests(counted);
    }
    printReads(reads);
  } finally {
    await client.end();
    await dataSource.destroy();
  }

  // (d) Politeness, on its own database, once the ingest one is closed.
  if (!INGEST_ONLY) printPoliteness(await measurePoliteness(politenessOptionsFromEnv(SERVER_URL)));
  console.log(`\ntotal time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- (a) ingest

async function runPass(name: string, ingest: WorksIngestService, dataSource: DataSource, pages: NormalizedWork[][]): Promise<PassResult> {
  const before = (await counts(dataSource)).works;
  await checkpoint(dataSource);
  const result: PassResult = { name, pages: pages.length, records: 0, new: 0, updated: 0, unchanged: 0, worksCreated: 0, seconds: 0 };
  const t0 = process.hrtime.bigint();
  for (const page of pages) {
    const r = await ingest.ingest(page);
    result.records += page.length;
    result.new += r.new;
    result.updated += r.updated;
    result.unchanged += r.unchanged;
  }
  result.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  result.worksCreated = (await counts(dataSource)).works - before;
  console.log(`  ${name}: ${result.records} records in ${result.pages} pages, ${result.seconds.toFixed(1)} s (new ${result.new}, updated ${result.updated}, unchanged ${result.unchanged}, works created ${result.worksCreated})`);
  return result;
}

/**
 * Each timed writer starts right after a checkpoint. A checkpoint falling inside one (the bench
 * writes over a GiB of WAL, past max_wal_size) makes its first change to every page after it
 * write that whole page to the WAL again: ±20% on whichever writer it fell in. CHECKPOINT needs a
 * superuser or pg_checkpoint; without either the runs are only noisier, which the report says.
 */
async function checkpoint(db: { query(text: string): Promise<unknown> }): Promise<void> {
  try {
    await db.query('CHECKPOINT');
  } catch (e) {
    if (!checkpointRefused) console.log(`  (no CHECKPOINT before each writer: ${(e as Error).message}; figures will be noisier)`);
    checkpointRefused = true;
  }
}
let checkpointRefused = false;

async function counts(dataSource: DataSource): Promise<{ works: number; records: number; authorships: number }> {
  const [row] = (await dataSource.query(
    'SELECT (SELECT count(*) FROM works)::int AS works, (SELECT count(*) FROM work_records)::int AS records, (SELECT count(*) FROM work_authorships)::int AS authorships',
  )) as { works: number; records: number; authorships: number }[];
  return row;
}

/**
 * The rows pass 1 stored, read back as text, sent again with COPY into bare tables of the same
 * columns (no keys, no indexes): per page in the pages' order (each row in the page that first
 * brought its record, one transaction a page), then all at once.
 */
async function copyBaseline(client: Client, pages: NormalizedWork[][]): Promise<CopyResult[]> {
  const pageOf = new Map<string, number>();
  pages.forEach((page, p) => page.forEach((r) => pageOf.has(r.sourceId) || pageOf.set(r.sourceId, p)));
  const text = (cols: string[]) => cols.map((c) => (['created_at', 'updated_at', 'fetched_at', 'record'].includes(c) ? `${c}::text` : c)).join(', ');
  const works = (await client.query({ text: `SELECT ${text(WORK_COLUMNS)} FROM works`, rowMode: 'array' })).rows as unknown[][];
  const records = (await client.query({ text: `SELECT ${text(RECORD_COLUMNS)} FROM work_records`, rowMode: 'array' })).rows as unknown[][];
  const authorships = (await client.query({ text: `SELECT ${text(AUTHORSHIP_COLUMNS)} FROM work_authorships`, rowMode: 'array' })).rows as unknown[][];

  const recordPage = new Map<string, number>(records.map((r) => [r[0] as string, pageOf.get(r[3] as string)!]));
  const workPage = new Map<string, number>();
  for (const r of records) {
    const p = recordPage.get(r[0] as string)!;
    const w = r[1] as string;
    if (!workPage.has(w) || workPage.get(w)! > p) workPage.set(w, p);
  }
  const byPage = (rows: unknown[][], page: (row: unknown[]) => number): unknown[][][] => {
    const out: unknown[][][] = pages.map(() => []);
    for (const row of rows) out[page(row)].push(row);
    return out;
  };
  const worksBy = byPage(works, (w) => workPage.get(w[0] as string)!);
  const recordsBy = byPage(records, (r) => recordPage.get(r[0] as string)!);
  const authorshipsBy = byPage(authorships, (a) => recordPage.get(a[0] as string)!);

  await client.query('DROP TABLE IF EXISTS bare_works, bare_work_records, bare_work_authorships');
  await client.query('CREATE TABLE bare_works (LIKE works INCLUDING DEFAULTS)');
  await client.query('CREATE TABLE bare_work_records (LIKE work_records INCLUDING DEFAULTS)');
  await client.query('CREATE TABLE bare_work_authorships (LIKE work_authorships INCLUDING DEFAULTS)');
  const out: CopyResult[] = [];
  try {
    out.push({ name: 'COPY FROM STDIN, per page', seconds: await copyPages(client, 'bare_', worksBy, recordsBy, authorshipsBy, works.length + records.length + authorships.length), tables: 'bare' });

    await client.query('TRUNCATE bare_works, bare_work_records, bare_work_authorships');
    await checkpoint(client);
    const t0 = process.hrtime.bigint();
    await client.query('BEGIN');
    await copyFrom(client, 'bare_works', WORK_COLUMNS, copyText(works));
    await copyFrom(client, 'bare_work_records', RECORD_COLUMNS, copyText(records));
    await copyFrom(client, 'bare_work_authorships', AUTHORSHIP_COLUMNS, copyText(authorships));
    await client.query('COMMIT');
    out.push({ name: 'COPY FROM STDIN, all at once', seconds: Number(process.hrtime.bigint() - t0) / 1e9, tables: 'bare' });
  } finally {
    await client.query('DROP TABLE IF EXISTS bare_works, bare_work_records, bare_work_authorships');
  }
  out.push(await copyIntoRealTables(client, worksBy, recordsBy, authorshipsBy, works.length + records.length + authorships.length));
  for (const c of out) console.log(`  ${c.name}: ${c.seconds.toFixed(2)} s`);
  return out;
}

/**
 * The pages sent with COPY, one transaction a page, into `<prefix>works`, `<prefix>work_records` and
 * `<prefix>work_authorships`; answers the seconds taken, once the tables are checked to hold every row.
 */
async function copyPages(client: Client, prefix: string, worksBy: unknown[][][], recordsBy: unknown[][][], authorshipsBy: unknown[][][], expected: number): Promise<number> {
  await checkpoint(client);
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < worksBy.length; p++) {
    await client.query('BEGIN');
    if (worksBy[p].length) await copyFrom(client, `${prefix}works`, WORK_COLUMNS, copyText(worksBy[p]));
    if (recordsBy[p].length) await copyFrom(client, `${prefix}work_records`, RECORD_COLUMNS, copyText(recordsBy[p]));
    if (authorshipsBy[p].length) await copyFrom(client, `${prefix}work_authorships`, AUTHORSHIP_COLUMNS, copyText(authorshipsBy[p]));
    await client.query('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const count = (table: string) => `(SELECT count(*) FROM ${prefix}${table})::int`;
  const copied = (await client.query(`SELECT ${count('works')} + ${count('work_records')} + ${count('work_authorships')} AS n`)).rows[0].n as number;
  if (copied !== expected) throw new Error(`COPY into the ${prefix} tables wrote ${copied} rows, expected ${expected}`);
  return seconds;
}

/**
 * The floor the tables themselves set: the same pages sent with COPY, one transaction a page, into
 * scratch copies of works, work_records and work_authorships with every index, unique constraint and
 * default (LIKE … INCLUDING ALL) and the two foreign keys the ingest's rows are checked against. What
 * the ingest takes beyond this is its own (matching, round trips, statements), not the tables'.
 */
async function copyIntoRealTables(client: Client, worksBy: unknown[][][], recordsBy: unknown[][][], authorshipsBy: unknown[][][], expected: number): Promise<CopyResult> {
  await client.query('DROP TABLE IF EXISTS real_work_authorships, real_work_records, real_works');
  await client.query('CREATE TABLE real_works (LIKE works INCLUDING ALL)');
  await client.query('CREATE TABLE real_work_records (LIKE work_records INCLUDING ALL)');
  await client.query('CREATE TABLE real_work_authorships (LIKE work_authorships INCLUDING ALL)');
  await client.query('ALTER TABLE real_work_records ADD FOREIGN KEY (work_id) REFERENCES real_works (id) ON DELETE CASCADE');
  await client.query('ALTER TABLE real_work_authorships ADD FOREIGN KEY (record_id) REFERENCES real_work_records (id) ON DELETE CASCADE');
  try {
    const seconds = await copyPages(client, 'real_', worksBy, recordsBy, authorshipsBy, expected);
    return { name: 'COPY FROM STDIN, per page, real tables', seconds, tables: 'real' };
  } finally {
    await client.query('DROP TABLE IF EXISTS real_work_authorships, real_work_records, real_works');
  }
}

// ---------------------------------------------------------------- (c) reading back

interface ReadResult {
  name: string;
  people: number;
  p50: number;
  p95: number;
  max: number;
  totals: string;
}

async function readBack(dataSource: DataSource, corpus: Corpus): Promise<ReadResult[]> {
  const [user] = (await dataSource.query("INSERT INTO users (email, display_name, password_hash) VALUES ('bench-sync@example.org', 'Bench', 'x') RETURNING id")) as { id: string }[];
  const people = (await dataSource.query(
    `INSERT INTO people (user_id, full_name, name_folded, links)
     SELECT $1, n, lower(n), CASE WHEN o IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('orcid', 'https://orcid.org/' || o) END
       FROM unnest($2::text[], $3::text[]) AS t(n, o) RETURNING id`,
    [user.id, corpus.authors.map((a) => a.name), corpus.authors.map((a) => a.orcid)],
  )) as { id: string }[];
  await dataSource.query(
    `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status)
     SELECT $1, p, 'openalex', a, 'linked' FROM unnest($2::uuid[], $3::text[]) AS t(p, a)`,
    [user.id, people.map((p) => p.id), corpus.authors.map((a) => a.openalexId)],
  );
  const query = new WorksQueryService(new WorksQueryRepository(dataSource));
  const scenarios: [string, Parameters<WorksQueryService['forPerson']>[2]][] = [
    ['default (newest first, 50)', {}],
    ['sort=citations&position=first', { sort: 'citations', position: 'first' }],
    ['q=transformers&yearFrom=2015', { q: 'transformers', yearFrom: 2015 }],
  ];
  const out: ReadResult[] = [];
  for (const [name, q] of scenarios) {
    for (const p of people.slice(0, 10)) await query.forPerson(user.id, p.id, q); // warm-up
    const times: number[] = [];
    const totals = new Set<number>();
    for (const p of people) {
      const t0 = process.hrtime.bigint();
      const page = await query.forPerson(user.id, p.id, q);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      totals.add(page.total);
    }
    times.sort((a, b) => a - b);
    const sortedTotals = [...totals].sort((a, b) => a - b);
    out.push({ name, people: people.length, p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times.at(-1)!, totals: sortedTotals.length === 1 ? String(sortedTotals[0]) : `${sortedTotals[0]}–${sortedTotals.at(-1)}` });
  }
  return out;
}

// ---------------------------------------------------------------- report

function printIngest(passes: PassResult[], copies: CopyResult[], stored: { works: number; records: number; authorships: number }): void {
  console.log('');
  console.log(`(a) Ingest: WorksIngestService, 1 writer, pages of 100–200 records (${os.cpus().length} CPUs, PostgreSQL on the same machine)`);
  table(
    ['pass', 'pages', 'records', 'new', 'unchanged', 'works created', 's', 'records/s', 'works/s'],
    passes.map((p) => [p.name, String(p.pages), String(p.records), String(p.new), String(p.unchanged), String(p.worksCreated), p.seconds.toFixed(1), rate(p.records, p.seconds), p.worksCreated > 0 ? rate(p.worksCreated, p.seconds) : '-']),
  );
  const rows = stored.works + stored.records + stored.authorships;
  const first = passes[0];
  console.log('');
  console.log(`    the rows pass 1 stored (${stored.works} works + ${stored.records} records + ${stored.authorships} authorships = ${rows} rows), written four ways:`);
  table(
    ['writer', 's', 'works/s', 'rows/s', 'Dossier time ÷ this'],
    [
      ['WorksIngestService (pass 1)', first.seconds.toFixed(2), rate(stored.works, first.seconds), rate(rows, first.seconds), '1.00x'],
      ...copies.map((c) => [c.tables === 'bare' ? `${c.name} (bare tables)` : c.name, c.seconds.toFixed(2), rate(stored.works, c.seconds), rate(rows, c.seconds), `${(first.seconds / c.seconds).toFixed(2)}x`]),
    ],
  );
  console.log('    (COPY … FROM STDIN through pg-copy-streams; bare tables: same columns, no keys or indexes; real tables: scratch copies');
  console.log('     with every index, unique constraint and foreign key of works, work_records and work_authorships)');
}

function printRequests(counted: SourceCount[][]): void {
  console.log('');
  console.log('(b) Requests per author, from the source clients against a ReplayServer serving generated pages');
  const header = ['source', 'page size', ...REQUEST_SIZES.flatMap((n) => [`full sync N=${n}`, `min ⌈N/page⌉`]), 'scheduled, unchanged', 'note'];
  const rows = counted[0].map((c, i) => [
    c.source,
    c.pageSize,
    ...counted.flatMap((byN) => [String(byN[i].listRequests), String(byN[i].minimum)]),
    c.scheduledPerAuthor === 1 ? '1' : `1/${Math.round(1 / c.scheduledPerAuthor)} (${c.scheduledPerAuthor})`,
    c.note,
  ]);
  table(header, rows);
  console.log('    (full sync = the listing requests, to the last page; a sync also reads the cheap snapshot first: +1, or +1/1000 on Semantic Scholar)');
}

function printReads(reads: ReadResult[]): void {
  console.log('');
  console.log(`(c) Reading back: WorksQueryService.forPerson (GET /people/:id/works, one SQL statement), each of ${reads[0]?.people ?? 0} people linked by OpenAlex id (half also by ORCID iD)`);
  table(
    ['query', 'p50 ms', 'p95 ms', 'max ms', 'total per person'],
    reads.map((r) => [r.name, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), r.totals]),
  );
}

function rate(count: number, seconds: number): string {
  return seconds > 0 ? Math.round(count / seconds).toLocaleString('en-US') : '-';
}

function pct(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

async function cleanup(): Promise<void> {
  if (!databaseCreated) return;
  if (KEEP) console.log(`kept database ${DB_NAME} (BENCH_KEEP=1)`);
  else await dropDatabase(SERVER_URL, DB_NAME).catch((e: Error) => console.error(`could not drop ${DB_NAME}: ${e.message}`));
}

main()
  .catch((e: Error) => {
    console.error(e.stack ?? e.message);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
