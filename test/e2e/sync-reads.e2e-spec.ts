import { join } from 'node:path';
import { SyncService } from '#domain/sync/index';
import type { RecordedRequest, ReplayServer } from '../support/replay-server';
import { finishedRuns, FIXTURES, KAISER, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A sync reads each source document once. dblp's person page is the author and every work;
 * ORCID's record holds the works list; arXiv's and Crossref's first listing page says what an
 * author read would. The replay server's request log, counted per document (path and query, the
 * contact address aside), shows no document asked twice and no author read beside the listing.
 */
const ORCID = '0000-0002-1825-0097';
const DBLP = '39/1762';

/** One document: the path and its query, without the parameters that say who asks. */
const documentOf = (r: RecordedRequest): string => {
  const query = new URLSearchParams(r.query);
  query.delete('mailto');
  query.sort();
  return `${r.path}?${query}`;
};

describe('a sync reads each source document once', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    const fixture = (source: string, name: string) => join(FIXTURES, source, name);
    const byOrcid = { filter: `orcid:${ORCID}` };
    replay
      .route({ path: `/pid/${DBLP}.xml`, file: fixture('dblp', 'pid_39_1762.xml') })
      .route({ path: `/v3.0/${ORCID}/record`, file: fixture('orcid', `record_${ORCID}.json`) })
      // Still answered, so a second read would show in the log rather than as a failure.
      .route({ path: `/v3.0/${ORCID}/works`, file: fixture('orcid', `works_${ORCID}.json`) })
      .route({ path: `/v3.0/${ORCID}/works/1001,1002,1003,1004,1005,1006`, file: fixture('orcid', `works-bulk_${ORCID}_1001-1006.json`) })
      .route({ path: '/works', query: { ...byOrcid, rows: '1' }, file: fixture('crossref', `works_orcid-${ORCID}_rows-1.json`) })
      .route({ path: '/works', query: { ...byOrcid, cursor: '*' }, file: fixture('crossref', `works_orcid-${ORCID}_cursor-star.json`) });
    t = await createTestApp({ worker: true, env: syncEnv(replay, { DBLP_RATE_LIMIT: '50/1s', ORCID_RATE_LIMIT: '50/1s', CROSSREF_RATE_LIMIT: '50/1s' }) });
    user = await registerUser(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it('dblp, ORCID, arXiv and Crossref: every document once, and the works all in', async () => {
    const { personId } = await personWithIdentities(t, user, 'Łukasz Kaiser', [
      ['dblp', DBLP],
      ['orcid', ORCID],
      ['crossref', ORCID],
      ['arxiv', KAISER],
    ]);
    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    const runs = await finishedRuns(t, user, res.body.runIds);
    for (const source of ['dblp', 'orcid', 'crossref', 'arxiv']) expect(runs[source]).toMatchObject({ status: 'succeeded', errors: [] });
    expect(replay.unmatched).toEqual([]);

    const reads = new Map<string, number>();
    for (const request of replay.requests) reads.set(documentOf(request), (reads.get(documentOf(request)) ?? 0) + 1);
    expect([...reads].filter(([, n]) => n > 1)).toEqual([]);
    // One read each where one document is both the author and the works; the listing pages alone for arXiv (3) and Crossref (1).
    expect(runs.dblp.requests).toBe(1);
    expect(runs.orcid.requests).toBe(2); // the record, then the full works with their contributors in bulk
    expect(runs.arxiv.requests).toBe(3);
    expect(runs.crossref.requests).toBe(1);
    expect(replay.requests.filter((r) => r.path === `/v3.0/${ORCID}/works`)).toEqual([]);
    expect(replay.requests.filter((r) => r.path === '/works' && r.query.get('rows') === '1')).toEqual([]);
    expect(replay.requests.filter((r) => r.query.get('sortBy') === 'lastUpdatedDate')).toEqual([]);

    // The snapshots kept for the next scheduled sync are the ones an author read gives.
    const snapshots = await t.db.query('SELECT source, last_snapshot FROM scholarly_identities WHERE person_id = $1 ORDER BY source', [personId]);
    const bySource = Object.fromEntries(snapshots.map((s: { source: string; last_snapshot: object }) => [s.source, s.last_snapshot]));
    expect(bySource.arxiv).toMatchObject({ worksCount: 5, updatedAt: '2023-08-02T00:41:18.000Z' });
    expect(bySource.dblp).toMatchObject({ sourceAuthorId: DBLP, worksCount: expect.any(Number) });
    expect(bySource.orcid).toMatchObject({ sourceAuthorId: ORCID, worksCount: 5 });
    expect(bySource.crossref).toMatchObject({ sourceAuthorId: ORCID, worksCount: expect.any(Number) });
  }, 60_000);

  it('a scheduled sync of an unchanged author is one read per identity and skipped', async () => {
    const { personId } = await personWithIdentities(t, user, 'Kaiser Again', [
      ['dblp', DBLP],
      ['orcid', ORCID],
    ]);
    await finishedRuns(t, user, (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds);
    replay.clearRequests();
    const { runIds } = await t.app.get(SyncService).trigger(user.id, personId, 'schedule');
    const runs = await finishedRuns(t, user, runIds);
    expect(runs.dblp).toMatchObject({ status: 'skipped', requests: 1 });
    expect(runs.orcid).toMatchObject({ status: 'skipped', requests: 1 });
    expect(replay.requests.map((r) => r.path).sort()).toEqual([`/pid/${DBLP}.xml`, `/v3.0/${ORCID}/record`]);
  }, 60_000);
});
