import type { NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { createTestApp, registerUser, TestApp } from '../support/test-app';
import { workAuthor, workRecord } from '../support/work-records';

/** The shared cache of works: one canonical work across sources and versions, written page by page. */
function record(overrides: Partial<NormalizedWork> & Pick<NormalizedWork, 'source' | 'sourceId'>): NormalizedWork {
  // The same paper unless a test says otherwise.
  return workRecord({
    sourceUrl: `https://example.org/${overrides.source}/${overrides.sourceId}`,
    title: 'Attention Is All You Need',
    publicationDate: '2017-06-12',
    year: 2017,
    authors: [workAuthor(1, 'Ashish Vaswani'), workAuthor(2, 'Noam Shazeer')],
    ...overrides,
  });
}

describe('works ingest', () => {
  let t: TestApp;
  let ingest: WorksIngestService;
  beforeAll(async () => {
    t = await createTestApp();
    ingest = new WorksIngestService(new WorksRepository(t.db));
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const works = () => t.db.query('SELECT title, year, venue, type, doi, arxiv_id, citation_count, abstract FROM works ORDER BY title, id');

  it('makes a preprint, its published version and a title-only record one work, keeping each source record', async () => {
    const preprint = record({ source: 'arxiv', sourceId: '1706.03762', arxivId: '1706.03762', type: 'preprint', abstract: 'The dominant sequence transduction models…' });
    const first = await ingest.ingest([preprint]);
    expect(first).toMatchObject({ new: 1, updated: 0, unchanged: 0 });

    // Semantic Scholar knows both ids; OpenAlex only the DOI; DBLP only title, year and authors.
    const page = [
      record({ source: 'semanticscholar', sourceId: 's2-1', doi: '10.5555/3295222.3295349', arxivId: '1706.03762', venue: 'NeurIPS', type: 'conference-paper', citationCount: 90_000 }),
      record({ source: 'openalex', sourceId: 'W2963403868', doi: '10.5555/3295222.3295349', venue: 'Neural Information Processing Systems', type: 'conference-paper', citationCount: 95_000 }),
      record({ source: 'dblp', sourceId: 'conf/nips/VaswaniSPUJGKP17', title: 'Attention is All you Need.', year: 2017, venue: 'NIPS', type: 'conference-paper', authors: [{ position: 1, name: 'Ashish Vaswani', sourceAuthorId: '10/7071', orcid: null, affiliations: [] }] }),
    ];
    const second = await ingest.ingest(page);
    expect(second).toMatchObject({ new: 3, updated: 0, unchanged: 0 });
    expect(new Set([...first.workIds, ...second.workIds]).size).toBe(1);
    expect(await works()).toEqual([
      {
        title: 'Attention Is All You Need',
        year: 2017,
        venue: 'Neural Information Processing Systems', // OpenAlex's, before Semantic Scholar's and DBLP's
        type: 'conference-paper', // the published version's
        doi: '10.5555/3295222.3295349',
        arxiv_id: '1706.03762',
        citation_count: 95_000, // the highest any source reports
        abstract: 'The dominant sequence transduction models…',
      },
    ]);
    expect(await count('work_records')).toBe(4);
    expect(await count('work_authorships')).toBe(2 + 2 + 2 + 1);
  });

  it('running the same page twice changes nothing; a changed record is an update', async () => {
    const page = [record({ source: 'openalex', sourceId: 'W1', title: 'Deep Residual Learning for Image Recognition', doi: '10.1109/cvpr.2016.90', citationCount: 100 })];
    await ingest.ingest(page);
    const before = await t.db.query("SELECT * FROM work_records WHERE source_id = 'W1'");
    expect(await ingest.ingest(page)).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
    expect(await t.db.query("SELECT * FROM work_records WHERE source_id = 'W1'")).toEqual(before);
    expect(await ingest.ingest([{ ...page[0], citationCount: 120 }])).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
    expect((await t.db.query("SELECT citation_count FROM works WHERE doi = '10.1109/cvpr.2016.90'"))[0].citation_count).toBe(120);
  });

  it('stores each record as the source gave it, and gives new works and records ids in the order they were made', async () => {
    const first = record({ source: 'openalex', sourceId: 'W-order-1', title: 'Layer Normalization', doi: '10.48550/order.1', externalIds: { arxiv: '1607.06450' } });
    const [firstWork] = (await ingest.ingest([first])).workIds;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [2, 3].map((n) => record({ source: 'openalex', sourceId: `W-order-${n}`, title: `Ordered Paper Number ${n}`, doi: `10.48550/order.${n}` }));
    const laterWorks = (await ingest.ingest(later)).workIds;

    const [stored] = await t.db.query("SELECT record FROM work_records WHERE source_id = 'W-order-1'");
    expect(stored.record).toEqual(JSON.parse(JSON.stringify(first)));
    // Version 7: time first, so a page's new rows are appended to each index, not scattered over it.
    const rows = (await t.db.query("SELECT w.id AS work_id, r.id AS record_id FROM work_records r JOIN works w ON w.id = r.work_id WHERE r.source_id LIKE 'W-order-%' ORDER BY r.source_id")) as { work_id: string; record_id: string }[];
    for (const row of rows) for (const id of [row.work_id, row.record_id]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rows.map((r) => r.work_id)).toEqual([firstWork, ...laterWorks]);
    expect(rows[1].work_id > rows[0].work_id && rows[2].work_id > rows[0].work_id).toBe(true);
    expect(rows[1].record_id > rows[0].record_id && rows[2].record_id > rows[0].record_id).toBe(true);
  });

  it('a page that changes nothing is answered without waiting for the locks a writer holds; a changed one waits its turn', async () => {
    const page = [2, 3].map((n) => record({ source: 'openalex', sourceId: `W-quiet-${n}`, title: `Quiet Page Paper ${n}`, doi: `10.5555/quiet.${n}` }));
    const { workIds } = await ingest.ingest(page);
    await ingest.ingest(page); // changes nothing: the next page is read first, without locks

    // Another writer holds the lock on one of the page's DOIs, as while it writes that work.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtext('doi:10.5555/quiet.2'))");
    const released = () => holder.query("SELECT pg_advisory_unlock(hashtext('doi:10.5555/quiet.2'))");
    try {
      expect(await ingest.ingest(page)).toEqual({ new: 0, updated: 0, unchanged: 2, workIds });
      // A changed record must wait for the writer: it is written once the lock is released.
      let written = false;
      const changed = ingest.ingest([{ ...page[0], citationCount: 7 }]).then((r) => {
        written = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(written).toBe(false);
      await released();
      expect(await changed).toMatchObject({ new: 0, updated: 1, unchanged: 0, workIds: [workIds[0]] });
    } finally {
      await released().catch(() => undefined);
      await holder.release();
    }
    expect((await t.db.query("SELECT citation_count FROM works WHERE doi = '10.5555/quiet.2'"))[0].citation_count).toBe(7);
  });

  it('indexes author places by author id only where the source gives one, and a lookup by id still reads that index', async () => {
    await ingest.ingest([
      record({ source: 'openalex', sourceId: 'W-ids-1', title: 'Indexed Authors Paper', authors: [workAuthor(1, 'Ada Lovelace', 'A-ada'), workAuthor(2, 'Charles Babbage')] }),
    ]);
    const [index] = await t.db.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'work_authorships' AND indexdef LIKE '%source_author_id%'");
    expect(index.indexdef).toContain('WHERE (source_author_id IS NOT NULL)');
    // The planner must prove the lookup's rows are in the index: by an id, and joined to ids, as a person's works are.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET enable_seqscan = off');
      const plans = [
        "EXPLAIN SELECT record_id FROM work_authorships WHERE source = 'openalex' AND source_author_id = 'A-ada'",
        "EXPLAIN SELECT a.record_id FROM (VALUES ('openalex', 'A-ada')) AS k(source, id) JOIN work_authorships a ON a.source = k.source AND a.source_author_id = k.id",
      ];
      for (const plan of plans) expect(JSON.stringify(await runner.query(plan))).toContain('IDX_634f30cb10f86a0055b356ed09');
      expect(await runner.query("SELECT name FROM work_authorships WHERE source = 'openalex' AND source_author_id = 'A-ada'")).toEqual([{ name: 'Ada Lovelace' }]);
    } finally {
      // The connection goes back to the pool: as it came.
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  });

  it("takes ids and titles with quotes and backslashes as they are (the page's opening sends its keys as literals)", async () => {
    // DOIs may hold almost any character; a title may hold LaTeX.
    const odd = record({ source: 'crossref', sourceId: "10.1000/it's\\odd\\'; SELECT 1; --", doi: "10.1000/it's\\odd\\'; SELECT 1; --", title: "O'Brien's \\emph{Backslash} Study" });
    const [workId] = (await ingest.ingest([odd])).workIds;
    expect(await ingest.ingest([odd])).toMatchObject({ new: 0, unchanged: 1, workIds: [workId] });
    const [stored] = await t.db.query('SELECT doi, title FROM works WHERE id = $1', [workId]);
    expect(stored).toEqual({ doi: odd.doi, title: "O'Brien's \\emph{Backslash} Study" });
  });

  it('stores a record whose year or citation count no integer column takes, with that value left unknown', async () => {
    const page = [
      record({ source: 'openalex', sourceId: 'Wbig1', title: 'A Paper Cited Three Billion Times', citationCount: 3e9 }),
      record({ source: 'openalex', sourceId: 'Wbig2', title: 'A Paper Cited Twelve and a Half Times', citationCount: 12.5 }),
      record({ source: 'openalex', sourceId: 'Wbig3', title: 'A Paper From the Far Future', year: 1e10 }),
    ];
    const { workIds } = await ingest.ingest(page);
    const stored = await t.db.query('SELECT title, year, citation_count FROM works WHERE id = ANY($1::uuid[]) ORDER BY title', [workIds]);
    expect(stored).toEqual([
      { title: 'A Paper Cited Three Billion Times', year: 2017, citation_count: null },
      { title: 'A Paper Cited Twelve and a Half Times', year: 2017, citation_count: null },
      { title: 'A Paper From the Far Future', year: null, citation_count: null },
    ]);
    // The same page again changes nothing.
    expect(await ingest.ingest(page)).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
  });

  it('stores a title longer than an index entry holds, and meets the same long title from another source', async () => {
    // Past 2,704 bytes a btree entry fails: a source that put its abstract in the title failed its page on every retry.
    const long = `On Everything: ${Array.from({ length: 900 }, (_, i) => `Ünïcode-word${i}`).join(' ')}`;
    const page = [record({ source: 'crossref', sourceId: '10.5555/long', doi: '10.5555/long', title: long, authors: [workAuthor(1, 'Ada Lovelace')] })];
    const [workId] = (await ingest.ingest(page)).workIds;
    expect(await ingest.ingest(page)).toMatchObject({ unchanged: 1 });
    const other = await ingest.ingest([record({ source: 'dblp', sourceId: 'journals/x/Long', title: long, authors: [workAuthor(1, 'Ada Lovelace')] })]);
    expect(other.workIds).toEqual([workId]);
    const [stored] = await t.db.query('SELECT title, octet_length(title_key) AS key_bytes FROM works WHERE id = $1', [workId]);
    expect(stored.title).toBe(long);
    expect(stored.key_bytes).toBeLessThanOrEqual(2000);
  });

  it('leaves out ids too long to index: a DOI or author id made unknown, a record with such an id of its own left out', async () => {
    const junk = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 36).toString(36)).join('') + Math.random().toString(36);
    const page = [
      record({ source: 'openalex', sourceId: 'Wlongids', title: 'A Paper With Junk Ids', doi: `10.5555/${junk(3000)}`, authors: [{ ...workAuthor(1, 'Ada Lovelace'), sourceAuthorId: junk(3000) }] }),
      record({ source: 'openalex', sourceId: junk(3000), title: 'A Record Whose Own Id Is Junk' }),
    ];
    expect(await ingest.ingest(page)).toMatchObject({ new: 1, updated: 0, unchanged: 0 });
    const [stored] = await t.db.query("SELECT w.doi, a.source_author_id FROM work_records r JOIN works w ON w.id = r.work_id JOIN work_authorships a ON a.record_id = r.id WHERE r.source_id = 'Wlongids'");
    expect(stored).toEqual({ doi: null, source_author_id: null });
    expect(await t.db.query("SELECT 1 FROM works WHERE title = 'A Record Whose Own Id Is Junk'")).toEqual([]);
  });

  it('a record updated with a shorter author list shows only its new authors, and its work the new canonical fields', async () => {
    const first = record({ source: 'openalex', sourceId: 'W7', title: 'Mastering Chess by Self-Play', doi: '10.5555/chess.7', venue: null, authors: [workAuthor(1, 'David Silver'), workAuthor(2, 'Julian Schrittwieser'), workAuthor(3, 'Karen Simonyan')] });
    const [id] = (await ingest.ingest([first])).workIds;
    expect(await ingest.ingest([{ ...first, venue: 'Science', authors: [workAuthor(1, 'David Silver'), workAuthor(2, 'Karen Simonyan')] }])).toMatchObject({ updated: 1 });
    const user = await registerUser(t);
    const detail = (await t.http().get(`/works/${id}`).set(user.auth).expect(200)).body;
    expect(detail.venue).toBe('Science');
    expect(detail.records.map((r: { authors: { name: string }[] }) => r.authors.map((a) => a.name))).toEqual([['David Silver', 'Karen Simonyan']]);
  });

  it('keeps apart works that only share a title: other first author, years apart, or another DOI', async () => {
    const base = { title: 'A Survey of Graph Neural Networks', year: 2020 };
    const ids = (
      await ingest.ingest([
        record({ source: 'openalex', sourceId: 'S1', ...base, authors: [{ position: 1, name: 'Jie Zhou', sourceAuthorId: null, orcid: null, affiliations: [] }] }),
        record({ source: 'openalex', sourceId: 'S2', ...base, authors: [{ position: 1, name: 'Zonghan Wu', sourceAuthorId: null, orcid: null, affiliations: [] }] }),
        record({ source: 'openalex', sourceId: 'S3', ...base, year: 2024, authors: [{ position: 1, name: 'Jie Zhou', sourceAuthorId: null, orcid: null, affiliations: [] }] }),
        record({ source: 'crossref', sourceId: '10.1/a', ...base, doi: '10.1/a', authors: [{ position: 1, name: 'Jie Zhou', sourceAuthorId: null, orcid: null, affiliations: [] }] }),
        record({ source: 'crossref', sourceId: '10.1/b', ...base, doi: '10.1/b', authors: [{ position: 1, name: 'Jie Zhou', sourceAuthorId: null, orcid: null, affiliations: [] }] }),
      ])
    ).workIds;
    // S1 joins the first DOI's work (same title, year and first author, no conflicting id); the rest stay apart.
    expect(ids[0]).toBe(ids[3]);
    expect(new Set([ids[1], ids[2], ids[3], ids[4]]).size).toBe(4);
  });

  it('merges two works found apart once a record shows they are one (preprint first, publication later)', async () => {
    const [pre] = (await ingest.ingest([record({ source: 'arxiv', sourceId: '1810.04805', title: 'BERT: Pre-training of Deep Bidirectional Transformers', arxivId: '1810.04805', type: 'preprint', authors: [{ position: 1, name: 'Jacob Devlin', sourceAuthorId: null, orcid: null, affiliations: [] }] })])).workIds;
    const [pub] = (await ingest.ingest([record({ source: 'crossref', sourceId: '10.18653/v1/n19-1423', title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding', doi: '10.18653/v1/n19-1423', year: 2019, authors: [{ position: 1, name: 'Jacob Devlin', sourceAuthorId: null, orcid: null, affiliations: [] }] })])).workIds;
    expect(pre).not.toBe(pub);
    const [both] = (await ingest.ingest([record({ source: 'semanticscholar', sourceId: 'bert', title: 'BERT', doi: '10.18653/v1/n19-1423', arxivId: '1810.04805', year: 2019 })])).workIds;
    expect([pre, pub]).toContain(both);
    const rows = await t.db.query("SELECT id, doi, arxiv_id FROM works WHERE doi = '10.18653/v1/n19-1423' OR arxiv_id = '1810.04805'");
    expect(rows).toEqual([{ id: both, doi: '10.18653/v1/n19-1423', arxiv_id: '1810.04805' }]);
    expect(Number((await t.db.query('SELECT count(*) AS n FROM work_records WHERE work_id = $1', [both]))[0].n)).toBe(3);
  });

  it('two writers ingesting the same new work at once make one work', async () => {
    const a = record({ source: 'openalex', sourceId: 'R1', title: 'Playing Atari with Deep Reinforcement Learning', arxivId: '1312.5602' });
    const b = record({ source: 'arxiv', sourceId: '1312.5602', title: 'Playing Atari with Deep Reinforcement Learning', arxivId: '1312.5602', type: 'preprint' });
    const [ra, rb] = await Promise.all([ingest.ingest([a]), ingest.ingest([b])]);
    expect(ra.workIds[0]).toBe(rb.workIds[0]);
  });
});
