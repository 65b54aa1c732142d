import type { NormalizedWork } from '#domain/scholarly/index';
import { WorkMergeHooks, WorksIngestService } from '#domain/works/index';
import { createTestApp, registerUser, TestApp } from '../support/test-app';
import { workAuthor, workRecord } from '../support/work-records';

/**
 * Merging is transitive and order-independent: records that share an id, or that a record carrying
 * both ids links, end as one work whatever the order and pages they arrive in; a merge of two
 * stored works keeps every user's reading and leaves the old id answering.
 */

/** One paper in its usual versions: a publication known by its DOI, a preprint by its arXiv id (titles differ, so only ids can join them). */
function paper(n: number) {
  const doi = `10.5555/merge.${n}`;
  const arxivId = `2301.${String(10000 + n)}`;
  const authors = [workAuthor(1, `Author${n} Surname${n}`), workAuthor(2, 'Grace Hopper')];
  const title = `Learning Thing ${n} With Tools`;
  return {
    doi,
    arxivId,
    published: workRecord({ source: 'crossref', sourceId: doi, title: `${title} at Scale`, year: 2024, doi, authors }),
    preprint: workRecord({ source: 'arxiv', sourceId: arxivId, title, year: 2023, arxivId, type: 'preprint', authors }),
    bridge: workRecord({ source: 'semanticscholar', sourceId: `s2-${n}`, title: `${title} (extended)`, year: 2024, doi, arxivId, authors }),
  };
}

