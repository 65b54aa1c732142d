import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

describe('organizations and teams', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);

  it('creates an organization with its research notes, a normalized website and no teams yet', async () => {
    const res = await post(user, '/organizations', {
      name: '  Google   DeepMind ',
      website: 'deepmind.google',
      description: 'Frontier lab',
      researchNotes: 'Mission: solve intelligence. Read the Genie and Gemini reports.',
      tags: ['frontier', ' london ', 'frontier', ''],
    }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Google DeepMind',
      aliases: [],
      website: 'https://deepmind.google/',
      description: 'Frontier lab',
      researchNotes: 'Mission: solve intelligence. Read the Genie and Gemini reports.',
      tags: ['frontier', 'london'],
      teams: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.http().get(`/organizations/${res.body.id}`).set(user.auth).expect(200)).body).toEqual(res.body);
  });

  it('refuses a second organization whose name differs only by accents, case or spacing (409)', async () => {
    const u = await registerUser(t);
    await post(u, '/organizations', { name: 'Zoë Ünal Lab' }).expect(201);
    for (const name of ['zoe unal lab', 'ZOË  ÜNAL LAB', 'Zoe Unal Lab']) {
      const res = await post(u, '/organizations', { name }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'organization.name-taken', message: `An organization named "${name.trim()}" already exists` });
    }
    // Names are private to each user: someone else may use the same one.
    await post(await registerUser(t), '/organizations', { name: 'Zoë Ünal Lab' }).expect(201);
  });

  it('refuses renaming onto another organization’s name, but allows changing the case of its own', async () => {
    const u = await registerUser(t);
    await post(u, '/organizations', { name: 'OpenAI' }).expect(201);
    const ai2 = (await post(u, '/organizations', { name: 'AI2' }).expect(201)).body;
    const res = await patch(u, `/organizations/${ai2.id}`, { name: 'openai' }).expect(409);
    expect(res.body.code).toBe('organization.name-taken');
    expect((await t.http().get(`/organizations/${ai2.id}`).set(u.auth).expect(200)).body.name).toBe('AI2');

    const renamed = await patch(u, `/organizations/${ai2.id}`, { name: 'ai2' }).expect(200);
    expect(renamed.body.name).toBe('ai2');
  });

  it('updates only the fields given and clears a field set to null', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'FAIR', website: 'https://ai.meta.com/research', description: 'Meta AI research', tags: ['open-source'] }).expect(201)).body;
    const res = await patch(u, `/organizations/${org.id}`, { researchNotes: 'Publishes everything; PyTorch roots.', website: null }).expect(200);
    expect(res.body).toMatchObject({ name: 'FAIR', website: null, description: 'Meta AI research', tags: ['open-source'], researchNotes: 'Publishes everything; PyTorch roots.' });
  });

  it('lists by name with teams, and searches ignoring accents and case', async () => {
    const u = await registerUser(t);
    const names = ['Mila', 'Anthropic', 'Équipe Université de Montréal', 'AI2'];
    for (const name of names) await post(u, '/organizations', { name }).expect(201);
    const mila = (await t.http().get('/organizations?q=mila').set(u.auth).expect(200)).body.items;
    expect(mila.map((o: { name: string }) => o.name)).toEqual(['Mila']);
    await post(u, `/organizations/${mila[0].id}/teams`, { name: 'Robotics' }).expect(201);
    await post(u, `/organizations/${mila[0].id}/teams`, { name: 'Alignment' }).expect(201);

    const all = (await t.http().get('/organizations').set(u.auth).expect(200)).body.items;
    expect(all.map((o: { name: string }) => o.name)).toEqual(['AI2', 'Anthropic', 'Équipe Université de Montréal', 'Mila']);
    expect(all[3].teams.map((team: { name: string }) => team.name)).toEqual(['Alignment', 'Robotics']);

    const search = (await t.http().get('/organizations?q=UNIVERSITE%20DE%20MONTREAL').set(u.auth).expect(200)).body.items;
    expect(search.map((o: { name: string }) => o.name)).toEqual(['Équipe Université de Montréal']);
    // LIKE wildcards in the query are literal text.
    expect((await t.http().get('/organizations?q=%25').set(u.auth).expect(200)).body.items).toEqual([]);
  });

  it('pages through organizations with their teams, no repeats, and filters by tag', async () => {
    const u = await registerUser(t);
    for (let i = 0; i < 7; i++) {
      const org = (await post(u, '/organizations', { name: `Lab ${i}`, tags: i % 2 ? ['frontier'] : [] }).expect(201)).body;
      // Teams multiply the joined rows; a page must still hold `limit` organizations.
      for (const team of ['Core', 'Applied', 'Infra']) await post(u, `/organizations/${org.id}/teams`, { name: team }).expect(201);
    }
    const seen: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      const page = (await t.http().get(`/organizations?limit=3&offset=${offset}`).set(u.auth).expect(200)).body;
      expect(page).toMatchObject({ total: 7, limit: 3, offset });
      for (const org of page.items) expect(org.teams).toHaveLength(3);
      seen.push(...page.items.map((o: { name: string }) => o.name));
    }
    expect(seen).toEqual(['Lab 0', 'Lab 1', 'Lab 2', 'Lab 3', 'Lab 4', 'Lab 5', 'Lab 6']);
    const frontier = (await t.http().get('/organizations?tag=frontier').set(u.auth).expect(200)).body;
    expect(frontier.items.map((o: { name: string }) => o.name)).toEqual(['Lab 1', 'Lab 3', 'Lab 5']);
    const bad = await t.http().get('/organizations?limit=0').set(u.auth).expect(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' })]));
  });

  it('manages teams: create, rename, 409 on a duplicate within the organization, delete', async () => {
    const u = await registerUser(t);
    const dm = (await post(u, '/organizations', { name: 'DeepMind' }).expect(201)).body;
    const other = (await post(u, '/organizations', { name: 'OpenAI' }).expect(201)).body;
    const core = await post(u, `/organizations/${dm.id}/teams`, { name: 'Core', researchNotes: 'Long loop: quiz ×2, coding, team lead, senior lead' }).expect(201);
    expect(core.body).toEqual({
      id: expect.any(String),
      organizationId: dm.id,
      name: 'Core',
      description: null,
      researchNotes: 'Long loop: quiz ×2, coding, team lead, senior lead',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const dup = await post(u, `/organizations/${dm.id}/teams`, { name: 'CORE' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'team.name-taken', message: 'This organization already has a team named "CORE"' });
    // Another organization may have a team of the same name.
    await post(u, `/organizations/${other.id}/teams`, { name: 'Core' }).expect(201);

    const applied = (await post(u, `/organizations/${dm.id}/teams`, { name: 'Applied' }).expect(201)).body;
    expect((await patch(u, `/organizations/${dm.id}/teams/${applied.id}`, { name: 'core' }).expect(409)).body.code).toBe('team.name-taken');
    const renamed = await patch(u, `/organizations/${dm.id}/teams/${applied.id}`, { name: 'Applied / Incubation', description: 'Shorter loop' }).expect(200);
    expect(renamed.body).toMatchObject({ id: applied.id, name: 'Applied / Incubation', description: 'Shorter loop', researchNotes: null });

    const org = (await t.http().get(`/organizations/${dm.id}`).set(u.auth).expect(200)).body;
    expect(org.teams.map((team: { name: string }) => team.name)).toEqual(['Applied / Incubation', 'Core']);

    // A team is addressed through its own organization only.
    await patch(u, `/organizations/${other.id}/teams/${applied.id}`, { name: 'Moved' }).expect(404);
    await t.http().delete(`/organizations/${other.id}/teams/${applied.id}`).set(u.auth).expect(404);

    await t.http().delete(`/organizations/${dm.id}/teams/${applied.id}`).set(u.auth).expect(204);
    await t.http().delete(`/organizations/${dm.id}/teams/${applied.id}`).set(u.auth).expect(404);
    expect((await t.http().get(`/organizations/${dm.id}`).set(u.auth).expect(200)).body.teams.map((team: { name: string }) => team.name)).toEqual(['Core']);
  });

  it('deletes an organization with its teams; its people stay, without organization and team', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Short-lived Lab' }).expect(201)).body;
    const team = (await post(u, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201)).body;
    const person = (await post(u, '/people', { fullName: 'Ada Lovelace', organizationId: org.id, teamId: team.id }).expect(201)).body;
    expect(person.organization).toEqual({ id: org.id, name: 'Short-lived Lab' });

    await t.http().delete(`/organizations/${org.id}`).set(u.auth).expect(204);
    await t.http().get(`/organizations/${org.id}`).set(u.auth).expect(404);
    await t.http().delete(`/organizations/${org.id}`).set(u.auth).expect(404);
    const after = (await t.http().get(`/people/${person.id}`).set(u.auth).expect(200)).body;
    expect(after).toMatchObject({ fullName: 'Ada Lovelace', organization: null, team: null });
  });

  it('names every bad field in a 400', async () => {
    const missing = await post(user, '/organizations', { website: 'ftp://lab.example.org', tags: 'ml', color: 'blue' }).expect(400);
    expect(missing.body).toMatchObject({ statusCode: 400, code: 'request.invalid' });
    expect(missing.body.details).toEqual(
      expect.arrayContaining([
        { field: 'name', problem: 'must be a string' },
        { field: 'tags', problem: 'must be an array' },
        { field: 'color', problem: 'is not a known field' },
      ]),
    );

    const blank = await post(user, '/organizations', { name: ' \u200B ' }).expect(400);
    expect(blank.body).toMatchObject({ code: 'organization.invalid', details: [{ field: 'name', problem: 'must not be blank' }] });

    const website = await post(user, '/organizations', { name: 'Website Lab', website: 'ftp://lab.example.org' }).expect(400);
    expect(website.body.details).toEqual([{ field: 'website', problem: 'must be an http or https URL, not ftp:' }]);

    const org = (await post(user, '/organizations', { name: 'Valid Lab' }).expect(201)).body;
    const nullName = await patch(user, `/organizations/${org.id}`, { name: null }).expect(400);
    expect(nullName.body.details).toEqual([{ field: 'name', problem: 'must not be null' }]);
    const team = await post(user, `/organizations/${org.id}/teams`, { name: '' }).expect(400);
    expect(team.body.details).toEqual([{ field: 'name', problem: 'must be longer than or equal to 1 characters' }]);

    const badId = await t.http().get('/organizations/not-a-uuid').set(user.auth).expect(400);
    expect(badId.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    const badTeamId = await patch(user, `/organizations/${org.id}/teams/42`, { name: 'x' }).expect(400);
    expect(badTeamId.body.details).toEqual([{ field: 'teamId', problem: 'must be a UUID' }]);
  });

  it("answers 404 for another user's organization and team, and changes nothing", async () => {
    const owner = await registerUser(t);
    const stranger = await registerUser(t);
    const org = (await post(owner, '/organizations', { name: 'Private Lab', researchNotes: 'mine' }).expect(201)).body;
    const team = (await post(owner, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201)).body;

    const res = await t.http().get(`/organizations/${org.id}`).set(stranger.auth).expect(404);
    expect(res.body).toMatchObject({ code: 'organization.not-found', message: `Organization ${org.id} was not found` });
    await patch(stranger, `/organizations/${org.id}`, { researchNotes: 'stolen' }).expect(404);
    await post(stranger, `/organizations/${org.id}/teams`, { name: 'Intruders' }).expect(404);
    await patch(stranger, `/organizations/${org.id}/teams/${team.id}`, { name: 'Renamed' }).expect(404);
    await t.http().delete(`/organizations/${org.id}/teams/${team.id}`).set(stranger.auth).expect(404);
    await t.http().delete(`/organizations/${org.id}`).set(stranger.auth).expect(404);
    expect((await t.http().get('/organizations').set(stranger.auth).expect(200)).body.total).toBe(0);

    const after = (await t.http().get(`/organizations/${org.id}`).set(owner.auth).expect(200)).body;
    expect(after).toMatchObject({ name: 'Private Lab', researchNotes: 'mine', teams: [{ id: team.id, name: 'Core' }] });
  });
});
