import { join } from 'node:path';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { ReplayServer } from '../support/replay-server';
import { FIXTURES, finishedRuns, personWithIdentities, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { workAuthor, workRecord } from '../support/work-records';

/**
 * arXiv lists whatever its name query matches, namesakes included. Tomás Okafor works on language
 * (cs.CL); `au:"Tomas Okafor"` also finds an astrophysics paper by another "T. Okafor" with people
 * he never wrote with (test/fixtures/scholarly/arxiv/au_tomas-okafor_*.atom.xml). That entry is held
 * back until the user accepts it; his own initial-only entries count, by a shared co-author, or by
 * his category together with the "T. Okafor" his co-authored entry is written with.
 */
const OKAFOR = 'au:"Tomas Okafor"';
const DUST = '2307.40004';
const HIS = ['2409.10001', '2402.20002', '2311.30003', '2308.50005'];

interface Attribution {
  work: { id: string; title: string; arxivId: string };
  nameAsWritten: string;
  position: number;
  authorCount: number;
  categories: string[];
  status: string;
  decision: string | null;
  counted: boolean;
  evidence: { kind: string; detail: string }[];
  reason: string | null;
}

describe('works a name query alone attributes', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;
  let tomas: string;

  beforeAll(async () => {
    replay = await ReplayServer.start();
    const ax = (name: string) => join(FIXTURES, 'arxiv', name);
    replay
      .route({ path: '/api/query', query: { search_query: OKAFOR, sortBy: 'lastUpdatedDate', max_results: '1' }, file: ax('au_tomas-okafor_updated.atom.xml') })
      .route({ path: '/api/query', query: { search_query: OKAFOR, sortBy: 'submittedDate', start: '0' }, file: ax('au_tomas-okafor_start-0.atom.xml') })
      // Checked when linked: an OpenAlex author (its record's name does not matter here).
      .route({ path: '/authors/A5100000001', file: join(FIXTURES, 'openalex', 'author_A5100000001.json') });
    t = await createTestApp({ queue: 'redis', worker: true, env: syncEnv(replay) });
    user = await registerUser(t);
    tomas = (await personWithIdentities(t, user, 'Tomás Okafor', [['arxiv', OKAFOR]])).personId;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });
  afterEach(() => {
    expect(replay.unmatched).toEqual([]);
  });

  const get = (u: TestUser, url: string) => t.http().get(url).set(u.auth);
  const sync = async (u: TestUser, personId: string) => {
    const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(u.auth).expect(202)).body;
    return (await finishedRuns(t, u, runIds)).arxiv;
  };
  const works = async (u: TestUser, personId: string): Promise<string[]> => ((await get(u, `/people/${personId}/works`).expect(200)).body.items as { arxivId: string }[]).map((w) => w.arxivId).sort();
  const attributions = async (u: TestUser, personId: string, state = ''): Promise<{ items: Attribution[]; total: number }> =>
    (await get(u, `/people/${personId}/work-attributions${state ? `?state=${state}` : ''}`).expect(200)).body;
  const decide = (u: TestUser, personId: string, workId: string, decision: unknown) => t.http().put(`/people/${personId}/work-attributions/${workId}`).set(u.auth).send({ decision });

  it("holds back a namesake's initial-only entry in another field, and counts his own by his name in full, a shared co-author, or his category and the form he signs with", async () => {
    expect(await sync(user, tomas)).toMatchObject({ status: 'succeeded', worksNew: 5 });
    expect(await works(user, tomas)).toEqual([...HIS].sort());

    const held = await attributions(user, tomas);
    expect(held.total).toBe(1);
    expect(held.items[0]).toMatchObject({
      work: { title: 'Dust Lanes in Barred Spiral Galaxies at z ~ 1', arxivId: DUST },
      nameAsWritten: 'T. Okafor',
      position: 2,
      authorCount: 3,
      categories: ['astro-ph.GA'],
      status: 'unconfirmed',
      decision: null,
      counted: false,
      evidence: [],
    });
    expect(held.items[0].reason).toBe(
      'Only the arXiv name query au:"Tomas Okafor" lists it, where the author is written "T. Okafor" (2nd of 3) (filed under astro-ph.GA): no other identity of theirs lists it, the name is not written in full as they are known, it shares no co-author with their confirmed works, and it is not filed under their categories with their name written as they write it',
    );

    const confirmed = await attributions(user, tomas, 'confirmed');
    expect(Object.fromEntries(confirmed.items.map((a) => [a.work.arxivId, a.evidence.map((e) => e.detail)]))).toEqual({
      '2409.10001': ['Written "Tomás Okafor", their name in full'],
      '2402.20002': ['Written "Tomas Okafor", their name in full'],
      '2311.30003': ['Shares co-author Lena Brandt with their confirmed works', 'Filed under cs.LG, like their confirmed works'],
      // Filed under his category and written "T. Okafor" as his co-authored entry is: a category alone would not do.
      '2308.50005': ['Filed under cs.CL, like their confirmed works', 'Written "T. Okafor", as their arXiv entries write them'],
    });
    expect(confirmed.items.every((a) => a.counted && a.status === 'confirmed')).toBe(true);
  });

  it('keeps a held work out of checklists, briefings, warm paths and the new-works feed until the user accepts it, and remembers the decision across syncs', async () => {
    // Hannah Vogel, a contact known at OpenAlex, wrote the astrophysics paper (its OpenAlex record joins the preprint's work by arXiv id).
    const hannah = (await personWithIdentities(t, user, 'Hannah Vogel', [['openalex', 'A9000000001']])).personId;
    const dust = workRecord({
      source: 'openalex',
      sourceId: 'W9000000001',
      title: 'Dust Lanes in Barred Spiral Galaxies at z ~ 1',
      year: 2023,
      arxivId: DUST,
      authors: [workAuthor(1, 'Hannah Vogel', 'A9000000001'), workAuthor(2, 'T. Okafor'), workAuthor(3, 'Marco Ricci')],
    });
    const [dustId] = (await new WorksIngestService(new WorksRepository(t.db)).ingest([dust])).workIds;
    const org = (await t.http().post('/organizations').set(user.auth).send({ name: 'Polyglot Lab' }).expect(201)).body;
    const application = (await t.http().post('/applications').set(user.auth).send({ organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    const interview = (
      await t.http().post('/interviews').set(user.auth).send({ stageId: application.stages[0].id, startsAt: '2027-04-01T10:00:00Z', timeZone: 'UTC', durationMinutes: 45, format: 'video', interviewerIds: [tomas] }).expect(201)
    ).body;

    const briefing = async (): Promise<string> => {
      const { id } = (await t.http().post(`/interviews/${interview.id}/briefings`).set(user.auth).send({}).expect(202)).body;
      const done = await waitFor(async () => {
        const b = (await get(user, `/briefings/${id}`).expect(200)).body;
        return b.status === 'ready' || b.status === 'failed' ? b : undefined;
      });
      expect(done.status).toBe('ready');
      return (await get(user, `/briefings/${id}/markdown`).expect(200)).text;
    };
    const checklist = async () => ((await get(user, `/people/${tomas}/reading-checklist`).expect(200)).body.items as { work: { arxivId: string } }[]).map((i) => i.work.arxivId).sort();
    const directPaths = async () => ((await get(user, `/people/${tomas}/warm-paths`).expect(200)).body.direct as { contact: { id: string } }[]).map((d) => d.contact.id);
    const feedPeople = async () => {
      const items = (await get(user, '/new-works?scope=all').expect(200)).body.items as { id: string; people: { id: string }[] }[];
      return items.find((i) => i.id === dustId)!.people.map((p) => p.id).sort();
    };

    // Held: none of it is his.
    expect(await checklist()).toEqual([...HIS].sort());
    expect(await directPaths()).toEqual([]);
    expect(await feedPeople()).toEqual([hannah]);
    const before = await briefing();
    expect(before).toContain('Byte-Level Tokenizers for Low-Resource Translation');
    expect(before).not.toContain('Dust Lanes');

    // Rejected, then synced again: still not his, and no longer waiting for a decision.
    expect((await decide(user, tomas, dustId, 'rejected').expect(200)).body).toMatchObject({ decision: 'rejected', counted: false, reason: null });
    expect(await sync(user, tomas)).toMatchObject({ status: 'succeeded', worksUnchanged: 5 });
    expect((await attributions(user, tomas)).total).toBe(0);
    expect((await attributions(user, tomas, 'rejected')).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    expect(await works(user, tomas)).toEqual([...HIS].sort());

    // Accepted: his everywhere, and still after the next sync.
    expect((await decide(user, tomas, dustId, 'accepted').expect(200)).body).toMatchObject({ decision: 'accepted', counted: true, status: 'unconfirmed' });
    expect(await sync(user, tomas)).toMatchObject({ status: 'succeeded' });
    expect((await attributions(user, tomas, 'accepted')).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    expect(await works(user, tomas)).toEqual([...HIS, DUST].sort());
    expect(await checklist()).toEqual([...HIS, DUST].sort());
    expect(await directPaths()).toEqual([hannah]);
    expect(await feedPeople()).toEqual([hannah, tomas].sort());
    expect(await briefing()).toContain('Dust Lanes in Barred Spiral Galaxies');

    // Back to the evidence: held again.
    expect((await decide(user, tomas, dustId, null).expect(200)).body).toMatchObject({ decision: null, counted: false });
    expect((await attributions(user, tomas)).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    expect(await works(user, tomas)).toEqual([...HIS].sort());
  }, 60_000);

  it("keeps decisions per account: another user's acceptance does not count for a user tracking the same query", async () => {
    const [dust] = (await attributions(user, tomas)).items;
    await decide(user, tomas, dust.work.id, 'accepted').expect(200);
    const other = await registerUser(t);
    const theirs = (await personWithIdentities(t, other, 'Tomas Okafor', [['arxiv', OKAFOR]])).personId;
    expect(await sync(other, theirs)).toMatchObject({ status: 'succeeded', worksUnchanged: 5 });
    expect((await attributions(other, theirs)).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    expect(await works(other, theirs)).toEqual([...HIS].sort());
    // Neither sees the other's person.
    await get(other, `/people/${tomas}/work-attributions`).expect(404);
    await decide(other, tomas, dust.work.id, 'rejected').expect(404);
    expect((await attributions(user, tomas, 'accepted')).total).toBe(1);
  });

  it('weighs the evidence again when an identity is linked or unlinked', async () => {
    const someone = await registerUser(t);
    const theirs = (await personWithIdentities(t, someone, 'Tomás Okafor', [['arxiv', OKAFOR]])).personId;
    await sync(someone, theirs);
    expect((await attributions(someone, theirs)).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    // An OpenAlex author whose record of the paper names them: linking it is evidence.
    await new WorksIngestService(new WorksRepository(t.db)).ingest([
      workRecord({ source: 'openalex', sourceId: 'W9000000003', title: 'Dust Lanes in Barred Spiral Galaxies at z ~ 1', year: 2023, arxivId: DUST, authors: [workAuthor(1, 'H. Vogel'), workAuthor(2, 'T. Okafor', 'A5100000001')] }),
    ]);
    const linked = (await t.http().post(`/people/${theirs}/identities`).set(someone.auth).send({ source: 'openalex', id: 'A5100000001' }).expect(201)).body;
    expect((await attributions(someone, theirs)).total).toBe(0);
    const dust = (await attributions(someone, theirs, 'confirmed')).items.find((a) => a.work.arxivId === DUST)!;
    expect(dust.evidence).toEqual([{ kind: 'identity', detail: 'Also listed by their OpenAlex identity' }]);
    expect(await works(someone, theirs)).toEqual([...HIS, DUST].sort());

    await t.http().delete(`/people/${theirs}/identities/${linked.id}`).set(someone.auth).expect(204);
    expect((await attributions(someone, theirs)).items.map((a) => a.work.arxivId)).toEqual([DUST]);
    expect(await works(someone, theirs)).toEqual([...HIS].sort());
  });

  it('refuses bad input with a 4xx naming what is wrong', async () => {
    const [dust] = (await attributions(user, tomas, 'all')).items.filter((a) => a.work.arxivId === DUST);
    expect((await decide(user, tomas, dust.work.id, 'maybe').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'decision' })]);
    expect((await t.http().put(`/people/${tomas}/work-attributions/${dust.work.id}`).set(user.auth).send({}).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'decision' })]);
    expect((await get(user, `/people/${tomas}/work-attributions?state=bogus`).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'state' })]);
    expect((await decide(user, tomas, 'not-a-uuid', 'accepted').expect(400)).body.details).toEqual([{ field: 'workId', problem: 'must be a UUID' }]);
    // A work no name query of theirs lists.
    const [unrelated] = (await new WorksIngestService(new WorksRepository(t.db)).ingest([workRecord({ source: 'openalex', sourceId: 'W9000000002', title: 'Something Else Entirely', doi: '10.5555/else' })])).workIds;
    await decide(user, tomas, unrelated, 'accepted').expect(404);
  });
});
