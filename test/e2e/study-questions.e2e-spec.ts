import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';

/**
 * The question bank: questions recorded on interviews show up when preparing for the same
 * organization or stage type; drills rated by the user are scheduled by FSRS (ts-fsrs) and the
 * daily queue holds what is due before midnight in the user's time zone. Time moves with the clock.
 */
describe('question bank', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  const clock = new TestClock(new Date('2027-03-01T09:00:00Z'));
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(() => t.close());

  let labs = 0;
  async function loop(who: TestUser): Promise<{ org: any; application: any; stage: (type: string) => any }> {
    const org = (await t.http().post('/organizations').set(who.auth).send({ name: `Question Lab ${++labs}` }).expect(201)).body;
    const application = (await t.http().post('/applications').set(who.auth).send({ organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    return { org, application, stage: (type: string) => application.stages.find((s: { type: string }) => s.type === type) };
  }
  const interview = async (who: TestUser, stageId: string, startsAt: string): Promise<any> =>
    (await t.http().post('/interviews').set(who.auth).send({ stageId, startsAt, timeZone: 'UTC', durationMinutes: 60, format: 'video' }).expect(201)).body;
  const ask = async (who: TestUser, body: object): Promise<any> => (await t.http().post('/questions').set(who.auth).send(body).expect(201)).body;
  const drill = async (who: TestUser, id: string, rating: string): Promise<any> => (await t.http().post(`/questions/${id}/drills`).set(who.auth).send({ rating }).expect(201)).body;
  const queue = async (who: TestUser, query = ''): Promise<any> => (await t.http().get(`/questions/due${query}`).set(who.auth).expect(200)).body;

  it('shows questions recorded on an interview when preparing for the same organization or stage type', async () => {
    const owner = await registerUser(t);
    const lab = await loop(owner);
    const other = await loop(owner);
    const pastQuiz = await interview(owner, lab.stage('quiz').id, '2027-02-10T10:00:00Z');
    const nextCoding = await interview(owner, lab.stage('coding').id, '2027-03-20T10:00:00Z');
    const otherCoding = await interview(owner, other.stage('coding').id, '2027-03-22T10:00:00Z');

    const asked = await ask(owner, { text: ' What is the variance of a sum of correlated variables? ', topic: 'statistics', interviewId: pastQuiz.id, answerNotes: 'Var(X)+Var(Y)+2Cov(X,Y)' });
    expect(asked).toEqual({
      id: expect.any(String),
      text: 'What is the variance of a sum of correlated variables?',
      topic: 'statistics',
      stageType: 'quiz',
      organizationId: lab.org.id,
      interviewId: pastQuiz.id,
      source: 'interview',
      answerNotes: 'Var(X)+Var(Y)+2Cov(X,Y)',
      practice: { due: '2027-03-01T09:00:00.000Z', state: 'new', reps: 0, lapses: 0, scheduledDays: 0, lastDrilledAt: null },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const dp = await ask(owner, { text: 'Edit distance, bottom-up', topic: 'dynamic programming', stageType: 'coding', source: 'book' });
    const unrelated = await ask(owner, { text: 'Why this lab?', stageType: 'culture', organizationId: other.org.id, source: 'mock' });

    const texts = (page: { items: { text: string }[] }) => page.items.map((q) => q.text).sort();
    // Coding at the same lab: the lab's quiz question, and the coding question from the book.
    expect(texts((await t.http().get(`/questions?forInterviewId=${nextCoding.id}`).set(owner.auth).expect(200)).body)).toEqual(['Edit distance, bottom-up', asked.text]);
    // Coding at the other lab: its own culture question, and the coding one; not the first lab's quiz.
    expect(texts((await t.http().get(`/questions?forInterviewId=${otherCoding.id}`).set(owner.auth).expect(200)).body)).toEqual(['Edit distance, bottom-up', unrelated.text]);
    expect(texts((await t.http().get(`/questions?interviewId=${pastQuiz.id}`).set(owner.auth).expect(200)).body)).toEqual([asked.text]);
    expect(texts((await t.http().get('/questions?source=book&q=EDIT').set(owner.auth).expect(200)).body)).toEqual([dp.text]);
    expect(texts(await queue(owner, `?forInterviewId=${nextCoding.id}`))).toEqual(['Edit distance, bottom-up', asked.text]);

    const edited = (await t.http().patch(`/questions/${dp.id}`).set(owner.auth).send({ answerNotes: 'Table of prefixes; O(nm)', topic: null }).expect(200)).body;
    expect([edited.answerNotes, edited.topic, edited.stageType]).toEqual(['Table of prefixes; O(nm)', null, 'coding']);
    await t.http().delete(`/questions/${dp.id}`).set(owner.auth).expect(204);
    await t.http().get(`/questions/${dp.id}`).set(owner.auth).expect(404);
  });

  it('schedules drills with FSRS: the next review moves further out with each good recall, and back after a lapse', async () => {
    const q = await ask(user, { text: 'Explain the bias–variance trade-off', topic: 'ML', stageType: 'quiz' });
    expect((await queue(user)).items.map((i: { id: string }) => i.id)).toEqual([q.id]);

    // First recall: a short learning step, still today.
    const first = await drill(user, q.id, 'good');
    expect(first.question.practice).toEqual(expect.objectContaining({ state: 'learning', reps: 1, due: '2027-03-01T09:10:00.000Z', lastDrilledAt: '2027-03-01T09:00:00.000Z' }));
    expect(first.drill).toEqual({ id: expect.any(String), rating: 'good', drilledAt: '2027-03-01T09:00:00.000Z', nextDue: '2027-03-01T09:10:00.000Z', scheduledDays: 0, notes: null });
    expect((await queue(user)).total).toBe(1);

    clock.advance(10 * MINUTE);
    const second = await drill(user, q.id, 'good');
    expect(second.question.practice).toEqual(expect.objectContaining({ state: 'review', reps: 2, scheduledDays: 2, due: '2027-03-03T09:10:00.000Z' }));
    // Reviewed for today: out of the queue until it is due.
    expect((await queue(user)).total).toBe(0);

    clock.advance(2 * 24 * HOUR);
    expect((await queue(user)).items.map((i: { id: string }) => i.id)).toEqual([q.id]);
    const third = await drill(user, q.id, 'good');
    expect(third.question.practice.scheduledDays).toBeGreaterThan(second.question.practice.scheduledDays);
    expect(third.question.practice.due).toBe('2027-03-14T09:10:00.000Z');

    clock.advance(Date.parse(third.question.practice.due) - clock.now().getTime());
    const lapse = await drill(user, q.id, 'again');
    expect(lapse.question.practice).toEqual(expect.objectContaining({ state: 'relearning', lapses: 1, reps: 4, due: '2027-03-14T09:20:00.000Z' }));
    const drills = (await t.http().get(`/questions/${q.id}/drills`).set(user.auth).expect(200)).body;
    expect(drills.items.map((d: { rating: string; scheduledDays: number }) => [d.rating, d.scheduledDays])).toEqual([
      ['again', 0],
      ['good', 11],
      ['good', 2],
      ['good', 0],
    ]);
  });

  it("builds the daily queue in the user's time zone: due before their midnight", async () => {
    const utc = await registerUser(t);
    const auckland = await registerUser(t);
    await t.http().patch('/me').set(auckland.auth).send({ timeZone: 'Pacific/Auckland' }).expect(200);
    const questions: Record<string, any> = {};
    for (const [name, who] of [['utc', utc], ['auckland', auckland]] as const) questions[name] = await ask(who, { text: `Reverse a linked list (${name})`, stageType: 'coding' });
    const start = clock.now().getTime();
    for (const [name, who] of [['utc', utc], ['auckland', auckland]] as const) await drill(who, questions[name].id, 'good');
    clock.advance(10 * MINUTE);
    let due = '';
    for (const [name, who] of [['utc', utc], ['auckland', auckland]] as const) due = (await drill(who, questions[name].id, 'good')).question.practice.due;
    // Thirteen hours before it is due: the same day in UTC, already the next day in Auckland (UTC+13 in March).
    clock.advance(Date.parse(due) - 13 * HOUR - clock.now().getTime());
    const dueAt = new Date(due);
    const now = clock.now();
    expect(now.getTime()).toBeGreaterThan(start);
    expect(now.getUTCDate()).toBe(dueAt.getUTCDate() - 1);
    const utcQueue = await queue(utc);
    expect([utcQueue.today, utcQueue.total]).toEqual([now.toISOString().slice(0, 10), 0]);
    expect(utcQueue.dueBefore).toBe(`${dueAt.toISOString().slice(0, 10)}T00:00:00.000Z`);
    const aucklandQueue = await queue(auckland);
    expect(aucklandQueue.today).toBe(dueAt.toISOString().slice(0, 10));
    expect(aucklandQueue.items.map((q: { id: string }) => q.id)).toEqual([questions.auckland.id]);
    expect(Date.parse(aucklandQueue.dueBefore) - Date.parse(`${aucklandQueue.today}T00:00:00Z`)).toBe(11 * HOUR);
  });

  it('names the field that is wrong', async () => {
    const lab = await loop(user);
    const other = await loop(user);
    const quiz = await interview(user, lab.stage('quiz').id, '2027-02-10T10:00:00Z');
    const details = async (body: object) => (await t.http().post('/questions').set(user.auth).send(body).expect(400)).body.details;
    expect(await details({ text: '   ' })).toEqual([{ field: 'text', problem: 'must not be blank' }]);
    expect(await details({ text: 'Q', source: 'interview' })).toEqual([{ field: 'interviewId', problem: 'is required when the source is an interview' }]);
    expect(await details({ text: 'Q', interviewId: quiz.id, organizationId: other.org.id })).toEqual([{ field: 'organizationId', problem: "must be the interview's organization (or be left out)" }]);
    expect(await details({ text: 'Q', stageType: 'dinner' })).toEqual([{ field: 'stageType', problem: expect.stringContaining('must be one of the following values') }]);
    const q = await ask(user, { text: 'Q' });
    const bad = await t.http().post(`/questions/${q.id}/drills`).set(user.auth).send({ rating: 'meh' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'rating', problem: 'must be one of the following values: again, hard, good, easy' }]);
    expect((await t.http().get('/questions/due?limit=0').set(user.auth).expect(400)).body.details).toEqual([{ field: 'limit', problem: 'must not be less than 1' }]);
  });

  it('keeps questions to their owner', async () => {
    const lab = await loop(user);
    const quiz = await interview(user, lab.stage('quiz').id, '2027-02-10T10:00:00Z');
    const q = await ask(user, { text: 'Owned question', interviewId: quiz.id });
    await t.http().get(`/questions/${q.id}`).set(stranger.auth).expect(404);
    await t.http().patch(`/questions/${q.id}`).set(stranger.auth).send({ text: 'Taken' }).expect(404);
    await t.http().post(`/questions/${q.id}/drills`).set(stranger.auth).send({ rating: 'easy' }).expect(404);
    await t.http().get(`/questions/${q.id}/drills`).set(stranger.auth).expect(404);
    await t.http().delete(`/questions/${q.id}`).set(stranger.auth).expect(404);
    // The owner's interview and organization are not the stranger's to file questions under.
    await t.http().post('/questions').set(stranger.auth).send({ text: 'Q', interviewId: quiz.id }).expect(404);
    await t.http().post('/questions').set(stranger.auth).send({ text: 'Q', organizationId: lab.org.id }).expect(404);
    await t.http().get(`/questions?forInterviewId=${quiz.id}`).set(stranger.auth).expect(404);
    expect((await t.http().get('/questions').set(stranger.auth).expect(200)).body.total).toBe(0);
    expect((await queue(stranger)).total).toBe(0);
    expect((await t.http().get(`/questions/${q.id}`).set(user.auth).expect(200)).body.practice.reps).toBe(0);
  });
});
