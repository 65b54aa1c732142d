// `npm run eval:research`: how right the research is on the project's own labelled cases
// (test/fixtures/research-eval/<case>/case.json, each with the sources' answers in their real formats).
//
// The real API and worker (ApiModule + WorkerModule in this process, as bench:sync's politeness part
// boots them) against a ReplayServer serving every case's recorded answers, one user, and for each
// case, as a user would go:
//   1. Identity: GET /people/:id/identity-candidates for the person (name, organization, ORCID link,
//      interests as tags), before anything is linked; right when a source's top candidate is one of
//      the labelled right ids (a split profile has several).
//   2. The first right id at each source linked, then POST /people/:id/sync (the sync runs as the app
//      runs it: one job per identity in its source's queue, each name-query page ingested and then
//      weighed by the attribution evidence inside SyncService).
//   3. Split profiles: where a source has a second right id, the candidates again: is that record
//      flagged as a split profile of the linked one, with the reasons? Then every other right id is
//      linked too (a person may hold two records at one source) and the person synced again.
//   4. Works: GET /people/:id/works (works held back excluded, as the app shows them) against the
//      labels: theirs found and missed, wrongly attributed (shown and not theirs), and held back for
//      the user (GET /people/:id/work-attributions?state=held: a namesake's held is right, theirs held
//      costs the user a click); merge precision and recall over pairs of labelled records; labelled
//      canonical fields (venue, type).
// Nothing is tuned here: a shape the app does not handle yet shows as a miss.
//
// Environment: EVAL_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// REDIS_URL (the queue backend: Redis if set, else PostgreSQL, as the app chooses), EVAL_DB_NAME
// (dossier_eval_research), EVAL_KEEP=1 keeps the database. The app's *_RATE_LIMIT settings pass through.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { type AppConfig, dataSourceOptions, loadConfig } from '#platform';
import { ENTITIES } from '#domain/entities';
import type { ScholarlySource } from '#domain/scholarly/index';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, createHttpAdapter } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MIGRATIONS } from '../../migrations/index';
import { ReplayServer } from '../../test/support/replay-server';
import { flushRedisPrefix } from '../../test/support/test-app';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { table } from '../sync/report';

const CASES = path.resolve(__dirname, '../../../test/fixtures/research-eval');
const SERVER_URL = process.env.EVAL_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.EVAL_DB_NAME || 'dossier_eval_research';
const KEEP = process.env.EVAL_KEEP === '1';
/** A sync of the labelled cases (a few pages a source) that has not ended by then has hung. */
const SYNC_DEADLINE_MS = 5 * 60_000;
/** The app's limit settings, passed through from this environment. */
const LIMIT_VARIABLE = /^(OPENALEX|SEMANTIC_SCHOLAR|ARXIV|DBLP|CROSSREF|ORCID)_(RATE_LIMIT|CONCURRENCY)$/;
const BASE_URL_VARIABLES = ['OPENALEX_BASE_URL', 'SEMANTIC_SCHOLAR_BASE_URL', 'ARXIV_BASE_URL', 'DBLP_BASE_URL', 'CROSSREF_BASE_URL', 'ORCID_BASE_URL'];

interface LabelledCase {
  name: string;
  about: string;
  person: { name: string; organization: string | null; orcid: string | null; interests: string[] };
  routes: { path: string; query?: Record<string, string>; status?: number; file: string }[];
  identities: Partial<Record<ScholarlySource, { right: string[]; shape: string }>>;
  works: { label: string; theirs: boolean; shape: string; records: string[]; venue?: string; type?: string }[];
}

interface IdentityScore {
  caseName: string;
  source: ScholarlySource;
  right: boolean;
  top: string;
  shape: string;
}

interface SplitScore {
  caseName: string;
  source: ScholarlySource;
  linked: string;
  second: string;
  /** The second record is among the candidates at all. */
  listed: boolean;
  flagged: boolean;
  reasons: string[];
  /** Other candidates of that source flagged as split profiles of the person (namesakes, when the labels do not name them). */
  wronglyFlagged: string[];
}

interface WorksScore {
  caseName: string;
  theirs: number;
  found: string[];
  missed: string[];
  wrong: string[];
  /** Labelled works held back for the user's word, theirs and a namesake's. */
  heldTheirs: string[];
  heldNot: string[];
  /** Held back after the first sync (one identity a source), before the split profile's was linked. */
  heldFirst: string[];
  unlabelled: number;
  truePairs: number;
  predictedPairs: number;
  rightPairs: number;
  split: string[];
  fused: string[];
  fields: { label: string; field: string; want: string; got: string | null }[];
  syncErrors: string[];
  /** Labelled records no sync brought (a source not synced, or a label naming a record that does not exist). */
  notFetched: string[];
}

