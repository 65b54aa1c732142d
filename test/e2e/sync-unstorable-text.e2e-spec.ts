import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayServer } from '../support/replay-server';
import { CURSORS, finishedRuns, FIXTURES, KAISER, OPENALEX_AUTHOR, openAlexWorks, personWithIdentities, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A source's text with characters PostgreSQL cannot keep: JSON's `\u0000` and a lone surrogate
 * (`\ud800`), and a raw NUL. Before, one such character failed its whole page on every retry, and
 * with it the person's sync; now the page is stored with them dropped or replaced.
 */
describe('a synced page whose text holds NUL characters or lone surrogates', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  let personId: string;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    t = await createTestApp({ queue: 'redis', worker: true, env: syncEnv(replay) });
    user = await registerUser(t);
    ({ personId } = await personWithIdentities(t, user, 'Zoë Ångström', [
      ['openalex', OPENALEX_AUTHOR],
      ['arxiv', KAISER],
    ]));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  it('is stored, NUL dropped and a lone surrogate made U+FFFD, and the sync succeeds', async () => {
    const page = JSON.parse(readFileSync(join(FIXTURES, 'openalex', 'works_filter_author.id_A5100000001_cursor_3.json'), 'utf8')) as {
      results: { title: string; display_name: string; authorships: { author: { display_name: string }; institutions: { display_name: string }[] }[] }[];
    };
    const work = page.results[1];
    // JSON.stringify writes both as escapes, as an API would: "\u0000" and "\ud800".
    work.title = work.display_name = 'Recency-Weighted\u0000 Reading Lists \ud800';
    work.authorships[0].author.display_name = 'S\u00f8ren\u0000 Kj\u00e6rgaard';
    work.authorships[0].institutions[0].display_name = 'Uppsala\u0000 University';
    replay.fault(openAlexWorks(CURSORS.third), { kind: 'status', status: 200, body: JSON.stringify(page) }, 10);

    const res = await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202);
    const runs = await finishedRuns(t, user, res.body.runIds);
    expect(runs.openalex).toMatchObject({ status: 'succeeded', errors: [] });
    expect(replay.unmatched).toEqual([]);

    const works = (await t.http().get(`/people/${personId}/works?limit=100`).set(user.auth).expect(200)).body.items as { title: string }[];
    expect(works.map((w) => w.title)).toContain('Recency-Weighted Reading Lists \ufffd');
    const [record] = await t.db.query("SELECT record FROM work_records WHERE source = 'openalex' AND source_id = 'W4100000006'");
    expect(record.record.authors[0]).toMatchObject({ name: 'Søren Kjærgaard', affiliations: ['Uppsala University'] });
  });
});
