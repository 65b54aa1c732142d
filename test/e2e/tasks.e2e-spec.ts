import ICAL from 'ical.js';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/** yyyy-mm-dd in a time zone, as the server should compute "today". */
function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface TaskBody {
  id: string;
  title: string;
  dueOn: string | null;
  done: boolean;
  daysOverdue?: number;
}

describe('tasks', () => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const titles = (page: { items: TaskBody[] }) => page.items.map((task) => task.title);

  async function application(u: TestUser, name: string): Promise<{ id: string; stages: { id: string; name: string; type: string }[] }> {
    const org = (await post(u, '/organizations', { name }).expect(201)).body;
    return (await post(u, '/applications', { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    other = await registerUser(t);
  });
  afterAll(() => t.close());

  it('creates, reads, edits, marks done, opens again and deletes a task; SEQUENCE follows the title and date', async () => {
    const created = await post(user, '/tasks', { title: '  Read the PPO paper again ', dueOn: '2026-03-09', notes: 'Section 3; the clipping' }).expect(201);
    expect(created.body).toMatchObject({
      title: 'Read the PPO paper again',
      dueOn: '2026-03-09',
      notes: 'Section 3; the clipping',
      done: false,
      doneAt: null,
      origin: 'manual',
      person: null,
      application: null,
      interview: null,
      stage: null,
      sequence: 0,
    });
    const url = `/tasks/${created.body.id}`;
    expect((await get(user, url).expect(200)).body).toEqual(created.body);

    expect((await patch(user, url, { notes: 'Also the appendix' }).expect(200)).body).toMatchObject({ notes: 'Also the appendix', sequence: 0 });
    expect((await patch(user, url, { title: 'Read PPO', dueOn: '2026-03-10' }).expect(200)).body).toMatchObject({ title: 'Read PPO', dueOn: '2026-03-10', sequence: 1 });

    const done = (await patch(user, url, { done: true }).expect(200)).body;
    expect(done.done).toBe(true);
    expect(Date.now() - Date.parse(done.doneAt)).toBeLessThan(60_000);
    // Marking it done again keeps when it was done.
    expect((await patch(user, url, { done: true }).expect(200)).body.doneAt).toBe(done.doneAt);
    expect(titles((await get(user, '/tasks').expect(200)).body)).not.toContain('Read PPO');
    expect(titles((await get(user, '/tasks?status=done').expect(200)).body)).toEqual(['Read PPO']);
    expect((await patch(user, url, { done: false }).expect(200)).body).toMatchObject({ done: false, doneAt: null });
    expect(titles((await get(user, '/tasks?status=open').expect(200)).body)).toContain('Read PPO');

    expect((await patch(user, url, { dueOn: null }).expect(200)).body).toMatchObject({ dueOn: null, sequence: 2 });
    await t.http().delete(url).set(user.auth).expect(204);
    await get(user, url).expect(404);
    await t.http().delete(url).set(user.auth).expect(404);
  });

  it('answers 400 naming the field for bad input and unknown fields', async () => {
    const fields = async (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);
    expect(await fields(await post(user, '/tasks', { title: '' }).expect(400))).toEqual(['title']);
    expect(await fields(await post(user, '/tasks', { title: 'x', dueOn: '2026-02-30' }).expect(400))).toEqual(['dueOn']);
    expect(await fields(await post(user, '/tasks', { title: 'x', origin: 'checklist' }).expect(400))).toEqual(['origin']);
    expect(await fields(await post(user, '/tasks', { title: 'x', personId: 'someone' }).expect(400))).toEqual(['personId']);
    const { id } = (await post(user, '/tasks', { title: 'x' }).expect(201)).body;
    expect(await fields(await patch(user, `/tasks/${id}`, { done: 'yes' }).expect(400))).toEqual(['done']);
    expect(await fields(await patch(user, `/tasks/${id}`, { title: null }).expect(400))).toEqual(['title']);
    expect(await fields(await patch(user, `/tasks/${id}`, { personId: null }).expect(400))).toEqual(['personId']);
    expect(await fields(await get(user, '/tasks?status=later').expect(400))).toEqual(['status']);
    expect(await fields(await get(user, '/tasks?due=soon').expect(400))).toEqual(['due']);
  });

  it("lists tasks by due date (undated last), and what is due or overdue by the user's today in their time zone", async () => {
    // UTC+14: the user's today is ahead of UTC for most of the day.
    const u = await registerUser(t);
    await patch(u, '/me', { timeZone: 'Pacific/Kiritimati' }).expect(200);
    const today = dateIn('Pacific/Kiritimati');
    const make = (title: string, dueOn: string | null) => post(u, '/tasks', { title, dueOn }).expect(201);
    await make('Undated', null);
    await make('Tomorrow', addDays(today, 1));
    await make('Today', today);
    await make('Last week', addDays(today, -7));
    const doneLongAgo = (await make('Done long ago', addDays(today, -30))).body;
    await patch(u, `/tasks/${doneLongAgo.id}`, { done: true }).expect(200);

    expect(titles((await get(u, '/tasks').expect(200)).body)).toEqual(['Last week', 'Today', 'Tomorrow', 'Undated']);
    expect(titles((await get(u, '/tasks?status=all').expect(200)).body)).toEqual(['Done long ago', 'Last week', 'Today', 'Tomorrow', 'Undated']);
    expect(titles((await get(u, '/tasks?due=overdue').expect(200)).body)).toEqual(['Last week']);
    expect(titles((await get(u, '/tasks?due=overdue&status=all').expect(200)).body)).toEqual(['Done long ago', 'Last week']);
    expect(titles((await get(u, '/tasks?due=today').expect(200)).body)).toEqual(['Today']);
    expect(titles((await get(u, '/tasks?due=upcoming').expect(200)).body)).toEqual(['Tomorrow']);

    const due = (await get(u, '/tasks/due').expect(200)).body;
    expect(due).toMatchObject({ by: today, today, total: 2, limit: 50, offset: 0 });
    expect(due.items.map((task: TaskBody) => [task.title, task.dueOn, task.daysOverdue])).toEqual([
      ['Last week', addDays(today, -7), 7],
      ['Today', today, 0],
    ]);
    const byTomorrow = (await get(u, `/tasks/due?by=${addDays(today, 1)}&limit=1&offset=2`).expect(200)).body;
    expect(byTomorrow).toMatchObject({ by: addDays(today, 1), today, total: 3, limit: 1, offset: 2 });
    expect(byTomorrow.items.map((task: TaskBody) => [task.title, task.daysOverdue])).toEqual([['Tomorrow', -1]]);
    expect((await get(u, '/tasks/due?by=today').expect(200)).body.total).toBe(2);

    // UTC-11 at the same moment is a day (or more) behind: the lists follow the zone.
    await patch(u, '/me', { timeZone: 'Pacific/Pago_Pago' }).expect(200);
    const behind = dateIn('Pacific/Pago_Pago');
    expect((await get(u, '/tasks/due').expect(200)).body.today).toBe(behind);
    expect(behind < today).toBe(true);
    expect(titles((await get(u, '/tasks?due=upcoming').expect(200)).body)).toEqual(['Today', 'Tomorrow']);
  });

  it('links a person, an application or an interview of the user (display names included), and filters by them', async () => {
    const ada = (await post(user, '/people', { fullName: 'Ada Lovelace' }).expect(201)).body;
    const app = await application(user, 'Frontier Lab');
    const interview = (await post(user, '/interviews', { stageId: app.stages[3].id, startsAt: '2026-03-10T14:00:00+09:00', timeZone: 'Asia/Tokyo', durationMinutes: 60, format: 'video' }).expect(201)).body;

    const aboutAda = (await post(user, '/tasks', { title: 'Thank Ada for the referral', personId: ada.id }).expect(201)).body;
    expect(aboutAda.person).toEqual({ id: ada.id, name: 'Ada Lovelace' });
    const forApp = (await post(user, '/tasks', { title: 'Ask about the timeline', applicationId: app.id }).expect(201)).body;
    expect(forApp.application).toEqual({ id: app.id, name: 'Research Engineer — Frontier Lab' });
    // Linking the interview links its application too.
    const forInterview = (await post(user, '/tasks', { title: 'Mock coding interview', interviewId: interview.id, personId: ada.id }).expect(201)).body;
    expect(forInterview).toMatchObject({
      interview: { id: interview.id, name: 'Coding interview — 2026-03-10 14:00 (Asia/Tokyo)' },
      application: { id: app.id },
      person: { id: ada.id },
    });

    expect(titles((await get(user, `/tasks?personId=${ada.id}`).expect(200)).body)).toEqual(['Thank Ada for the referral', 'Mock coding interview']);
    expect(titles((await get(user, `/tasks?interviewId=${interview.id}`).expect(200)).body)).toEqual(['Mock coding interview']);
    const appTasks = (await get(user, `/tasks?applicationId=${app.id}`).expect(200)).body;
    // The recruiter stage's checklist (created on apply) is the application's too.
    expect(titles(appTasks)).toEqual(expect.arrayContaining(['Ask about the timeline', 'Mock coding interview', 'Write a two-minute story of your path and why this lab']));
    const checklist = appTasks.items.find((task: TaskBody) => task.title.startsWith('Write a two-minute story'));
    expect(checklist).toMatchObject({ origin: 'checklist', stage: { id: app.stages[0].id, name: 'Recruiter chat', type: 'recruiter' }, application: { id: app.id } });

    const elsewhere = await application(user, 'Another Lab');
    const mismatch = await post(user, '/tasks', { title: 'x', interviewId: interview.id, applicationId: elsewhere.id }).expect(400);
    expect(mismatch.body.details).toEqual([{ field: 'applicationId', problem: expect.stringContaining('application of the interview') }]);
  });

  it("answers 404 for another user's person, application, interview or task", async () => {
    const theirPerson = (await post(other, '/people', { fullName: 'Not Yours' }).expect(201)).body;
    const theirApp = await application(other, 'Their Lab');
    const theirInterview = (await post(other, '/interviews', { stageId: theirApp.stages[0].id, startsAt: '2026-03-10T10:00:00Z', timeZone: 'UTC', durationMinutes: 30, format: 'phone' }).expect(201)).body;
    const theirTask = (await post(other, '/tasks', { title: 'Private', personId: theirPerson.id }).expect(201)).body;

    expect((await post(user, '/tasks', { title: 'x', personId: theirPerson.id }).expect(404)).body.code).toBe('person.not-found');
    expect((await post(user, '/tasks', { title: 'x', applicationId: theirApp.id }).expect(404)).body.code).toBe('application.not-found');
    expect((await post(user, '/tasks', { title: 'x', interviewId: theirInterview.id }).expect(404)).body.code).toBe('interview.not-found');
    await get(user, `/tasks/${theirTask.id}`).expect(404);
    await patch(user, `/tasks/${theirTask.id}`, { done: true }).expect(404);
    await t.http().delete(`/tasks/${theirTask.id}`).set(user.auth).expect(404);
    expect((await get(user, `/tasks?personId=${theirPerson.id}&status=all`).expect(200)).body.total).toBe(0);
    expect((await get(other, `/tasks/${theirTask.id}`).expect(200)).body.done).toBe(false);

    // People in the trash cannot be linked to new tasks.
    const gone = (await post(user, '/people', { fullName: 'Gone' }).expect(201)).body;
    await t.http().delete(`/people/${gone.id}`).set(user.auth).expect(204);
    await post(user, '/tasks', { title: 'x', personId: gone.id }).expect(404);
  });
  it('settles the prep of a closed application: out of /tasks/due and the calendar feed, kept with its status, reopened only when asked', async () => {
    const u = await registerUser(t);
    const today = dateIn('UTC');
    const org = (await post(u, '/organizations', { name: 'Settled Lab' }).expect(201)).body;
    const core = (await post(u, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201)).body;
    const applied = (await post(u, `/organizations/${org.id}/teams`, { name: 'Applied' }).expect(201)).body;
    const robotics = (await post(u, `/organizations/${org.id}/teams`, { name: 'Robotics' }).expect(201)).body;
    const app = (await post(u, '/applications', { organizationId: org.id, teamId: core.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    // The recruiter chat was ten days ago, the quiz three: their prep is overdue.
    await post(u, '/interviews', { stageId: app.stages[0].id, startsAt: `${addDays(today, -10)}T10:00:00Z`, timeZone: 'UTC', durationMinutes: 30, format: 'phone' }).expect(201);
    await post(u, `/applications/${app.id}/moves`, { move: 'advance' }).expect(200);
    await post(u, '/interviews', { stageId: app.stages[1].id, startsAt: `${addDays(today, -3)}T10:00:00Z`, timeZone: 'UTC', durationMinutes: 60, format: 'video' }).expect(201);
    const mine = (await post(u, '/tasks', { title: 'Thank the recruiter', dueOn: addDays(today, -1), applicationId: app.id }).expect(201)).body;
    const feed = new URL((await post(u, '/calendar/feed', {}).expect(201)).body.url).pathname;
    const feedUids = async () => new ICAL.Component(ICAL.parse((await t.http().get(feed).expect(200)).text)).getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
    const prepOf = async (applicationId: string, status: string) => ((await get(u, `/tasks?applicationId=${applicationId}&status=${status}&limit=200`).expect(200)).body.items as (TaskBody & { origin: string })[]).filter((task) => task.origin === 'checklist');

    const prep = await prepOf(app.id, 'open');
    expect(prep.length).toBeGreaterThanOrEqual(6);
    const dueIds = async () => ((await get(u, '/tasks/due?limit=200').expect(200)).body.items as TaskBody[]).map((task) => task.id);
    expect(await dueIds()).toEqual(expect.arrayContaining(prep.map((task) => task.id)));
    expect(await feedUids()).toEqual(expect.arrayContaining(prep.map((task) => `task-${task.id}@dossier`)));

    // Failed at the quiz, rerouted to Applied: nothing of the rejected loop is due any more.
    const failedAt = (await post(u, `/applications/${app.id}/moves`, { move: 'fail' }).expect(200)).body.history.at(-1).at;
    const rerouted = (await post(u, `/applications/${app.id}/reroute`, { teamId: applied.id }).expect(201)).body;
    expect(await dueIds()).toEqual([mine.id]);
    const uids = await feedUids();
    for (const task of prep) expect(uids).not.toContain(`task-${task.id}@dossier`);
    expect(uids).toContain(`task-${mine.id}@dossier`);
    expect(titles((await get(u, `/tasks?due=overdue&applicationId=${app.id}`).expect(200)).body)).toEqual(['Thank the recruiter']);
    expect(await prepOf(app.id, 'open')).toEqual([]);
    // Kept, each marked closed with the application, when it failed.
    const closed = await prepOf(app.id, 'closed');
    expect(closed.map((task) => task.id).sort()).toEqual(prep.map((task) => task.id).sort());
    for (const task of closed) expect(task).toMatchObject({ status: 'closed', done: false, doneAt: null, closedReason: 'rejected', closedAt: failedAt });
    expect((await get(u, `/tasks/${prep[0].id}`).expect(200)).body).toMatchObject({ status: 'closed', closedReason: 'rejected' });
    // The new loop's prep is open, its own.
    expect((await prepOf(rerouted.id, 'open')).length).toBeGreaterThan(0);

    // Reopening is explicit: the application's settled prep comes back, dated after its interviews again.
    const reopened = (await post(u, `/applications/${app.id}/reopen-tasks`, {}).expect(200)).body.items as (TaskBody & { status: string; closedAt: string | null })[];
    expect(reopened.map((task) => task.id).sort()).toEqual(prep.map((task) => task.id).sort());
    expect(reopened.every((task) => task.status === 'open' && task.closedAt === null)).toBe(true);
    expect(await dueIds()).toEqual(expect.arrayContaining(prep.map((task) => task.id)));
    expect((await post(u, `/applications/${app.id}/reopen-tasks`, {}).expect(200)).body.items).toEqual([]);
    // Rerouted once more: what was opened again is settled as rerouted.
    await post(u, `/applications/${app.id}/reroute`, { teamId: robotics.id }).expect(201);
    expect((await prepOf(app.id, 'closed')).map((task) => (task as unknown as { closedReason: string }).closedReason)).toEqual(prep.map(() => 'rerouted'));
    // One task at a time: done: false opens a settled task, done: true settles it as done.
    expect((await patch(u, `/tasks/${prep[0].id}`, { done: false }).expect(200)).body).toMatchObject({ status: 'open', closedAt: null, closedReason: null });
    expect((await patch(u, `/tasks/${prep[1].id}`, { done: true }).expect(200)).body).toMatchObject({ status: 'done', done: true, closedAt: null });

    // A withdrawal settles its prep too.
    const other = (await post(u, '/applications', { organizationId: org.id, role: 'Research Scientist', builtInTemplate: 'research-engineer' }).expect(201)).body;
    await post(u, `/applications/${other.id}/moves`, { move: 'withdraw' }).expect(200);
    const withdrawn = await prepOf(other.id, 'all');
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(withdrawn.map((task) => (task as unknown as { status: string; closedReason: string })).every((task) => task.status === 'closed' && task.closedReason === 'withdrawn')).toBe(true);
    await post(user, `/applications/${other.id}/reopen-tasks`, {}).expect(404);
  });
});
