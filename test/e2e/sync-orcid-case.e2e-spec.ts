import { join } from 'node:path';
import type { ReplayServer } from '../support/replay-server';
import { finishedRuns, FIXTURES, OPENALEX_AUTHOR, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * An ORCID record kept in v2.x's upper case (`SELF`, `CONFERENCE_PAPER`, `FIRST`): its works keep
 * their DOIs and arXiv ids, so after a sync they meet the same papers from OpenAlex as one work each
 * (test/fixtures/scholarly/orcid/works_0000-0001-5109-3700_upper-case.json and its bulk read).
 */
const TANAKA = '0000-0001-5109-3700';

describe('an ORCID record in upper case meets OpenAlex by id after a sync', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  let personId: string;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    const orcid = (name: string) => join(FIXTURES, 'orcid', name);
    replay
      .route({ path: `/v3.0/${TANAKA}/record`, file: orcid(`record_${TANAKA}.json`) })
      .route({ path: `/v3.0/${TANAKA}/works`, file: orcid(`works_${TANAKA}_upper-case.json`) })
      .route({ path: `/v3.0/${TANAKA}/works/3001,3002,3003`, file: orcid(`works-bulk_${TANAKA}_3001-3003.json`) });
    t = await createTestApp({ queue: 'redis', worker: true, env: syncEnv(replay, { ORCID_RATE_LIMIT: '50/1s' }) });
    user = await registerUser(t);
    ({ personId } = await personWithIdentities(t, user, 'Hiroshi Tanaka', [
      ['openalex', OPENALEX_AUTHOR],
      ['orcid', TANAKA],
    ]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it("joins the ORCID works to OpenAlex's by DOI and by arXiv id: one work each, listed with both sources", async () => {
    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    const runs = await finishedRuns(t, user, res.body.runIds);
    expect(runs.orcid).toMatchObject({ status: 'succeeded', worksNew: 3, errors: [] });
    expect(runs.openalex).toMatchObject({ status: 'succeeded', errors: [] });
    expect(replay.unmatched).toEqual([]);

    const ids = await t.db.query("SELECT source_id, doi, arxiv_id FROM work_records r JOIN works w ON w.id = r.work_id WHERE r.source = 'orcid' ORDER BY source_id");
    expect(ids).toEqual([
      { source_id: '3001', doi: '10.18653/v1/2023.findings-emnlp.101', arxiv_id: null },
      { source_id: '3002', doi: '10.1145/3637528.3671999', arxiv_id: '2402.05678' },
      { source_id: '3003', doi: '10.5555/tanaka.2019.77', arxiv_id: null },
    ]);

    const works = (await t.http().get(`/people/${personId}/works?limit=100`).set(user.auth).expect(200)).body.items as { title: string; records: { source: string }[] }[];
    const sourcesOf = (title: RegExp) => works.filter((w) => title.test(w.title)).map((w) => w.records.map((r) => r.source).sort());
    // Upper-case DOI `SELF` on the ORCID side, the same DOI at OpenAlex: one work.
    expect(sourcesOf(/^Recency-Weighted Reading Lists$/i)).toEqual([['openalex', 'orcid']]);
    // `SELF` arXiv id on the ORCID side, OpenAlex's arXiv location: one work.
    expect(sourcesOf(/^Retrieval-Augmented Reviewers/i)).toEqual([['openalex', 'orcid']]);
    expect(sourcesOf(/^Citation graphs of Japanese physics/i)).toEqual([['orcid']]);
  });
});
