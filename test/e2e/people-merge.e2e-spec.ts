import { WorkAttributionsService, WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { personWithIdentities } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { workAuthor, workRecord } from '../support/work-records';

interface P {
  id: string;
  fullName: string;
  updatedAt: string;
  [field: string]: unknown;
}
interface Group {
  reason: string;
  value: string;
  people: P[];
}

describe('people: duplicates and merge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const person = async (u: TestUser, body: object): Promise<P> => (await post(u, '/people', body).expect(201)).body;
  // The person as lists and merges show them: without the record page's asks and referrals.
  const getPerson = async (u: TestUser, id: string): Promise<P> => {
    const { asks: _asks, referrals: _referrals, ...person } = (await get(u, `/people/${id}`).expect(200)).body;
    return person;
  };
  const duplicates = async (u: TestUser): Promise<Group[]> => (await get(u, '/people/duplicates').expect(200)).body.items;
  const groups = (gs: Group[]) => gs.map((g) => ({ reason: g.reason, value: g.value, people: g.people.map((p) => p.fullName) }));
  const log = (u: TestUser, id: string, occurredAt: string, summary: string) => post(u, `/people/${id}/interactions`, { type: 'message', occurredAt, summary }).expect(201);
  const merge = (u: TestUser, id: string, body: object) => post(u, `/people/${id}/merge`, body);
  const timeline = async (u: TestUser, id: string): Promise<{ id: string; personId: string; summary: string }[]> => (await get(u, `/people/${id}/interactions`).expect(200)).body.items;
  const tasks = async (u: TestUser) => t.db.query('SELECT title, person_id AS "personId" FROM tasks WHERE user_id = $1 ORDER BY title', [u.id]);
  const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);

  /** Two records of the same woman: the survivor (older, fewer details) and the duplicate to merge in. */
  async function seedPair(u: TestUser) {
    const org = (await post(u, '/organizations', { name: 'Analytical Engine Society' }).expect(201)).body;
    const ada = await person(u, {
      fullName: 'Ada Lovelace',
      emails: ['ada@example.org'],
      tags: ['math', 'pioneer'],
      notes: 'Met at the Analytical Engine demo',
      relationshipStage: 'acquainted',
      links: { linkedin: 'linkedin.com/in/ada-lovelace' },
    });
    const augusta = await person(u, {
      fullName: 'Augusta Ada King',
      emails: ['ADA@Example.org', 'countess@lovelace.example'],
      tags: ['pioneer', 'poetry'],
      notes: 'Daughter of Byron',
      headline: 'Countess of Lovelace',
      organizationId: org.id,
      relationshipStage: 'engaged',
      links: { linkedin: 'https://www.linkedin.com/in/augusta-king/', orcid: '0000-0002-1825-0097' },
      followUpCadenceDays: 30,
    });
    const adaCall = (await log(u, ada.id, '2026-01-05T10:00:00Z', 'Coffee chat about engines')).body;
    const augustaMsgs = [(await log(u, augusta.id, '2026-02-01T10:00:00Z', 'Sent the notes on Bernoulli numbers')).body, (await log(u, augusta.id, '2025-12-01T10:00:00Z', 'First letter')).body];
    await t.db.query("INSERT INTO tasks (user_id, person_id, title) VALUES ($1, $2, 'Ask Augusta for an intro')", [u.id, augusta.id]);
    return { org, ada: await getPerson(u, ada.id), augusta: await getPerson(u, augusta.id), adaCall, augustaMsgs };
  }

  it('lists likely duplicates by email, LinkedIn profile and folded name, and nothing unrelated', async () => {
    const u = await registerUser(t);
    const a = await person(u, { fullName: 'Ada Lovelace', emails: ['Ada@Example.org'] });
    const b = await person(u, { fullName: 'Augusta King', emails: ['countess@lovelace.example', 'ADA@example.ORG'] });
    const c = await person(u, { fullName: 'Geoffrey Hinton', links: { linkedin: 'https://www.linkedin.com/in/geoffreyhinton/' } });
    const d = await person(u, { fullName: 'Geoff Hinton', links: { linkedin: 'http://m.linkedin.com/in/GeoffreyHinton?trk=public_profile' } });
    const e = await person(u, { fullName: 'G. E. Hinton', links: { linkedin: 'geoffreyhinton' } });
    const f = await person(u, { fullName: 'Zoë Ångström' });
    const g = await person(u, { fullName: ' ZOE   ANGSTROM ' });
    // Unrelated: similar but different names, other emails and profiles, someone with nothing at all.
    await person(u, { fullName: 'Łukasz Kaiser', emails: ['lukasz@example.org'], links: { linkedin: 'linkedin.com/in/lukaszkaiser' } });
    await person(u, { fullName: 'Lukas Kaiser', emails: ['lukas@example.org'], links: { linkedin: 'linkedin.com/in/lukaskaiser' } });
    await person(u, { fullName: 'Zoe Angstrom-Berg' });
    await person(u, { fullName: 'Grace Hopper', emails: ['grace@navy.example'] });
    // A deleted copy is no duplicate, and neither is another user's.
    const deleted = await person(u, { fullName: 'Grace Hopper', emails: ['grace@navy.example'] });
    await t.http().delete(`/people/${deleted.id}`).set(u.auth).expect(204);
    const stranger = await registerUser(t);
    await person(stranger, { fullName: 'Ada Lovelace', emails: ['ada@example.org'] });

    const found = await duplicates(u);
    expect(found.map((grp) => ({ reason: grp.reason, value: grp.value, ids: grp.people.map((p) => p.id) }))).toEqual([
      { reason: 'email', value: 'ada@example.org', ids: [a.id, b.id] },
      { reason: 'linkedin', value: 'https://www.linkedin.com/in/geoffreyhinton', ids: [c.id, d.id, e.id] },
      { reason: 'name', value: 'zoe angstrom', ids: [f.id, g.id] },
    ]);
    // Each entry is the whole person, as GET shows them.
    expect(found[0].people[1]).toEqual(await getPerson(u, b.id));
    expect(found[2].people.map((p) => p.fullName)).toEqual(['Zoë Ångström', 'ZOE ANGSTROM']);
    expect(await duplicates(stranger)).toEqual([]);
    // A page of groups, as every list answers, with the total of groups.
    const second = (await get(u, '/people/duplicates?limit=1&offset=1').expect(200)).body;
    expect({ ...second, items: second.items.map((grp: Group) => grp.value) }).toEqual({ items: ['https://www.linkedin.com/in/geoffreyhinton'], total: 3, limit: 1, offset: 1 });
    expect((await get(u, '/people/duplicates?offset=3').expect(200)).body).toEqual({ items: [], total: 3, limit: 50, offset: 3 });
    expect((await get(u, '/people/duplicates?limit=201').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('a dry run (the default) previews the merge and changes nothing', async () => {
    const u = await registerUser(t);
    const { org, ada, augusta } = await seedPair(u);
    const snapshot = async () => ({
      ada: await getPerson(u, ada.id),
      augusta: await getPerson(u, augusta.id),
      adaTimeline: await timeline(u, ada.id),
      augustaTimeline: await timeline(u, augusta.id),
      duplicates: await duplicates(u),
      people: (await get(u, '/people?deleted=include').expect(200)).body,
      tasks: await tasks(u),
    });
    const before = await snapshot();
    expect(groups(before.duplicates)).toEqual([{ reason: 'email', value: 'ada@example.org', people: ['Ada Lovelace', 'Augusta Ada King'] }]);

    for (const body of [{ otherId: augusta.id }, { otherId: augusta.id, dryRun: true }]) {
      const res = await merge(u, ada.id, body).expect(200);
      expect(res.body.applied).toBe(false);
      expect(res.body.merged).toEqual(augusta);
      expect(res.body.moved).toEqual({ interactions: 2, tasks: 1, referralsMade: 0, referralsRecruited: 0, applicationsRecruited: 0, interviews: 0, interviewerNotes: 0, scholarlyIdentities: 0, syncRuns: 0, syncSettings: 0, readingChecklistSettings: 0, workAttributions: 0, mockInterviews: 0 });
      expect(res.body.result).toEqual({
        ...ada,
        headline: 'Countess of Lovelace',
        organization: { id: org.id, name: 'Analytical Engine Society' },
        emails: ['ada@example.org', 'countess@lovelace.example'],
        tags: ['math', 'pioneer', 'poetry'],
        notes: 'Met at the Analytical Engine demo\n\nDaughter of Byron',
        relationshipStage: 'engaged',
        links: { linkedin: 'https://www.linkedin.com/in/ada-lovelace', orcid: 'https://orcid.org/0000-0002-1825-0097' },
        nextFollowUpAt: '2026-03-03',
        followUpCadenceDays: 30,
        lastInteractionAt: '2026-02-01T10:00:00.000Z',
      });
      expect([...res.body.conflicts].sort(byField)).toEqual([
        { field: 'familyName', kept: 'Lovelace', dropped: 'King' },
        { field: 'fullName', kept: 'Ada Lovelace', dropped: 'Augusta Ada King' },
        { field: 'givenName', kept: 'Ada', dropped: 'Augusta Ada' },
        { field: 'links.linkedin', kept: 'https://www.linkedin.com/in/ada-lovelace', dropped: 'https://www.linkedin.com/in/augusta-king' },
      ]);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('applying a merge keeps every record of both on the survivor and removes the other', async () => {
    const u = await registerUser(t);
    const { org, ada, augusta, adaCall, augustaMsgs } = await seedPair(u);
    const preview = (await merge(u, ada.id, { otherId: augusta.id }).expect(200)).body;

    const res = await merge(u, ada.id, { otherId: augusta.id, dryRun: false }).expect(200);
    expect(res.body).toMatchObject({ applied: true, moved: preview.moved, conflicts: preview.conflicts, merged: augusta });
    expect(res.body.result).toEqual({ ...preview.result, updatedAt: expect.any(String) });
    expect(Date.parse(res.body.result.updatedAt)).toBeGreaterThan(Date.parse(ada.updatedAt));
    const survivor = await getPerson(u, ada.id);
    expect(survivor).toEqual(res.body.result);
    expect(survivor).toMatchObject({
      fullName: 'Ada Lovelace',
      organization: { id: org.id },
      emails: ['ada@example.org', 'countess@lovelace.example'],
      tags: ['math', 'pioneer', 'poetry'],
      nextFollowUpAt: '2026-03-03',
      followUpCadenceDays: 30,
      createdAt: ada.createdAt,
    });

    // Interactions of both are on the survivor's timeline, newest first, with their ids kept.
    const merged = await timeline(u, ada.id);
    expect(merged.map((i) => [i.id, i.personId, i.summary])).toEqual([
      [augustaMsgs[0].id, ada.id, 'Sent the notes on Bernoulli numbers'],
      [adaCall.id, ada.id, 'Coffee chat about engines'],
      [augustaMsgs[1].id, ada.id, 'First letter'],
    ]);
    expect((await get(u, `/interactions/${augustaMsgs[1].id}`).expect(200)).body).toMatchObject({ personId: ada.id, summary: 'First letter' });
    expect(await tasks(u)).toEqual([{ title: 'Ask Augusta for an intro', personId: ada.id }]);

    // The follow-up carried over is due for the survivor, once.
    const due = (await get(u, '/follow-ups/due?by=2026-03-03').expect(200)).body;
    expect(due.items.map((i: { person: P }) => [i.person.id, i.person.fullName])).toEqual([[ada.id, 'Ada Lovelace']]);

    // The other is gone for good, and the pair is no longer a duplicate.
    expect((await get(u, `/people/${augusta.id}`).expect(404)).body.code).toBe('person.not-found');
    await get(u, `/people/${augusta.id}/interactions`).expect(404);
    expect((await get(u, '/people?deleted=include').expect(200)).body.items.map((p: P) => p.id)).toEqual([ada.id]);
    expect(await duplicates(u)).toEqual([]);
    expect(JSON.stringify((await get(u, '/export').expect(200)).body.people)).not.toContain(augusta.id);

    // Merging the removed person again is a 404.
    expect((await merge(u, ada.id, { otherId: augusta.id, dryRun: false }).expect(404)).body.message).toBe(`Person ${augusta.id} was not found`);
  });

  it('keeps organization and team consistent: a team comes along only with its organization', async () => {
    const u = await registerUser(t);
    const org = async (name: string, team: string) => {
      const o = (await post(u, '/organizations', { name }).expect(201)).body;
      return { id: o.id, name, team: (await post(u, `/organizations/${o.id}/teams`, { name: team }).expect(201)).body };
    };
    const dm = await org('DeepMind', 'Gemini');
    const oai = await org('OpenAI', 'Superalignment');
    const check = async (survivorBody: object, otherBody: object, expected: { organization: object; team: object | null }) => {
      const survivor = await person(u, { fullName: 'Jan Leike', ...survivorBody });
      const other = await person(u, { fullName: 'J. Leike', ...otherBody });
      const preview = (await merge(u, survivor.id, { otherId: other.id }).expect(200)).body.result;
      expect({ organization: preview.organization, team: preview.team }).toEqual(expected);
      await merge(u, survivor.id, { otherId: other.id, dryRun: false }).expect(200);
      expect(await getPerson(u, survivor.id)).toMatchObject(expected);
    };
    // The other's team in another organization is not carried over to the survivor's organization.
    await check({ organizationId: dm.id }, { teamId: oai.team.id }, { organization: { id: dm.id, name: 'DeepMind' }, team: null });
    // The other's team in the same organization is.
    await check({ organizationId: dm.id }, { teamId: dm.team.id }, { organization: { id: dm.id, name: 'DeepMind' }, team: { id: dm.team.id, name: 'Gemini' } });
    // With no organization of their own, the survivor takes both.
    await check({}, { teamId: oai.team.id }, { organization: { id: oai.id, name: 'OpenAI' }, team: { id: oai.team.id, name: 'Superalignment' } });
  });

  it('refuses to merge a person into themselves (409), or with an unknown, deleted or foreign person', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { fullName: 'Ada Lovelace', emails: ['ada@example.org'] });
    const grace = await person(u, { fullName: 'Grace Hopper' });
    const unknown = '6f1c2b1e-8d7a-4c1e-9b1a-3c2d4e5f6a7b';
    const before = await getPerson(u, ada.id);

    for (const dryRun of [true, false]) {
      const self = await merge(u, ada.id, { otherId: ada.id, dryRun }).expect(409);
      expect(self.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'person.merge-self', message: 'A person cannot be merged into themselves', requestId: expect.any(String) });
    }
    const other = await merge(u, ada.id, { otherId: unknown, dryRun: false }).expect(404);
    expect(other.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'person.not-found', message: `Person ${unknown} was not found`, requestId: expect.any(String) });
    expect((await merge(u, unknown, { otherId: ada.id, dryRun: false }).expect(404)).body.message).toBe(`Person ${unknown} was not found`);

    // Someone else's person is unknown too, and stays as it was.
    const stranger = await registerUser(t);
    const theirs = await person(stranger, { fullName: 'Ada Lovelace' });
    await merge(u, ada.id, { otherId: theirs.id, dryRun: false }).expect(404);
    await merge(stranger, theirs.id, { otherId: ada.id, dryRun: false }).expect(404);
    expect((await getPerson(stranger, theirs.id)).fullName).toBe('Ada Lovelace');

    // A deleted person must be restored first.
    await t.http().delete(`/people/${grace.id}`).set(u.auth).expect(204);
    expect((await merge(u, ada.id, { otherId: grace.id, dryRun: false }).expect(409)).body).toMatchObject({ code: 'person.deleted', message: `Person ${grace.id} is deleted; restore them first` });
    expect((await get(u, `/people?deleted=only`).expect(200)).body.items.map((p: P) => p.id)).toEqual([grace.id]);

    const bad = await merge(u, ada.id, { otherId: 'grace', dryRun: 'no' }).expect(400);
    expect(bad.body.details).toEqual([
      { field: 'otherId', problem: 'must be a UUID' },
      { field: 'dryRun', problem: 'must be a boolean value' },
    ]);
    expect((await merge(u, ada.id, {}).expect(400)).body.details).toEqual([{ field: 'otherId', problem: 'must be a UUID' }]);
    expect((await merge(u, 'ada', { otherId: grace.id }).expect(400)).body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    expect(await getPerson(u, ada.id)).toEqual(before);
  });
  it("keeps the merged person's decisions on works found by name, and their mock interviews, on the survivor", async () => {
    const u = await registerUser(t);
    // The same woman tracked twice, each record with its own arXiv name query.
    const ada = (await personWithIdentities(t, u, 'Ada Lovelace', [['arxiv', 'au:"Ada Lovelace"']])).personId;
    const augusta = (await personWithIdentities(t, u, 'Augusta Ada King', [['arxiv', 'au:"Augusta King"']])).personId;
    // Preprints both queries list (at her position), and one only the second lists.
    const preprint = (id: string, title: string, queries: string[]) =>
      workRecord({ source: 'arxiv', sourceId: id, arxivId: id, title, type: 'preprint', year: 2025, authors: [workAuthor(1, 'B. Babbage'), workAuthor(2, 'A. King', queries[0])] });
    const ingest = new WorksIngestService(new WorksRepository(t.db));
    const listedBy = async (id: string, title: string, queries: string[]) => {
      let workId = '';
      for (const q of queries) [workId] = (await ingest.ingest([preprint(id, title, [q])])).workIds;
      return workId;
    };
    const both = ['au:"Ada Lovelace"', 'au:"Augusta King"'];
    const onlyHers = await listedBy('2501.00001', 'Notes on the Engine', both);
    const disputed = await listedBy('2501.00002', 'Bernoulli Numbers by Machine', both);
    const hersAlone = await listedBy('2501.00003', 'A Sketch of the Engine', ['au:"Augusta King"']);
    const attributions = t.app.get(WorkAttributionsService);
    await attributions.evaluatePerson(u.id, ada);
    await attributions.evaluatePerson(u.id, augusta);
    const decide = (id: string, workId: string, decision: string) => t.http().put(`/people/${id}/work-attributions/${workId}`).set(u.auth).send({ decision }).expect(200);
    // The survivor decided one work; the duplicate decided that one otherwise, and two more.
    await decide(ada, disputed, 'rejected');
    await decide(augusta, disputed, 'accepted');
    await decide(augusta, onlyHers, 'accepted');
    await decide(augusta, hersAlone, 'rejected');
    const mock = (await post(u, '/mock-interviews', { personId: augusta, stageType: 'coding', heldAt: '2027-01-05T18:00:00Z', feedback: 'Explain the loop first' }).expect(201)).body;

    const preview = (await merge(u, ada, { otherId: augusta }).expect(200)).body;
    expect(preview.moved).toMatchObject({ workAttributions: 3, mockInterviews: 1, interactions: 1, scholarlyIdentities: 1 });
    await merge(u, ada, { otherId: augusta, dryRun: false }).expect(200);

    const decided = async (state: string) => ((await get(u, `/people/${ada}/work-attributions?state=${state}`).expect(200)).body.items as { work: { id: string } }[]).map((a) => a.work.id).sort();
    // Where both decided, the survivor's word stands; where only the duplicate did, theirs is kept.
    expect(await decided('accepted')).toEqual([onlyHers]);
    expect(await decided('rejected')).toEqual([disputed, hersAlone].sort());
    const kept = (await get(u, `/mock-interviews/${mock.id}`).expect(200)).body;
    expect(kept).toMatchObject({ personId: ada, feedback: 'Explain the loop first', interactionId: mock.interactionId });
    expect((await timeline(u, ada)).map((i) => i.id)).toContain(mock.interactionId);

    // Erasing her takes her decisions with her; the mock is the user's practice and stays, without her.
    const erased = (await post(u, `/people/${ada}/erase`, {}).expect(200)).body.erased;
    expect(erased).toMatchObject({ workAttributions: 3, mockInterviews: 1 });
    expect((await get(u, `/mock-interviews/${mock.id}`).expect(200)).body).toMatchObject({ personId: null, feedback: 'Explain the loop first' });
  });
});
