import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';

/**
 * Study plans, through the real API: a plan for the research-lab loop from the starter plans, a week
 * of slow study that puts the user behind and the plan telling them what to drop and skim, and the
 * quiz moved earlier re-spreading the plan. Time moves with the app's clock, never by waiting.
 */
describe('study plans', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  // Monday morning, four weeks before the story's quiz.
  const clock = new TestClock(new Date('2027-03-01T09:00:00Z'));
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(() => t.close());

  let labs = 0;
  async function researchLabLoop(who: TestUser): Promise<{ application: any; stage: (type: string) => any }> {
    const org = (await t.http().post('/organizations').set(who.auth).send({ name: `Frontier Lab ${++labs}` }).expect(201)).body;
    const application = (await t.http().post('/applications').set(who.auth).send({ organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    return { application, stage: (type: string) => application.stages.find((s: { type: string }) => s.type === type) };
  }

  const interview = async (who: TestUser, stageId: string, startsAt: string): Promise<any> =>
    (await t.http().post('/interviews').set(who.auth).send({ stageId, startsAt, timeZone: 'UTC', durationMinutes: 60, format: 'video' }).expect(201)).body;

  it('starts from the starter plans, falls behind after a slow week and says what to drop and skim, and re-spreads when the quiz moves earlier', async () => {
    const { application, stage } = await researchLabLoop(user);
    const quiz = await interview(user, stage('quiz').id, '2027-04-12T10:00:00Z');
    await interview(user, stage('coding').id, '2027-04-26T10:00:00Z');

    const starters = (await t.http().get('/study-starter-plans').set(user.auth).expect(200)).body;
    expect(starters.items.find((p: { stageType: string }) => p.stageType === 'coding').resources.map((r: { title: string }) => r.title)).toEqual([
      'Cracking the Coding Interview, Ch. 1–9',
      'CLRS, Ch. 15: Dynamic programming',
    ]);

    const created = await t
      .http()
      .post('/study-plans/from-starter')
      .set(user.auth)
      .send({ applicationId: application.id, hoursPerWeek: 14, statedPace: { pages: 25, problems: 2 } })
      .expect(201);
    const plan = created.body;
    // Each starter resource went to the first stage of its type, copied into the account.
    const titlesOf = (stageId: string) => plan.items.filter((i: { stageId: string }) => i.stageId === stageId).map((i: { resource: { title: string } }) => i.resource.title);
    expect(titlesOf(stage('quiz').id)).toEqual(['Algorithms textbook (about 340 of its 400 pages)', 'CLRS, Ch. 3: Growth of functions (big-O)', 'Mathematics for Machine Learning']);
    expect(titlesOf(stage('coding').id)).toEqual(['Cracking the Coding Interview, Ch. 1–9', 'CLRS, Ch. 15: Dynamic programming']);
    const second = application.stages.filter((s: { type: string }) => s.type === 'quiz')[1];
    expect(titlesOf(second.id)).toEqual([]);
    const ctci = plan.items.find((i: { resource: { starterKey: string } }) => i.resource.starterKey === 'cracking-the-coding-interview').resource;
    expect(ctci.parts.filter((p: { emphasis: string }) => p.emphasis === 'skip').map((p: { title: string }) => p.title.split(' ').slice(0, 2).join(' '))).toEqual(['Ch. 10', 'Ch. 11', 'Ch. 12', 'Ch. 13', 'Ch. 14', 'Ch. 15']);
    expect(ctci.progress).toEqual(expect.objectContaining({ doneAmount: 0, plannedAmount: 87, percent: 0 }));

    expect(plan.paces.find((p: { unit: string }) => p.unit === 'pages')).toEqual({ unit: 'pages', unitsPerHour: 25, source: 'stated', sessions: 0 });
    expect(plan.schedule.status).toBe('on_track');
    expect(plan.schedule.today).toBe('2027-03-01');
    const stagePlan = (schedule: any, stageId: string) => schedule.stages.find((s: { stageId: string }) => s.stageId === stageId);
    expect(stagePlan(plan.schedule, stage('quiz').id)).toEqual(expect.objectContaining({ interviewOn: '2027-04-12', workUntil: '2027-04-11', status: 'on_track', behindHours: 0 }));
    expect(stagePlan(plan.schedule, stage('team_lead').id).status).toBe('no_date');
    // Day by day: two hours a day, the algorithms textbook first.
    expect(plan.schedule.days[0]).toEqual({
      date: '2027-03-01',
      hours: 2,
      chunks: [expect.objectContaining({ title: 'Algorithms textbook (about 340 of its 400 pages)', part: 'Ch. 1 Foundations and complexity', from: 0, to: 35 }), expect.objectContaining({ part: 'Ch. 2 Sorting', from: 0, to: 15 })],
    });

    // A week of slow study: ten pages an hour, an hour a day.
    const algorithms = plan.items[0].resource;
    for (let day = 0; day < 7; day++) {
      await t.http().post(`/study-resources/${algorithms.id}/sessions`).set(user.auth).send({ amount: 10, minutes: 60, notes: day === 0 ? 'Slower than I hoped' : undefined }).expect(201);
      clock.advance(DAY);
    }
    const behind = (await t.http().get(`/study-plans/${plan.id}`).set(user.auth).expect(200)).body;
    expect(behind.paces.find((p: { unit: string }) => p.unit === 'pages')).toEqual({ unit: 'pages', unitsPerHour: 10, source: 'log', sessions: 7 });
    expect(behind.paces.find((p: { unit: string }) => p.unit === 'problems')).toEqual({ unit: 'problems', unitsPerHour: 2, source: 'stated', sessions: 0 });
    expect(behind.items[0].resource.progress).toEqual(expect.objectContaining({ doneAmount: 70, plannedAmount: 340, percent: 21, sessions: 7, minutes: 420 }));
    expect(behind.schedule.today).toBe('2027-03-08');
    expect(behind.schedule.status).toBe('behind');
    // The quiz still fits (68.4 hours in 70); the coding interview gets 29.6 hours of the 49 it needs.
    expect(stagePlan(behind.schedule, stage('quiz').id)).toEqual(expect.objectContaining({ status: 'on_track', hoursLeft: 68.4 }));
    expect(stagePlan(behind.schedule, stage('coding').id)).toEqual(expect.objectContaining({ status: 'behind', hoursLeft: 49, behindHours: 19.4, finishesOn: null }));
    expect(behind.schedule.behindHours).toBe(19.4);
    expect(behind.schedule.neededHoursPerWeek).toBe(16.8);
    // Drop what is optional first (Part II of the maths book), then skim what is marked skimmable, last first.
    expect(behind.schedule.advice).toEqual([
      {
        action: 'drop',
        itemId: plan.items[2].id,
        resourceId: plan.items[2].resource.id,
        title: 'Mathematics for Machine Learning',
        stageId: stage('quiz').id,
        parts: ['Ch. 8 When models meet data', 'Ch. 9 Linear regression', 'Ch. 10 Dimensionality reduction with PCA', 'Ch. 11 Density estimation with Gaussian mixture models', 'Ch. 12 Classification with support vector machines'],
        savesHours: 14.8,
      },
      { action: 'skim', itemId: plan.items[3].id, resourceId: ctci.id, title: 'Cracking the Coding Interview, Ch. 1–9', stageId: stage('coding').id, parts: ['Ch. 6 Math and logic puzzles', 'Ch. 9 System design and scalability'], savesHours: 6.75 },
    ]);
    expect(behind.schedule.behindHoursAfterAdvice).toBe(0);

    // More hours a week makes it: the plan says so at once.
    const more = (await t.http().patch(`/study-plans/${plan.id}`).set(user.auth).send({ hoursPerWeek: 17 }).expect(200)).body;
    expect([more.schedule.status, more.schedule.advice]).toEqual(['on_track', []]);
    await t.http().patch(`/study-plans/${plan.id}`).set(user.auth).send({ hoursPerWeek: 14 }).expect(200);

    // The quiz moves two weeks earlier: the same work is re-spread over fewer days.
    const titlesOn = (schedule: any, date: string) => schedule.days.find((d: { date: string }) => d.date === date).chunks.map((c: { title: string }) => c.title).filter((title: string, i: number, all: string[]) => all.indexOf(title) === i);
    const before = (await t.http().get(`/study-plans/${plan.id}?days=60`).set(user.auth).expect(200)).body;
    expect(titlesOn(before.schedule, '2027-03-29')).toEqual(['Mathematics for Machine Learning']);
    await t.http().patch(`/interviews/${quiz.id}`).set(user.auth).send({ startsAt: '2027-03-29T10:00:00Z' }).expect(200);
    const moved = (await t.http().get(`/study-plans/${plan.id}?days=60`).set(user.auth).expect(200)).body;
    expect(stagePlan(moved.schedule, stage('quiz').id)).toEqual(expect.objectContaining({ interviewOn: '2027-03-29', workUntil: '2027-03-28', status: 'behind', behindHours: 26.4 }));
    // What the quiz no longer has time for is behind; the coding work now starts on the quiz's day and fits
    // (49 hours from March 29 at two a day), and the undated stages' work follows it.
    expect(stagePlan(moved.schedule, stage('coding').id)).toEqual(expect.objectContaining({ status: 'on_track', behindHours: 0, finishesOn: '2027-04-22' }));
    expect(moved.schedule.behindHours).toBe(26.4);
    expect(titlesOn(moved.schedule, '2027-04-22')).toEqual(['CLRS, Ch. 15: Dynamic programming', 'Cracking the Coding Interview: Behavioral questions']);
    expect(titlesOn(moved.schedule, '2027-03-29')).toEqual(['Cracking the Coding Interview, Ch. 1–9']);
    expect(moved.schedule.days.filter((d: { date: string }) => d.date <= '2027-03-28').every((d: { chunks: { title: string }[] }) => d.chunks.every((c) => c.title !== 'Cracking the Coding Interview, Ch. 1–9'))).toBe(true);

    // One plan per application; a second start from the starter plans reuses the account's copies.
    // Two starts at once for a fresh application: one plan, the other answered 409.
    const { application: raced } = await researchLabLoop(user);
    const race = await Promise.all([0, 1].map(() => t.http().post('/study-plans').set(user.auth).send({ applicationId: raced.id, hoursPerWeek: 3 })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const again = await t.http().post('/study-plans/from-starter').set(user.auth).send({ applicationId: application.id, hoursPerWeek: 5 }).expect(409);
    expect(again.body).toEqual(expect.objectContaining({ code: 'study-plan.exists', planId: plan.id }));
    const { application: other } = await researchLabLoop(user);
    const otherPlan = (await t.http().post('/study-plans/from-starter').set(user.auth).send({ applicationId: other.id, hoursPerWeek: 5 }).expect(201)).body;
    expect(otherPlan.items.map((i: { resource: { id: string } }) => i.resource.id)).toEqual(plan.items.map((i: { resource: { id: string } }) => i.resource.id));
    expect((await t.http().get('/study-resources?limit=200').set(user.auth).expect(200)).body.total).toBe(plan.items.length);
    expect((await t.http().get('/study-plans').set(user.auth).expect(200)).body.items.map((p: { id: string; itemCount: number }) => [p.id, p.itemCount])).toEqual([
      [plan.id, plan.items.length],
      [race.find((r) => r.status === 201)!.body.id, 0],
      [otherPlan.id, plan.items.length],
    ]);
    // One application's plan, found by its application; a malformed id is named.
    expect((await t.http().get(`/study-plans?applicationId=${other.id}`).set(user.auth).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([otherPlan.id]);
    const bad = await t.http().get('/study-plans?applicationId=nope').set(user.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('applicationId');
  });

  it('picks, moves and removes resources by hand', async () => {
    const { application, stage } = await researchLabLoop(user);
    const paper = (await t.http().post('/study-resources').set(user.auth).send({ kind: 'paper', title: 'Attention Is All You Need', unit: 'pages', totalAmount: 15 }).expect(201)).body;
    const course = (await t.http().post('/study-resources').set(user.auth).send({ kind: 'course', title: 'RL course', unit: 'minutes', totalAmount: 600, emphasis: 'optional' }).expect(201)).body;
    const plan = (await t.http().post('/study-plans').set(user.auth).send({ applicationId: application.id, hoursPerWeek: 7, items: [{ stageId: stage('quiz').id, resourceId: paper.id }] }).expect(201)).body;
    expect(plan.items.map((i: { resource: { title: string } }) => i.resource.title)).toEqual(['Attention Is All You Need']);
    // No interview yet: nothing is dated, the work is still laid out from today.
    expect(plan.schedule.status).toBe('no_dates');
    expect(plan.paces.find((p: { unit: string }) => p.unit === 'pages').source).toBe('log');

    const withCourse = (await t.http().post(`/study-plans/${plan.id}/items`).set(user.auth).send({ stageId: stage('team_lead').id, resourceId: course.id }).expect(201)).body;
    const courseItem = withCourse.items.find((i: { resource: { id: string } }) => i.resource.id === course.id);
    expect(courseItem.position).toBe(1);
    const conflict = await t.http().post(`/study-plans/${plan.id}/items`).set(user.auth).send({ stageId: stage('coding').id, resourceId: course.id }).expect(409);
    expect(conflict.body).toEqual(expect.objectContaining({ code: 'study-plan.resource-planned', itemId: courseItem.id }));
    const moved = (await t.http().patch(`/study-plans/${plan.id}/items/${courseItem.id}`).set(user.auth).send({ stageId: stage('coding').id }).expect(200)).body;
    expect(moved.items.find((i: { id: string }) => i.id === courseItem.id).stageId).toBe(stage('coding').id);
    await t.http().delete(`/study-plans/${plan.id}/items/${courseItem.id}`).set(user.auth).expect(204);
    await t.http().delete(`/study-plans/${plan.id}/items/${courseItem.id}`).set(user.auth).expect(404);
    // Deleting a resource takes it out of the plan.
    await t.http().delete(`/study-resources/${paper.id}`).set(user.auth).expect(204);
    expect((await t.http().get(`/study-plans/${plan.id}`).set(user.auth).expect(200)).body.items).toEqual([]);
    await t.http().delete(`/study-plans/${plan.id}`).set(user.auth).expect(204);
    await t.http().get(`/study-plans/${plan.id}`).set(user.auth).expect(404);
  });

  it('names the field that is wrong', async () => {
    const { application, stage } = await researchLabLoop(user);
    const { application: otherApplication } = await researchLabLoop(user);
    const resource = (await t.http().post('/study-resources').set(user.auth).send({ kind: 'link', title: 'Blog post', unit: 'minutes', totalAmount: 20 }).expect(201)).body;
    const details = async (body: object) => (await t.http().post('/study-plans').set(user.auth).send(body).expect(400)).body.details;
    expect(await details({ applicationId: application.id, hoursPerWeek: 0 })).toEqual([{ field: 'hoursPerWeek', problem: 'must not be less than 0.5' }]);
    expect(await details({ applicationId: 'nope', hoursPerWeek: 5 })).toEqual([{ field: 'applicationId', problem: 'must be a UUID' }]);
    expect(await details({ applicationId: application.id, hoursPerWeek: 5, statedPace: { pages: -3 } })).toEqual([{ field: 'statedPace.pages', problem: 'must not be less than 0.1' }]);
    expect(await details({ applicationId: application.id, hoursPerWeek: 5, items: [{ stageId: otherApplication.stages[0].id, resourceId: resource.id }] })).toEqual([
      { field: 'items.0.stageId', problem: 'must be a stage of the application' },
    ]);
    expect(await details({ applicationId: application.id, hoursPerWeek: 5, items: [{ stageId: stage('quiz').id, resourceId: resource.id }, { stageId: stage('coding').id, resourceId: resource.id }] })).toEqual([
      { field: 'items.1.resourceId', problem: 'is already in the plan' },
    ]);
    const days = await t.http().get(`/study-plans/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?days=0`).set(user.auth).expect(400);
    expect(days.body.details).toEqual([{ field: 'days', problem: 'must not be less than 1' }]);
  });

  it('keeps plans to their owner: another account gets 404 and cannot plan with the owner’s application or resources', async () => {
    const { application, stage } = await researchLabLoop(user);
    const resource = (await t.http().post('/study-resources').set(user.auth).send({ kind: 'link', title: 'Owned', unit: 'minutes', totalAmount: 20 }).expect(201)).body;
    const plan = (await t.http().post('/study-plans').set(user.auth).send({ applicationId: application.id, hoursPerWeek: 5, items: [{ stageId: stage('quiz').id, resourceId: resource.id }] }).expect(201)).body;
    await t.http().get(`/study-plans/${plan.id}`).set(stranger.auth).expect(404);
    await t.http().patch(`/study-plans/${plan.id}`).set(stranger.auth).send({ hoursPerWeek: 1 }).expect(404);
    await t.http().delete(`/study-plans/${plan.id}/items/${plan.items[0].id}`).set(stranger.auth).expect(404);
    await t.http().post('/study-plans/from-starter').set(stranger.auth).send({ applicationId: application.id, hoursPerWeek: 5 }).expect(404);
    const { application: theirs, stage: theirStage } = await researchLabLoop(stranger);
    const borrowed = await t.http().post('/study-plans').set(stranger.auth).send({ applicationId: theirs.id, hoursPerWeek: 5, items: [{ stageId: theirStage('quiz').id, resourceId: resource.id }] }).expect(404);
    expect(borrowed.body.code).toBe('study resource.not-found');
    expect((await t.http().get('/study-plans').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await t.http().get(`/study-plans/${plan.id}`).set(user.auth).expect(200)).body.hoursPerWeek).toBe(5);
  });
});
