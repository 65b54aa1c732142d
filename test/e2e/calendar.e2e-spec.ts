import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

describe('calendar feed', () => {
  let t: TestApp;

  const post = (u: TestUser, path: string, body: object = {}) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);
  const pathOf = (url: string) => new URL(url).pathname;

  async function issue(u: TestUser): Promise<string> {
    return pathOf((await post(u, '/calendar/feed').expect(201)).body.url);
  }

  /** Fetches a feed without credentials, as a calendar app does, and parses it with ical.js. */
  async function read(path: string): Promise<{ text: string; calendar: Component; events: Map<string, Component> }> {
    const res = await t.http().get(path).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = new Map(calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
    expect(events.size).toBe(calendar.getAllSubcomponents('vevent').length);
    return { text: res.text, calendar, events };
  }

  const time = (event: Component, name: 'dtstart' | 'dtend') => event.getFirstPropertyValue(name) as Time;

  async function schedulingSetup(u: TestUser, { organization = 'Frontier Lab', role = 'Research Engineer' } = {}) {
    const org = (await post(u, '/organizations', { name: organization }).expect(201)).body;
    const application = (await post(u, '/applications', { organizationId: org.id, role, builtInTemplate: 'research-engineer' }).expect(201)).body;
    const stage = (name: string) => application.stages.find((s: { name: string }) => s.name === name).id as string;
    return { application, stage };
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('issues a secret URL shown once and stores only its SHA-256; the status says whether a feed is active', async () => {
    const u = await registerUser(t);
    expect((await t.http().get('/calendar/feed').set(u.auth).expect(200)).body).toEqual({ active: false, createdAt: null });
    await t.http().post('/calendar/feed').expect(401);

    const issued = (await post(u, '/calendar/feed').expect(201)).body;
    expect(issued.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /\/calendar\/([^/]+)\.ics$/.exec(issued.url)![1];
    expect((await t.http().get('/calendar/feed').set(u.auth).expect(200)).body).toEqual({ active: true, createdAt: issued.createdAt });

    const rows = (await t.db.query('SELECT token_hash FROM calendar_feeds WHERE user_id = $1', [u.id])) as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    // The URL is built on PUBLIC_URL (here its default, http://HOST:PORT): headers a client chooses do not move it.
    const proxied = (await post(u, '/calendar/feed').set({ host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dossier.example.org' }).expect(201)).body;
    expect(proxied.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const empty = await read(pathOf(proxied.url));
    expect(empty.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(empty.events.size).toBe(0);
  });

  it("shows an interview as a timed event in its own zone, with a VTIMEZONE, at the right instant; the UID stays and SEQUENCE goes up when it moves", async () => {
    const u = await registerUser(t);
    const { stage } = await schedulingSetup(u);
    const ada = (await post(u, '/people', { fullName: 'Ada Lovelace', headline: 'Research Scientist, RL' }).expect(201)).body;
    const interview = (
      await post(u, '/interviews', {
        stageId: stage('Coding interview'),
        startsAt: '2026-03-10T14:00:00+09:00',
        timeZone: 'Asia/Tokyo',
        durationMinutes: 60,
        format: 'video',
        meetingUrl: 'https://meet.example.com/abc-defg',
        interviewerIds: [ada.id],
        prepNotes: 'Dynamic programming',
      }).expect(201)
    ).body;
    const path = await issue(u);
    const uid = `interview-${interview.id}@dossier`;

    const before = await read(path);
    const event = before.events.get(uid)!;
    expect(event).toBeDefined();
    expect(before.text).toContain('DTSTART;TZID=Asia/Tokyo:20260310T140000');
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(time(event, 'dtstart').toString()).toBe('2026-03-10T14:00:00');
    expect(time(event, 'dtstart').toJSDate().toISOString()).toBe('2026-03-10T05:00:00.000Z');
    expect(time(event, 'dtend').toJSDate().toISOString()).toBe('2026-03-10T06:00:00.000Z');
    const zones = before.calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    expect(zones).toEqual(['Asia/Tokyo']);
    expect(event.getFirstPropertyValue('summary')).toBe('Coding interview — Frontier Lab (Research Engineer)');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('url')).toBe('https://meet.example.com/abc-defg');
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toContain('Interviewers: Ada Lovelace (Research Scientist, RL)');
    expect(description).toContain('Join: https://meet.example.com/abc-defg');
    expect(description).toContain('Prep notes:\nDynamic programming');

    await patch(u, `/interviews/${interview.id}`, { startsAt: '2026-03-12T10:30:00+09:00' }).expect(200);
    const moved = (await read(path)).events.get(uid)!;
    expect(moved.getFirstPropertyValue('sequence')).toBe(1);
    expect(time(moved, 'dtstart').toString()).toBe('2026-03-12T10:30:00');
    expect(time(moved, 'dtstart').toJSDate().toISOString()).toBe('2026-03-12T01:30:00.000Z');

    // Cancelled interviews stay in the feed, marked cancelled, so subscribed calendars update them.
    await patch(u, `/interviews/${interview.id}`, { outcome: 'cancelled' }).expect(200);
    const cancelled = (await read(path)).events.get(uid)!;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancelled.getFirstPropertyValue('summary')).toBe('Cancelled: Coding interview — Frontier Lab (Research Engineer)');
  });

  it('round-trips text with commas, semicolons and newlines exactly', async () => {
    const u = await registerUser(t);
    const role = 'Research Engineer, RL; Core\nteam \\ "applied"';
    const { stage } = await schedulingSetup(u, { organization: 'Frontier, Lab; Inc', role });
    const notes = 'Read: "Attention", PPO; DQN\n\nThen: mock interview, twice;\r\nask about the team';
    const interview = (await post(u, '/interviews', { stageId: stage('Team lead interview'), startsAt: '2026-05-04T16:00:00Z', timeZone: 'Europe/London', durationMinutes: 45, format: 'onsite', location: 'Office, floor 6; room "B"', prepNotes: notes }).expect(201)).body;
    const { text, events } = await read(await issue(u));
    const event = events.get(`interview-${interview.id}@dossier`)!;
    expect(event.getFirstPropertyValue('summary')).toBe(`Team lead interview — Frontier, Lab; Inc (${role})`);
    expect(text).toContain('Frontier\\, Lab\\; Inc');
    expect(event.getFirstPropertyValue('location')).toBe('Office, floor 6; room "B"');
    expect(String(event.getFirstPropertyValue('description'))).toContain(`Prep notes:\n${notes.replace(/\r\n/g, '\n')}`);
    // Summer time in London: 16:00Z is 17:00 BST on the wall clock.
    expect(time(event, 'dtstart').toString()).toBe('2026-05-04T17:00:00');
    expect(time(event, 'dtstart').toJSDate().toISOString()).toBe('2026-05-04T16:00:00.000Z');
  });

  it('writes an interview in UTC when the bundled VTIMEZONE disagrees with current rules (Mexico City dropped summer time)', async () => {
    const u = await registerUser(t);
    const { stage } = await schedulingSetup(u);
    const interview = (await post(u, '/interviews', { stageId: stage('Recruiter chat'), startsAt: '2026-06-10T10:00:00-06:00', timeZone: 'America/Mexico_City', durationMinutes: 30, format: 'phone' }).expect(201)).body;
    expect(interview.startsAtLocal).toBe('2026-06-10T10:00');
    const { text, calendar, events } = await read(await issue(u));
    const event = events.get(`interview-${interview.id}@dossier`)!;
    expect(text).toContain('DTSTART:20260610T160000Z');
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBeUndefined();
    expect(time(event, 'dtstart').toJSDate().toISOString()).toBe('2026-06-10T16:00:00.000Z');
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(0);
  });

  it('shows open dated tasks (prep checklists included) and follow-ups as all-day events; done, undated tasks and deleted people are left out', async () => {
    const u = await registerUser(t);
    const { stage } = await schedulingSetup(u);
    const task = (await post(u, '/tasks', { title: 'Read the PPO paper', dueOn: '2026-03-20', notes: 'Section 3' }).expect(201)).body;
    const undated = (await post(u, '/tasks', { title: 'Someday' }).expect(201)).body;
    const done = (await post(u, '/tasks', { title: 'Done already', dueOn: '2026-03-18' }).expect(201)).body;
    await patch(u, `/tasks/${done.id}`, { done: true }).expect(200);
    const grace = (await post(u, '/people', { fullName: 'Grace Hopper', headline: 'Rear admiral', nextFollowUpAt: '2026-04-01' }).expect(201)).body;
    const gone = (await post(u, '/people', { fullName: 'Gone Person', nextFollowUpAt: '2026-04-02' }).expect(201)).body;
    await t.http().delete(`/people/${gone.id}`).set(u.auth).expect(204);
    // The recruiter chat's checklist becomes due the day before its interview.
    await post(u, '/interviews', { stageId: stage('Recruiter chat'), startsAt: '2026-03-05T10:00:00Z', timeZone: 'Europe/London', durationMinutes: 30, format: 'phone' }).expect(201);
    const path = await issue(u);

    const { events } = await read(path);
    const taskEvent = events.get(`task-${task.id}@dossier`)!;
    expect(taskEvent.getFirstProperty('dtstart')!.type).toBe('date');
    expect(time(taskEvent, 'dtstart').toString()).toBe('2026-03-20');
    expect(time(taskEvent, 'dtend').toString()).toBe('2026-03-21');
    expect(taskEvent.getFirstPropertyValue('summary')).toBe('To do: Read the PPO paper');
    expect(taskEvent.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(taskEvent.getFirstPropertyValue('sequence')).toBe(0);
    expect(events.has(`task-${undated.id}@dossier`)).toBe(false);
    expect(events.has(`task-${done.id}@dossier`)).toBe(false);

    const prep = [...events.values()].filter((e) => String(e.getFirstPropertyValue('description')).includes('Prep for: Recruiter chat'));
    expect(prep).toHaveLength(3);
    for (const e of prep) expect(time(e, 'dtstart').toString()).toBe('2026-03-04');

    const followUp = events.get(`follow-up-${grace.id}@dossier`)!;
    expect(followUp.getFirstProperty('dtstart')!.type).toBe('date');
    expect(time(followUp, 'dtstart').toString()).toBe('2026-04-01');
    expect(followUp.getFirstPropertyValue('summary')).toBe('Follow up with Grace Hopper');
    expect(events.has(`follow-up-${gone.id}@dossier`)).toBe(false);

    await patch(u, `/tasks/${task.id}`, { dueOn: '2026-03-22' }).expect(200);
    const moved = (await read(path)).events.get(`task-${task.id}@dossier`)!;
    expect(time(moved, 'dtstart').toString()).toBe('2026-03-22');
    expect(moved.getFirstPropertyValue('sequence')).toBe(1);
    await patch(u, `/tasks/${task.id}`, { done: true }).expect(200);
    expect((await read(path)).events.has(`task-${task.id}@dossier`)).toBe(false);
  });

  it('answers 404 for a rotated, revoked or made-up URL', async () => {
    const u = await registerUser(t);
    const first = await issue(u);
    const second = await issue(u);
    expect(second).not.toBe(first);
    const stale = await t.http().get(first).expect(404);
    expect(stale.body).toMatchObject({ statusCode: 404, code: 'calendar-feed.not-found' });
    await read(second);

    await t.http().delete('/calendar/feed').set(u.auth).expect(204);
    await t.http().get(second).expect(404);
    expect((await t.http().get('/calendar/feed').set(u.auth).expect(200)).body).toEqual({ active: false, createdAt: null });
    await t.http().delete('/calendar/feed').set(u.auth).expect(204);

    await t.http().get('/calendar/not-a-token.ics').expect(404);
    await t.http().get(`/calendar/${'A'.repeat(43)}.ics`).expect(404);
    const third = await issue(u);
    await t.http().get(third.replace(/\.ics$/, '.txt')).expect(404);
    await t.http().get(third.replace(/\.ics$/, '')).expect(404);
  });

  it("never shows one user's records in another user's feed", async () => {
    const mine = await registerUser(t);
    const theirs = await registerUser(t);
    const ids: Record<string, string[]> = {};
    for (const [u, name] of [[mine, 'mine'], [theirs, 'theirs']] as const) {
      const { stage } = await schedulingSetup(u, { organization: `Lab of ${name}` });
      const person = (await post(u, '/people', { fullName: `Friend of ${name}`, nextFollowUpAt: '2026-04-01' }).expect(201)).body;
      const interview = (await post(u, '/interviews', { stageId: stage('Coding interview'), startsAt: '2026-03-10T10:00:00Z', timeZone: 'Europe/Paris', durationMinutes: 60, format: 'video', interviewerIds: [person.id] }).expect(201)).body;
      const task = (await post(u, '/tasks', { title: `Task of ${name}`, dueOn: '2026-03-09' }).expect(201)).body;
      ids[name] = [`interview-${interview.id}@dossier`, `task-${task.id}@dossier`, `follow-up-${person.id}@dossier`];
    }
    const myFeed = await read(await issue(mine));
    const theirFeed = await read(await issue(theirs));
    expect([...myFeed.events.keys()].sort()).toEqual([...ids.mine].sort());
    expect([...theirFeed.events.keys()].sort()).toEqual([...ids.theirs].sort());
    expect(myFeed.text).not.toContain('theirs');
    expect(theirFeed.text).not.toContain('mine');
  });
});
