import { join } from 'node:path';
import type { NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import type { ReplayServer } from '../support/replay-server';
import { addSemanticScholarAndMoreau, FIXTURES, finishedRuns, MOREAU, personWithIdentities, scholarlyReplay, syncEnv, worksSnapshot } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * arXiv has no author ids: an identity is an author query, and two users may track one author with
 * two queries. Records are shared, so each query's match must survive the other's syncs.
 */
const MOREAU_PHRASE = 'au:"Ines Moreau"';

interface ListedWork {
  arxivId: string | null;
  authorship: { position: number; authorCount: number };
}

describe('arXiv author queries on shared records', () => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = addSemanticScholarAndMoreau(await scholarlyReplay());
    // The phrase query finds the same three preprints as `au:moreau_i`.
    const ax = (name: string) => join(FIXTURES, 'arxiv', name);
    replay
      .route({ path: '/api/query', query: { search_query: MOREAU_PHRASE, sortBy: 'lastUpdatedDate', max_results: '1' }, file: ax('au_moreau_i_updated.atom.xml') })
      .route({ path: '/api/query', query: { search_query: MOREAU_PHRASE, sortBy: 'submittedDate', start: '0' }, file: ax('au_moreau_i_start-0.atom.xml') });
    t = await createTestApp({ queue: 'redis', worker: true, env: syncEnv(replay) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  const listed = async (user: TestUser, personId: string) =>
    ((await t.http().get(`/people/${personId}/works?sort=year&order=desc`).set(user.auth).expect(200)).body.items as ListedWork[]).map((w) => [
      w.arxivId,
      w.authorship.position,
      w.authorship.authorCount,
    ]);
  const arxivRun = async (user: TestUser, personId: string) => {
    const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body;
    return (await finishedRuns(t, user, runIds)).arxiv;
  };
  /**
   * Accepts every work held back for the person (issue 15: a name query's match that nothing
   * confirms is held until the user says it is theirs); answers their arXiv ids.
   */
  const acceptHeld = async (user: TestUser, personId: string): Promise<string[]> => {
    const held = (await t.http().get(`/people/${personId}/work-attributions`).set(user.auth).expect(200)).body.items as { work: { id: string; arxivId: string } }[];
    for (const { work } of held) await t.http().put(`/people/${personId}/work-attributions/${work.id}`).set(user.auth).send({ decision: 'accepted' }).expect(200);
    return held.map((h) => h.work.arxivId);
  };
  // Inès is last of three (after her namesake Jean), second of four (before Claire Moreau), first of two.
  const MOREAU_WORKS = [
    ['2405.01111', 3, 3],
    ['2311.02222', 2, 4],
    ['2207.03333', 1, 2],
  ];

  it("two users tracking one author with two queries both keep her works, and neither's sync changes the other's records", async () => {
    const alice = await registerUser(t);
    const bob = await registerUser(t);
    const alicesInes = (await personWithIdentities(t, alice, 'Inès Moreau', [['arxiv', MOREAU]])).personId;
    const bobsInes = (await personWithIdentities(t, bob, 'Ines Moreau', [['arxiv', MOREAU_PHRASE]])).personId;

    expect(await arxivRun(alice, alicesInes)).toMatchObject({ status: 'succeeded', worksNew: 3, worksUpdated: 0, worksUnchanged: 0 });
    // "I. Moreau" in cs.LG with no co-author of hers, and no other identity to vouch: each user accepts it as hers.
    expect(await acceptHeld(alice, alicesInes)).toEqual(['2311.02222']);
    expect(await listed(alice, alicesInes)).toEqual(MOREAU_WORKS);

    // Bob's query finds the same records: nothing in them changes, and Alice still has her list.
    const afterAlice = await worksSnapshot(t.db);
    expect(await arxivRun(bob, bobsInes)).toMatchObject({ status: 'succeeded', worksNew: 0, worksUpdated: 0, worksUnchanged: 3 });
    expect(await acceptHeld(bob, bobsInes)).toEqual(['2311.02222']);
    expect(await listed(bob, bobsInes)).toEqual(MOREAU_WORKS);
    expect(await listed(alice, alicesInes)).toEqual(MOREAU_WORKS);
    const afterBob = (await worksSnapshot(t.db)) as Record<string, unknown>;
    expect({ ...afterBob, authorQueries: undefined }).toEqual({ ...(afterAlice as Record<string, unknown>), authorQueries: undefined });

    // Each query is kept at the position it matched; the namesakes carry neither.
    expect(await t.db.query('SELECT r.source_id, q.position, q.query FROM work_author_queries q JOIN work_records r ON r.id = q.record_id ORDER BY r.source_id, q.query')).toEqual([
      { source_id: '2207.03333', position: 1, query: MOREAU_PHRASE },
      { source_id: '2207.03333', position: 1, query: MOREAU },
      { source_id: '2311.02222', position: 2, query: MOREAU_PHRASE },
      { source_id: '2311.02222', position: 2, query: MOREAU },
      { source_id: '2405.01111', position: 3, query: MOREAU_PHRASE },
      { source_id: '2405.01111', position: 3, query: MOREAU },
    ]);

    // Syncing again, in either order, finds every record unchanged and writes nothing.
    expect(await arxivRun(alice, alicesInes)).toMatchObject({ status: 'succeeded', worksNew: 0, worksUpdated: 0, worksUnchanged: 3 });
    expect(await arxivRun(bob, bobsInes)).toMatchObject({ status: 'succeeded', worksNew: 0, worksUpdated: 0, worksUnchanged: 3 });
    expect(await worksSnapshot(t.db)).toEqual(afterBob);
    expect(await listed(alice, alicesInes)).toEqual(MOREAU_WORKS);
    expect(await listed(bob, bobsInes)).toEqual(MOREAU_WORKS);

    // Another user's query is theirs: a record's authors show no query as an author id.
    const [{ id }] = (await t.http().get(`/people/${alicesInes}/works?sort=year&order=desc`).set(alice.auth).expect(200)).body.items;
    const work = (await t.http().get(`/works/${id}`).set(bob.auth).expect(200)).body;
    expect(work.records[0].authors.map((a: { name: string; sourceAuthorId: string | null }) => [a.name, a.sourceAuthorId])).toEqual([
      ['Wei Zhang', null],
      ['Jean Moreau', null],
      ['INÈS MOREAU', null],
    ]);
  }, 60_000);

  describe('when a record changes or its work merges', () => {
    let ingest: WorksIngestService;
    beforeAll(() => {
      ingest = new WorksIngestService(new WorksRepository(t.db));
    });

    const author = (position: number, name: string, sourceAuthorId: string | null = null) => ({ position, name, sourceAuthorId, orcid: null, affiliations: [] });
    const preprint = (authors: NormalizedWork['authors'], title = 'Sparse Attention for Long Cryo-EM Tilt Series'): NormalizedWork => ({
      source: 'arxiv',
      sourceId: '2502.04444',
      sourceUrl: 'https://arxiv.org/abs/2502.04444',
      title,
      publicationDate: '2025-02-06',
      year: 2025,
      venue: null,
      type: 'preprint',
      doi: null,
      arxivId: '2502.04444',
      externalIds: {},
      authors,
      citationCount: null,
      abstract: null,
      openAccessUrl: null,
      pdfUrl: null,
      sourceUpdatedAt: null,
    });
    // What markQueriedAuthor gives each query's listing.
    const byQuery = (query: string, names: string[], at: number) => names.map((name, i) => author(i + 1, name, i + 1 === at ? query : null));

    it("a new version moving the author keeps every user's query on her, and a merge with the published version keeps both users' lists", async () => {
      const alice = await registerUser(t);
      const bob = await registerUser(t);
      const alicesInes = (await personWithIdentities(t, alice, 'Inès Moreau', [['arxiv', MOREAU]])).personId;
      const bobsInes = (await personWithIdentities(t, bob, 'Ines Moreau', [['arxiv', MOREAU_PHRASE]])).personId;
      const v1 = ['Ana Lima', 'Inès Moreau'];
      expect(await ingest.ingest([preprint(byQuery(MOREAU, v1, 2))])).toMatchObject({ new: 1, updated: 0, unchanged: 0 });
      expect(await ingest.ingest([preprint(byQuery(MOREAU_PHRASE, v1, 2))])).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
      const position = async (user: TestUser, personId: string) =>
        ((await t.http().get(`/people/${personId}/works?q=tilt`).set(user.auth).expect(200)).body.items as ListedWork[]).map((w) => [w.authorship.position, w.authorship.authorCount]);
      expect([await position(alice, alicesInes), await position(bob, bobsInes)]).toEqual([[[2, 2]], [[2, 2]]]);

      // v2 adds an author before her, found only by Bob's sync: Alice's query follows her to 3 too.
      const v2 = ['Wei Zhang', 'Ana Lima', 'Inès Moreau'];
      expect(await ingest.ingest([preprint(byQuery(MOREAU_PHRASE, v2, 3))])).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
      expect([await position(alice, alicesInes), await position(bob, bobsInes)]).toEqual([[[3, 3]], [[3, 3]]]);
      expect(await t.db.query("SELECT q.position, q.query FROM work_author_queries q JOIN work_records r ON r.id = q.record_id WHERE r.source_id = '2502.04444' ORDER BY q.query")).toEqual([
        { position: 3, query: MOREAU_PHRASE },
        { position: 3, query: MOREAU },
      ]);

      // The published version arrives as another work (its title differs), then a record naming both
      // merges them: the preprint's queries stay with it, and both lists show the one work.
      const published = {
        ...preprint([author(1, 'W. Zhang'), author(2, 'A. Lima'), author(3, 'I. Moreau')], 'Sparse attention over cryo-EM tilt series'),
        source: 'crossref' as const,
        sourceId: '10.5555/tilt',
        sourceUrl: 'https://doi.org/10.5555/tilt',
        type: 'article' as const,
        doi: '10.5555/tilt',
        arxivId: null,
        year: 2026,
      };
      const [publishedWork] = (await ingest.ingest([published])).workIds;
      const [preprintWork] = (await ingest.ingest([preprint(byQuery(MOREAU, v2, 3))])).workIds;
      expect(publishedWork).not.toBe(preprintWork);
      const bridge = { ...published, source: 'semanticscholar' as const, sourceId: 's2-tilt', sourceUrl: 'https://example.org/s2-tilt', arxivId: '2502.04444' };
      const [merged] = (await ingest.ingest([bridge])).workIds;
      expect(await t.db.query('SELECT count(*)::int AS n FROM works WHERE id = ANY($1::uuid[])', [[publishedWork, preprintWork]])).toEqual([{ n: 1 }]);
      for (const [user, personId] of [[alice, alicesInes], [bob, bobsInes]] as const) {
        const items = (await t.http().get(`/people/${personId}/works?q=tilt`).set(user.auth).expect(200)).body.items as (ListedWork & { id: string; records: unknown[] })[];
        expect(items.map((w) => [w.id, w.authorship.position, w.records.length])).toEqual([[merged, 3, 3]]);
      }

      // A contact tracked by a third query is found beside Alice's Inès on that preprint: a warm path.
      const ana = (await personWithIdentities(t, alice, 'Ana Lima', [['arxiv', 'au:lima_a']])).personId;
      expect(await ingest.ingest([preprint(byQuery('au:lima_a', v2, 2))])).toMatchObject({ unchanged: 1 });
      const paths = (await t.http().get(`/people/${alicesInes}/warm-paths`).set(alice.auth).expect(200)).body;
      expect(paths.direct.map((d: { contact: { id: string }; sharedWorks: { id: string }[] }) => [d.contact.id, d.sharedWorks.map((w) => w.id)])).toEqual([[ana, [merged]]]);
      expect((await t.http().get(`/people/${bobsInes}/warm-paths`).set(bob.auth).expect(200)).body.direct).toEqual([]);
    });
  });
});
