import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

interface Stage {
  id: string;
  name: string;
}
interface Interview {
  id: string;
  startsAt: string;
  sequence: number;
  interviewers: { id: string; fullName: string }[];
}

describe('interviews', () => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;
  let lab: { id: string; teams: { id: string; name: string }[] };
  let ada: { id: string };
  let alan: { id: string };

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);

  async function apply(u: TestUser, organizationId: string, teamId: string | null = null): Promise<{ id: string; stages: Stage[] }> {
    return (await post(u, '/applications', { organizationId, teamId, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
  }
  const stageNamed = (app: { stages: Stage[] }, name: string) => app.stages.find((s) => s.name === name)!;
  const schedule = (u: TestUser, body: object) => post(u, '/interviews', { timeZone: 'Europe/London', durationMinutes: 45, format: 'video', ...body });
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    other = await registerUser(t);
    const org = (await post(user, '/organizations', { name: 'Frontier Lab' }).expect(201)).body;
    await post(user, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201);
    lab = (await get(user, `/organizations/${org.id}`).expect(200)).body;
    ada = (await post(user, '/people', { fullName: 'Ada Lovelace', headline: 'Research Scientist, RL' }).expect(201)).body;
    alan = (await post(user, '/people', { fullName: 'Alan Turing' }).expect(201)).body;
  });
  afterAll(() => t.close());

  it('schedules an interview for a stage, with its application, interviewers and the local time in its zone', async () => {
    const application = await apply(user, lab.id, lab.teams[0].id);
    const coding = stageNamed(application, 'Coding interview');
    const res = await schedule(user, {
      stageId: coding.id,
      startsAt: '2026-03-10T14:00:00+09:00',
      timeZone: 'Asia/Tokyo',
      durationMinutes: 60,
      meetingUrl: 'https://meet.example.com/abc-defg',
      interviewerIds: [alan.id, ada.id, alan.id],
      prepNotes: 'Dynamic programming; think aloud',
    }).expect(201);
    expect(res.body).toMatchObject({
      application: { id: application.id, role: 'Research Engineer', organization: { id: lab.id, name: 'Frontier Lab' }, team: { id: lab.teams[0].id, name: 'Core' } },
      stage: { id: coding.id, name: 'Coding interview', type: 'coding' },
      startsAt: '2026-03-10T05:00:00.000Z',
      startsAtLocal: '2026-03-10T14:00',
      endsAt: '2026-03-10T06:00:00.000Z',
      endsAtLocal: '2026-03-10T15:00',
      timeZone: 'Asia/Tokyo',
      durationMinutes: 60,
      format: 'video',
      location: null,
      meetingUrl: 'https://meet.example.com/abc-defg',
      prepNotes: 'Dynamic programming; think aloud',
      outcome: 'pending',
      feedback: null,
      sequence: 0,
    });
    // Duplicates collapse; listed by name.
    expect(res.body.interviewers).toEqual([
      { id: ada.id, fullName: 'Ada Lovelace', headline: 'Research Scientist, RL', notes: null },
      { id: alan.id, fullName: 'Alan Turing', headline: null, notes: null },
    ]);
    expect((await get(user, `/interviews/${res.body.id}`).expect(200)).body).toEqual(res.body);
  });

  it('reads a zone name in any case and stores its canonical spelling', async () => {
    const application = await apply(user, lab.id);
    const res = await schedule(user, { stageId: application.stages[0].id, startsAt: '2026-07-01T09:30:00Z', timeZone: 'america/new_york' }).expect(201);
    expect(res.body).toMatchObject({ timeZone: 'America/New_York', startsAtLocal: '2026-07-01T05:30', endsAtLocal: '2026-07-01T06:15' });
  });

  it('lists upcoming interviews in a window of days, soonest first (one in progress included), and past ones most recent first', async () => {
    const application = await apply(user, lab.id);
    const stageId = application.stages[0].id;
    const make = async (startsAt: string, durationMinutes = 45) => (await schedule(user, { stageId, startsAt, durationMinutes }).expect(201)).body as Interview;
    const later = await make(inMinutes(20 * 24 * 60));
    const soon = await make(inMinutes(2 * 24 * 60));
    const inProgress = await make(inMinutes(-10), 60);
    const lastWeek = await make(inMinutes(-7 * 24 * 60));
    const lastMonth = await make(inMinutes(-30 * 24 * 60));
    const ids = (page: { items: Interview[] }) => page.items.map((i) => i.id);
    const list = async (query: string) => (await get(user, `/interviews?applicationId=${application.id}&${query}`).expect(200)).body;

    const upcoming = await list('when=upcoming');
    expect(ids(upcoming)).toEqual([inProgress.id, soon.id]);
    expect(upcoming).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(ids(await list('when=upcoming&days=30'))).toEqual([inProgress.id, soon.id, later.id]);
    expect(ids(await list('when=past'))).toEqual([lastWeek.id, lastMonth.id]);
    expect(ids(await list(''))).toEqual([lastMonth.id, lastWeek.id, inProgress.id, soon.id, later.id]);
    const paged = await list('when=upcoming&days=30&limit=1&offset=1');
    expect(paged).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(ids(paged)).toEqual([soon.id]);

    await patch(user, `/interviews/${soon.id}`, { outcome: 'cancelled' }).expect(200);
    expect(ids(await list('when=upcoming&outcome=pending'))).toEqual([inProgress.id]);
    // A cancelled interview is not upcoming, unless asked for.
    expect(await list('when=upcoming&days=30')).toMatchObject({ total: 2, items: [{ id: inProgress.id }, { id: later.id }] });
    expect(ids(await list('when=upcoming&days=30&includeCancelled=false'))).toEqual([inProgress.id, later.id]);
    const all = await list('when=upcoming&days=30&includeCancelled=true');
    expect(ids(all)).toEqual([inProgress.id, soon.id, later.id]);
    expect(all.items[1]).toMatchObject({ outcome: 'cancelled' });
    expect(ids(await list('when=upcoming&days=30&outcome=cancelled'))).toEqual([soon.id]);
    // Past and unfiltered lists still show it: it happened (or was due to).
    expect(ids(await list(''))).toContain(soon.id);
    expect((await get(user, '/interviews?when=upcoming&includeCancelled=yes').expect(400)).body.details[0].field).toBe('includeCancelled');

    expect((await get(user, '/interviews?when=soon').expect(400)).body.details[0].field).toBe('when');
    expect((await get(user, '/interviews?when=upcoming&days=0').expect(400)).body.details[0].field).toBe('days');
  });

  it("answers 404 for another user's stage, interviewer or interview", async () => {
    const mine = await apply(user, lab.id);
    const theirOrg = (await post(other, '/organizations', { name: 'Other Lab' }).expect(201)).body;
    const theirs = await apply(other, theirOrg.id);
    const theirPerson = (await post(other, '/people', { fullName: 'Someone Else' }).expect(201)).body;

    const stage = await schedule(user, { stageId: theirs.stages[0].id, startsAt: '2026-03-10T10:00:00Z' }).expect(404);
    expect(stage.body).toMatchObject({ statusCode: 404, code: 'stage.not-found' });
    const person = await schedule(user, { stageId: mine.stages[0].id, startsAt: '2026-03-10T10:00:00Z', interviewerIds: [ada.id, theirPerson.id] }).expect(404);
    expect(person.body).toMatchObject({ code: 'person.not-found', message: expect.stringContaining(theirPerson.id) });

    const interview = (await schedule(user, { stageId: mine.stages[0].id, startsAt: '2026-03-10T10:00:00Z' }).expect(201)).body;
    await get(other, `/interviews/${interview.id}`).expect(404);
    await patch(other, `/interviews/${interview.id}`, { durationMinutes: 30 }).expect(404);
    await t.http().delete(`/interviews/${interview.id}`).set(other.auth).expect(404);
    expect((await get(other, `/interviews?applicationId=${mine.id}`).expect(200)).body.total).toBe(0);
    await patch(user, `/interviews/${interview.id}`, { interviewerIds: [theirPerson.id] }).expect(404);
    await patch(user, `/interviews/${interview.id}`, { stageId: theirs.stages[0].id }).expect(404);
    // A person in the trash cannot be invited either.
    const gone = (await post(user, '/people', { fullName: 'Gone Person' }).expect(201)).body;
    await t.http().delete(`/people/${gone.id}`).set(user.auth).expect(204);
    await patch(user, `/interviews/${interview.id}`, { interviewerIds: [gone.id] }).expect(404);
  });

  it('answers 400 naming the field for a bad time zone, a date-time without zone, a non-http link, and unknown fields', async () => {
    const { stages } = await apply(user, lab.id);
    const ok = { stageId: stages[0].id, startsAt: '2026-03-10T10:00:00Z' };
    const field = async (body: object) => (await schedule(user, { ...ok, ...body }).expect(400)).body.details.map((d: { field: string }) => d.field);

    expect(await field({ timeZone: 'Mars/Olympus_Mons' })).toEqual(['timeZone']);
    expect(await field({ startsAt: '2026-03-10T10:00' })).toEqual(['startsAt']);
    expect(await field({ startsAt: '2026-02-30T10:00:00Z' })).toEqual(['startsAt']);
    expect(await field({ meetingUrl: 'javascript:alert(1)' })).toEqual(['meetingUrl']);
    expect(await field({ meetingUrl: 'ftp://files.example.com/call' })).toEqual(['meetingUrl']);
    expect(await field({ durationMinutes: 0 })).toEqual(['durationMinutes']);
    expect(await field({ durationMinutes: 1441 })).toEqual(['durationMinutes']);
    expect(await field({ format: 'carrier-pigeon' })).toEqual(['format']);
    expect(await field({ interviewerIds: ['not-a-uuid'] })).toEqual(['interviewerIds']);
    expect(await field({ sequence: 5 })).toEqual(['sequence']);

    const res = await schedule(user, { ...ok, timeZone: 'Nowhere/Special' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'request.invalid', details: [{ field: 'timeZone', problem: expect.stringContaining('IANA') }] });

    const interview = (await schedule(user, ok).expect(201)).body;
    const cleared = await patch(user, `/interviews/${interview.id}`, { startsAt: null, timeZone: null }).expect(400);
    expect(cleared.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['startsAt', 'timeZone']);
    expect((await patch(user, `/interviews/${interview.id}`, { outcome: 'won' }).expect(400)).body.details[0].field).toBe('outcome');
    await get(user, '/interviews/not-a-uuid').expect(400);
  });

  it('bumps SEQUENCE when the time, place, people or cancellation change, not for notes or feedback', async () => {
    const { stages } = await apply(user, lab.id);
    const url = (id: string) => `/interviews/${id}`;
    let interview: Interview = (await schedule(user, { stageId: stages[0].id, startsAt: '2026-03-10T10:00:00Z', interviewerIds: [ada.id] }).expect(201)).body;
    const change = async (body: object) => (interview = (await patch(user, url(interview.id), body).expect(200)).body);

    await change({ prepNotes: 'Read the loop description', feedback: 'Friendly' });
    expect(interview.sequence).toBe(0);
    await change({ startsAt: '2026-03-10T10:00:00.000Z' }); // the same instant
    expect(interview.sequence).toBe(0);
    await change({ startsAt: '2026-03-11T10:00:00+01:00' });
    expect(interview).toMatchObject({ sequence: 1, startsAt: '2026-03-11T09:00:00.000Z', startsAtLocal: '2026-03-11T09:00' });
    await change({ interviewerIds: [ada.id, alan.id] });
    expect(interview.sequence).toBe(2);
    expect(interview.interviewers.map((p) => p.fullName)).toEqual(['Ada Lovelace', 'Alan Turing']);
    await change({ location: 'Room 4', format: 'onsite' });
    expect(interview.sequence).toBe(3);
    await change({ outcome: 'passed' });
    expect(interview.sequence).toBe(3);
    await change({ outcome: 'cancelled' });
    expect(interview.sequence).toBe(4);
    await change({ interviewerIds: [] });
    expect(interview).toMatchObject({ sequence: 5, interviewers: [] });

    await t.http().delete(url(interview.id)).set(user.auth).expect(204);
    await get(user, url(interview.id)).expect(404);
  });

  describe('prep tasks of the stage', () => {
    const prepTasks = async (stageId: string) =>
      ((await get(user, `/tasks?status=all&stageId=${stageId}`).expect(200)).body.items as { id: string; title: string; dueOn: string | null; done: boolean }[]);
    const dueDates = async (stageId: string) => [...new Set((await prepTasks(stageId)).filter((task) => !task.done).map((task) => task.dueOn))];

    it("are due the day before the stage's first interview, in the interview's zone, and follow it when it moves", async () => {
      const application = await apply(user, lab.id);
      const recruiter = application.stages[0];
      const tasks = await prepTasks(recruiter.id);
      expect(tasks).toHaveLength(3);
      expect(await dueDates(recruiter.id)).toEqual([null]);

      // 09:00 in Tokyo is 00:00 UTC on the 10th: the day before is the 9th in Tokyo.
      const tokyo = (await schedule(user, { stageId: recruiter.id, startsAt: '2026-03-10T09:00:00+09:00', timeZone: 'Asia/Tokyo' }).expect(201)).body;
      expect(tokyo.startsAt).toBe('2026-03-10T00:00:00.000Z');
      expect(await dueDates(recruiter.id)).toEqual(['2026-03-09']);

      // 23:30 on the 15th in Los Angeles is the 16th in UTC: due on the 14th.
      const la = (await schedule(user, { stageId: recruiter.id, startsAt: '2026-03-15T23:30:00-07:00', timeZone: 'America/Los_Angeles' }).expect(201)).body;
      expect(await dueDates(recruiter.id)).toEqual(['2026-03-09']);

      // A done task keeps its date; open ones move with the first interview.
      await patch(user, `/tasks/${tasks[0].id}`, { done: true }).expect(200);
      await patch(user, `/interviews/${tokyo.id}`, { startsAt: '2026-03-25T09:00:00+09:00' }).expect(200);
      expect(await dueDates(recruiter.id)).toEqual(['2026-03-14']);
      expect((await get(user, `/tasks/${tasks[0].id}`).expect(200)).body.dueOn).toBe('2026-03-09');

      // A cancelled interview does not count.
      await patch(user, `/interviews/${la.id}`, { outcome: 'cancelled' }).expect(200);
      expect(await dueDates(recruiter.id)).toEqual(['2026-03-24']);

      // Opened again, a checklist task follows the first interview too.
      const reopened = (await patch(user, `/tasks/${tasks[0].id}`, { done: false }).expect(200)).body;
      expect(reopened).toMatchObject({ done: false, dueOn: '2026-03-24' });

      await t.http().delete(`/interviews/${tokyo.id}`).set(user.auth).expect(204);
      expect(await dueDates(recruiter.id)).toEqual([null]);
    });

    it('move to the other stage when an interview is moved to another stage', async () => {
      const application = await apply(user, lab.id);
      const recruiter = application.stages[0];
      const interview = (await schedule(user, { stageId: recruiter.id, startsAt: '2026-04-02T15:00:00Z' }).expect(201)).body;
      expect(await dueDates(recruiter.id)).toEqual(['2026-04-01']);
      // Enter the quiz stage: its checklist is created and dated from its own interviews (none yet).
      const moved = (await post(user, `/applications/${application.id}/moves`, { move: 'advance' }).expect(200)).body;
      const quiz = moved.currentStage;
      expect(await dueDates(quiz.id)).toEqual([null]);
      const res = await patch(user, `/interviews/${interview.id}`, { stageId: quiz.id }).expect(200);
      expect(res.body).toMatchObject({ stage: { id: quiz.id, type: 'quiz' }, sequence: 1 });
      expect(await dueDates(quiz.id)).toEqual(['2026-04-01']);
      expect(await dueDates(recruiter.id)).toEqual([null]);
    });
  });
  it("suggests the move an outcome on the stage's last interview points to; nothing moves until the user accepts it", async () => {
    const application = await apply(user, lab.id);
    const [chat, quiz, second] = [stageNamed(application, 'Recruiter chat'), stageNamed(application, 'Quiz: maths, statistics, CS and ML'), stageNamed(application, 'Second quiz')];
    const current = async () => (await get(user, `/applications/${application.id}`).expect(200)).body;
    const outcome = async (id: string, value: string) => (await patch(user, `/interviews/${id}`, { outcome: value }).expect(200)).body;

    const call = (await schedule(user, { stageId: chat.id, startsAt: '2026-03-02T10:00:00Z' }).expect(201)).body;
    expect(call.suggestedMove).toBeNull();
    const passed = await outcome(call.id, 'passed');
    expect(passed.suggestedMove).toEqual({ move: 'advance', applicationId: application.id, fromStageId: chat.id, reason: 'Passed the last interview of "Recruiter chat": advance to "Quiz: maths, statistics, CS and ML"' });
    expect((await get(user, `/interviews/${call.id}`).expect(200)).body.suggestedMove).toEqual(passed.suggestedMove);
    // Nothing moved by itself.
    expect((await current()).currentStage).toMatchObject({ id: chat.id, status: 'current' });
    // One call accepts it.
    const { move, fromStageId } = passed.suggestedMove;
    expect((await post(user, `/applications/${application.id}/moves`, { move, fromStageId }).expect(200)).body.currentStage).toMatchObject({ id: quiz.id });
    expect((await get(user, `/interviews/${call.id}`).expect(200)).body.suggestedMove).toBeNull();
    // Accepting it twice (another tab) changes nothing.
    expect((await post(user, `/applications/${application.id}/moves`, { move, fromStageId }).expect(409)).body.code).toBe('application.stale-move');

    // Two quiz interviews: only the last one's outcome speaks for the stage, once every one passed.
    const first = (await schedule(user, { stageId: quiz.id, startsAt: '2026-03-05T10:00:00Z' }).expect(201)).body;
    const last = (await schedule(user, { stageId: quiz.id, startsAt: '2026-03-06T10:00:00Z' }).expect(201)).body;
    expect((await outcome(first.id, 'passed')).suggestedMove).toBeNull();
    expect((await get(user, `/interviews?stageId=${quiz.id}`).expect(200)).body.items.map((i: { suggestedMove: unknown }) => i.suggestedMove)).toEqual([null, null]);
    const lastPassed = await outcome(last.id, 'passed');
    expect(lastPassed.suggestedMove).toMatchObject({ move: 'advance', fromStageId: quiz.id });
    expect((await get(user, `/interviews?stageId=${quiz.id}`).expect(200)).body.items.map((i: { suggestedMove: { move: string } | null }) => i.suggestedMove?.move ?? null)).toEqual([null, 'advance']);
    // A failed interview earlier in the stage: no advance is suggested.
    expect((await outcome(first.id, 'failed')).suggestedMove).toBeNull();
    expect((await get(user, `/interviews/${last.id}`).expect(200)).body.suggestedMove).toBeNull();
    await outcome(first.id, 'passed');
    await post(user, `/applications/${application.id}/moves`, { move: 'advance', fromStageId: quiz.id }).expect(200);

    // A failed last interview suggests fail; a later cancelled one does not count as the last.
    const failed = (await schedule(user, { stageId: second.id, startsAt: '2026-03-09T10:00:00Z' }).expect(201)).body;
    const cancelled = (await schedule(user, { stageId: second.id, startsAt: '2026-03-10T10:00:00Z' }).expect(201)).body;
    await outcome(cancelled.id, 'cancelled');
    const suggestion = (await outcome(failed.id, 'failed')).suggestedMove;
    expect(suggestion).toEqual({ move: 'fail', applicationId: application.id, fromStageId: second.id, reason: 'Failed the last interview of "Second quiz": mark the stage failed' });
    expect((await current()).status).toBe('active');
    const rejected = (await post(user, `/applications/${application.id}/moves`, { move: suggestion.move, fromStageId: suggestion.fromStageId }).expect(200)).body;
    expect(rejected).toMatchObject({ status: 'rejected', currentStage: { id: second.id, status: 'failed' } });
    expect((await get(user, `/interviews/${failed.id}`).expect(200)).body.suggestedMove).toBeNull();
  });
});
