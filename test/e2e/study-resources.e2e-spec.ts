import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';

/** Study resources and their session log: progress in the resource's own unit, derived from the log. */
describe('study resources', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  const clock = new TestClock(new Date('2027-03-01T18:00:00Z'));

  const CTCI = {
    kind: 'book',
    title: '  Cracking the Coding Interview ',
    author: 'Gayle Laakmann McDowell',
    unit: 'problems',
    topics: ['coding', ' Coding ', 'algorithms', ''],
    stageTypes: ['coding', 'coding'],
    parts: [
      { title: 'Ch. 1 Arrays and strings', amount: 9 },
      { title: 'Ch. 5 Bit manipulation', amount: 8, emphasis: 'skim' },
      { title: 'Ch. 12 C and C++', amount: 11, emphasis: 'skip' },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(() => t.close());

  const create = async (who: TestUser, body: object): Promise<any> => (await t.http().post('/study-resources').set(who.auth).send(body).expect(201)).body;

  it('keeps a book with its chapters, its total from them, tidied; progress counts the log against the planned chapters', async () => {
    const book = await create(user, CTCI);
    expect(book).toEqual({
      id: expect.any(String),
      kind: 'book',
      title: 'Cracking the Coding Interview',
      author: 'Gayle Laakmann McDowell',
      url: null,
      unit: 'problems',
      totalAmount: 28,
      parts: [
        { title: 'Ch. 1 Arrays and strings', amount: 9, emphasis: 'core' },
        { title: 'Ch. 5 Bit manipulation', amount: 8, emphasis: 'skim' },
        { title: 'Ch. 12 C and C++', amount: 11, emphasis: 'skip' },
      ],
      emphasis: 'core',
      topics: ['coding', 'algorithms'],
      stageTypes: ['coding'],
      notes: null,
      starterKey: null,
      progress: { doneAmount: 0, plannedAmount: 17, percent: 0, sessions: 0, minutes: 0, lastStudiedAt: null },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const first = (await t.http().post(`/study-resources/${book.id}/sessions`).set(user.auth).send({ amount: 4, minutes: 90, notes: ' Two-pointer tricks ' }).expect(201)).body;
    expect(first).toEqual({ id: expect.any(String), resourceId: book.id, studiedAt: '2027-03-01T18:00:00.000Z', amount: 4, minutes: 90, notes: 'Two-pointer tricks', createdAt: expect.any(String) });
    await t.http().post(`/study-resources/${book.id}/sessions`).set(user.auth).send({ amount: 5, studiedAt: '2027-02-28T20:00:00+01:00' }).expect(201);
    const after = (await t.http().get(`/study-resources/${book.id}`).set(user.auth).expect(200)).body;
    expect(after.progress).toEqual({ doneAmount: 9, plannedAmount: 17, percent: 53, sessions: 2, minutes: 90, lastStudiedAt: '2027-03-01T18:00:00.000Z' });
    const log = (await t.http().get(`/study-resources/${book.id}/sessions`).set(user.auth).expect(200)).body;
    expect(log.items.map((s: { amount: number; studiedAt: string }) => [s.amount, s.studiedAt])).toEqual([
      [4, '2027-03-01T18:00:00.000Z'],
      [5, '2027-02-28T19:00:00.000Z'],
    ]);

    await t.http().delete(`/study-resources/${book.id}/sessions/${first.id}`).set(user.auth).expect(204);
    await t.http().delete(`/study-resources/${book.id}/sessions/${first.id}`).set(user.auth).expect(404);
    expect((await t.http().get(`/study-resources/${book.id}`).set(user.auth).expect(200)).body.progress).toEqual(expect.objectContaining({ doneAmount: 5, percent: 29, sessions: 1, minutes: 0 }));

    // Editing the chapters recounts the total; a total that does not match them is refused.
    const edited = (await t.http().patch(`/study-resources/${book.id}`).set(user.auth).send({ parts: [{ title: 'Ch. 1 Arrays and strings', amount: 9 }] }).expect(200)).body;
    expect([edited.totalAmount, edited.progress.plannedAmount, edited.progress.percent]).toEqual([9, 9, 56]);
    const mismatch = await t.http().patch(`/study-resources/${book.id}`).set(user.auth).send({ totalAmount: 300 }).expect(400);
    expect(mismatch.body.details).toEqual([{ field: 'totalAmount', problem: 'must equal the sum of the parts (9), or be left out' }]);
  });

  it('keeps undivided resources in their own unit, and filters by stage type and topic', async () => {
    const owner = await registerUser(t);
    const video = await create(owner, { kind: 'video', title: 'Lecture: policy gradients', unit: 'minutes', totalAmount: 80, topics: ['RL'], stageTypes: ['research'], url: 'https://example.org/lecture' });
    const paper = await create(owner, { kind: 'paper', title: 'PPO', unit: 'pages', totalAmount: 12, topics: ['rl'], emphasis: 'optional' });
    await create(owner, { kind: 'problem_set', title: 'DP drills', unit: 'problems', totalAmount: 30, stageTypes: ['coding'] });
    const list = async (query: string) => (await t.http().get(`/study-resources${query}`).set(owner.auth).expect(200)).body.items.map((r: { title: string }) => r.title);
    expect(await list('')).toEqual(['Lecture: policy gradients', 'PPO', 'DP drills']);
    // PPO names no stage type: it is for any.
    expect(await list('?stageType=research')).toEqual(['Lecture: policy gradients', 'PPO']);
    expect(await list('?topic=rl')).toEqual(['Lecture: policy gradients', 'PPO']);
    expect(await list('?q=drill')).toEqual(['DP drills']);
    expect([video.totalAmount, video.progress.plannedAmount, paper.emphasis]).toEqual([80, 80, 'optional']);
  });

  it('names the field that is wrong', async () => {
    const details = async (body: object) => (await t.http().post('/study-resources').set(user.auth).send(body).expect(400)).body.details;
    expect(await details({ kind: 'book', title: 'No unit', totalAmount: 10 })).toEqual([{ field: 'unit', problem: 'must be one of the following values: pages, problems, chapters, minutes' }]);
    expect(await details({ kind: 'paper', title: 'No size', unit: 'pages' })).toEqual([{ field: 'totalAmount', problem: 'is required when the resource has no parts' }]);
    expect(await details({ kind: 'book', title: 'Bad part', unit: 'pages', parts: [{ title: 'Ch. 1', amount: 0 }] })).toEqual([{ field: 'parts.0.amount', problem: 'must not be less than 1' }]);
    expect(await details({ kind: 'book', title: 'Blank part', unit: 'pages', parts: [{ title: '   ', amount: 3 }] })).toEqual([{ field: 'parts.0.title', problem: 'must not be blank' }]);
    expect(await details({ kind: 'book', title: 'All skipped', unit: 'pages', parts: [{ title: 'Ch. 1', amount: 3, emphasis: 'skip' }] })).toEqual([{ field: 'parts', problem: 'must leave at least one part not skipped' }]);
    expect(await details({ kind: 'scroll', title: 'Unknown kind', unit: 'pages', totalAmount: 3 })).toEqual([
      { field: 'kind', problem: 'must be one of the following values: book, chapter_range, problem_set, paper, video, course, link' },
    ]);
    const resource = await create(user, { kind: 'link', title: 'A post', unit: 'minutes', totalAmount: 10 });
    const session = async (body: object) => (await t.http().post(`/study-resources/${resource.id}/sessions`).set(user.auth).send(body).expect(400)).body.details;
    expect(await session({ amount: 3, studiedAt: '2027-03-02T18:00:00Z' })).toEqual([{ field: 'studiedAt', problem: 'must not be in the future' }]);
    expect(await session({ amount: 0 })).toEqual([{ field: 'amount', problem: 'must be more than 0 when no minutes are given' }]);
    expect(await session({ amount: -1 })).toEqual([{ field: 'amount', problem: 'must not be less than 0' }]);
    expect(await session({ amount: 2, studiedAt: 'yesterday' })).toEqual([{ field: 'studiedAt', problem: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-15T14:30:00Z' }]);
  });

  it('keeps resources and their logs to their owner', async () => {
    const resource = await create(user, { kind: 'paper', title: 'Owned paper', unit: 'pages', totalAmount: 10 });
    const session = (await t.http().post(`/study-resources/${resource.id}/sessions`).set(user.auth).send({ amount: 2 }).expect(201)).body;
    await t.http().get(`/study-resources/${resource.id}`).set(stranger.auth).expect(404);
    await t.http().patch(`/study-resources/${resource.id}`).set(stranger.auth).send({ title: 'Taken' }).expect(404);
    await t.http().post(`/study-resources/${resource.id}/sessions`).set(stranger.auth).send({ amount: 2 }).expect(404);
    await t.http().get(`/study-resources/${resource.id}/sessions`).set(stranger.auth).expect(404);
    await t.http().delete(`/study-resources/${resource.id}/sessions/${session.id}`).set(stranger.auth).expect(404);
    await t.http().delete(`/study-resources/${resource.id}`).set(stranger.auth).expect(404);
    expect((await t.http().get('/study-resources').set(stranger.auth).expect(200)).body.total).toBe(0);
    const mine = (await t.http().get(`/study-resources/${resource.id}`).set(user.auth).expect(200)).body;
    expect([mine.title, mine.progress.doneAmount]).toEqual(['Owned paper', 2]);
  });
});