describe('works merging', () => {
  let t: TestApp;
  let ingest: WorksIngestService;
  beforeAll(async () => {
    t = await createTestApp();
    // The app's own service: the reading module has registered its hook on merges of works there.
    ingest = t.app.get(WorksIngestService);
  });
  afterAll(() => t.close());

  const worksOf = (doi: string, arxivId: string) => t.db.query('SELECT id, doi, arxiv_id FROM works WHERE doi = $1 OR arxiv_id = $2', [doi, arxivId]);

  it('one page with a DOI-only record, an arXiv-only record and one carrying both makes one work, in every order', async () => {
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const [n, order] of orders.entries()) {
      const p = paper(n);
      const records = [p.published, p.preprint, p.bridge];
      const result = await ingest.ingest(order.map((i) => records[i]));
      expect(result).toMatchObject({ new: 3, updated: 0, unchanged: 0 });
      expect(new Set(result.workIds).size).toBe(1);
      expect(await worksOf(p.doi, p.arxivId)).toEqual([{ id: result.workIds[0], doi: p.doi, arxiv_id: p.arxivId }]);
    }
  });

  it('one version stored, the other version and the bridging record in one page: the page joins the stored work', async () => {
    for (const [n, storedFirst] of [
      [10, 'published'],
      [11, 'preprint'],
    ] as const) {
      const p = paper(n);
      const [stored] = (await ingest.ingest([p[storedFirst]])).workIds;
      const other = storedFirst === 'published' ? p.preprint : p.published;
      for (const page of [
        [other, p.bridge],
        [p.bridge, other],
      ]) {
        const result = await ingest.ingest(page);
        expect(result.workIds).toEqual([stored, stored]);
      }
      expect(await worksOf(p.doi, p.arxivId)).toEqual([{ id: stored, doi: p.doi, arxiv_id: p.arxivId }]);
    }
  });

  it('a page bridging two stored works merges them: every user keeps their reading, and the old id still answers', async () => {
    const p = paper(20);
    const [pub] = (await ingest.ingest([p.published])).workIds;
    const [pre] = (await ingest.ingest([p.preprint])).workIds;
    expect(pub).not.toBe(pre);
    const ada = await registerUser(t);
    const bob = await registerUser(t);
    // Ada read both versions apart; Bob only the preprint.
    await t.http().put(`/works/${pre}/reading`).set(ada.auth).send({ status: 'reading', notes: 'Preprint: the proof of lemma 2 is loose.', questions: ['Why this dataset?'] }).expect(200);
    await t.http().put(`/works/${pub}/reading`).set(ada.auth).send({ status: 'read', notes: 'Published: lemma 2 fixed.', summary: 'Tools make things learnable.', questions: ['Why this dataset?', 'What comes next?'] }).expect(200);
    await t.http().put(`/works/${pre}/reading`).set(bob.auth).send({ status: 'read', notes: 'Nice figures.' }).expect(200);

    const [merged] = (await ingest.ingest([p.bridge])).workIds;
    expect(merged).toBe(pub); // the older work stays
    expect(await worksOf(p.doi, p.arxivId)).toEqual([{ id: pub, doi: p.doi, arxiv_id: p.arxivId }]);
    expect(Number((await t.db.query('SELECT count(*) AS n FROM work_records WHERE work_id = $1', [pub]))[0].n)).toBe(3);

    // The preprint's id answers for the merged work, over both routes.
    const detail = (await t.http().get(`/works/${pre}`).set(ada.auth).expect(200)).body;
    expect(detail.id).toBe(pub);
    expect(detail.records.map((r: { source: string }) => r.source).sort()).toEqual(['arxiv', 'crossref', 'semanticscholar']);
    const adaReading = (await t.http().get(`/works/${pre}/reading`).set(ada.auth).expect(200)).body;
    expect(adaReading).toMatchObject({
      workId: pub,
      status: 'read', // her latest word
      notes: 'Preprint: the proof of lemma 2 is loose.\n\nPublished: lemma 2 fixed.',
      summary: 'Tools make things learnable.',
      questions: ['Why this dataset?', 'What comes next?'],
    });
    expect((await t.http().get(`/works/${pub}/reading`).set(ada.auth).expect(200)).body).toEqual(adaReading);
    expect((await t.http().get(`/works/${pub}/reading`).set(bob.auth).expect(200)).body).toMatchObject({ workId: pub, status: 'read', notes: 'Nice figures.' });
    expect(Number((await t.db.query('SELECT count(*) AS n FROM reading_entries WHERE work_id = $1', [pub]))[0].n)).toBe(2);

    // Writing through the old id writes the merged work's reading.
    await t.http().put(`/works/${pre}/reading`).set(bob.auth).send({ questions: ['Code released?'] }).expect(200);
    expect((await t.http().get(`/works/${pub}/reading`).set(bob.auth).expect(200)).body).toMatchObject({ workId: pub, notes: 'Nice figures.', questions: ['Code released?'] });
    await t.http().get('/works/00000000-0000-4000-8000-000000000000/reading').set(bob.auth).expect(404);
  });

  it("a merge hook's own transaction nests inside the page's: the page's locks are held until the page commits", async () => {
    const p = paper(25);
    await ingest.ingest([p.published]);
    await ingest.ingest([p.preprint]);
    const held: number[] = [];
    t.app.get(WorkMergeHooks).register(async (em) => {
      await em.transaction(async (inner) => {
        await inner.query('SELECT 1');
      });
      const [row] = (await em.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")) as { n: number }[];
      held.push(row.n);
    });
    await ingest.ingest([p.bridge]);
    // Had the hook's transaction committed the page's, its advisory locks would be gone.
    expect(held).toHaveLength(1);
    expect(held[0]).toBeGreaterThan(0);
    expect(await worksOf(p.doi, p.arxivId)).toHaveLength(1);
  });

  it('an id merged twice still resolves, to the work kept last', async () => {
    const p = paper(30);
    const q = paper(31);
    const [c] = (await ingest.ingest([q.published])).workIds;
    const [a] = (await ingest.ingest([p.published])).workIds;
    const [b] = (await ingest.ingest([p.preprint])).workIds;
    // b into a; then a into c, the oldest, by a record naming q's DOI and p's arXiv id.
    expect((await ingest.ingest([p.bridge])).workIds).toEqual([a]);
    expect((await ingest.ingest([workRecord({ ...q.published, source: 'openalex', sourceId: 'W-both', arxivId: p.arxivId })])).workIds).toEqual([c]);
    const user = await registerUser(t);
    for (const old of [a, b, c]) expect((await t.http().get(`/works/${old}`).set(user.auth).expect(200)).body.id).toBe(c);
    expect(await t.db.query('SELECT old_id, work_id FROM work_aliases WHERE old_id = ANY($1::uuid[]) ORDER BY old_id', [[a, b]])).toEqual(
      [a, b].sort().map((old) => ({ old_id: old, work_id: c })),
    );
  });

  describe('property: the same records in any order and page split make the same works', () => {
    // A small seeded generator (mulberry32), so a failure replays.
    const random = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };

    /** Each paper's records; a paper's records must end as one work, papers stay apart. */
    function corpus(): NormalizedWork[][] {
      const papers = [40, 41, 42, 43].map(paper);
      const [a, b, c, d] = papers;
      return [
        // Three versions bridged by one record, a title-only DBLP entry and a second bridge from another source.
        [a.published, a.preprint, a.bridge, workRecord({ ...a.preprint, source: 'dblp', sourceId: 'journals/x/A40', arxivId: null, type: 'article' }), workRecord({ ...a.bridge, source: 'openalex', sourceId: 'W-40' })],
        // Bridged only by the record carrying both.
        [b.published, b.preprint, b.bridge],
        // Never bridged: two works.
        [c.published],
        [c.preprint],
        // Joined through a chain: the preprint's DOI minted by arXiv names the same arXiv id.
        [d.preprint, workRecord({ ...d.preprint, source: 'openalex', sourceId: 'W-43', arxivId: null, doi: `10.48550/arxiv.${d.arxivId}`, title: 'Something Else Entirely' }), d.bridge, d.published],
        // Same title as a's preprint but another first author: another paper.
        [workRecord({ ...a.preprint, source: 'openalex', sourceId: 'W-namesake', arxivId: null, authors: [workAuthor(1, 'Other Person')] })],
      ];
    }
    const label = (r: NormalizedWork) => `${r.source}:${r.sourceId}`;
    const expected = corpus()
      .map((records) => records.map(label).sort().join(' '))
      .sort();

    const state = async (): Promise<string[]> =>
      ((await t.db.query("SELECT string_agg(source || ':' || source_id, ' ' ORDER BY source || ':' || source_id) AS labels FROM work_records GROUP BY work_id")) as { labels: string }[])
        .map((r) => r.labels)
        .sort();

    it('over 40 seeded shuffles and splits into 1 to 4 pages (some records repeated on a later page)', async () => {
      const all = corpus().flat();
      for (let seed = 1; seed <= 40; seed++) {
        const rnd = random(seed);
        await t.db.query('TRUNCATE works, work_records, work_authorships, work_author_queries, work_aliases CASCADE');
        const shuffled = [...all];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const pages: NormalizedWork[][] = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => []);
        for (const r of shuffled) pages[Math.floor(rnd() * pages.length)].push(r);
        if (rnd() < 0.3) pages.push([shuffled[0]]);
        for (const page of pages.filter((p) => p.length > 0)) await ingest.ingest(page);
        expect({ seed, works: await state() }).toEqual({ seed, works: expected });
        // Every id a record carries is held by exactly one work.
        const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM works');
        expect({ seed, n }).toEqual({ seed, n: expected.length });
      }
    });
  });
});

describe('works merging in the worker', () => {
  // Syncs ingest in the worker: its app must hold the reading module's hook too, or a merge there
  // would delete users' reading with the dropped work.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
  });
  afterAll(() => t.close());

  it("a merge by the worker's ingest moves the dropped work's reading to the kept one", async () => {
    const ingest = t.worker!.get(WorksIngestService);
    const p = paper(40);
    const [pub] = (await ingest.ingest([p.published])).workIds;
    const [pre] = (await ingest.ingest([p.preprint])).workIds;
    const ada = await registerUser(t);
    await t.http().put(`/works/${pre}/reading`).set(ada.auth).send({ status: 'reading', notes: 'Read on the preprint.' }).expect(200);
    expect((await ingest.ingest([p.bridge])).workIds).toEqual([pub]);
    expect((await t.http().get(`/works/${pub}/reading`).set(ada.auth).expect(200)).body).toMatchObject({ workId: pub, status: 'reading', notes: 'Read on the preprint.' });
  });
});
