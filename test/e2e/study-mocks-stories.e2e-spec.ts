import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Mock interviews with people of the network (an ask on their timeline, questions into the bank,
 * a score per topic) and behavioural stories (STAR, résumé projects, which competencies lack one).
 */
describe('mock interviews and behavioural stories', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(() => t.close());

  it('records a mock with a friend as an ask on their timeline, puts new questions in the bank, and keeps feedback and scores', async () => {
    const friend = (await t.http().post('/people').set(user.auth).send({ fullName: 'Priya Interviewer' }).expect(201)).body;
    const org = (await t.http().post('/organizations').set(user.auth).send({ name: 'Mock Lab' }).expect(201)).body;
    const banked = (await t.http().post('/questions').set(user.auth).send({ text: 'Two-sum in O(n)', stageType: 'coding' }).expect(201)).body;
    const mock = (
      await t
        .http()
        .post('/mock-interviews')
        .set(user.auth)
        .send({
          personId: friend.id,
          stageType: 'coding',
          organizationId: org.id,
          heldAt: '2027-03-05T18:00:00+01:00',
          feedback: ' Talk through the brute force first ',
          scores: [{ topic: 'arrays', score: 4 }, { topic: 'dynamic programming', score: 2 }, { topic: 'Arrays', score: 5 }],
          questionIds: [banked.id],
          newQuestions: [{ text: 'Design an LRU cache', topic: 'design' }],
        })
        .expect(201)
    ).body;
    expect(mock).toEqual(
      expect.objectContaining({
        personId: friend.id,
        stageType: 'coding',
        organizationId: org.id,
        heldAt: '2027-03-05T17:00:00.000Z',
        feedback: 'Talk through the brute force first',
        scores: [
          { topic: 'Arrays', score: 5 },
          { topic: 'dynamic programming', score: 2 },
        ],
        interactionId: expect.any(String),
      }),
    );
    expect(mock.questions.map((q: { text: string; source: string }) => [q.text, q.source])).toEqual([
      ['Two-sum in O(n)', 'other'],
      ['Design an LRU cache', 'mock'],
    ]);
    // The new question is in the bank for the lab and the stage type, due for practice.
    const added = (await t.http().get(`/questions?source=mock&organizationId=${org.id}`).set(user.auth).expect(200)).body.items;
    expect(added.map((q: { text: string; stageType: string }) => [q.text, q.stageType])).toEqual([['Design an LRU cache', 'coding']]);
    // On the friend's timeline as an ask.
    const timeline = (await t.http().get(`/people/${friend.id}/interactions`).set(user.auth).expect(200)).body.items;
    expect(timeline).toEqual([expect.objectContaining({ id: mock.interactionId, type: 'call', summary: 'Mock coding interview', asked: 'A mock interview', occurredAt: '2027-03-05T17:00:00.000Z' })]);
    expect((await t.http().get(`/people/${friend.id}`).set(user.auth).expect(200)).body.asks.count).toBe(1);

    const scored = (await t.http().patch(`/mock-interviews/${mock.id}`).set(user.auth).send({ scores: [{ topic: 'dynamic programming', score: 3 }] }).expect(200)).body;
    expect([scored.scores, scored.feedback, scored.questions.length]).toEqual([[{ topic: 'dynamic programming', score: 3 }], 'Talk through the brute force first', 2]);
    expect((await t.http().get('/mock-interviews?stageType=coding').set(user.auth).expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual([mock.id]);
    expect((await t.http().get('/mock-interviews?stageType=culture').set(user.auth).expect(200)).body.total).toBe(0);

    // Deleting the mock takes it off the timeline; its questions stay in the bank.
    await t.http().delete(`/mock-interviews/${mock.id}`).set(user.auth).expect(204);
    expect((await t.http().get(`/people/${friend.id}/interactions`).set(user.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/questions?source=mock').set(user.auth).expect(200)).body.total).toBe(1);
  });

  it('refuses a mock that names what is not the user’s, or a blank topic, and leaves no interaction behind', async () => {
    const friend = (await t.http().post('/people').set(user.auth).send({ fullName: 'Sam Mock' }).expect(201)).body;
    const theirs = (await t.http().post('/questions').set(stranger.auth).send({ text: 'Not yours' }).expect(201)).body;
    const base = { personId: friend.id, stageType: 'coding', heldAt: '2027-03-05T18:00:00Z' };
    expect((await t.http().post('/mock-interviews').set(user.auth).send({ ...base, questionIds: [theirs.id] }).expect(404)).body.code).toBe('question.not-found');
    await t.http().post('/mock-interviews').set(stranger.auth).send(base).expect(404);
    const blank = await t.http().post('/mock-interviews').set(user.auth).send({ ...base, scores: [{ topic: ' ', score: 3 }] }).expect(400);
    expect(blank.body.details).toEqual([{ field: 'scores.0.topic', problem: 'must not be blank' }]);
    const range = await t.http().post('/mock-interviews').set(user.auth).send({ ...base, scores: [{ topic: 'graphs', score: 6 }] }).expect(400);
    expect(range.body.details).toEqual([{ field: 'scores.0.score', problem: 'must not be greater than 5' }]);
    expect((await t.http().get(`/people/${friend.id}/interactions`).set(user.auth).expect(200)).body.total).toBe(0);
  });

  it('keeps STAR stories linked to résumé projects and lists the competencies with no story for a stage type', async () => {
    const owner = await registerUser(t);
    const project = (await t.http().post('/resume-projects').set(owner.auth).send({ title: 'Distributed RL trainer' }).expect(201)).body;
    const empty = (await t.http().get('/stories/coverage?stageType=culture').set(owner.auth).expect(200)).body;
    expect(empty.missing).toEqual(['conflict', 'failure', 'leadership', 'ambiguity', 'impact']);

    const story = (
      await t
        .http()
        .post('/stories')
        .set(owner.auth)
        .send({
          title: ' The week-long data-loader bug ',
          situation: 'Training runs diverged after a week.',
          task: 'Find why before the deadline.',
          action: 'Bisected the data pipeline.',
          result: 'Fixed; wrote the postmortem.',
          competencies: ['failure', 'ambiguity', 'failure'],
          stageTypes: ['culture', 'team_lead'],
          resumeProjectIds: [project.id],
        })
        .expect(201)
    ).body;
    expect(story).toEqual(expect.objectContaining({ title: 'The week-long data-loader bug', competencies: ['failure', 'ambiguity'], stageTypes: ['culture', 'team_lead'], resumeProjects: [{ id: project.id, title: 'Distributed RL trainer' }] }));
    await t.http().post('/stories').set(owner.auth).send({ title: 'Disagreeing with my lead', competencies: ['conflict'], stageTypes: ['senior_lead'] }).expect(201);

    const culture = (await t.http().get('/stories/coverage?stageType=culture').set(owner.auth).expect(200)).body;
    expect(culture).toEqual({
      stageType: 'culture',
      competencies: [
        { competency: 'conflict', stories: 0 },
        { competency: 'failure', stories: 1 },
        { competency: 'leadership', stories: 0 },
        { competency: 'ambiguity', stories: 1 },
        { competency: 'impact', stories: 0 },
      ],
      missing: ['conflict', 'leadership', 'impact'],
    });
    expect((await t.http().get('/stories/coverage').set(owner.auth).expect(200)).body.missing).toEqual(['leadership', 'impact']);
    expect((await t.http().get('/stories?competency=conflict').set(owner.auth).expect(200)).body.items.map((s: { title: string }) => s.title)).toEqual(['Disagreeing with my lead']);

    const unlinked = (await t.http().patch(`/stories/${story.id}`).set(owner.auth).send({ resumeProjectIds: [], result: null }).expect(200)).body;
    expect([unlinked.resumeProjects, unlinked.result, unlinked.action]).toEqual([[], null, 'Bisected the data pipeline.']);
    const theirProject = (await t.http().post('/resume-projects').set(stranger.auth).send({ title: 'Not yours' }).expect(201)).body;
    await t.http().patch(`/stories/${story.id}`).set(owner.auth).send({ resumeProjectIds: [theirProject.id] }).expect(404);
    await t.http().get(`/stories/${story.id}`).set(stranger.auth).expect(404);
    await t.http().delete(`/stories/${story.id}`).set(stranger.auth).expect(404);
    const bad = await t.http().post('/stories').set(owner.auth).send({ title: 'x', competencies: ['charm'] }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'competencies', problem: expect.stringContaining('each value in competencies must be one of the following values') }]);
    await t.http().delete(`/stories/${story.id}`).set(owner.auth).expect(204);
    expect((await t.http().get('/stories').set(owner.auth).expect(200)).body.total).toBe(1);
  });
  it('suggests who could run a mock: interviewers at the organization, of the stage type elsewhere, people who work there, earlier mock partners; each with why', async () => {
    const u = await registerUser(t);
    const post = async (url: string, body: object) => (await t.http().post(url).set(u.auth).send(body).expect(201)).body;
    const lab = await post('/organizations', { name: 'Suggestion Lab' });
    const other = await post('/organizations', { name: 'Other Lab' });
    const ada = await post('/people', { fullName: 'Ada Panel' });
    const bob = await post('/people', { fullName: 'Bob Elsewhere' });
    const cleo = await post('/people', { fullName: 'Cleo Insider', organizationId: lab.id, role: 'Research Scientist' });
    const dan = await post('/people', { fullName: 'Dan Mockpartner' });
    const eve = await post('/people', { fullName: 'Eve Cancelled' });
    const gone = await post('/people', { fullName: 'Gus Trashed', organizationId: lab.id });
    const atLab = await post('/applications', { organizationId: lab.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
    const atOther = await post('/applications', { organizationId: other.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
    const stage = (a: any, type: string) => a.stages.find((s: { type: string }) => s.type === type).id;
    await post('/interviews', { stageId: stage(atLab, 'recruiter'), startsAt: '2026-10-01T10:00:00Z', timeZone: 'UTC', durationMinutes: 30, format: 'video', interviewerIds: [ada.id] });
    await post('/interviews', { stageId: stage(atOther, 'coding'), startsAt: '2026-10-05T10:00:00Z', timeZone: 'UTC', durationMinutes: 60, format: 'video', interviewerIds: [bob.id] });
    const cancelled = await post('/interviews', { stageId: stage(atOther, 'coding'), startsAt: '2026-10-06T10:00:00Z', timeZone: 'UTC', durationMinutes: 60, format: 'video', interviewerIds: [eve.id] });
    await t.http().patch(`/interviews/${cancelled.id}`).set(u.auth).send({ outcome: 'cancelled' }).expect(200);
    await post('/mock-interviews', { personId: dan.id, stageType: 'coding', heldAt: '2026-09-20T18:00:00Z' });
    await t.http().delete(`/people/${gone.id}`).set(u.auth).expect(204);

    const suggestions = async (query: string) => (await t.http().get(`/mock-interviews/suggestions?${query}`).set(u.auth).expect(200)).body.items;
    const both = await suggestions(`organizationId=${lab.id}&stageType=coding`);
    expect(both.map((s: any) => [s.person.fullName, s.reasons])).toEqual([
      ['Ada Panel', ['Interviewed you at Suggestion Lab (Recruiter chat, 2026-10-01)']],
      ['Bob Elsewhere', ['Was on your coding interview at Other Lab (2026-10-05)']],
      ['Cleo Insider', ['Works at Suggestion Lab as Research Scientist']],
      ['Dan Mockpartner', ['Ran a mock coding interview with you (2026-09-20)']],
    ]);
    expect(both[2].person).toEqual({ id: cleo.id, fullName: 'Cleo Insider', headline: null, role: 'Research Scientist', organization: 'Suggestion Lab' });
    // By stage type alone: who sat on coding interviews anywhere, and earlier partners.
    expect((await suggestions('stageType=coding')).map((s: any) => s.person.fullName)).toEqual(['Bob Elsewhere', 'Dan Mockpartner']);

    // Another user's organization is not found; nothing asked is refused, naming the field.
    await t.http().get(`/mock-interviews/suggestions?organizationId=${lab.id}`).set(stranger.auth).expect(404);
    const bad = await t.http().get('/mock-interviews/suggestions').set(u.auth).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['organizationId']);
    await t.http().get('/mock-interviews/suggestions?stageType=juggling').set(u.auth).expect(400);
  });
});
