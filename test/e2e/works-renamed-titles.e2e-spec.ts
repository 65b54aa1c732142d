import { join } from 'node:path';
import { ReplayServer } from '../support/replay-server';
import { FIXTURES, finishedRuns, personWithIdentities, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A preprint and its publication with no record carrying both ids, the title renamed on the way
 * (test/fixtures/scholarly/arxiv/au_mira-castellanos_* and openalex/…A5200000001…): one work
 * when a leading name was dropped, a year later, same first author and co-authors; two works for
 * two subtitles of one long title, and for a title whose preprint has other co-authors. The same
 * whichever version is synced first.
 */
const QUERY = 'au:"Mira Castellanos"';
const AUTHOR = 'A5200000001';

describe('a preprint and its publication under a renamed title', () => {
  let replay: ReplayServer;
  let t: TestApp;

  beforeAll(async () => {
    replay = await ReplayServer.start();
    const fx = (source: string, name: string) => join(FIXTURES, source, name);
    replay
      .route({ path: `/authors/${AUTHOR}`, file: fx('openalex', `author_${AUTHOR}.json`) })
      .route({ path: '/works', query: { filter: `author.id:${AUTHOR}`, cursor: '*' }, file: fx('openalex', `works_filter_author.id_${AUTHOR}_cursor_start.json`) })
      .route({ path: '/api/query', query: { search_query: QUERY, sortBy: 'lastUpdatedDate', max_results: '1' }, file: fx('arxiv', 'au_mira-castellanos_updated.atom.xml') })
      .route({ path: '/api/query', query: { search_query: QUERY, sortBy: 'submittedDate', start: '0' }, file: fx('arxiv', 'au_mira-castellanos_start-0.atom.xml') });
    t = await createTestApp({ queue: 'redis', worker: true, env: syncEnv(replay) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
  });

  const syncOne = async (source: 'openalex' | 'arxiv', id: string) => {
    const user: TestUser = await registerUser(t);
    const { personId } = await personWithIdentities(t, user, 'Mira Castellanos', [[source, id]]);
    const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body;
    expect((await finishedRuns(t, user, runIds))[source]).toMatchObject({ status: 'succeeded', worksNew: 3 });
    return { user, personId };
  };
  /** Each work as the sources that have a record of it, by title. */
  const works = async (): Promise<string[]> =>
    (
      (await t.db.query(
        `SELECT w.title, string_agg(r.source || ':' || r.source_id, ' + ' ORDER BY r.source) AS records
           FROM works w JOIN work_records r ON r.work_id = w.id GROUP BY w.id, w.title ORDER BY w.title`,
      )) as { title: string; records: string }[]
    ).map((w) => `${w.title} = ${w.records}`);

  const EXPECTED = [
    // "Toolname:" dropped on publication, a year later: one work, the publisher's title.
    'Doing Things with Tools = arxiv:2311.60001 + openalex:W4200000001',
    // Same title before the colon, another subtitle: another paper.
    'Learning Sparse Routers = openalex:W4200000003',
    // The preprint with other co-authors than the publication: not merged.
    'Routekit: Learning Sparse Routers = arxiv:2310.60003',
    'Scaling Laws for Tokenizers: A Study of Byte Models = arxiv:2405.60002',
    'Scaling Laws for Tokenizers: A Study of Word Models = openalex:W4200000002',
  ];

  it('joins them when the preprint is stored first, and both people list the one work', async () => {
    const viaArxiv = await syncOne('arxiv', QUERY);
    const viaOpenAlex = await syncOne('openalex', AUTHOR);
    expect(await works()).toEqual(EXPECTED);
    const tools = async ({ user, personId }: { user: TestUser; personId: string }) =>
      ((await t.http().get(`/people/${personId}/works?q=tools`).set(user.auth).expect(200)).body.items as { title: string; arxivId: string; doi: string; records: unknown[] }[]).map((w) => [w.title, w.arxivId, w.doi, w.records.length]);
    expect(await tools(viaArxiv)).toEqual([['Doing Things with Tools', '2311.60001', '10.5555/dossier.tools', 2]]);
    expect(await tools(viaOpenAlex)).toEqual(await tools(viaArxiv));
  });

  it('joins them the same way when the publication is stored first', async () => {
    await t.db.query('TRUNCATE works, work_records, work_authorships, work_author_queries, work_aliases, work_titles CASCADE');
    await syncOne('openalex', AUTHOR);
    await syncOne('arxiv', QUERY);
    expect(await works()).toEqual(EXPECTED);
  });
});
