import type { NormalizedAuthor, NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { workAuthor as author, workRecord as record } from '../support/work-records';

/**
 * Reading the works back: a person's works (matched by their linked identities and their ORCID iD,
 * private to their user), and the shared works by search and by id (public data, behind login).
 */
const ORCID = '0000-0002-1825-0097';
const FETCHED_AT = '2026-01-02T03:04:05.000Z';

/** Co-authors around Ada at `position` of `count`; Ada carries the given source id and ORCID. */
function authors(count: number, position: number, ada: { id?: string | null; orcid?: string | null }): NormalizedAuthor[] {
  const others = ['Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth'];
  return Array.from({ length: count }, (_, i) =>
    i + 1 === position ? author(i + 1, 'Ada Lovelace', ada.id ?? null, ada.orcid ?? null) : author(i + 1, others[i % others.length], `X${i}`),
  );
}

// Ada's works, by key. Her identities: openalex A1, semanticscholar S1 (linked), dblp D1 (rejected).
const PAGE: NormalizedWork[] = [
  // attention: two sources, first author on both (OpenAlex also gives her ORCID: one vote per record, not two).
  record({ source: 'openalex', sourceId: 'W1', title: 'Àttention Is All You Need', year: 2017, publicationDate: '2017-06-12', type: 'conference-paper', venue: 'NeurIPS', doi: '10.5555/attention', arxivId: '1706.03762', citationCount: 100, authors: authors(3, 1, { id: 'A1', orcid: ORCID }), abstract: 'Sequence transduction without recurrence.', openAccessUrl: 'https://arxiv.org/abs/1706.03762', pdfUrl: 'https://arxiv.org/pdf/1706.03762' }),
  record({ source: 'semanticscholar', sourceId: 's2-1', title: 'Attention is all you need', year: 2017, type: 'conference-paper', doi: '10.5555/attention', arxivId: '1706.03762', citationCount: 90, authors: authors(3, 1, { id: 'S1' }) }),
  // resnet: the sources disagree one to one (3 of 3 vs 2 of 3): OpenAlex, the more trusted, wins: last author.
  record({ source: 'openalex', sourceId: 'W2', title: 'Deep Residual Learning for Image Recognition', year: 2016, doi: '10.1109/cvpr.2016.90', citationCount: 500, authors: authors(3, 3, { id: 'A1' }) }),
  record({ source: 'semanticscholar', sourceId: 's2-2', title: 'Deep Residual Learning for Image Recognition', year: 2016, doi: '10.1109/cvpr.2016.90', citationCount: 480, authors: authors(3, 2, { id: 'S1' }) }),
  // preprint: Semantic Scholar only, 2 of 4.
  record({ source: 'semanticscholar', sourceId: 's2-3', title: 'Scaling Laws for Analytical Engines', year: 2024, type: 'preprint', arxivId: '2401.00001', citationCount: 5, authors: authors(4, 2, { id: 'S1' }) }),
  // disagreement, two against one: OpenAlex and S2 say 2 of 5, Crossref (by ORCID) 3 of 5.
  record({ source: 'openalex', sourceId: 'W4', title: 'Notes on the Difference Engine', year: 2020, doi: '10.1/dis', citationCount: 40, authors: authors(5, 2, { id: 'A1' }) }),
  record({ source: 'semanticscholar', sourceId: 's2-4', title: 'Notes on the Difference Engine', year: 2020, doi: '10.1/dis', citationCount: 35, authors: authors(5, 2, { id: 'S1' }) }),
  record({ source: 'crossref', sourceId: '10.1/dis', title: 'Notes on the Difference Engine', year: 2020, doi: '10.1/dis', citationCount: 38, authors: authors(5, 3, { orcid: ORCID }) }),
  // ORCID only: no identity matches, her ORCID iD on the Crossref record does.
  record({ source: 'crossref', sourceId: '10.1/orcid-only', title: 'Sketch of the Analytical Engine', year: 2019, doi: '10.1/orcid-only', citationCount: 7, authors: authors(2, 1, { orcid: ORCID }) }),
  // sole author, no ids, no citation count.
  record({ source: 'openalex', sourceId: 'W7', title: 'A Treatise on Engines', year: 2018, type: 'book', authors: [author(1, 'Ada Lovelace', 'A1')] }),
  // Not hers: someone else's, and one found only through the identity she rejected.
  record({ source: 'openalex', sourceId: 'W6', title: 'Compilers in Practice', year: 2021, doi: '10.1/other', authors: authors(2, 1, { id: 'A2' }) }),
  record({ source: 'dblp', sourceId: 'conf/x/Rejected21', title: 'A Namesake Paper', year: 2021, authors: [author(1, 'Ada Lovelace', 'D1')] }),
];

describe('reading works back', () => {
  let t: TestApp;
  let ada: TestUser;
  let stranger: TestUser;
  let personId: string;
  const workId: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ada = await registerUser(t);
    stranger = await registerUser(t);
    const ingest = new WorksIngestService(new WorksRepository(t.db));
    const result = await ingest.ingest(PAGE, new Date(FETCHED_AT));
    const bySourceId = new Map(PAGE.map((r, i) => [r.sourceId, result.workIds[i]]));
    Object.assign(workId, { attention: bySourceId.get('W1'), resnet: bySourceId.get('W2'), preprint: bySourceId.get('s2-3'), dis: bySourceId.get('W4'), orcidOnly: bySourceId.get('10.1/orcid-only'), sole: bySourceId.get('W7'), other: bySourceId.get('W6') });
    expect(new Set(Object.values(workId)).size).toBe(7);

    personId = (await t.http().post('/people').set(ada.auth).send({ fullName: 'Ada Lovelace', links: { orcid: `https://orcid.org/${ORCID}` } }).expect(201)).body.id;
    await t.db.query(
      `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status)
       VALUES ($1, $2, 'openalex', 'A1', 'linked'), ($1, $2, 'semanticscholar', 'S1', 'linked'), ($1, $2, 'dblp', 'D1', 'rejected')`,
      [ada.id, personId],
    );
  });
  afterAll(() => t.close());

  const list = async (query = ''): Promise<{ items: any[]; total: number; limit: number; offset: number }> =>
    (await t.http().get(`/people/${personId}/works${query}`).set(ada.auth).expect(200)).body;
  const keysOf = (items: { id: string }[]): string[] => items.map((i) => Object.keys(workId).find((k) => workId[k] === i.id) ?? i.id);

  it("lists the person's works, newest first: by identity and by ORCID iD, never by a rejected identity", async () => {
    const page = await list();
    expect(keysOf(page.items)).toEqual(['preprint', 'dis', 'orcidOnly', 'sole', 'attention', 'resnet']);
    expect(page).toMatchObject({ total: 6, limit: 50, offset: 0 });
  });

  it('gives each work its fields, links, her position, citations per source and every record behind it', async () => {
    const attention = (await list('?q=attention')).items;
    expect(attention).toEqual([
      {
        id: workId.attention,
        title: 'Àttention Is All You Need', // OpenAlex's title, before Semantic Scholar's
        year: 2017,
        date: '2017-06-12',
        venue: 'NeurIPS',
        type: 'conference-paper',
        doi: '10.5555/attention',
        arxivId: '1706.03762',
        citationCount: 100,
        openAccessUrl: 'https://arxiv.org/abs/1706.03762',
        pdfUrl: 'https://arxiv.org/pdf/1706.03762',
        links: { doi: 'https://doi.org/10.5555/attention', arxiv: 'https://arxiv.org/abs/1706.03762' },
        authorship: { position: 1, authorCount: 3, first: true, last: false },
        citationsBySource: { openalex: 100, semanticscholar: 90 },
        records: [
          { source: 'openalex', sourceId: 'W1', sourceUrl: 'https://example.org/openalex/W1', citationCount: 100, fetchedAt: FETCHED_AT },
          { source: 'semanticscholar', sourceId: 's2-1', sourceUrl: 'https://example.org/semanticscholar/s2-1', citationCount: 90, fetchedAt: FETCHED_AT },
        ],
      },
    ]);
    // The abstract only when asked for.
    expect((await list('?q=attention&withAbstract=true')).items[0].abstract).toBe('Sequence transduction without recurrence.');
    expect((await list('?q=treatise&withAbstract=true')).items[0]).toMatchObject({ title: 'A Treatise on Engines', abstract: null });
  });

  it('takes the position most sources give, the more trusted source on a tie; a sole author is first and last', async () => {
    const byKey = Object.fromEntries((await list()).items.map((i: any) => [keysOf([i])[0], i]));
    expect(byKey.dis.authorship).toEqual({ position: 2, authorCount: 5, first: false, last: false });
    expect(byKey.dis.records.map((r: any) => r.source)).toEqual(['crossref', 'openalex', 'semanticscholar']);
    expect(byKey.dis.citationsBySource).toEqual({ crossref: 38, openalex: 40, semanticscholar: 35 });
    expect(byKey.resnet.authorship).toEqual({ position: 3, authorCount: 3, first: false, last: true });
    expect(byKey.sole.authorship).toEqual({ position: 1, authorCount: 1, first: true, last: true });
    expect(byKey.sole).toMatchObject({ citationCount: null, doi: null, arxivId: null, links: { doi: null, arxiv: null }, citationsBySource: { openalex: null } });
    expect(byKey.orcidOnly.authorship).toEqual({ position: 1, authorCount: 2, first: true, last: false });
    expect(byKey.preprint.authorship).toEqual({ position: 2, authorCount: 4, first: false, last: false });
  });

  it('filters by position, source, type, years and title words', async () => {
    expect(keysOf((await list('?position=first')).items)).toEqual(['orcidOnly', 'sole', 'attention']);
    expect(keysOf((await list('?position=last')).items)).toEqual(['sole', 'resnet']);
    expect(keysOf((await list('?position=any')).items)).toHaveLength(6);
    expect(keysOf((await list('?source=semanticscholar')).items)).toEqual(['preprint', 'dis', 'attention', 'resnet']);
    expect(keysOf((await list('?source=crossref')).items)).toEqual(['dis', 'orcidOnly']);
    expect(keysOf((await list('?source=arxiv')).items)).toEqual([]);
    expect(keysOf((await list('?type=preprint')).items)).toEqual(['preprint']);
    expect(keysOf((await list('?yearFrom=2017&yearTo=2019')).items)).toEqual(['orcidOnly', 'sole', 'attention']);
    expect(keysOf((await list('?yearFrom=2020')).items)).toEqual(['preprint', 'dis']);
    // Folded like titles: case, accents and punctuation do not matter; each word starts a title word.
    expect(keysOf((await list(`?q=${encodeURIComponent('ATTENTION, is!')}`)).items)).toEqual(['attention']);
    expect(keysOf((await list('?q=resid')).items)).toEqual(['resnet']);
    expect(keysOf((await list('?q=engine')).items)).toEqual(['preprint', 'dis', 'orcidOnly', 'sole']);
    expect(keysOf((await list('?q=engine&position=first&yearTo=2018')).items)).toEqual(['sole']);
    expect(keysOf((await list('?q=ngine')).items)).toEqual([]);
  });

  it('sorts by year, citations or position, missing values last, ties by work id', async () => {
    expect(keysOf((await list('?sort=citations')).items)).toEqual(['resnet', 'attention', 'dis', 'orcidOnly', 'preprint', 'sole']);
    expect(keysOf((await list('?sort=citations&order=asc')).items)).toEqual(['preprint', 'orcidOnly', 'dis', 'attention', 'resnet', 'sole']);
    expect(keysOf((await list('?sort=year&order=asc')).items)).toEqual(['resnet', 'attention', 'sole', 'orcidOnly', 'dis', 'preprint']);
    // First authors first, then newest first.
    expect(keysOf((await list('?sort=position')).items)).toEqual(['orcidOnly', 'sole', 'attention', 'preprint', 'dis', 'resnet']);
    // Ties: both position 1 and 2 hold several works; with the year equal the id decides, every time.
    await t.db.query('UPDATE works SET year = 2000 WHERE id = ANY($1::uuid[])', [[workId.orcidOnly, workId.sole, workId.attention]]);
    const tied = [workId.orcidOnly, workId.sole, workId.attention].sort();
    expect((await list('?sort=position&limit=3')).items.map((i) => i.id)).toEqual(tied);
    expect((await list('?sort=position&limit=3')).items.map((i) => i.id)).toEqual(tied);
    await t.db.query('UPDATE works SET year = 2019 WHERE id = $1', [workId.orcidOnly]);
    await t.db.query('UPDATE works SET year = 2018 WHERE id = $1', [workId.sole]);
    await t.db.query('UPDATE works SET year = 2017 WHERE id = $1', [workId.attention]);
  });

  it('pages with a stable order and the total on every page', async () => {
    const all = keysOf((await list()).items);
    const pages = [await list('?limit=2'), await list('?limit=2&offset=2'), await list('?limit=2&offset=4')];
    expect(pages.flatMap((p) => keysOf(p.items))).toEqual(all);
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6]);
    expect(await list('?limit=2&offset=10')).toEqual({ items: [], total: 6, limit: 2, offset: 10 });
  });

  it('refuses bad filters', async () => {
    for (const query of ['?position=middle', '?sort=title', '?source=scholar', '?type=poster', '?yearFrom=abc', '?yearFrom=2020&yearTo=2019', '?limit=0', '?bogus=1', '?withAbstract=yes']) {
      await t.http().get(`/people/${personId}/works${query}`).set(ada.auth).expect(400);
    }
  });

  it("is private: another user's person is a 404, a person without identities has none", async () => {
    await t.http().get(`/people/${personId}/works`).set(stranger.auth).expect(404);
    await t.http().get(`/people/${personId}/works`).expect(401);
    await t.http().get('/people/00000000-0000-4000-8000-000000000000/works').set(ada.auth).expect(404);
    const other = (await t.http().post('/people').set(ada.auth).send({ fullName: 'Charles Babbage' }).expect(201)).body.id;
    expect((await t.http().get(`/people/${other}/works`).set(ada.auth).expect(200)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    // A deleted person's works are gone with them.
    await t.http().delete(`/people/${other}`).set(ada.auth).expect(204);
    await t.http().get(`/people/${other}/works`).set(ada.auth).expect(404);
  });

  describe('shared works', () => {
    const search = async (q: string, user = stranger): Promise<string[]> =>
      keysOf((await t.http().get(`/works/search?q=${encodeURIComponent(q)}`).set(user.auth).expect(200)).body.items);

    it('searches by folded title words, most cited first', async () => {
      expect(await search('attention ALL')).toEqual(['attention']);
      expect(await search('engine')).toEqual(['dis', 'orcidOnly', 'preprint', 'sole']);
      expect(await search('no such title words')).toEqual([]);
      const page = (await t.http().get('/works/search?q=engine&limit=1&offset=1').set(ada.auth).expect(200)).body;
      expect(page).toMatchObject({ total: 4, limit: 1, offset: 1 });
      expect(page.items[0]).toMatchObject({ id: workId.orcidOnly, sources: ['crossref'], links: { doi: 'https://doi.org/10.1/orcid-only', arxiv: null } });
      expect((await t.http().get('/works/search?q=engine&offset=9').set(ada.auth).expect(200)).body).toEqual({ items: [], total: 4, limit: 50, offset: 9 });
    });

    it('searches by DOI and by arXiv id, however they are written', async () => {
      for (const q of ['10.1109/cvpr.2016.90', 'https://doi.org/10.1109/CVPR.2016.90', 'doi:10.1109/CVPR.2016.90', 'https://dx.doi.org/10.1109%2Fcvpr.2016.90']) {
        expect([q, await search(q)]).toEqual([q, ['resnet']]);
      }
      for (const q of ['1706.03762', 'arXiv:1706.03762v5', 'https://arxiv.org/abs/1706.03762v2', 'http://arxiv.org/pdf/1706.03762v1.pdf', '10.48550/arXiv.1706.03762', 'https://doi.org/10.48550/ARXIV.1706.03762']) {
        expect([q, await search(q)]).toEqual([q, ['attention']]);
      }
      expect(await search('arXiv:2401.00001v3')).toEqual(['preprint']);
      expect(await search('10.9999/unknown')).toEqual([]);
      const [hit] = (await t.http().get('/works/search?q=1706.03762').set(ada.auth).expect(200)).body.items;
      expect(hit.sources).toEqual(['openalex', 'semanticscholar']);
    });

    it('gives one work with every record and its authors in order, to any signed-in user', async () => {
      const work = (await t.http().get(`/works/${workId.dis}`).set(stranger.auth).expect(200)).body;
      expect(work).toMatchObject({ id: workId.dis, title: 'Notes on the Difference Engine', doi: '10.1/dis', abstract: null, citationCount: 40, citationsBySource: { crossref: 38, openalex: 40, semanticscholar: 35 } });
      expect(work.records.map((r: any) => [r.source, r.sourceId, r.citationCount, r.fetchedAt])).toEqual([
        ['crossref', '10.1/dis', 38, FETCHED_AT],
        ['openalex', 'W4', 40, FETCHED_AT],
        ['semanticscholar', 's2-4', 35, FETCHED_AT],
      ]);
      expect(work.records[0]).toMatchObject({ title: 'Notes on the Difference Engine', year: 2020, venue: null, type: 'article', doi: '10.1/dis', arxivId: null });
      expect(work.records[0].authors.map((a: any) => [a.position, a.name, a.orcid])).toEqual([
        [1, 'Grace Hopper', null],
        [2, 'Alan Turing', null],
        [3, 'Ada Lovelace', ORCID],
        [4, 'Barbara Liskov', null],
        [5, 'Donald Knuth', null],
      ]);
      expect(work.records[1].authors[1]).toEqual({ position: 2, name: 'Ada Lovelace', sourceAuthorId: 'A1', orcid: null });
      expect((await t.http().get(`/works/${workId.attention}`).set(ada.auth).expect(200)).body.abstract).toBe('Sequence transduction without recurrence.');
    });

    it('needs a login, a uuid and an existing work', async () => {
      await t.http().get(`/works/${workId.dis}`).expect(401);
      await t.http().get('/works/search?q=engine').expect(401);
      await t.http().get('/works/search').set(ada.auth).expect(400);
      await t.http().get('/works/not-a-uuid').set(ada.auth).expect(400);
      await t.http().get('/works/00000000-0000-4000-8000-000000000000').set(ada.auth).expect(404);
    });
  });
});
