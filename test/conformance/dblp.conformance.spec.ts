import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DblpClient } from '../../libs/domain/src/scholarly/sources/dblp/dblp.client';
import { parseDblpPerson } from '../../libs/domain/src/scholarly/sources/dblp/dblp.parse';
import { normalizeDoi } from '../../libs/domain/src/shared/text/index';
import { ScholarlyHttp } from '../../libs/domain/src/scholarly/scholarly-http';
import type { NormalizedWork } from '../../libs/domain/src/scholarly/scholarly.types';
import { ReplayServer, ReplayRoute } from '../support/replay-server';

/**
 * The dblp client against every real dblp response recorded in ../shared/fixtures/scholarly/dblp
 * (see its README for where each came from), served at the request that produced it.
 */
const DIR = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'scholarly', 'dblp');
// The recordings live beside the checkout, not in it (they are other people's data, shared by
// every worktree); a checkout without them skips this suite instead of failing it.
const describeIfRecorded = existsSync(DIR) ? describe : describe.skip;

interface Recording {
  route: Omit<ReplayRoute, 'file' | 'body'>;
  check: (client: DblpClient, body: string) => Promise<void>;
}

function checkWork(work: NormalizedWork): void {
  expect(work.source).toBe('dblp');
  expect(work.sourceUrl).toBe(`https://dblp.org/rec/${work.sourceId}`);
  expect(work.title).not.toMatch(/\.$/);
  expect(work.title).toBe(work.title.replace(/\s+/g, ' ').trim());
  expect(work.title).not.toMatch(/&[a-z]+;|&#\d+;/);
  expect(work.publicationDate).toBe(String(work.year));
  if (work.doi !== null) expect(work.doi).toBe(normalizeDoi(work.doi));
  expect(work.authors.map((a) => a.position)).toEqual(work.authors.map((_, i) => i + 1));
  for (const author of work.authors) {
    expect(author.name).toMatch(/\S/);
    expect(author.name).not.toMatch(/ \d{4}$/);
  }
}

const RECORDINGS: Record<string, Recording> = {
  'pid_95_7448-1.xml': {
    route: { path: '/pid/95/7448-1.xml' },
    check: async (client, body) => {
      await expect(client.getAuthor('95/7448-1')).resolves.toEqual({
        source: 'dblp',
        sourceAuthorId: '95/7448-1',
        name: 'Di Xu',
        worksCount: 8,
        citationCount: null,
        // The newest record mdate (conf/ictai/PourazadXN12), newer than the person record's.
        updatedAt: '2023-03-24',
        // Its person record's affiliation notes.
        affiliations: [...body.matchAll(/<note type="affiliation"[^>]*>([^<]*)<\/note>/g)].map((m) => m[1]),
      });
      const { works, next, total } = await client.listWorks('95/7448-1', null);
      expect({ next, total }).toEqual({ next: null, total: 8 });
      // One work per <r>, in the page's order.
      const keys = [...body.matchAll(/<r><\w+ key="([^"]+)"/g)].map((m) => m[1]);
      expect(works.map((w) => w.sourceId)).toEqual(keys);
      for (const work of works) {
        checkWork(work);
        expect(work.authors.filter((a) => a.sourceAuthorId === '95/7448-1').map((a) => a.name)).toEqual(['Di Xu']);
        expect(work.authors.every((a) => a.sourceAuthorId !== null)).toBe(true);
        // Every record here has a doi.org link first.
        expect(work.doi).toMatch(/^10\.1109\//);
      }
      expect(works.map((w) => w.type)).toEqual(['conference-paper', 'conference-paper', 'conference-paper', 'article', 'conference-paper', 'conference-paper', 'conference-paper', 'conference-paper']);
      expect(works[3]).toEqual({
        source: 'dblp',
        sourceId: 'journals/tvcg/XuDN11',
        sourceUrl: 'https://dblp.org/rec/journals/tvcg/XuDN11',
        title: 'Correction of Clipped Pixels in Color Images',
        publicationDate: '2011',
        year: 2011,
        venue: 'IEEE Trans. Vis. Comput. Graph.',
        type: 'article',
        doi: '10.1109/tvcg.2010.63',
        arxivId: null,
        externalIds: {},
        authors: [
          { position: 1, name: 'Di Xu', sourceAuthorId: '95/7448-1', orcid: null, affiliations: [] },
          { position: 2, name: 'Colin Doutre', sourceAuthorId: '58/3497', orcid: null, affiliations: [] },
          { position: 3, name: 'Panos Nasiopoulos', sourceAuthorId: '55/3871', orcid: null, affiliations: [] },
        ],
        citationCount: null,
        abstract: null,
        openAccessUrl: null,
        pdfUrl: null,
        sourceUpdatedAt: '2019-11-26',
      });
      expect(works[2]).toMatchObject({ sourceId: 'conf/ictai/PourazadXN12', doi: '10.1109/ictai.2012.57', venue: 'ICTAI', sourceUpdatedAt: '2023-03-24' });
      expect(works[0].authors.map((a) => a.name)).toEqual(['Lino Coria-Mendoza', 'Di Xu', 'Panos Nasiopoulos']);

      const page = parseDblpPerson(body);
      expect(page).toMatchObject({
        name: 'Di Xu 0001',
        pid: '95/7448-1',
        recordCount: 8,
        mdate: '2019-11-26',
        disambiguation: false,
        aliases: [],
        affiliations: ['University of British Columbia, Department of Electrical and Computer Engineering, Canada'],
        homonyms: [{ pid: '95/7448', name: 'Di Xu', disambiguation: true }],
      });
    },
  },
  'search_publ_api_q-test_format-json_2019.json': {
    route: { path: '/search/publ/api', query: { q: 'test', format: 'json' } },
    check: async (client, body) => {
      const raw = JSON.parse(body) as { result: { hits: { '@total': string; '@sent': string; hit: { info: { key: string; doi?: string; authors: { author: string | string[] } } }[] } } };
      const hits = raw.result.hits.hit;
      const page = await client.searchWorks('test');
      expect(page.total).toBe(Number(raw.result.hits['@total']));
      expect(page.total).toBe(67660);
      expect(page.next).toBe('30');
      expect(page.works.map((w) => w.sourceId)).toEqual(hits.map((h) => h.info.key));
      page.works.forEach((work, i) => {
        checkWork(work);
        const info = hits[i].info;
        // 2019 format: authors are bare strings (no pid), one author collapses to a string.
        const names = Array.isArray(info.authors.author) ? info.authors.author : [info.authors.author];
        expect(work.authors.map((a) => [a.name, a.sourceAuthorId])).toEqual(names.map((n) => [n, null]));
        // dblp upper-cases the JSON doi field; compared case-insensitively it is the record's DOI.
        expect(work.doi).toBe(info.doi ? info.doi.toLowerCase() : null);
      });
      const count = (type: string) => page.works.filter((w) => w.type === type).length;
      expect([count('conference-paper'), count('article'), count('book-chapter'), count('thesis')]).toEqual([16, 10, 1, 3]);
      const byKey = (key: string) => page.works.find((w) => w.sourceId === key)!;
      expect(byKey('conf/date/Pomeranz14').authors).toEqual([{ position: 1, name: 'Irith Pomeranz', sourceAuthorId: null, orcid: null, affiliations: [] }]);
      expect(byKey('phd/hal/Bessayah10')).toMatchObject({
        type: 'thesis',
        venue: null,
        title: "A complementary approach for testing system robustness based on passive testing and fault injection techniques. (Une approche complémentaire de test de robustesse basée sur l'injection de fautes et le test passif)",
        authors: [expect.objectContaining({ name: 'Fayçal Bessayah' })],
      });
      // The DOI comes from the doi field even when the link is not a doi.org one.
      expect(byKey('conf/qsic/GuderleiM07')).toMatchObject({ doi: '10.1109/qsic.2007.54', venue: 'QSIC', year: 2007 });
      expect(byKey('journals/stvr/BruckerJ14')).toMatchObject({ doi: '10.1002/stvr.1560', type: 'article', venue: 'Softw. Test., Verif. Reliab.' });
      expect(byKey('journals/stt/Noack13').pdfUrl).toBe('http://pi.informatik.uni-siegen.de/stt/33_4/01_Fachgruppenberichte/TAV/02_Noack.pdf');
    },
  },
};

describeIfRecorded('dblp client conformance with the recorded responses', () => {
  let replay: ReplayServer;
  let client: DblpClient;

  beforeAll(async () => {
    replay = await ReplayServer.start();
    client = new DblpClient(new ScholarlyHttp({ contactEmail: null, timeoutMs: 5000 }), { baseUrl: replay.url });
    for (const [file, recording] of Object.entries(RECORDINGS)) replay.route({ ...recording.route, file: path.join(DIR, file) });
  });
  afterAll(() => replay.close());
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
    replay.clearRequests();
  });

  it('covers every recording in the folder', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md');
    expect(files.sort()).toEqual(Object.keys(RECORDINGS).sort());
  });

  it.each(Object.keys(RECORDINGS))('%s', async (file) => {
    await RECORDINGS[file].check(client, readFileSync(path.join(DIR, file), 'utf8'));
    expect(replay.requests.length).toBeGreaterThan(0);
  });
});
