// `npm run eval:research`: how right the research is on the project's own labelled cases
// (test/fixtures/research-eval/<case>/case.json, each with the sources' answers in their real formats).
//
// For each case, against a ReplayServer serving its recorded answers, through the real clients:
//   1. Identity: every source's candidate search for the person's name, scored as the app scores
//      candidates (scoreCandidate, compareScored, implausible ones left out); right when the top
//      candidate is one of the labelled right ids (a split profile has several).
//   2. Works: the first labelled right id at each source synced page by page (listWorks, then
//      WorksIngestService as the sync does) into a fresh database; the person, linked to those
//      identities, read back as GET /people/:id/works does (WorksQueryService.forPerson).
//   3. Scores: the labelled works of theirs found and missed; works shown that are not theirs
//      (wrongly attributed) or not labelled at all; merge precision and recall over pairs of
//      labelled records (a pair is right when both records end in one work exactly when the
//      labels say they are one work); labelled canonical fields (venue, type).
// Nothing is tuned here: a shape the app does not handle yet shows as a miss.
//
// Environment: EVAL_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// EVAL_DB_NAME (dossier_eval_research), EVAL_KEEP=1 keeps the database.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type ScholarlyConfig } from '#platform';
import { ENTITIES } from '#domain/entities';
import { ScholarlyClients, type ScholarlySource } from '#domain/scholarly/index';
import { compareScored, isPlausible, scoreCandidate, type ScoringSubject } from '#domain/scholarly-identities/index';
import { WorksIngestService, WorksQueryService } from '#domain/works/index';
import { WorksQueryRepository } from '#domain/works/works-query.repository';
import { WorksRepository } from '#domain/works/works.repository';
import { MIGRATIONS } from '../../migrations/index';
import { ReplayServer } from '../../test/support/replay-server';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { table } from '../sync/report';

const CASES = path.resolve(__dirname, '../../../test/fixtures/research-eval');
const SERVER_URL = process.env.EVAL_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.EVAL_DB_NAME || 'dossier_eval_research';
const KEEP = process.env.EVAL_KEEP === '1';
/** A sync stops here, as the app's does (MAX_PAGES is larger; labelled cases are small). */
const MAX_PAGES = 50;

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

interface WorksScore {
  caseName: string;
  theirs: number;
  found: string[];
  missed: string[];
  wrong: string[];
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

function loadCases(): LabelledCase[] {
  return readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, ...(JSON.parse(readFileSync(path.join(CASES, d.name, 'case.json'), 'utf8')) as Omit<LabelledCase, 'name'>) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function subjectOf(c: LabelledCase): ScoringSubject {
  return {
    names: [c.person.name],
    organizations: c.person.organization ? [{ name: c.person.organization, current: true }] : [],
    orcid: c.person.orcid,
    profileIds: {},
    interests: c.person.interests,
  };
}

async function scoreIdentities(c: LabelledCase, clients: ScholarlyClients): Promise<IdentityScore[]> {
  const out: IdentityScore[] = [];
  const subject = subjectOf(c);
  for (const [source, label] of Object.entries(c.identities) as [ScholarlySource, { right: string[]; shape: string }][]) {
    let top = '(none)';
    try {
      // As the identities service asks: ORCID's search would filter on the affiliation, so it gets the name alone.
      const candidates = await clients.get(source).searchAuthors({ name: c.person.name, affiliation: source === 'orcid' ? null : c.person.organization, limit: 10 });
      const ranked = candidates
        .map((candidate, order) => ({ candidate, score: scoreCandidate(subject, candidate), order }))
        .filter((s) => isPlausible(s.score))
        .sort(compareScored);
      if (ranked[0]) top = ranked[0].candidate.sourceAuthorId;
    } catch (e) {
      top = `(search failed: ${(e as Error).message.slice(0, 60)})`;
    }
    out.push({ caseName: c.name, source, right: label.right.includes(top), top, shape: label.shape });
  }
  return out;
}

async function syncCase(c: LabelledCase, clients: ScholarlyClients, ingest: WorksIngestService): Promise<string[]> {
  const errors: string[] = [];
  for (const [source, label] of Object.entries(c.identities) as [ScholarlySource, { right: string[] }][]) {
    let page: string | null = null;
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const listed = await clients.get(source).listWorks(label.right[0], page);
        await ingest.ingest(listed.works);
        page = listed.next;
        if (page === null) break;
      }
    } catch (e) {
      errors.push(`${source}: ${(e as Error).message.slice(0, 100)}`);
    }
  }
  return errors;
}

