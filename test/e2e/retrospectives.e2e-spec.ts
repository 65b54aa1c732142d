import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * A retrospective on a stage (what went well, what did not, what to do differently) comes back in
 * the briefing of every later interview of the same kind of stage, in any application.
 */
describe('retrospectives on stages', () => {
  let t: TestApp;
  let user: TestUser;
  const ids: Record<string, string> = {};

  const post = async (url: string, body: object, status = 201) => (await t.http().post(url).set(user.auth).send(body).expect(status)).body;
  const briefing = async (interviewId: string) => {
    const queued = await post(`/interviews/${interviewId}/briefings`, {}, 202);
    const ready = await waitFor(async () => {
      const b = (await t.http().get(`/briefings/${queued.id}`).set(user.auth).expect(200)).body;
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    });
    expect(ready.status).toBe('ready');
    return { ...ready, md: (await t.http().get(`/briefings/${queued.id}/markdown`).set(user.auth).expect(200)).text } as { content: any; changes: string[]; md: string };
  };
  const interview = async (stageId: string, startsAt: string) => (await post('/interviews', { stageId, startsAt, timeZone: 'UTC', durationMinutes: 45, format: 'video' })).id as string;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    user = await registerUser(t);
    const org = await post('/organizations', { name: 'DeepMind' });
    const core = await post(`/organizations/${org.id}/teams`, { name: 'Core' });
    const applied = await post(`/organizations/${org.id}/teams`, { name: 'Applied' });
    // The first loop fails at people & culture.
    const first = await post('/applications', { organizationId: org.id, teamId: core.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', appliedOn: '2026-08-01' });
    ids.first = first.id;
    ids.culture = first.stages.find((s: { type: string }) => s.type === 'culture').id;
    ids.firstTeamLead = first.stages.find((s: { type: string }) => s.type === 'team_lead').id;
    for (let i = 0; i < 6; i++) await post(`/applications/${first.id}/moves`, { move: 'advance', at: `2026-09-0${i + 1}T12:00:00Z` }, 200);
    await post(`/applications/${first.id}/moves`, { move: 'fail', at: '2026-09-20T12:00:00Z' }, 200);
    // The reroute (team lead, then people & culture), and another lab's application with its own culture stage.
    const second = await post(`/applications/${first.id}/reroute`, { teamId: applied.id, at: '2026-09-25T09:00:00Z' });
    ids.second = second.id;
    ids.secondTeamLead = await interview(second.stages[0].id, '2027-01-10T10:00:00Z');
    ids.secondCulture = await interview(second.stages[1].id, '2027-01-20T10:00:00Z');
    const other = await post('/organizations', { name: 'Anthropic' });
    const third = await post('/applications', { organizationId: other.id, role: 'Research Engineer', builtInTemplate: 'default', appliedOn: '2026-10-01' });
    ids.third = third.id;
    ids.thirdCulture = await interview(third.stages.find((s: { type: string }) => s.type === 'culture').id, '2027-02-01T10:00:00Z');
  });
  afterAll(() => t.close());

  it('records a retrospective on a stage that took place, and refuses one on a stage not reached', async () => {
    const retro = { wentWell: 'Why this lab: clear and specific', wentBadly: 'Conflict story had no outcome', doDifferently: 'Rehearse three STAR stories with numbers' };
    const res = (await t.http().put(`/applications/${ids.first}/stages/${ids.culture}/retrospective`).set(user.auth).send(retro).expect(200)).body;
    expect(res).toMatchObject({ ...retro, application: { id: ids.first, status: 'rejected', team: { name: 'Core' } }, stage: { id: ids.culture, name: 'People & culture', type: 'culture', status: 'failed' } });
    expect((await t.http().get(`/applications/${ids.first}/stages/${ids.culture}/retrospective`).set(user.auth).expect(200)).body).toMatchObject(retro);
    expect((await t.http().get('/retrospectives?stageType=culture').set(user.auth).expect(200)).body.map((r: { id: string }) => r.id)).toEqual([res.id]);
    expect((await t.http().get('/retrospectives?stageType=coding').set(user.auth).expect(200)).body).toEqual([]);

    const third = (await t.http().get(`/applications/${ids.third}`).set(user.auth).expect(200)).body;
    const upcoming = third.stages.find((s: { status: string }) => s.status === 'upcoming');
    const refused = await t.http().put(`/applications/${ids.third}/stages/${upcoming.id}/retrospective`).set(user.auth).send(retro).expect(409);
    expect(refused.body.code).toBe('application.stage-not-reached');
    // A stage of another application is not found under this one.
    await t.http().put(`/applications/${ids.third}/stages/${ids.culture}/retrospective`).set(user.auth).send(retro).expect(404);
  });

  it('shows the lessons in the briefings of later culture interviews, in the rerouted application and at another lab, and not at other stages', async () => {
    for (const id of [ids.secondCulture, ids.thirdCulture]) {
      const b = await briefing(id);
      expect(b.content.retrospectives).toEqual([
        expect.objectContaining({
          application: { id: ids.first, role: 'Research Engineer', organization: 'DeepMind', team: 'Core' },
          stage: { name: 'People & culture', type: 'culture', status: 'failed', at: '2026-09-20T12:00:00.000Z' },
          wentBadly: 'Conflict story had no outcome',
        }),
      ]);
      expect(b.md).toContain('### What you learned at earlier culture stages');
      expect(b.md).toContain('- 20 Sept 2026: People & culture for Research Engineer at DeepMind, Core — failed');
      expect(b.md).toContain('  - Did not: Conflict story had no outcome');
      expect(b.md).toContain('  - Do differently: Rehearse three STAR stories with numbers');
    }
    const teamLead = await briefing(ids.secondTeamLead);
    expect(teamLead.content.retrospectives).toEqual([]);
    expect(teamLead.md).not.toContain('What you learned');
  });

  it('says in the next version that a lesson changed, and forgets a deleted one', async () => {
    await t.http().put(`/applications/${ids.first}/stages/${ids.culture}/retrospective`).set(user.auth).send({ doDifferently: 'Lead with the outcome' }).expect(200);
    const next = await briefing(ids.secondCulture);
    expect(next.changes).toContain('Changed lessons from an earlier stage: People & culture (Research Engineer at DeepMind).');
    expect(next.md).toContain('  - Do differently: Lead with the outcome');
    expect(next.md).not.toContain('Conflict story');
    await t.http().delete(`/applications/${ids.first}/stages/${ids.culture}/retrospective`).set(user.auth).expect(204);
    await t.http().get(`/applications/${ids.first}/stages/${ids.culture}/retrospective`).set(user.auth).expect(404);
    expect((await briefing(ids.secondCulture)).content.retrospectives).toEqual([]);
  });
});
