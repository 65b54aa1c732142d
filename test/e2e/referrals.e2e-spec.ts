import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/** yyyy-mm-dd in a time zone, as the server computes "today". */
function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Step = { status: string; on: string | null; reached: boolean };

describe('referrals: the path, the thank-you, and asks', () => {
  let t: TestApp;
  let user: TestUser;
  let lab: { id: string; teams: { id: string; name: string }[] };
  let today: string;
  const day = (offset: number) => addDays(today, offset);

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    const org = (await post(user, '/organizations', { name: 'Frontier Lab' }).expect(201)).body;
    await post(user, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201);
    lab = (await t.http().get(`/organizations/${org.id}`).set(user.auth).expect(200)).body;
    today = dateIn('UTC');
  });
  afterAll(() => t.close());

  const post = (u: TestUser, path: string, body: object) => t.http().post(path).set(u.auth).send(body);
  const patch = (u: TestUser, path: string, body: object) => t.http().patch(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const person = async (u: TestUser, fullName: string, extra: object = {}) => (await post(u, '/people', { fullName, ...extra }).expect(201)).body as { id: string; fullName: string };
  const apply = async (u: TestUser = user, role = 'Research Engineer') =>
    (await post(u, '/applications', { organizationId: lab.id, teamId: lab.teams[0].id, role, builtInTemplate: 'research-engineer', source: 'referral' }).expect(201)).body as { id: string };
  const steps = (path: Step[]) => path.map((s) => [s.status, s.on, s.reached]);

  it('records a referral along its path, with the date of each step, and shows who and what it is for', async () => {
    const samuel = await person(user, 'Samuel Okafor');
    const priya = await person(user, 'Priya Raman', { role: 'Recruiter' });
    const application = await apply();

    const created = await post(user, '/referrals', { applicationId: application.id, referrerId: samuel.id, recruiterId: priya.id, on: day(-10), notes: ' Offered over coffee ' }).expect(201);
    expect(created.body).toMatchObject({
      status: 'discussed',
      statusDates: { discussed: day(-10) },
      referrer: { id: samuel.id, fullName: 'Samuel Okafor' },
      recruiter: { id: priya.id, fullName: 'Priya Raman' },
      application: { id: application.id, role: 'Research Engineer', status: 'active', organization: { id: lab.id, name: 'Frontier Lab' }, team: { name: 'Core' } },
      notes: 'Offered over coffee',
      allowedNext: ['offered', 'submitted', 'recruiter_contacted', 'acknowledged', 'declined'],
    });
    const id = created.body.id;

    await patch(user, `/referrals/${id}`, { status: 'offered', on: day(-8) }).expect(200);
    await patch(user, `/referrals/${id}`, { status: 'submitted', on: day(-5) }).expect(200);
    // A step may be skipped; the date defaults to today.
    const acknowledged = (await patch(user, `/referrals/${id}`, { status: 'acknowledged' }).expect(200)).body;
    expect(acknowledged.statusDates).toEqual({ discussed: day(-10), offered: day(-8), submitted: day(-5), acknowledged: today });
    expect(steps(acknowledged.path)).toEqual([
      ['discussed', day(-10), true],
      ['offered', day(-8), true],
      ['submitted', day(-5), true],
      ['recruiter_contacted', null, true],
      ['acknowledged', today, true],
    ]);
    expect(acknowledged.allowedNext).toEqual([]);
    expect((await get(user, `/referrals/${id}`).expect(200)).body).toEqual(acknowledged);

    // The application's page shows it.
    const detail = (await get(user, `/applications/${application.id}`).expect(200)).body;
    expect(detail.referrals).toEqual([acknowledged]);
  });

  it('refuses to go back along the path with 409 naming the allowed next statuses; dates stay in order', async () => {
    const referrer = await person(user, 'Back Tracker');
    const application = await apply();
    const { id } = (await post(user, '/referrals', { applicationId: application.id, referrerId: referrer.id, status: 'submitted', on: day(-3) }).expect(201)).body;

    const back = await patch(user, `/referrals/${id}`, { status: 'offered' }).expect(409);
    expect(back.body).toMatchObject({ statusCode: 409, code: 'referral.illegal-status', status: 'submitted', allowedStatuses: ['recruiter_contacted', 'acknowledged', 'declined'] });
    expect(back.body.message).toContain('allowed next: recruiter_contacted, acknowledged, declined');

    const early = await patch(user, `/referrals/${id}`, { status: 'recruiter_contacted', on: day(-4) }).expect(400);
    expect(early.body.details).toEqual([{ field: 'on', problem: `must not be before the date it was submitted (${day(-3)})` }]);
    const future = await patch(user, `/referrals/${id}`, { status: 'recruiter_contacted', on: day(2) }).expect(400);
    expect(future.body.details[0]).toMatchObject({ field: 'on', problem: expect.stringContaining('future') });
    const badStatus = await patch(user, `/referrals/${id}`, { status: 'maybe' }).expect(400);
    expect(badStatus.body.details[0].field).toBe('status');

    // The same status with a date corrects that date.
    const corrected = (await patch(user, `/referrals/${id}`, { status: 'submitted', on: day(-2) }).expect(200)).body;
    expect(corrected.statusDates).toEqual({ submitted: day(-2) });
    expect((await get(user, `/referrals/${id}`)).body.status).toBe('submitted');
  });

  it('may be declined from any status before acknowledged, and then goes nowhere', async () => {
    const application = await apply();
    const offered = await person(user, 'Declining Referrer');
    const r = (await post(user, '/referrals', { applicationId: application.id, referrerId: offered.id, status: 'offered', on: day(-6) }).expect(201)).body;
    const declined = (await patch(user, `/referrals/${r.id}`, { status: 'declined', on: day(-1), notes: 'Changed teams; no longer comfortable referring' }).expect(200)).body;
    expect(declined).toMatchObject({ status: 'declined', statusDates: { offered: day(-6), declined: day(-1) }, allowedNext: [] });
    expect(steps(declined.path)).toEqual([
      ['discussed', null, true],
      ['offered', day(-6), true],
      ['submitted', null, false],
      ['recruiter_contacted', null, false],
      ['acknowledged', null, false],
      ['declined', day(-1), true],
    ]);
    expect((await patch(user, `/referrals/${r.id}`, { status: 'submitted' }).expect(409)).body.allowedStatuses).toEqual([]);

    const done = await person(user, 'Done Referrer');
    const acked = (await post(user, '/referrals', { applicationId: application.id, referrerId: done.id, status: 'acknowledged' }).expect(201)).body;
    expect((await patch(user, `/referrals/${acked.id}`, { status: 'declined' }).expect(409)).body.code).toBe('referral.illegal-status');
  });

  it('answers 409 when the same person already referred that application, 404 for what is not yours', async () => {
    const application = await apply();
    const referrer = await person(user, 'Only Once');
    const first = (await post(user, '/referrals', { applicationId: application.id, referrerId: referrer.id }).expect(201)).body;
    const again = await post(user, '/referrals', { applicationId: application.id, referrerId: referrer.id, status: 'offered' }).expect(409);
    expect(again.body).toMatchObject({ code: 'referral.duplicate', referralId: first.id });
    expect(again.body.message).toContain('Only Once already referred you for this application');
    // The same person on another application is another referral.
    await post(user, '/referrals', { applicationId: (await apply()).id, referrerId: referrer.id }).expect(201);

    const stranger = await registerUser(t);
    const theirs = await person(stranger, 'Their Person');
    expect((await post(user, '/referrals', { applicationId: application.id, referrerId: theirs.id }).expect(404)).body.code).toBe('person.not-found');
    expect((await post(stranger, '/referrals', { applicationId: application.id, referrerId: theirs.id }).expect(404)).body.code).toBe('application.not-found');
    expect((await post(user, '/referrals', { applicationId: application.id, referrerId: referrer.id, recruiterId: theirs.id }).expect(404)).body.code).toBe('person.not-found');
    const missing = await post(user, '/referrals', { referrerId: referrer.id, on: '2026-02-30' }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['applicationId', 'on']);
  });

  it('suggests thanking the referrer once submitted: a follow-up tomorrow with the reason, cleared by getting in touch', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Thankful Lab' }).expect(201)).body;
    const application = (await post(u, '/applications', { organizationId: org.id, role: 'Research Engineer' }).expect(201)).body;
    const maya = await person(u, 'Maya Chen', { nextFollowUpAt: day(30) });
    const early = await person(u, 'Early Bird', { nextFollowUpAt: day(-3) });
    const tomorrow = day(1);
    const reason = (name: string) => `Thank ${name} for referring you to Thankful Lab`;

    const r = (await post(u, '/referrals', { applicationId: application.id, referrerId: maya.id, status: 'offered' }).expect(201)).body;
    expect((await get(u, `/people/${maya.id}`)).body).toMatchObject({ nextFollowUpAt: day(30), nextFollowUpReason: null });
    await patch(u, `/referrals/${r.id}`, { status: 'submitted' }).expect(200);
    expect((await get(u, `/people/${maya.id}`)).body).toMatchObject({ nextFollowUpAt: tomorrow, nextFollowUpReason: reason('Maya Chen') });

    // Created already submitted; an earlier follow-up is kept, with the reason.
    await post(u, '/referrals', { applicationId: application.id, referrerId: early.id, status: 'submitted' }).expect(201);
    const due = (await get(u, `/follow-ups/due?by=${tomorrow}`).expect(200)).body;
    expect(due.items.map((i: { person: { fullName: string; nextFollowUpReason: string }; nextFollowUpAt: string; reason: string }) => [i.person.fullName, i.nextFollowUpAt, i.reason, i.person.nextFollowUpReason])).toEqual([
      ['Early Bird', day(-3), reason('Early Bird'), reason('Early Bird')],
      ['Maya Chen', tomorrow, reason('Maya Chen'), reason('Maya Chen')],
    ]);

    // Moving further along does not suggest it again.
    await post(u, `/people/${maya.id}/interactions`, { type: 'message', occurredAt: new Date().toISOString(), summary: 'Thanked her for the referral' }).expect(201);
    expect((await get(u, `/people/${maya.id}`)).body).toMatchObject({ nextFollowUpAt: tomorrow, nextFollowUpReason: null });
    await patch(u, `/referrals/${r.id}`, { status: 'recruiter_contacted' }).expect(200);
    expect((await get(u, `/people/${maya.id}`)).body.nextFollowUpReason).toBeNull();

    // Marking the follow-up done clears it too.
    await post(u, `/people/${early.id}/follow-up/done`, {}).expect(200);
    expect((await get(u, `/people/${early.id}`)).body).toMatchObject({ nextFollowUpAt: null, nextFollowUpReason: null });
  });

  it("shows on a person what was asked of them (asks) and the referrals they offered or made; the list stays lean", async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Asking Lab' }).expect(201)).body;
    const application = (await post(u, '/applications', { organizationId: org.id, role: 'Research Scientist' }).expect(201)).body;
    const ada = await person(u, 'Ada Asked');
    const log = (body: object) => post(u, `/people/${ada.id}/interactions`, { type: 'message', summary: 'Chat', ...body }).expect(201);

    expect((await get(u, `/people/${ada.id}`)).body).toMatchObject({ asks: { count: 0, lastAskedAt: null }, referrals: [] });
    await log({ occurredAt: '2026-01-05T09:00:00Z', asked: ' An intro to the Core team lead ' });
    await log({ occurredAt: '2026-01-20T09:00:00Z', offered: 'My reproduction notes' });
    const asking = await log({ occurredAt: '2026-02-01T18:30:00Z', asked: 'Advice on the quiz' });
    expect(asking.body).toMatchObject({ asked: 'Advice on the quiz', offered: null });
    expect((await get(u, `/interactions/${asking.body.id}`)).body.asked).toBe('Advice on the quiz');

    const afterInteractions = (await get(u, `/people/${ada.id}`)).body;
    expect(afterInteractions.asks).toEqual({ count: 2, lastAskedAt: '2026-02-01T18:30:00.000Z' });

    const referral = (await post(u, '/referrals', { applicationId: application.id, referrerId: ada.id, status: 'discussed', on: day(-1) }).expect(201)).body;
    const detail = (await get(u, `/people/${ada.id}`)).body;
    expect(detail.asks.count).toBe(3);
    expect(detail.asks.lastAskedAt).toBe(`${day(-1)}T00:00:00.000Z`);
    expect(detail.referrals).toEqual([referral]);
    expect(detail.referrals[0]).toMatchObject({ application: { role: 'Research Scientist', organization: { name: 'Asking Lab' } }, status: 'discussed', statusDates: { discussed: day(-1) } });

    // An ask edited away no longer counts.
    await patch(u, `/interactions/${asking.body.id}`, { asked: null }).expect(200);
    expect((await get(u, `/people/${ada.id}`)).body.asks.count).toBe(2);

    const list = (await get(u, '/people').expect(200)).body;
    expect(list.items[0]).not.toHaveProperty('asks');
    expect(list.items[0]).not.toHaveProperty('referrals');
    expect(list.items[0]).toHaveProperty('nextFollowUpReason', null);
  });

  it('lists referrals by application, person (referrer or recruiter) and status, in stable pages; deletes', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Listing Lab' }).expect(201)).body;
    const a1 = (await post(u, '/applications', { organizationId: org.id, role: 'One' }).expect(201)).body;
    const a2 = (await post(u, '/applications', { organizationId: org.id, role: 'Two' }).expect(201)).body;
    const recruiter = await person(u, 'Rita Recruiter');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await person(u, `Referrer ${i}`);
      const body = { applicationId: i < 3 ? a1.id : a2.id, referrerId: p.id, recruiterId: i === 4 ? recruiter.id : null, status: i % 2 ? 'offered' : 'discussed' };
      ids.push((await post(u, '/referrals', body).expect(201)).body.id);
    }
    const list = async (q: string) => (await get(u, `/referrals${q}`).expect(200)).body;
    expect((await list('')).total).toBe(5);
    expect((await list(`?applicationId=${a1.id}`)).total).toBe(3);
    expect((await list(`?applicationId=${a2.id}&status=offered`)).items.map((r: { id: string }) => r.id)).toEqual([ids[3]]);
    expect((await list(`?personId=${recruiter.id}`)).items.map((r: { id: string }) => r.id)).toEqual([ids[4]]);
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) seen.push(...(await list(`?limit=2&offset=${offset}`)).items.map((r: { id: string }) => r.id));
    expect(seen.sort()).toEqual([...ids].sort());
    expect((await get(u, '/referrals?status=nope').expect(400)).body.details[0].field).toBe('status');

    await t.http().delete(`/referrals/${ids[0]}`).set(u.auth).expect(204);
    await get(u, `/referrals/${ids[0]}`).expect(404);
    expect((await get(u, `/applications/${a1.id}`)).body.referrals).toHaveLength(2);
    // Another user sees none of them.
    expect((await get(await registerUser(t), '/referrals')).body.total).toBe(0);
  });
  it('carries the referral and the recruiter over to a reroute unless told not to; both histories and the person show it', async () => {
    const u = await registerUser(t);
    const org = (await post(u, '/organizations', { name: 'Reroute Lab' }).expect(201)).body;
    const team = async (name: string) => (await post(u, `/organizations/${org.id}/teams`, { name }).expect(201)).body.id as string;
    const [core, applied, robotics] = [await team('Core'), await team('Applied'), await team('Robotics')];
    const samuel = await person(u, 'Samuel Referrer');
    const lapsed = await person(u, 'Lapsed Referrer');
    const rita = await person(u, 'Rita Recruiter');
    const app = (await post(u, '/applications', { organizationId: org.id, teamId: core, role: 'Research Engineer', builtInTemplate: 'research-engineer', source: 'referral', recruiterId: rita.id }).expect(201)).body;
    const referral = (await post(u, '/referrals', { applicationId: app.id, referrerId: samuel.id, recruiterId: rita.id, status: 'offered', on: day(-30), notes: 'Knows the hiring manager' }).expect(201)).body;
    await patch(u, `/referrals/${referral.id}`, { status: 'submitted', on: day(-28) }).expect(200);
    const declined = (await post(u, '/referrals', { applicationId: app.id, referrerId: lapsed.id, status: 'discussed', on: day(-29) }).expect(201)).body;
    await patch(u, `/referrals/${declined.id}`, { status: 'declined', on: day(-27) }).expect(200);
    const asksBefore = (await get(u, `/people/${samuel.id}`).expect(200)).body.asks;
    await post(u, `/applications/${app.id}/moves`, { move: 'fail' }).expect(200);

    // By default both come along: the Applied application shows Samuel's referral as it stood, and Rita.
    const rerouted = (await post(u, `/applications/${app.id}/reroute`, { teamId: applied }).expect(201)).body;
    expect(rerouted.recruiter).toMatchObject({ id: rita.id });
    expect(rerouted.referrals).toHaveLength(1);
    const carried = rerouted.referrals[0];
    expect(carried).toMatchObject({
      referrer: { id: samuel.id },
      recruiter: { id: rita.id },
      status: 'submitted',
      statusDates: { offered: day(-30), submitted: day(-28) },
      notes: 'Knows the hiring manager',
      application: { id: rerouted.id, team: { name: 'Applied' } },
      carriedFrom: { id: referral.id, application: { id: app.id, status: 'rejected', team: { name: 'Core' } } },
      carriedTo: [],
    });
    expect(carried.id).not.toBe(referral.id);
    // The referral it came from records where it went.
    const original = (await get(u, `/referrals/${referral.id}`).expect(200)).body;
    expect(original).toMatchObject({ application: { id: app.id }, carriedFrom: null, carriedTo: [{ id: carried.id, application: { id: rerouted.id, team: { name: 'Applied' } }, carriedAt: carried.createdAt }] });
    expect((await get(u, `/referrals?applicationId=${rerouted.id}`).expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([carried.id]);
    // Both reroute moves say what was carried.
    const reroutes = rerouted.history.filter((m: { move: string }) => m.move === 'reroute');
    expect(reroutes.map((m: { applicationId: string; carriedReferralIds: string[]; carriedRecruiter: boolean }) => [m.applicationId, m.carriedReferralIds, m.carriedRecruiter])).toEqual([
      [app.id, [referral.id], true],
      [rerouted.id, [carried.id], true],
    ]);
    // Samuel's page shows both, linked; carrying it over is not asking him again.
    const samuelPage = (await get(u, `/people/${samuel.id}`).expect(200)).body;
    expect(samuelPage.asks).toEqual(asksBefore);
    expect(samuelPage.referrals.map((r: { id: string }) => r.id).sort()).toEqual([referral.id, carried.id].sort());
    expect(samuelPage.referrals.find((r: { id: string }) => r.id === carried.id)).toEqual((await get(u, `/referrals/${carried.id}`).expect(200)).body);
    expect(samuelPage.referrals.find((r: { id: string }) => r.id === referral.id)).toEqual(original);

    // Told not to: the Robotics application starts with neither.
    const bare = (await post(u, `/applications/${app.id}/reroute`, { teamId: robotics, carryReferral: false, carryRecruiter: false }).expect(201)).body;
    expect(bare.recruiter).toBeNull();
    expect(bare.referrals).toEqual([]);
    expect(bare.history.filter((m: { move: string; applicationId: string }) => m.move === 'reroute' && m.applicationId === bare.id)).toEqual([expect.objectContaining({ carriedReferralIds: [], carriedRecruiter: false })]);
    expect((await post(u, `/applications/${app.id}/reroute`, { teamId: core, carryReferral: 'yes' }).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'carryReferral' })]);

    // Erasing the referrer takes their referrals, the carried one too: the history no longer lists it, the recruiter stays.
    await t.http().post(`/people/${samuel.id}/erase`).set(u.auth).expect(200);
    const after = (await get(u, `/applications/${rerouted.id}`).expect(200)).body;
    expect(after.referrals).toEqual([]);
    expect(after.history.filter((m: { move: string }) => m.move === 'reroute').map((m: { carriedReferralIds: string[]; carriedRecruiter: boolean }) => [m.carriedReferralIds, m.carriedRecruiter])).toEqual([
      [[], true],
      [[], true],
      [[], false],
      [[], false],
    ]);
  });
  it("dates asks by their own dates: a referral offered weeks ago and recorded today was last asked weeks ago, at midnight in the user's zone", async () => {
    const u = await registerUser(t);
    await patch(u, '/me', { timeZone: 'Asia/Tokyo' }).expect(200);
    const tokyoToday = dateIn('Asia/Tokyo');
    const on = (offset: number) => addDays(tokyoToday, offset);
    const midnightInTokyo = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 9 * 3_600_000).toISOString();
    const org = (await post(u, '/organizations', { name: 'Dated Lab' }).expect(201)).body;
    const app = (await post(u, '/applications', { organizationId: org.id, role: 'Research Engineer' }).expect(201)).body;
    const other = (await post(u, '/applications', { organizationId: org.id, role: 'Research Scientist' }).expect(201)).body;
    const ada = await person(u, 'Ada Dated');
    await post(u, `/people/${ada.id}/interactions`, { type: 'message', summary: 'Asked for advice', occurredAt: `${on(-90)}T09:00:00+09:00`, asked: 'Advice on the quiz' }).expect(201);

    // Offered (the first step recorded) 60 days ago, typed in today.
    await post(u, '/referrals', { applicationId: app.id, referrerId: ada.id, status: 'offered', on: on(-60) }).expect(201);
    expect((await get(u, `/people/${ada.id}`).expect(200)).body.asks).toEqual({ count: 2, lastAskedAt: midnightInTokyo(on(-60)) });
    // A referral discussed 75 days ago and submitted yesterday was asked 75 days ago: the latest ask stays 60 days ago.
    const later = (await post(u, '/referrals', { applicationId: other.id, referrerId: ada.id, status: 'discussed', on: on(-75) }).expect(201)).body;
    await patch(u, `/referrals/${later.id}`, { status: 'submitted', on: on(-1) }).expect(200);
    expect((await get(u, `/people/${ada.id}`).expect(200)).body.asks).toEqual({ count: 3, lastAskedAt: midnightInTokyo(on(-60)) });
    // Correcting the date of the first step moves the ask.
    const first = (await get(u, `/referrals?applicationId=${app.id}`).expect(200)).body.items[0];
    await patch(u, `/referrals/${first.id}`, { status: 'offered', on: on(-80) }).expect(200);
    expect((await get(u, `/people/${ada.id}`).expect(200)).body.asks).toEqual({ count: 3, lastAskedAt: midnightInTokyo(on(-75)) });
  });
});