async function scoreWorks(c: LabelledCase, db: DataSource, syncErrors: string[]): Promise<WorksScore> {
  const [user] = (await db.query("INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Eval', 'x') RETURNING id", [`eval-${c.name}@example.org`])) as { id: string }[];
  const [person] = (await db.query(
    `INSERT INTO people (user_id, full_name, name_folded, links) VALUES ($1, $2, lower($2), CASE WHEN $3::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('orcid', 'https://orcid.org/' || $3) END) RETURNING id`,
    [user.id, c.person.name, c.person.orcid],
  )) as { id: string }[];
  const linked = Object.entries(c.identities).map(([source, label]) => [source, label!.right[0]]);
  await db.query(
    `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) SELECT $1, $2, s, a, 'linked' FROM unnest($3::text[], $4::text[]) AS t(s, a)`,
    [user.id, person.id, linked.map(([s]) => s), linked.map(([, a]) => a)],
  );
  const shown = (await new WorksQueryService(new WorksQueryRepository(db)).forPerson(user.id, person.id, { limit: 100 })).items;

  const labelOf = new Map<string, LabelledCase['works'][number]>();
  for (const w of c.works) for (const r of w.records) labelOf.set(r, w);
  const stored = (await db.query(`SELECT work_id, source || ':' || source_id AS key FROM work_records WHERE source || ':' || source_id = ANY($1::text[])`, [[...labelOf.keys()]])) as {
    work_id: string;
    key: string;
  }[];
  const workOf = new Map(stored.map((r) => [r.key, r.work_id]));

  // Works: a labelled work is found when a work shown holds one of its records.
  const shownLabels = new Map<string, Set<string>>();
  let unlabelled = 0;
  for (const item of shown) {
    const labels = new Set(item.records.map((r) => labelOf.get(`${r.source}:${r.sourceId}`)?.label).filter((l): l is string => !!l));
    if (labels.size === 0) unlabelled += 1;
    shownLabels.set(item.work.id, labels);
  }
  const shownAny = new Set([...shownLabels.values()].flatMap((s) => [...s]));
  const theirs = c.works.filter((w) => w.theirs);

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
    wrong: c.works.filter((w) => !w.theirs && shownAny.has(w.label)).map((w) => w.label),
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

function report(cases: LabelledCase[], identities: IdentityScore[], works: WorksScore[]): void {
  console.log(`research quality on ${cases.length} labelled case(s): ${cases.map((c) => c.name).join(', ')}\n`);
  console.log('Identity: the top candidate of each source\'s search is a right id');
  const sources = [...new Set(identities.map((s) => s.source))];
  table(
    ['source', 'top-1 right', 'wrong picks (case: top candidate)'],
    sources.map((source) => {
      const rows = identities.filter((s) => s.source === source);
      return [source, ratio(rows.filter((r) => r.right).length, rows.length), rows.filter((r) => !r.right).map((r) => `${r.caseName}: ${r.top}`).join('; ') || '-'];
    }),
  );
  console.log('\nWorks: the person\'s list (GET /people/:id/works) against the labels');
  table(
    ['case', 'theirs found', 'missed', 'wrongly attributed', 'unlabelled shown', 'labelled records not fetched', 'sync errors'],
    works.map((w) => [
      w.caseName,
      ratio(w.found.length, w.theirs),
      w.missed.join(', ') || '-',
      w.wrong.join(', ') || '-',
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
  console.log('\nTotals');
  table(
    ['measure', 'value'],
    [
      ['identity top-1 right', ratio(identities.filter((s) => s.right).length, identities.length)],
      ['works of theirs found', ratio(sum((w) => w.found.length), sum((w) => w.theirs))],
      ['works wrongly attributed', String(sum((w) => w.wrong.length))],
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
  const config: ScholarlyConfig = {
    contactEmail: null,
    timeoutMs: 30_000,
    openalex: { baseUrl: replay.url, apiKey: null },
    semanticScholar: { baseUrl: replay.url, apiKey: null },
    arxiv: { baseUrl: replay.url },
    dblp: { baseUrl: replay.url },
    crossref: { baseUrl: replay.url },
    orcid: { baseUrl: replay.url },
  };
  const clients = new ScholarlyClients(config);
  const dbUrl = await recreateDatabase(SERVER_URL, DB_NAME);
  const db = new DataSource(dataSourceOptions(dbUrl, ENTITIES, MIGRATIONS));
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    const ingest = new WorksIngestService(new WorksRepository(db));
    const identities: IdentityScore[] = [];
    const works: WorksScore[] = [];
    for (const c of cases) {
      identities.push(...(await scoreIdentities(c, clients)));
      const errors = await syncCase(c, clients, ingest);
      works.push(await scoreWorks(c, db, errors));
    }
    if (replay.unmatched.length > 0) console.log(`(requests no case answers, served 404: ${[...new Set(replay.unmatched)].join(', ')})\n`);
    report(cases, identities, works);
  } finally {
    if (db.isInitialized) await db.destroy();
    await replay.close();
    if (KEEP) console.log(`kept database ${DB_NAME} (EVAL_KEEP=1)`);
    else await dropDatabase(SERVER_URL, DB_NAME);
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