type Call = (method: string, path: string, body?: unknown) => Promise<any>;

function loadCases(): LabelledCase[] {
  return readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, ...(JSON.parse(readFileSync(path.join(CASES, d.name, 'case.json'), 'utf8')) as Omit<LabelledCase, 'name'>) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const sourcesOf = (c: LabelledCase) => Object.keys(c.identities) as ScholarlySource[];

/** The person as a user would enter them: name, organization, ORCID link, interests as tags. */
async function createPerson(c: LabelledCase, call: Call): Promise<string> {
  const organization = c.person.organization ? await call('POST', '/organizations', { name: c.person.organization }) : null;
  const person = await call('POST', '/people', {
    fullName: c.person.name,
    ...(organization ? { organizationId: organization.id } : {}),
    ...(c.person.orcid ? { links: { orcid: `https://orcid.org/${c.person.orcid}` } } : {}),
    tags: c.person.interests,
  });
  return person.id as string;
}

async function candidates(c: LabelledCase, personId: string, sources: ScholarlySource[], call: Call): Promise<any[]> {
  const answer = await call('GET', `/people/${personId}/identity-candidates?sources=${sources.join(',')}&limit=10`);
  for (const e of answer.errors as { source: string; message: string }[]) console.log(`(${c.name}: the ${e.source} candidate search failed: ${e.message})`);
  return answer.candidates;
}

async function scoreIdentities(c: LabelledCase, personId: string, call: Call): Promise<IdentityScore[]> {
  const found = await candidates(c, personId, sourcesOf(c), call);
  return sourcesOf(c).map((source) => {
    const label = c.identities[source]!;
    // Candidates come best first across sources: a source's first is its top.
    const top = (found.find((f) => f.source === source)?.sourceAuthorId as string | undefined) ?? '(none)';
    return { caseName: c.name, source, right: label.right.includes(top), top, shape: label.shape };
  });
}

/**
 * Links identities as the identities module links a confirmed candidate (linking by the API would
 * ask each source for the author, which the recorded answers do not hold).
 */
async function link(db: DataSource, userId: string, personId: string, name: string, ids: [ScholarlySource, string][]): Promise<void> {
  await db.query(
    `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by)
     SELECT $1, $2, s, a, $3, 'linked', 'user' FROM unnest($4::text[], $5::text[]) AS t(s, a)`,
    [userId, personId, name, ids.map(([s]) => s), ids.map(([, a]) => a)],
  );
}

/** POST /people/:id/sync, then waits for every run; answers the errors the runs recorded. */
async function sync(db: DataSource, personId: string, call: Call): Promise<string[]> {
  const { runIds } = (await call('POST', `/people/${personId}/sync`)) as { runIds: string[] };
  const deadline = Date.now() + SYNC_DEADLINE_MS;
  for (;;) {
    const runs = (await db.query('SELECT source, status, errors FROM sync_runs WHERE id = ANY($1::uuid[])', [runIds])) as { source: string; status: string; errors: string[] }[];
    if (runs.every((r) => r.status !== 'running')) {
      return runs.flatMap((r) => [...(r.status === 'succeeded' || r.status === 'skipped' ? [] : [`${r.source} ${r.status}`]), ...r.errors.map((e) => `${r.source}: ${e.slice(0, 100)}`)]);
    }
    if (Date.now() > deadline) throw new Error(`sync of ${personId} still running after ${SYNC_DEADLINE_MS / 1000} s: ${runs.filter((r) => r.status === 'running').map((r) => r.source).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The labels of the works held back for the user's word (GET /people/:id/work-attributions, held ones). */
async function heldLabels(personId: string, labelOf: Map<string, LabelledCase['works'][number]>, call: Call): Promise<string[]> {
  const held = (await call('GET', `/people/${personId}/work-attributions?state=held&limit=200`)) as { items: { record: { source: string; sourceId: string } }[] };
  return [...new Set(held.items.map((i) => labelOf.get(`${i.record.source}:${i.record.sourceId}`)?.label ?? `(unlabelled ${i.record.source}:${i.record.sourceId})`))];
}

async function runCase(c: LabelledCase, db: DataSource, userId: string, call: Call): Promise<{ identities: IdentityScore[]; splits: SplitScore[]; works: WorksScore }> {
  const personId = await createPerson(c, call);
  const identities = await scoreIdentities(c, personId, call);
  const labelOf = new Map<string, LabelledCase['works'][number]>();
  for (const w of c.works) for (const r of w.records) labelOf.set(r, w);

  await link(db, userId, personId, c.person.name, sourcesOf(c).map((s) => [s, c.identities[s]!.right[0]]));
  const syncErrors = await sync(db, personId, call);
  const heldFirst = await heldLabels(personId, labelOf, call);

  const splits: SplitScore[] = [];
  const seconds: [ScholarlySource, string][] = sourcesOf(c).flatMap((s) => c.identities[s]!.right.slice(1).map((id): [ScholarlySource, string] => [s, id]));
  if (seconds.length > 0) {
    const found = await candidates(c, personId, [...new Set(seconds.map(([s]) => s))], call);
    for (const [source, second] of seconds) {
      const candidate = found.find((f) => f.source === source && f.sourceAuthorId === second);
      const linked = c.identities[source]!.right[0];
      splits.push({
        caseName: c.name,
        source,
        linked,
        second,
        listed: !!candidate,
        flagged: candidate?.splitProfileOf?.sourceAuthorId === linked,
        reasons: ((candidate?.reasons ?? []) as { kind: string; detail: string }[]).filter((r) => r.kind === 'split-profile').map((r) => r.detail),
        wronglyFlagged: found.filter((f) => f.source === source && f.splitProfileOf && !c.identities[source]!.right.includes(f.sourceAuthorId)).map((f) => f.sourceAuthorId as string),
      });
    }
    await link(db, userId, personId, c.person.name, seconds);
    syncErrors.push(...(await sync(db, personId, call)));
  }
  return { identities, splits, works: await scoreWorks(c, db, personId, labelOf, heldFirst, [...new Set(syncErrors)], call) };
}

async function scoreWorks(c: LabelledCase, db: DataSource, personId: string, labelOf: Map<string, LabelledCase['works'][number]>, heldFirst: string[], syncErrors: string[], call: Call): Promise<WorksScore> {
  const shown = (await call('GET', `/people/${personId}/works?limit=200`)).items as { id: string; records: { source: string; sourceId: string }[] }[];
  const held = await heldLabels(personId, labelOf, call);
  // What a name query's match was counted on (evidence kinds, or the user's word), by label: why a namesake got through.
  const attributions = (await call('GET', `/people/${personId}/work-attributions?state=all&limit=200`)).items as { record: { source: string; sourceId: string }; evidence: { kind: string }[]; counted: boolean }[];
  const countedOn = new Map<string, string[]>();
  for (const a of attributions) {
    const label = labelOf.get(`${a.record.source}:${a.record.sourceId}`)?.label;
    if (label && a.counted) countedOn.set(label, [...new Set([...(countedOn.get(label) ?? []), ...a.evidence.map((e) => e.kind)])]);
  }
  const stored = (await db.query(`SELECT work_id, source || ':' || source_id AS key FROM work_records WHERE source || ':' || source_id = ANY($1::text[])`, [[...labelOf.keys()]])) as {
    work_id: string;
    key: string;
  }[];
  const workOf = new Map(stored.map((r) => [r.key, r.work_id]));

  // Works: a labelled work is found when a work shown holds one of its records.
  const shownAny = new Set<string>();
  let unlabelled = 0;
  for (const item of shown) {
    const labels = new Set(item.records.map((r) => labelOf.get(`${r.source}:${r.sourceId}`)?.label).filter((l): l is string => !!l));
    if (labels.size === 0) unlabelled += 1;
    for (const l of labels) shownAny.add(l);
  }
  const theirs = c.works.filter((w) => w.theirs);
  const isTheirs = (label: string) => c.works.find((w) => w.label === label)?.theirs === true;

  // Merge: pairs of labelled records that were stored (a record never fetched cannot be merged).
  const keys = [...labelOf.keys()].filter((k) => workOf.has(k));
  let truePairs = 0;
  let predictedPairs = 0;
  let rightPairs = 0;
  const split = new Set<string>();
  const fused = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const same = labelOf.get(keys[i]) === labelOf.get(keys[j]);
      const merged = workOf.get(keys[i]) === workOf.get(keys[j]);
      if (same) truePairs += 1;
      if (merged) predictedPairs += 1;
      if (same && merged) rightPairs += 1;
      if (same && !merged) split.add(labelOf.get(keys[i])!.label);
      if (!same && merged) fused.add(`${labelOf.get(keys[i])!.label}+${labelOf.get(keys[j])!.label}`);
    }
  }

  const fields: WorksScore['fields'] = [];
  for (const w of c.works) {
    const ids = [...new Set(w.records.map((r) => workOf.get(r)).filter((id): id is string => !!id))];
    if (ids.length === 0 || (!w.venue && !w.type)) continue;
    const [row] = (await db.query('SELECT venue, type FROM works WHERE id = $1', [ids[0]])) as { venue: string | null; type: string }[];
    if (w.venue) fields.push({ label: w.label, field: 'venue', want: w.venue, got: row.venue });
    if (w.type) fields.push({ label: w.label, field: 'type', want: w.type, got: row.type });
  }

  return {
    caseName: c.name,
    theirs: theirs.length,
    found: theirs.filter((w) => shownAny.has(w.label)).map((w) => w.label),
    missed: theirs.filter((w) => !shownAny.has(w.label)).map((w) => w.label),
    wrong: c.works.filter((w) => !w.theirs && shownAny.has(w.label)).map((w) => (countedOn.has(w.label) ? `${w.label} (counted on: ${countedOn.get(w.label)!.join(', ') || 'nothing'})` : w.label)),
    heldTheirs: held.filter(isTheirs),
    heldNot: held.filter((l) => !isTheirs(l)),
    heldFirst,
    unlabelled,
    truePairs,
    predictedPairs,
    rightPairs,
    split: [...split],
    fused: [...fused],
    fields,
    syncErrors,
    notFetched: [...labelOf.keys()].filter((k) => !workOf.has(k)),
  };
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '-' : `${part}/${whole} (${Math.round((100 * part) / whole)}%)`;
}

function report(cases: LabelledCase[], identities: IdentityScore[], splits: SplitScore[], works: WorksScore[]): void {
  console.log(`research quality on ${cases.length} labelled case(s): ${cases.map((c) => c.name).join(', ')}\n`);
  console.log("Identity: the top candidate of each source's search (GET /people/:id/identity-candidates) is a right id");
  const sources = [...new Set(identities.map((s) => s.source))];
  table(
    ['source', 'top-1 right', 'wrong picks (case: top candidate)'],
    sources.map((source) => {
      const rows = identities.filter((s) => s.source === source);
      return [source, ratio(rows.filter((r) => r.right).length, rows.length), rows.filter((r) => !r.right).map((r) => `${r.caseName}: ${r.top}`).join('; ') || '-'];
    }),
  );
  if (splits.length > 0) {
    console.log('\nSplit profiles: after the first record is linked and synced, is the second flagged as the same person (splitProfileOf) with reasons?');
    table(
      ['case', 'source', 'linked', 'second record', 'listed', 'flagged', 'reasons', 'namesakes flagged'],
      splits.map((s) => [s.caseName, s.source, s.linked, s.second, s.listed ? 'yes' : 'no', s.flagged ? 'yes' : 'no', s.reasons.join(' | ') || '-', s.wronglyFlagged.join(', ') || '-']),
    );
  }
  console.log("\nWorks: the person's list (GET /people/:id/works, every labelled identity linked) against the labels");
  table(
    ['case', 'theirs found', 'missed', 'wrongly attributed', 'held back: a namesake\'s', 'held back: theirs', 'held after the first sync', 'unlabelled shown', 'labelled records not fetched', 'sync errors'],
    works.map((w) => [
      w.caseName,
      ratio(w.found.length, w.theirs),
      w.missed.join(', ') || '-',
      w.wrong.join(', ') || '-',
      w.heldNot.join(', ') || '-',
      w.heldTheirs.join(', ') || '-',
      w.heldFirst.join(', ') || '-',
      String(w.unlabelled),
      w.notFetched.join(', ') || '-',
      w.syncErrors.join('; ') || '-',
    ]),
  );
  console.log('\nMerging: pairs of labelled records that are one work');
  const sum = (f: (w: WorksScore) => number) => works.reduce((n, w) => n + f(w), 0);
  table(
    ['case', 'precision', 'recall', 'split (one paper, several works)', 'fused (two papers, one work)'],
    [
      ...works.map((w) => [w.caseName, ratio(w.rightPairs, w.predictedPairs), ratio(w.rightPairs, w.truePairs), w.split.join(', ') || '-', w.fused.join(', ') || '-']),
      ['all', ratio(sum((w) => w.rightPairs), sum((w) => w.predictedPairs)), ratio(sum((w) => w.rightPairs), sum((w) => w.truePairs)), '', ''],
    ],
  );
  const fields = works.flatMap((w) => w.fields.map((f) => ({ ...f, caseName: w.caseName })));
  if (fields.length > 0) {
    console.log('\nCanonical fields the labels name');
    table(
      ['case', 'work', 'field', 'labelled', 'stored', 'right'],
      fields.map((f) => [f.caseName, f.label, f.field, f.want, f.got ?? '(none)', f.got === f.want ? 'yes' : 'no']),
    );
  }
  const namesakes = cases.reduce((n, c) => n + c.works.filter((w) => !w.theirs).length, 0);
  console.log('\nTotals');
  table(
    ['measure', 'value'],
    [
      ['identity top-1 right', ratio(identities.filter((s) => s.right).length, identities.length)],
      ['split profiles flagged, with reasons', ratio(splits.filter((s) => s.flagged && s.reasons.length > 0).length, splits.length)],
      ['namesakes flagged as split profiles', String(new Set(splits.flatMap((s) => s.wronglyFlagged.map((id) => `${s.caseName}:${s.source}:${id}`))).size)],
      ['works of theirs found', ratio(sum((w) => w.found.length), sum((w) => w.theirs))],
      ['works wrongly attributed', String(sum((w) => w.wrong.length))],
      ["namesakes' works held back for the user", ratio(sum((w) => w.heldNot.length), namesakes)],
      ['works of theirs held back for the user', String(sum((w) => w.heldTheirs.length))],
      ['merge precision (pairs)', ratio(sum((w) => w.rightPairs), sum((w) => w.predictedPairs))],
      ['merge recall (pairs)', ratio(sum((w) => w.rightPairs), sum((w) => w.truePairs))],
      ['labelled fields right', ratio(fields.filter((f) => f.got === f.want).length, fields.length)],
    ],
  );
}

async function main(): Promise<void> {
  const cases = loadCases();
  const replay = await ReplayServer.start();
  for (const c of cases) for (const r of c.routes) replay.route({ ...r, file: path.join(CASES, c.name, r.file) });
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let config: AppConfig | undefined;
  let created = false;
  try {
    const dbUrl = await recreateDatabase(SERVER_URL, DB_NAME);
    created = true;
    const migrator = new DataSource(dataSourceOptions(dbUrl, ENTITIES, MIGRATIONS));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    config = loadConfig({
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => LIMIT_VARIABLE.test(name))),
      NODE_ENV: 'production',
      SECRET_KEY: 'eval server key, made for this run only, 0123456789',
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: `evalresearch${process.pid}`,
      LOG_LEVEL: 'error',
      LOG_FORMAT: 'pretty',
      REGISTRATION: 'open',
      ...Object.fromEntries(BASE_URL_VARIABLES.map((v) => [v, replay.url])),
    });
    api = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createHttpAdapter(config), { logger: ['error', 'fatal'] });
    await configureApp(api, config);
    await api.listen(0, '127.0.0.1');
    const apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'fatal'] });
    const db = api.get(DataSource);

    let token: string | null = null;
    const call: Call = async (method, route, body) => {
      const res = await fetch(apiUrl + route, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : null;
    };
    const registered = await call('POST', '/auth/register', { email: 'eval-research@example.org', password: 'a long enough password' });
    token = registered.token;

    const identities: IdentityScore[] = [];
    const splits: SplitScore[] = [];
    const works: WorksScore[] = [];
    for (const c of cases) {
      const scored = await runCase(c, db, registered.user.id, call);
      identities.push(...scored.identities);
      splits.push(...scored.splits);
      works.push(scored.works);
    }
    if (replay.unmatched.length > 0) console.log(`(requests no case answers, served 404: ${[...new Set(replay.unmatched)].join(', ')})\n`);
    report(cases, identities, splits, works);
  } finally {
    await worker?.close();
    await api?.close();
    await replay.close();
    if (config?.queue.backend === 'redis') await flushRedisPrefix(config.queue.url, config.queue.prefix).catch((e: Error) => console.error(`could not clear the eval's Redis keys: ${e.message}`));
    if (created) {
      if (KEEP) console.log(`kept database ${DB_NAME} (EVAL_KEEP=1)`);
      else await dropDatabase(SERVER_URL, DB_NAME).catch((e: Error) => console.error(`could not drop ${DB_NAME}: ${e.message}`));
    }
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
