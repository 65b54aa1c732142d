import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

describe('applications: loops, moves and reroutes', () => {
  let t: TestApp;
  let user: TestUser;
  let lab: { id: string; teams: { id: string; name: string }[] };
  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    const org = (await post(user, '/organizations', { name: 'Frontier Lab' }).expect(201)).body;
    await post(user, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201);
    await post(user, `/organizations/${org.id}/teams`, { name: 'Applied' }).expect(201);
    lab = (await t.http().get(`/organizations/${org.id}`).set(user.auth).expect(200)).body;
  });
  afterAll(() => t.close());

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const team = (name: string) => lab.teams.find((x) => x.name === name)!.id;
  const apply = (body: object = {}) => post(user, '/applications', { organizationId: lab.id, teamId: team('Core'), role: 'Research Engineer', builtInTemplate: 'research-engineer', ...body });
  const move = (id: string, move: string, extra: object = {}) => post(user, `/applications/${id}/moves`, { move, ...extra });

  it("copies the research lab's seven-stage loop and enters the recruiter chat", async () => {
    const res = await apply({ source: 'referral', appliedOn: '2026-03-02' }).expect(201);
    expect(res.body.stages.map((s: { name: string; type: string; status: string }) => [s.name, s.type, s.status])).toEqual([
      ['Recruiter chat', 'recruiter', 'current'],
      ['Quiz: maths, statistics, CS and ML', 'quiz', 'upcoming'],
      ['Second quiz', 'quiz', 'upcoming'],
      ['Coding interview', 'coding', 'upcoming'],
      ['Team lead interview', 'team_lead', 'upcoming'],
      ['Senior team lead interview', 'senior_lead', 'upcoming'],
      ['People & culture', 'culture', 'upcoming'],
    ]);
    expect(res.body).toMatchObject({ status: 'active', source: 'referral', appliedOn: '2026-03-02', organization: { id: lab.id, name: 'Frontier Lab' }, team: { name: 'Core' }, currentStage: { name: 'Recruiter chat' } });
    expect(res.body.allowedMoves.sort()).toEqual(['advance', 'fail', 'pass', 'withdraw']);
    expect(res.body.history).toEqual([expect.objectContaining({ move: 'apply', fromStatus: null, toStatus: 'active', toStage: 'Recruiter chat', actorId: user.id })]);
  });

  it('moves through the stages, records every move with its note and time, and refuses illegal moves with 409 and the allowed ones', async () => {
    const { id } = (await apply({ appliedOn: '2026-03-02' })).body;
    await move(id, 'pass', { at: '2026-03-05T10:00:00Z', note: 'Friendly chat' }).expect(200);
    const quiz = (await move(id, 'advance', { at: '2026-03-06T09:00:00Z' }).expect(200)).body;
    expect(quiz.currentStage).toMatchObject({ name: 'Quiz: maths, statistics, CS and ML', status: 'current', enteredAt: '2026-03-06T09:00:00.000Z' });

    const refused = await move(id, 'accept').expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'application.illegal-move', status: 'active', currentStage: 'Quiz: maths, statistics, CS and ML' });
    expect(refused.body.allowedMoves.sort()).toEqual(['advance', 'fail', 'pass', 'withdraw']);

    const backdated = await move(id, 'pass', { at: '2026-03-01T00:00:00Z' }).expect(400);
    expect(backdated.body.details).toEqual([{ field: 'at', problem: expect.stringContaining('before the previous move') }]);

    const after = (await t.http().get(`/applications/${id}`).set(user.auth).expect(200)).body;
    expect(after.history.map((m: { move: string; fromStage: string | null; toStage: string; note: string | null }) => [m.move, m.fromStage, m.toStage, m.note])).toEqual([
      ['apply', null, 'Recruiter chat', null],
      ['pass', 'Recruiter chat', 'Recruiter chat', 'Friendly chat'],
      ['advance', 'Recruiter chat', 'Quiz: maths, statistics, CS and ML', null],
    ]);
    expect(after.stages[0]).toMatchObject({ status: 'passed', leftAt: '2026-03-05T10:00:00.000Z' });
  });

  it('an offer skips the stages not run; accepting closes the loop and nothing moves after', async () => {
    const { id } = (await apply({ builtInTemplate: 'default' })).body;
    await move(id, 'advance').expect(200);
    await move(id, 'pass').expect(200);
    const offer = (await move(id, 'offer').expect(200)).body;
    expect(offer.status).toBe('offer');
    expect(offer.stages.map((s: { status: string }) => s.status)).toEqual(['passed', 'passed', 'skipped', 'skipped']);
    const accepted = (await move(id, 'accept', { note: 'Signed' }).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'accepted', allowedMoves: [] });
    expect(accepted.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await move(id, 'withdraw').expect(409)).body.allowedMoves).toEqual([]);
  });

  it('reroutes a failed application to another team: a linked application with a short loop, both histories showing the link', async () => {
    const { id } = (await apply()).body;
    await move(id, 'advance').expect(200);
    await move(id, 'fail', { note: 'Quiz below the bar for Core' }).expect(200);

    const sameTeam = await post(user, `/applications/${id}/reroute`, { teamId: team('Core') }).expect(400);
    expect(sameTeam.body.details[0].field).toBe('teamId');

    const rerouted = (await post(user, `/applications/${id}/reroute`, { teamId: team('Applied'), note: 'Recruiter suggested Applied' }).expect(201)).body;
    expect(rerouted).toMatchObject({ status: 'active', team: { name: 'Applied' }, role: 'Research Engineer', reroutedFrom: { id, status: 'rejected', team: { name: 'Core' } } });
    expect(rerouted.stages.map((s: { name: string }) => s.name)).toEqual(['Team lead interview', 'People & culture']);
    const original = (await t.http().get(`/applications/${id}`).set(user.auth).expect(200)).body;
    expect(original.reroutedTo).toEqual([expect.objectContaining({ id: rerouted.id, team: { id: team('Applied'), name: 'Applied' } })]);
    // Both pages tell the whole story, in order.
    for (const page of [original, rerouted]) {
      expect(page.history.map((m: { applicationId: string; move: string }) => [m.applicationId === id ? 'core' : 'applied', m.move])).toEqual([
        ['core', 'apply'],
        ['core', 'advance'],
        ['core', 'fail'],
        ['core', 'reroute'],
        ['applied', 'reroute'],
      ]);
    }
    // Only a failed application can be rerouted.
    const res = await post(user, `/applications/${rerouted.id}/reroute`, { teamId: team('Core') }).expect(409);
    expect(res.body.allowedMoves.sort()).toEqual(['advance', 'fail', 'pass', 'withdraw']);
    // And only once to the same team: a second click finds the first one's application.
    const twice = await post(user, `/applications/${id}/reroute`, { teamId: team('Applied') }).expect(409);
    expect(twice.body).toMatchObject({ code: 'application.already-rerouted', applicationId: rerouted.id });
    expect((await t.http().get(`/applications/${id}`).set(user.auth).expect(200)).body.reroutedTo).toHaveLength(1);
  });

  it('applies a move made from the stage the user saw once: a double click or a second tab gets 409 and changes nothing', async () => {
    const app = (await apply()).body;
    const from = app.currentStage.id as string;
    const answers = await Promise.all([1, 2, 3].map(() => move(app.id, 'advance', { fromStageId: from })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const stale = answers.find((r) => r.status === 409)!;
    expect(stale.body).toMatchObject({ code: 'application.stale-move', currentStage: 'Quiz: maths, statistics, CS and ML', currentStageId: expect.any(String) });
    const after = (await t.http().get(`/applications/${app.id}`).set(user.auth).expect(200)).body;
    expect(after.currentStage.name).toBe('Quiz: maths, statistics, CS and ML');
    expect(after.history.map((m: { move: string }) => m.move)).toEqual(['apply', 'advance']);
    // From the stage it is at now, the move goes through.
    await move(app.id, 'advance', { fromStageId: stale.body.currentStageId }).expect(200);
    await move(app.id, 'pass', { fromStageId: 'not-a-stage' }).expect(400);
  });

  it('says, when refusing a stale move, whether its stage was left or never entered; a stage of another application is bad input', async () => {
    const app = (await apply()).body;
    const [chat, quiz, , coding] = app.stages as { id: string; name: string }[];
    await move(app.id, 'advance').expect(200);
    const left = (await move(app.id, 'fail', { fromStageId: chat.id }).expect(409)).body;
    expect(left).toMatchObject({
      code: 'application.stale-move',
      message: 'Not applied: fail was asked from "Recruiter chat", a stage the application has left; it is at "Quiz: maths, statistics, CS and ML" now',
      fromStage: { id: chat.id, name: 'Recruiter chat', entered: true },
      currentStageId: quiz.id,
    });
    const ahead = (await move(app.id, 'pass', { fromStageId: coding.id }).expect(409)).body;
    expect(ahead).toMatchObject({
      code: 'application.stale-move',
      message: 'Not applied: pass was asked from "Coding interview", a stage the application has not entered; it is at "Quiz: maths, statistics, CS and ML" now',
      fromStage: { id: coding.id, name: 'Coding interview', entered: false },
    });
    const other = (await apply()).body;
    const foreign = (await move(app.id, 'pass', { fromStageId: other.stages[0].id }).expect(400)).body;
    expect(foreign.details).toEqual([{ field: 'fromStageId', problem: 'must be a stage of this application' }]);
    expect((await t.http().get(`/applications/${app.id}`).set(user.auth).expect(200)).body.history.map((m: { move: string }) => m.move)).toEqual(['apply', 'advance']);
  });

  it('keeps its own copy of the stages when the template is edited later', async () => {
    const template = (await post(user, '/stage-templates', { fromBuiltIn: 'research-engineer', organizationId: lab.id, name: 'Frontier RE loop' }).expect(201)).body;
    const app = (await apply({ builtInTemplate: undefined })).body;
    expect(app).toMatchObject({ templateId: template.id, templateName: 'Frontier RE loop' });
    await t.http().patch(`/stage-templates/${template.id}`).set(user.auth).send({ stages: [{ name: 'One call', type: 'recruiter' }] }).expect(200);
    const again = (await t.http().get(`/applications/${app.id}`).set(user.auth).expect(200)).body;
    expect(again.stages).toHaveLength(7);
    expect((await apply({ builtInTemplate: undefined })).body.stages.map((s: { name: string }) => s.name)).toEqual(['One call']);
  });

  it('names the wrong fields: unknown move, bad dates, foreign team, unknown fields', async () => {
    const { id } = (await apply()).body;
    const bad = await move(id, 'promote', { at: 'yesterday', extra: 1 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['at', 'extra', 'move']);
    const other = (await post(user, '/organizations', { name: 'Other Lab' }).expect(201)).body;
    const foreign = (await post(user, `/organizations/${other.id}/teams`, { name: 'X' }).expect(201)).body;
    await post(user, '/applications', { organizationId: lab.id, teamId: foreign.id, role: 'RE' }).expect(409);
    await post(user, '/applications', { organizationId: lab.id, role: 'RE', builtInTemplate: 'nope' }).expect(400);
  });
});
