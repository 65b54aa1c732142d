import { join } from 'node:path';
import { sourceJobs } from '#domain/jobs/index';
import { JobQueueService } from '#platform';
// Importing the folder registers the source: nothing else in the tree names it.
import { PAPERDEX } from '../sources/paperdex/index';
import { seedInterviewScene, type Scene } from '../support/briefing-scene';
import { ReplayServer } from '../support/replay-server';
import { finishedRuns, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * A seventh scholarly source, Paperdex, written as a plug-in (test/sources/paperdex: a descriptor,
 * a client and its normalizer), registered before the apps are built. Ada Lovelace, an interviewer
 * of the briefing scene, gets a Paperdex identity; a sync reads her two papers there (one is a
 * paper OpenAlex and Semantic Scholar already describe, by DOI), and her briefing lists Paperdex.
 * Requests name it like a built-in source (a rejected candidate, a works filter).
 */
const FIXTURES = join(__dirname, '..', 'sources', 'paperdex', 'fixtures');

describe('a seventh source added as a plug-in', () => {
  let t: TestApp;
  let user: TestUser;
  let scene: Scene;
  let replay: ReplayServer;

  beforeAll(async () => {
    replay = (await ReplayServer.start())
      .route({ path: '/v1/scholars/ada-lovelace', file: join(FIXTURES, 'scholar_ada-lovelace.json') })
      .route({ path: '/v1/scholars/ada-lovelace/papers', query: { page: '1' }, file: join(FIXTURES, 'scholar_ada-lovelace_papers_page-1.json') })
      .route({ path: '/v1/scholars/ada-lovelace/papers', query: { page: '2' }, file: join(FIXTURES, 'scholar_ada-lovelace_papers_page-2.json') });
    t = await createTestApp({ worker: true, env: syncEnv(replay, { SCHOLARLY_SOURCE_PAPERDEX_BASE_URL: replay.url, SCHOLARLY_SOURCE_PAPERDEX_RATE_LIMIT: '50/1s' }) });
    user = await registerUser(t);
    scene = await seedInterviewScene(t, user);
  });
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it("links an identity from the scholar's page, checked at the source through its own queue", async () => {
    const linked = await t.http().post(`/people/${scene.people.ada}/identities`).set(user.auth).send({ url: 'https://www.paperdex.example.org/scholars/ada-lovelace' }).expect(201);
    expect(linked.body).toMatchObject({ source: PAPERDEX, sourceAuthorId: 'ada-lovelace', name: 'Ada Lovelace', status: 'linked', sourceUrl: 'https://paperdex.example.org/scholars/ada-lovelace' });
    const lookups = await t.app.get(JobQueueService).queue(sourceJobs(PAPERDEX).queue).getJobs(['completed']);
    expect(lookups.map((j) => j.name)).toEqual(['scholarly.lookup-paperdex']);
    replay.clearRequests();
  });

  it("takes the plug-in's name in a request body, and lists it among the sources a bad name is told of", async () => {
    const rejected = await t.http().post(`/people/${scene.people.hedy}/identities/reject`).set(user.auth).send({ source: PAPERDEX, id: 'hedy-lamarr-1914', name: 'H. Lamarr' }).expect(200);
    expect(rejected.body).toMatchObject({ source: PAPERDEX, sourceAuthorId: 'hedy-lamarr-1914', name: 'H. Lamarr', status: 'rejected' });
    const unknown = await t.http().post(`/people/${scene.people.hedy}/identities`).set(user.auth).send({ source: 'paperdeck', id: 'hedy-lamarr' }).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'source', problem: 'must be one of the following values: openalex, semanticscholar, arxiv, dblp, crossref, orcid, paperdex' }]);
  });

  it('has its own queue, syncs through it page by page, and counts its requests', async () => {
    const { runIds } = (await t.http().post(`/people/${scene.people.ada}/sync`).set(user.auth).expect(202)).body as { runIds: string[] };
    const runs = await finishedRuns(t, user, runIds);
    expect(runs.paperdex).toMatchObject({ source: 'paperdex', status: 'succeeded', requests: 3, errors: [] });
    const paperdexRequests = replay.requests.filter((r) => r.path.startsWith('/v1/scholars/'));
    expect(paperdexRequests.map((r) => `${r.path}${r.query.get('page') ? `?page=${r.query.get('page')}` : ''}`)).toEqual([
      '/v1/scholars/ada-lovelace',
      '/v1/scholars/ada-lovelace/papers?page=1',
      '/v1/scholars/ada-lovelace/papers?page=2',
    ]);
  });

  it("joins its record of a paper to the other sources' work, and adds the paper only it has", async () => {
    const [shared] = await t.db.query("SELECT work_id FROM work_records WHERE source = 'paperdex' AND source_id = 'PDX-7001'");
    const [openalex] = await t.db.query("SELECT work_id FROM work_records WHERE source = 'openalex' AND source_id = 'W2001'");
    expect(shared.work_id).toBe(openalex.work_id);
    const work = (await t.http().get(`/works/${shared.work_id}`).set(user.auth).expect(200)).body;
    expect(work).toMatchObject({ title: 'Scaling World Models', doi: '10.5555/swm' });
    // Listed in the sources' metadata order: Paperdex's descriptor ranks it after Semantic Scholar.
    expect((work.records as { source: string }[]).map((r) => r.source)).toEqual(['openalex', 'semanticscholar', 'paperdex']);
    expect(await t.db.query("SELECT count(*)::int AS n FROM works WHERE doi = '10.5555/swm'")).toEqual([{ n: 1 }]);

    const [own] = await t.db.query("SELECT w.title, w.arxiv_id FROM work_records r JOIN works w ON w.id = r.work_id WHERE r.source = 'paperdex' AND r.source_id = 'PDX-7002'");
    expect(own).toEqual({ title: 'Curiosity-Driven Planning in Latent Space', arxiv_id: '2511.04417' });
  });

  it("filters the person's works by the plug-in's name", async () => {
    const page = (await t.http().get(`/people/${scene.people.ada}/works`).query({ source: PAPERDEX }).set(user.auth).expect(200)).body as { items: { title: string }[]; total: number };
    expect(page.items.map((w) => w.title).sort()).toEqual(['Curiosity-Driven Planning in Latent Space', 'Scaling World Models']);
  });

  it("briefs the interviewer with the source's name and links", async () => {
    const { id } = (await t.http().post(`/interviews/${scene.interviewId}/briefings`).set(user.auth).send({}).expect(202)).body as { id: string };
    await waitFor(async () => {
      const b = (await t.http().get(`/briefings/${id}`).set(user.auth).expect(200)).body as { status: string };
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    }).then((b) => expect(b.status).toBe('ready'));
    const md = (await t.http().get(`/briefings/${id}/markdown`).set(user.auth).expect(200)).text;
    expect(md).toContain('[Paperdex](https://paperdex.example.org/scholars/ada-lovelace)');
    expect(md).toContain('Curiosity-Driven Planning in Latent Space');
    expect(md).toContain('[Paperdex](https://paperdex.example.org/papers/PDX-7002)');
  });
});
