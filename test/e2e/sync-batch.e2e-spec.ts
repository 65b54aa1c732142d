import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobName, SYNC_SOURCE_JOBS } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
import type { ReplayServer } from '../support/replay-server';
import {
  addSemanticScholarAndMoreau,
  FIXTURES,
  finishedRuns,
  MOREAU,
  OPENALEX_AUTHOR,
  openAlexAuthor,
  personWithIdentities,
  s2AuthorBatch,
  s2Papers,
  scholarlyReplay,
  syncEnv,
} from '../support/sync-fixtures';
import { createTestApp, QueueBackend, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

interface RunRow {
  id: string;
  person_id: string;
  source: string;
  status: string;
  requests: number;
  works_new: number;
  works_updated: number;
  works_unchanged: number;
  errors: string[];
}

const S2_PATH = /^\/graph\/v1\/author\//;
const S2_SINGLE_AUTHOR = /^\/graph\/v1\/author\/\d+$/;

/**
 * Scheduled syncs read Semantic Scholar authors in batches (one request for up to 1,000 ids,
 * through the S2 queue), and an arXiv identity's works are found under the person.
 */
describe.each<QueueBackend>(['redis', 'postgres'])('scheduled sync with author batches on %s', (queue) => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  const people: Record<'zoe' | 'lukasz' | 'ines', string> = { zoe: '', lukasz: '', ines: '' };

  beforeAll(async () => {
    replay = addSemanticScholarAndMoreau(await scholarlyReplay());
    t = await createTestApp({ queue, worker: true, env: syncEnv(replay) });
    user = await registerUser(t);
    people.zoe = (await personWithIdentities(t, user, 'Zoë Ångström', [['openalex', OPENALEX_AUTHOR], ['semanticscholar', '2100000001']])).personId;
    people.lukasz = (await personWithIdentities(t, user, 'Łukasz Wiśniewski', [['semanticscholar', '2100000002']])).personId;
    people.ines = (await personWithIdentities(t, user, 'Inès Moreau', [['semanticscholar', '2100000003'], ['arxiv', MOREAU]])).personId;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  const scheduledRuns = async (expected: number): Promise<RunRow[]> =>
    waitFor(async () => {
      const rows = (await t.db.query(
        `SELECT id, person_id, source, status, requests, works_new, works_updated, works_unchanged, errors FROM sync_runs
          WHERE user_id = $1 AND trigger = 'schedule' ORDER BY started_at, id`,
        [user.id],
      )) as RunRow[];
      return rows.length === expected && rows.every((r) => r.status !== 'running') ? rows : undefined;
    }, 30_000);

  it("lists a synced arXiv identity's works under the person, at the author position the query matches", async () => {
    // A manual sync of everyone: it also gives every identity its first snapshot.
    for (const personId of Object.values(people)) {
      const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body;
      const runs = await finishedRuns(t, user, runIds);
      expect(Object.values(runs).map((r) => r.status)).toEqual(runIds.map(() => 'succeeded'));
    }
    // Each S2 author once by id (the manual sync's snapshot); the batch endpoint not at all.
    expect(replay.requests.filter((r) => S2_SINGLE_AUTHOR.test(r.path)).map((r) => r.path).sort()).toEqual(['2100000001', '2100000002', '2100000003'].map((id) => `/graph/v1/author/${id}`));
    expect(replay.requests.filter((r) => r.path === s2AuthorBatch.path)).toEqual([]);

    const works = (await t.http().get(`/people/${people.ines}/works?sort=year&order=desc`).set(user.auth).expect(200)).body;
    const view = works.items.map((w: { title: string; arxivId: string | null; authorship: unknown; records: { source: string }[] }) => ({
      title: w.title,
      arxivId: w.arxivId,
      authorship: w.authorship,
      sources: w.records.map((r) => r.source).sort(),
    }));
    expect(view).toEqual([
      // INÈS MOREAU, last of three, after Jean Moreau (a namesake the query does not match).
      { title: 'Graph Priors for Protein Docking at Scale', arxivId: '2405.01111', authorship: { position: 3, authorCount: 3, first: false, last: true }, sources: ['arxiv'] },
      // I. Moreau, second of four, before Claire Moreau.
      { title: 'Equivariant Message Passing for Cryo-EM Maps', arxivId: '2311.02222', authorship: { position: 2, authorCount: 4, first: false, last: false }, sources: ['arxiv'] },
      // The preprint Semantic Scholar also lists: one work, both sources agree she is first.
      { title: 'Diffusion Models for Side-Chain Packing', arxivId: '2207.03333', authorship: { position: 1, authorCount: 2, first: true, last: false }, sources: ['arxiv', 'semanticscholar'] },
      { title: 'Coarse-Grained Folding Kinetics from Short Trajectories', arxivId: null, authorship: { position: 2, authorCount: 3, first: false, last: false }, sources: ['semanticscholar'] },
    ]);
    // Only the matching positions carry the identity's query.
    const marked = await t.db.query(
      `SELECT r.source_id, q.position FROM work_author_queries q JOIN work_records r ON r.id = q.record_id
        WHERE r.source = 'arxiv' AND q.query = $1 ORDER BY r.source_id`,
      [MOREAU],
    );
    expect(marked).toEqual([
      { source_id: '2207.03333', position: 1 },
      { source_id: '2311.02222', position: 2 },
      { source_id: '2405.01111', position: 3 },
    ]);
    expect((await t.http().get(`/people/${people.ines}/works?position=last`).set(user.auth).expect(200)).body.items.map((w: { arxivId: string }) => w.arxivId)).toEqual(['2405.01111']);
  });

  it('the default tick checks every Semantic Scholar author in one batch request and re-lists only the changed one', async () => {
    // Inès's list has a new paper by now (the batch says she has one more).
    replay.fault(s2Papers('2100000003'), { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body: readFileSync(join(FIXTURES, 'semanticscholar', 'author_2100000003_papers_offset0_new-paper.json'), 'utf8') });
    const jobs = t.app.get(JobQueueService);
    await jobs.enqueue({ name: JobName.SyncDuePeople, data: {} });
    const runs = await scheduledRuns(5);

    const s2Requests = replay.requests.filter((r) => S2_PATH.test(r.path));
    expect(s2Requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graph/v1/author/batch', 'GET /graph/v1/author/2100000003/papers']);
    // The other sources still check their own authors, one cheap request each.
    expect(replay.requests.filter((r) => !S2_PATH.test(r.path)).map((r) => r.path).sort()).toEqual(['/api/query', openAlexAuthor.path]);

    // The batch ran in the Semantic Scholar queue (so its limiter counted it), for all three ids.
    const [batch] = await jobs.queue(SYNC_SOURCE_JOBS.semanticscholar.queue).getJobs(['completed']).then((all) => all.filter((j) => j.name === SYNC_SOURCE_JOBS.semanticscholar.checkAuthors));
    expect(batch.returnvalue).toMatchObject({ ids: ['2100000001', '2100000002', '2100000003'], requests: 1, failure: null });

    const s2Run = (person: string) => runs.find((r) => r.person_id === person && r.source === 'semanticscholar')!;
    expect(s2Run(people.zoe)).toMatchObject({ status: 'skipped', works_new: 0, works_updated: 0, works_unchanged: 0, errors: [] });
    expect(s2Run(people.lukasz)).toMatchObject({ status: 'skipped', works_new: 0, works_updated: 0, works_unchanged: 0, errors: [] });
    expect(s2Run(people.ines)).toMatchObject({ status: 'succeeded', works_new: 1, works_updated: 0, works_unchanged: 2, errors: [] });
    // The batch request is counted once, on the run of the first person of the tick (people go in id order).
    const first = [people.zoe, people.lukasz, people.ines].sort()[0];
    for (const person of [people.zoe, people.lukasz, people.ines]) {
      expect(s2Run(person).requests).toBe((person === first ? 1 : 0) + (person === people.ines ? 1 : 0));
    }
    expect(runs.filter((r) => r.source === 'semanticscholar').reduce((sum, r) => sum + r.requests, 0)).toBe(s2Requests.length);
    expect(runs.filter((r) => r.source !== 'semanticscholar').map((r) => [r.source, r.status, r.requests]).sort()).toEqual([
      ['arxiv', 'skipped', 1],
      ['openalex', 'skipped', 1],
    ]);

    // The changed author's new snapshot is kept, and her new paper is among her works.
    const [ines] = await t.db.query("SELECT sync_state, last_snapshot FROM scholarly_identities WHERE person_id = $1 AND source = 'semanticscholar'", [people.ines]);
    expect(ines).toMatchObject({ sync_state: 'ok', last_snapshot: expect.objectContaining({ worksCount: 3, citationCount: 61 }) });
    const titles = (await t.http().get(`/people/${people.ines}/works`).set(user.auth).expect(200)).body.items.map((w: { title: string }) => w.title);
    expect(titles).toContain('Learned Solvent Models for Docking');
  });

  it("a person's own tick batches just their Semantic Scholar authors", async () => {
    await t.http().put(`/people/${people.lukasz}/sync-schedule`).set(user.auth).send({ everyHours: 6 }).expect(200);
    const before = (await scheduledRuns(5)).length;
    // The batch endpoint answers for the one id it is sent.
    replay.fault(s2AuthorBatch, { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ authorId: '2100000002', name: 'Łukasz Wiśniewski', paperCount: 1, citationCount: 240 }]) });
    await t.app.get(JobQueueService).enqueue({ name: JobName.SyncScheduledPerson, data: { personId: people.lukasz } });
    const runs = await scheduledRuns(before + 1);
    expect(runs.at(-1)).toMatchObject({ person_id: people.lukasz, source: 'semanticscholar', status: 'skipped', requests: 1 });
    expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graph/v1/author/batch']);
  });

  it('a batch waits out a 429 and retries a 503, and every attempt is counted', async () => {
    const before = (await scheduledRuns(6)).length;
    const batchBody = JSON.stringify([{ authorId: '2100000002', name: 'Łukasz Wiśniewski', paperCount: 1, citationCount: 240 }]);
    replay
      .fault(s2AuthorBatch, { kind: 'status', status: 429, headers: { 'retry-after': '1' } })
      .fault(s2AuthorBatch, { kind: 'status', status: 503 })
      .fault(s2AuthorBatch, { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body: batchBody });
    await t.app.get(JobQueueService).enqueue({ name: JobName.SyncScheduledPerson, data: { personId: people.lukasz } });
    const runs = await scheduledRuns(before + 1);
    expect(runs.at(-1)).toMatchObject({ person_id: people.lukasz, source: 'semanticscholar', status: 'skipped', requests: 3, errors: [] });
    expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /graph/v1/author/batch'));
  });

  it('a batch that fails for good leaves each author to its own check, and its requests are still counted', async () => {
    // S2 refuses the batch (a 4xx other than 429: not retried).
    replay.fault(s2AuthorBatch, { kind: 'status', status: 400, body: JSON.stringify({ error: 'Unacceptable request' }) });
    const before = (await scheduledRuns(7)).length;
    await t.app.get(JobQueueService).enqueue({ name: JobName.SyncScheduledPerson, data: { personId: people.lukasz } });
    const runs = await scheduledRuns(before + 1);
    // The batch request and the author's own snapshot request, both on the run; the failure said.
    expect(runs.at(-1)).toMatchObject({ person_id: people.lukasz, source: 'semanticscholar', status: 'skipped', requests: 2 });
    expect(runs.at(-1)!.errors).toEqual([expect.stringMatching(/^semanticscholar: the author batch check \(1 ids\) failed; each author was checked alone: semanticscholar: HTTP 400/)]);
    expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graph/v1/author/batch', 'GET /graph/v1/author/2100000002']);
  });
});
