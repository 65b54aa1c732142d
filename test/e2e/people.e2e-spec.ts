import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

interface P {
  id: string;
  fullName: string;
  tags: string[];
  relationshipStage: string;
  nextFollowUpAt: string | null;
  deletedAt: string | null;
  links: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** What a user expects "same name" to mean in a sort: accents and case do not count. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('people', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const person = async (u: TestUser, body: object = {}): Promise<P> => (await post(u, '/people', { fullName: 'Ada Lovelace', ...body }).expect(201)).body;
  const list = async (u: TestUser, query = ''): Promise<{ items: P[]; total: number; limit: number; offset: number }> => (await get(u, `/people${query}`).expect(200)).body;
  const names = async (u: TestUser, query = '') => (await list(u, query)).items.map((p) => p.fullName);

  /** Pages through a list with a small limit; checks every page's envelope and returns the ids in order. */
  async function pageThrough(u: TestUser, query: string, limit: number, total: number): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; offset < total + limit; offset += limit) {
      const page = await list(u, `?${query}&limit=${limit}&offset=${offset}`);
      expect(page).toMatchObject({ total, limit, offset });
      expect(page.items).toHaveLength(Math.max(0, Math.min(limit, total - offset)));
      ids.push(...page.items.map((p) => p.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
    return ids;
  }

  it('keeps names in any script and diacritics, and searches ignoring accents and case', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Université de Montréal' }).expect(201)).body;
    // Sent decomposed (e + combining diaeresis): stored composed, as typed elsewhere.
    const zoe = await person(u, { fullName: '  Zoe\u0308   Ångström ', emails: ['Zoe.Angstrom@Example.ORG'], organizationId: org.id });
    expect(zoe).toEqual({
      id: expect.any(String),
      fullName: 'Zoë Ångström',
      givenName: 'Zoë',
      familyName: 'Ångström',
      headline: null,
      role: null,
      organization: { id: org.id, name: 'Université de Montréal' },
      team: null,
      emails: ['zoe.angstrom@example.org'],
      phones: [],
      links: {},
      tags: [],
      howWeMet: null,
      relationshipStage: 'stranger',
      notes: null,
      nextFollowUpAt: null,
      nextFollowUpReason: null,
      followUpCadenceDays: null,
      lastInteractionAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      deletedAt: null,
    });
    // The record page adds what the user asked of them and the referrals they made.
    expect((await get(u, `/people/${zoe.id}`).expect(200)).body).toEqual({ ...zoe, asks: { count: 0, lastAskedAt: null }, referrals: [] });
    const lukasz = await person(u, { fullName: 'Łukasz Kaiser' });
    expect(lukasz).toMatchObject({ fullName: 'Łukasz Kaiser', givenName: 'Łukasz', familyName: 'Kaiser' });
    expect(await person(u, { fullName: '李飞飞' })).toMatchObject({ fullName: '李飞飞', givenName: '李飞飞', familyName: null });
    expect(await person(u, { fullName: 'Søren Ørsted' })).toMatchObject({ fullName: 'Søren Ørsted' });
    await person(u, { fullName: 'Lukas Zoeller' });

    expect(await names(u, '?q=zoe%20angstrom')).toEqual(['Zoë Ångström']);
    expect(await names(u, `?q=${encodeURIComponent('ZOË ÅNGSTRÖM')}`)).toEqual(['Zoë Ångström']);
    expect(await names(u, '?q=LUKASZ')).toEqual(['Łukasz Kaiser']);
    expect(await names(u, '?q=lukas')).toEqual(['Lukas Zoeller', 'Łukasz Kaiser']);
    expect(await names(u, `?q=${encodeURIComponent('飞飞')}`)).toEqual(['李飞飞']);
    expect(await names(u, '?q=soren%20orsted')).toEqual(['Søren Ørsted']);
    // Email and organization name are searched too.
    expect(await names(u, '?q=ANGSTROM%40EXAMPLE')).toEqual(['Zoë Ångström']);
    expect(await names(u, '?q=montreal')).toEqual(['Zoë Ångström']);
    // LIKE wildcards are literal; another user finds nothing.
    expect(await names(u, '?q=%25')).toEqual([]);
    expect(await names(u, '?q=_')).toEqual([]);
    expect(await names(await registerUser(t), '?q=zoe')).toEqual([]);
  });

  it('validates and normalizes profile links, naming the bad field in a 400', async () => {
    const u = await registerUser(t);
    const url = await person(u, {
      links: { orcid: 'https://orcid.org/0000-0002-1825-0097', linkedin: 'linkedin.com/in/Zoe-Angstrom/?trk=profile', github: '@zoe-a' },
    });
    expect(url.links).toEqual({
      orcid: 'https://orcid.org/0000-0002-1825-0097',
      linkedin: 'https://www.linkedin.com/in/zoe-angstrom',
      github: 'https://github.com/zoe-a',
    });
    for (const orcid of ['0000-0002-1825-0097', '0000 0002 1825 0097', 'orcid.org/0000-0002-1825-0097']) {
      expect((await person(u, { links: { orcid } })).links).toEqual({ orcid: 'https://orcid.org/0000-0002-1825-0097' });
    }
    // An X check character is valid, and upper-cased.
    expect((await person(u, { links: { orcid: '0000-0002-1694-233x' } })).links).toEqual({ orcid: 'https://orcid.org/0000-0002-1694-233X' });

    // null removes one link and leaves the others.
    const cleared = (await patch(u, `/people/${url.id}`, { links: { github: null, x: '@zoe_a' } }).expect(200)).body;
    expect(cleared.links).toEqual({ orcid: 'https://orcid.org/0000-0002-1825-0097', linkedin: 'https://www.linkedin.com/in/zoe-angstrom', x: 'https://x.com/zoe_a' });
    expect(Date.parse(cleared.updatedAt)).toBeGreaterThan(Date.parse(url.updatedAt));
    expect(cleared.createdAt).toBe(url.createdAt);

    const before = await list(u);
    const checksum = await post(u, '/people', { fullName: 'Bad Orcid', links: { orcid: '0000-0002-1825-0098' } }).expect(400);
    expect(checksum.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'person.invalid', message: 'Invalid links.orcid', requestId: expect.any(String) });
    expect(checksum.body.details).toEqual([{ field: 'links.orcid', problem: 'ORCID iD checksum is wrong' }]);
    // Read whole: a digit too many is refused, not read as the valid iD it contains.
    for (const orcid of ['00000-0002-1825-0097', '10000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-00975']) {
      const whole = await post(u, '/people', { fullName: 'Bad Orcid', links: { orcid } }).expect(400);
      expect(whole.body.details).toEqual([{ field: 'links.orcid', problem: 'is not an ORCID iD: 16 characters in four blocks of four, the last a digit or X (expected 0000-0000-0000-0000 or https://orcid.org/0000-0000-0000-0000)' }]);
    }

    const linkedin = await post(u, '/people', { fullName: 'Bad LinkedIn', links: { linkedin: 'https://www.linkedin.com/company/openai/', orcid: 'https://example.org/0000-0002-1825-0097' } }).expect(400);
    expect(linkedin.body.details).toEqual([
      { field: 'links.linkedin', problem: "is a LinkedIn company page, not a person's profile (expected https://www.linkedin.com/in/<name>)" },
      { field: 'links.orcid', problem: 'is not an ORCID iD or orcid.org URL (expected 0000-0000-0000-0000 or https://orcid.org/0000-0000-0000-0000)' },
    ]);
    const notLinkedin = await post(u, '/people', { fullName: 'Bad LinkedIn', links: { linkedin: 'https://lnkd.example.com/in/zoe' } }).expect(400);
    expect(notLinkedin.body.details).toEqual([{ field: 'links.linkedin', problem: 'is not a LinkedIn profile URL (expected https://www.linkedin.com/in/<name>)' }]);

    const kind = await post(u, '/people', { fullName: 'Bad Kind', links: { twitter: '@zoe' }, emails: ['zoe@example.org', 'not-an-email'] }).expect(400);
    expect(kind.body.details).toEqual(
      expect.arrayContaining([
        { field: 'links.twitter', problem: 'is not a known link kind (did you mean x?)' },
        { field: 'emails.1', problem: 'is not an email address' },
      ]),
    );
    const unknown = await post(u, '/people', { fullName: 'Unknown Field', nickname: 'Zo', links: 'orcid' }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'request.invalid' });
    expect(unknown.body.details).toEqual(expect.arrayContaining([{ field: 'nickname', problem: 'is not a known field' }, { field: 'links', problem: 'must be an object' }]));
    expect((await post(u, '/people', { fullName: '   ' }).expect(400)).body.details).toEqual([{ field: 'fullName', problem: 'must not be empty' }]);

    // A rejected update changes nothing; nothing was created by the rejected posts.
    await patch(u, `/people/${url.id}`, { headline: 'Changed', links: { orcid: '0000-0002-1825-0098' } }).expect(400);
    expect((await get(u, `/people/${url.id}`).expect(200)).body).toMatchObject(cleared);
    expect((await list(u)).total).toBe(before.total);
  });

  it('filters, sorts and pages stably, also when many share the sort key', async () => {
    const u = await registerUser(t);
    const a = (await post(u, '/organizations', { name: 'Anthropic' }).expect(201)).body;
    const team = (await post(u, `/organizations/${a.id}/teams`, { name: 'Interpretability' }).expect(201)).body;
    const b = (await post(u, '/organizations', { name: 'Mila' }).expect(201)).body;
    const stages = ['stranger', 'acquainted', 'engaged', 'advocate'];
    const sameName = ['Sam Lee', 'Sam Lée', 'SAM LEE', 'sam lee', 'Sám Leé', 'Sam Lee', 'Sam Lee'];
    const people: (P & { organizationId: string | null; teamId: string | null })[] = [];
    for (let i = 0; i < 25; i++) {
      const body = {
        fullName: i < sameName.length ? sameName[i] : `Person ${String(i).padStart(2, '0')}`,
        tags: [[], ['rl'], ['rl', 'nlp']][i % 3],
        organizationId: [a.id, b.id, null, null][i % 4],
        teamId: i % 8 === 0 ? team.id : null,
        relationshipStage: stages[i % 4],
        nextFollowUpAt: i % 5 === 4 ? null : `2026-0${1 + (i % 3)}-15`,
      };
      people.push({ ...(await person(u, body)), organizationId: body.organizationId, teamId: body.teamId });
    }
    const ids = (ps: { id: string }[]) => ps.map((p) => p.id);
    const byName = [...people].sort((x, y) => cmp(fold(x.fullName), fold(y.fullName)) || byId(x, y));

    // Default: by name (accents and case folded), ties by id; every page is full and nobody repeats or goes missing.
    const paged = await pageThrough(u, 'sort=name', 4, 25);
    expect(paged).toEqual(ids(byName));
    expect(await pageThrough(u, '', 7, 25)).toEqual(ids(byName));
    expect(await pageThrough(u, 'order=desc', 6, 25)).toEqual(ids([...people].sort((x, y) => cmp(fold(y.fullName), fold(x.fullName)) || byId(x, y))));

    // By next follow-up: three dates shared by many, empty ones last in both directions.
    const due = (dir: 1 | -1) => (x: P, y: P) => (x.nextFollowUpAt === y.nextFollowUpAt ? byId(x, y) : x.nextFollowUpAt === null ? 1 : y.nextFollowUpAt === null ? -1 : dir * cmp(x.nextFollowUpAt, y.nextFollowUpAt));
    expect(await pageThrough(u, 'sort=nextFollowUpAt', 6, 25)).toEqual(ids([...people].sort(due(1))));
    expect(await pageThrough(u, 'sort=nextFollowUpAt&order=desc', 5, 25)).toEqual(ids([...people].sort(due(-1))));
    expect(await pageThrough(u, 'sort=createdAt', 10, 25)).toEqual(ids(people));
    expect(await pageThrough(u, 'sort=createdAt&order=desc', 10, 25)).toEqual(ids([...people].reverse()));

    // Recently touched people come first when sorting by update or by last interaction.
    await patch(u, `/people/${people[3].id}`, { headline: 'Edited last' }).expect(200);
    expect((await list(u, '?sort=updatedAt&order=desc&limit=1')).items.map((p) => p.id)).toEqual([people[3].id]);
    const touched = [people[20], people[5], people[11]];
    for (const [k, p] of touched.entries()) {
      await post(u, `/people/${p.id}/interactions`, { type: 'call', occurredAt: `2026-01-0${k + 1}T10:00:00Z`, summary: 'Call' }).expect(201);
    }
    const byLast = await pageThrough(u, 'sort=lastInteractionAt&order=desc', 8, 25);
    expect(byLast.slice(0, 3)).toEqual(ids([...touched].reverse()));
    expect(byLast.slice(3)).toEqual(ids(people.filter((p) => !touched.includes(p)).sort(byId)));

    // Filters: the total counts the matches, and pages hold only matches, in name order.
    const expectFilter = async (query: string, keep: (p: (typeof people)[number]) => boolean) => {
      const expected = byName.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect(await pageThrough(u, query, 3, expected.length)).toEqual(ids(expected));
    };
    await expectFilter('tag=rl', (p) => p.tags.includes('rl'));
    await expectFilter('tag=nlp', (p) => p.tags.includes('nlp'));
    await expectFilter(`organizationId=${a.id}`, (p) => p.organizationId === a.id);
    await expectFilter(`teamId=${team.id}`, (p) => p.teamId === team.id);
    await expectFilter('stage=engaged', (p) => p.relationshipStage === 'engaged');
    await expectFilter('dueBy=2026-02-15', (p) => p.nextFollowUpAt !== null && p.nextFollowUpAt <= '2026-02-15');
    await expectFilter(`tag=rl&organizationId=${b.id}&stage=acquainted`, (p) => p.tags.includes('rl') && p.organizationId === b.id && p.relationshipStage === 'acquainted');
    await expectFilter('q=sam%20lee&tag=nlp', (p) => fold(p.fullName) === 'sam lee' && p.tags.includes('nlp'));
    const today = new Date().toISOString().slice(0, 10);
    expect(ids((await list(u, '?dueBy=today&limit=200')).items)).toEqual(ids(byName.filter((p) => p.nextFollowUpAt !== null && p.nextFollowUpAt <= today)));
    expect(await list(u, '?tag=none')).toEqual({ items: [], total: 0, limit: 50, offset: 0 });

    const bad = await get(u, `/people?sort=age&order=up&stage=friend&dueBy=2026-02-30&limit=201&offset=-1&organizationId=x`).expect(400);
    expect(bad.body.code).toBe('request.invalid');
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['dueBy', 'limit', 'offset', 'order', 'organizationId', 'sort', 'stage']);
  });

  it('soft delete hides a person from lists, search and GET; restore brings them back unchanged', async () => {
    const u = await registerUser(t);
    const ada = await person(u, { fullName: 'Ada Lovelace', tags: ['math'], notes: 'First programmer' });
    const grace = await person(u, { fullName: 'Grace Hopper' });
    await t.http().delete(`/people/${ada.id}`).set(u.auth).expect(204);

    const gone = await get(u, `/people/${ada.id}`).expect(404);
    expect(gone.body).toMatchObject({ code: 'person.not-found', message: `Person ${ada.id} was not found` });
    expect(await list(u)).toMatchObject({ total: 1, items: [{ id: grace.id }] });
    expect(await names(u, '?q=ada')).toEqual([]);
    expect(await names(u, '?tag=math')).toEqual([]);
    await patch(u, `/people/${ada.id}`, { notes: 'edited while deleted' }).expect(404);

    const included = await list(u, '?deleted=include');
    expect(included.total).toBe(2);
    expect(included.items.map((p) => [p.fullName, p.deletedAt === null])).toEqual([
      ['Ada Lovelace', false],
      ['Grace Hopper', true],
    ]);
    expect(Date.parse(included.items[0].deletedAt!)).not.toBeNaN();
    const only = await list(u, '?deleted=only');
    expect(only).toMatchObject({ total: 1, items: [{ id: ada.id, fullName: 'Ada Lovelace', notes: 'First programmer' }] });

    const restored = (await post(u, `/people/${ada.id}/restore`, {}).expect(200)).body;
    expect(restored).toMatchObject({ id: ada.id, fullName: 'Ada Lovelace', tags: ['math'], notes: 'First programmer', deletedAt: null });
    expect((await get(u, `/people/${ada.id}`).expect(200)).body).toMatchObject({ notes: 'First programmer', deletedAt: null });
    expect(await names(u)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect((await list(u, '?deleted=only')).total).toBe(0);
  });

  it('erases a person for good: gone from GET, the export, and with their interactions', async () => {
    const u = await registerUser(t);
    const keep = await person(u, { fullName: 'Grace Hopper' });
    const kept = (await post(u, `/people/${keep.id}/interactions`, { type: 'call', occurredAt: '2026-01-05T10:00:00Z', summary: 'Talked about compilers' }).expect(201)).body;
    const x = await person(u, { fullName: 'Xanthippe Quorndon-Ystad', emails: ['xq@ystad.example'], notes: 'Private notes', links: { orcid: '0000-0002-1825-0097' } });
    const calls = [];
    for (const day of ['10', '11', '12']) calls.push((await post(u, `/people/${x.id}/interactions`, { type: 'email', occurredAt: `2026-01-${day}T10:00:00Z`, summary: `Wrote to Xanthippe Quorndon-Ystad (${day})` }).expect(201)).body);
    await t.db.query("INSERT INTO tasks (user_id, person_id, title) VALUES ($1, $2, 'Send Xanthippe the paper')", [u.id, x.id]);
    const exportText = async () => JSON.stringify((await get(u, '/export').expect(200)).body);
    expect(await exportText()).toContain('Quorndon-Ystad');

    const res = await post(u, `/people/${x.id}/erase`, {}).expect(200);
    expect(res.body).toEqual({ erased: { interactions: 3, tasks: 1, referralsMade: 0, referralsRecruited: 0, applicationsRecruited: 0, interviews: 0, interviewerNotes: 0, scholarlyIdentities: 0, syncRuns: 0, syncSettings: 0, readingChecklistSettings: 0, workAttributions: 0, mockInterviews: 0, people: 1, importReports: 0, briefingVersions: 0, webhookDeliveries: 0, idempotencyAnswers: 0, jobs: 0 } });

    expect((await get(u, `/people/${x.id}`).expect(404)).body.code).toBe('person.not-found');
    await get(u, `/people/${x.id}/interactions`).expect(404);
    for (const i of calls) await get(u, `/interactions/${i.id}`).expect(404);
    expect((await list(u, '?deleted=include')).items.map((p) => p.id)).toEqual([keep.id]);
    const text = await exportText();
    for (const trace of ['Quorndon', 'Xanthippe', 'xq@ystad.example', 'Private notes', x.id]) expect(text).not.toContain(trace);
    const vcard = (await get(u, '/export/vcard').expect(200)).text;
    expect(vcard).toContain('Grace Hopper');
    expect(vcard).not.toContain('Quorndon');
    expect((await t.db.query('SELECT count(*)::int AS n FROM tasks WHERE user_id = $1', [u.id]))[0].n).toBe(0);
    // Everyone else is untouched, and erasing again is a 404.
    expect((await get(u, `/interactions/${kept.id}`).expect(200)).body.summary).toBe('Talked about compilers');
    expect((await post(u, `/people/${x.id}/erase`, {}).expect(404)).body.code).toBe('person.not-found');

    // A soft-deleted person can be erased too.
    const deleted = await person(u, { fullName: 'Yorick Deleted-First' });
    await t.http().delete(`/people/${deleted.id}`).set(u.auth).expect(204);
    await post(u, `/people/${deleted.id}/erase`, {}).expect(200);
    expect(await exportText()).not.toContain('Deleted-First');
    await post(u, `/people/${deleted.id}/restore`, {}).expect(404);
  });

  it('answers 404 with the error body for an unknown id, 400 for a malformed one', async () => {
    const u = await registerUser(t);
    const unknown = '6f1c2b1e-8d7a-4c1e-9b1a-3c2d4e5f6a7b';
    const res = await get(u, `/people/${unknown}`).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'person.not-found', message: `Person ${unknown} was not found`, requestId: expect.any(String) });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
    await patch(u, `/people/${unknown}`, { notes: 'x' }).expect(404);
    await t.http().delete(`/people/${unknown}`).set(u.auth).expect(404);
    await post(u, `/people/${unknown}/restore`, {}).expect(404);
    await post(u, `/people/${unknown}/erase`, {}).expect(404);

    // Someone else's person is just as unknown.
    const theirs = await person(await registerUser(t), { fullName: 'Not Yours' });
    expect((await get(u, `/people/${theirs.id}`).expect(404)).body.message).toBe(`Person ${theirs.id} was not found`);

    for (const bad of ['not-a-uuid', '123', `${unknown}x`]) {
      const malformed = await get(u, `/people/${bad}`).expect(400);
      expect(malformed.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'request.invalid', message: 'Invalid id', details: [{ field: 'id', problem: 'must be a UUID' }], requestId: expect.any(String) });
    }
    expect((await t.http().delete('/people/nope').set(u.auth).expect(400)).body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });
});
