import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/** Résumé projects: the projects to be ready to discuss in depth, with their talking points. */
describe('résumé projects', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;

  const TRAINER = {
    title: '  Distributed RL trainer ',
    summary: 'A trainer for PPO across 64 GPUs.',
    role: 'Lead engineer',
    periodFrom: '2023-09',
    periodTo: '2024-06',
    tags: ['PyTorch', ' pytorch ', 'Ray', '', 'distributed training'],
    links: [{ url: 'https://github.com/example/trainer', label: 'Code' }, { url: 'https://example.org/post' }],
    talkingPoints: ['Why data parallelism over pipelining', ' The bug that cost a week ', 'What I would do differently'],
    stageTypes: ['research', 'team_lead', 'research'],
  };

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(() => t.close());

  const create = async (who: TestUser, body: object): Promise<any> => (await t.http().post('/resume-projects').set(who.auth).send(body).expect(201)).body;
  const list = async (who: TestUser, query = ''): Promise<any> => (await t.http().get(`/resume-projects${query}`).set(who.auth).expect(200)).body;

  it('keeps a project with its period, tags, links, talking points in order and stage types, tidied', async () => {
    const project = await create(user, TRAINER);
    expect(project).toEqual({
      id: expect.any(String),
      title: 'Distributed RL trainer',
      summary: 'A trainer for PPO across 64 GPUs.',
      role: 'Lead engineer',
      periodFrom: '2023-09',
      periodTo: '2024-06',
      tags: ['PyTorch', 'Ray', 'distributed training'],
      links: [
        { url: 'https://github.com/example/trainer', label: 'Code' },
        { url: 'https://example.org/post', label: null },
      ],
      talkingPoints: ['Why data parallelism over pipelining', 'The bug that cost a week', 'What I would do differently'],
      stageTypes: ['research', 'team_lead'],
      position: expect.any(Number),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.http().get(`/resume-projects/${project.id}`).set(user.auth).expect(200)).body).toEqual(project);
    await t.http().delete(`/resume-projects/${project.id}`).set(user.auth).expect(204);
    await t.http().get(`/resume-projects/${project.id}`).set(user.auth).expect(404);
  });

  it('lists in the order the user sets, new ones last, ties oldest first; filters by stage type', async () => {
    const owner = await registerUser(t);
    const a = await create(owner, { title: 'A', stageTypes: ['coding'] });
    const b = await create(owner, { title: 'B' });
    const c = await create(owner, { title: 'C', stageTypes: ['team_lead', 'culture'] });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    expect((await list(owner)).items.map((p: { title: string }) => p.title)).toEqual(['A', 'B', 'C']);

    await t.http().patch(`/resume-projects/${c.id}`).set(owner.auth).send({ position: 0 }).expect(200);
    // C and A share position 0: the older (A) first.
    expect((await list(owner)).items.map((p: { title: string }) => p.title)).toEqual(['A', 'C', 'B']);
    const page = await list(owner, '?limit=2&offset=1');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.items.map((p: { title: string }) => p.title)).toEqual(['C', 'B']);

    // Relevant to a team-lead chat: those naming it, and those naming no stage type.
    expect((await list(owner, '?stageType=team_lead')).items.map((p: { title: string }) => p.title)).toEqual(['C', 'B']);
    expect((await list(owner, '?stageType=coding')).items.map((p: { title: string }) => p.title)).toEqual(['A', 'B']);
  });

  it('edits field by field; lists are replaced whole and null clears', async () => {
    const project = await create(user, TRAINER);
    const edited = (
      await t
        .http()
        .patch(`/resume-projects/${project.id}`)
        .set(user.auth)
        .send({ talkingPoints: ['Only this one now'], periodTo: null, summary: null, tags: ['JAX'] })
        .expect(200)
    ).body;
    expect(edited).toMatchObject({ title: 'Distributed RL trainer', role: 'Lead engineer', summary: null, periodFrom: '2023-09', periodTo: null, talkingPoints: ['Only this one now'], tags: ['JAX'], links: project.links });
    expect((await t.http().get(`/resume-projects/${project.id}`).set(user.auth).expect(200)).body).toEqual(edited);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const fields = async (body: object, method: 'post' | 'patch' = 'post', id = ''): Promise<string[]> => {
      const res = await t.http()[method](`/resume-projects${id}`).set(user.auth).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
      return [...new Set((res.body.details as { field: string }[]).map((d) => d.field))].sort();
    };
    expect(await fields({})).toEqual(['title']);
    expect(await fields({ title: '   ' })).toEqual(['title']);
    expect(await fields({ title: 'x', periodFrom: '2024-13', periodTo: '2024' })).toEqual(['periodFrom', 'periodTo']);
    expect(await fields({ title: 'x', periodFrom: '2024-05', periodTo: '2024-04' })).toEqual(['periodTo']);
    expect(await fields({ title: 'x', periodTo: '2024-04' })).toEqual(['periodTo']);
    expect(await fields({ title: 'x', links: [{ url: 'javascript:alert(1)' }, { url: 'not a url' }, { url: 'https://ok.example', extra: 1 }] })).toEqual(['links.0.url', 'links.1.url', 'links.2.extra']);
    expect(await fields({ title: 'x', stageTypes: ['coding', 'interview'] })).toEqual(['stageTypes']);
    expect(await fields({ title: 'x', talkingPoints: ['fine', '  '] })).toEqual(['talkingPoints.1']);
    expect(await fields({ title: 'x', tags: 'PyTorch', position: -1, owner: 'me' })).toEqual(['owner', 'position', 'tags']);

    // A one-ended edit is checked against the stored other end.
    const project = await create(user, { title: 'Period', periodFrom: '2024-05' });
    expect(await fields({ periodTo: '2024-01' }, 'patch', `/${project.id}`)).toEqual(['periodTo']);
    expect(await fields({ title: '' }, 'patch', `/${project.id}`)).toEqual(['title']);
    await t.http().get('/resume-projects/not-a-uuid').set(user.auth).expect(400);
  });

  it("is the user's own: another user gets 404 and sees none", async () => {
    const project = await create(user, { title: 'Private project' });
    await t.http().get(`/resume-projects/${project.id}`).set(stranger.auth).expect(404);
    await t.http().patch(`/resume-projects/${project.id}`).set(stranger.auth).send({ title: 'Stolen' }).expect(404);
    await t.http().delete(`/resume-projects/${project.id}`).set(stranger.auth).expect(404);
    expect((await list(stranger)).total).toBe(0);
    expect((await t.http().get(`/resume-projects/${project.id}`).set(user.auth).expect(200)).body.title).toBe('Private project');
  });

  it('goes through the account export and import unchanged, in order', async () => {
    const source = await registerUser(t);
    await create(source, { ...TRAINER, position: 3 });
    await create(source, { title: 'Second', position: 1, talkingPoints: ['First point', 'Second point'] });
    const exported = (await t.http().get('/export').set(source.auth).expect(200)).body;
    expect(exported.resumeProjects.map((p: { title: string }) => p.title)).toEqual(['Second', 'Distributed RL trainer']);

    const target = await registerUser(t);
    const imported = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(201);
    expect(imported.body.report).toMatchObject({ created: 2, skipped: 0 });
    const reexported = (await t.http().get('/export').set(target.auth).expect(200)).body;
    const withoutIds = (ps: { id: string }[]): unknown[] => ps.map(({ id: _id, ...rest }) => rest);
    expect(withoutIds(reexported.resumeProjects)).toEqual(withoutIds(exported.resumeProjects));
    expect(reexported.resumeProjects.map((p: { id: string }) => p.id)).not.toContain(exported.resumeProjects[0].id);
    expect((await list(target)).items.map((p: { title: string }) => p.title)).toEqual(['Second', 'Distributed RL trainer']);

    // An account holding résumé projects is not empty: importing into it again is refused.
    const again = await t.http().post('/imports/dossier').set(target.auth).send(exported).expect(409);
    expect(again.body.code).toBe('import.account-not-empty');

    // A document's bad project is named.
    const bad = { ...exported, resumeProjects: [{ ...exported.resumeProjects[0], links: [{ url: 'ftp://x', label: null }], stageTypes: ['lunch'] }] };
    const refused = await t.http().post('/imports/dossier').set((await registerUser(t)).auth).send(bad).expect(400);
    expect([...new Set(refused.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['resumeProjects.0.links.0.url', 'resumeProjects.0.stageTypes']);
  });
});
