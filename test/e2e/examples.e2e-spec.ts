import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Summary = { id: string; role: string; status: string; team: { name: string } | null; currentStage: { name: string; status: string } | null; reroutedFromId: string | null };

describe('examples: the research-lab example in one call', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth).expect(200).then((r) => r.body);
  const load = (u: TestUser) => t.http().post('/examples/research-lab').set(u.auth);

  it('loads a lab, its people, its loop and three applications at different points into an empty account: a board-ready set', async () => {
    const u = await registerUser(t);
    const zone = 'Pacific/Auckland';
    await t.http().patch('/me').set(u.auth).send({ timeZone: zone }).expect(200);
    const today = dateIn(zone);

    const res = await load(u).expect(201);
    const summary = res.body;
    expect(summary).toMatchObject({ applications: 3, people: 8, interactions: 8, interviews: 8, upcomingInterviews: 1, referrals: 1, organizationId: expect.any(String), templateId: expect.any(String) });
    expect(summary.tasks).toBeGreaterThan(4);

    // The board: every application with its current stage.
    const list = await get(u, '/applications');
    expect(list.total).toBe(3);
    const byId = new Map<string, Summary>(list.items.map((a: Summary) => [a.id, a]));
    const { inQuiz, failedAtCoding, reroutedWithOffer } = summary.applicationIds;
    expect(byId.get(inQuiz)).toMatchObject({ role: 'Research Engineer', team: { name: 'Core' }, status: 'active', currentStage: { name: 'Quiz: maths, statistics, CS and ML', status: 'current' } });
    expect(byId.get(failedAtCoding)).toMatchObject({ team: { name: 'Core' }, status: 'rejected', currentStage: { name: 'Coding interview', status: 'failed' } });
    expect(byId.get(reroutedWithOffer)).toMatchObject({ team: { name: 'Applied' }, status: 'offer', currentStage: { name: 'People & culture', status: 'passed' }, reroutedFromId: failedAtCoding });

    // The application in the quiz stage: the lab's loop, its referral, and a history that reads in order.
    const quiz = await get(u, `/applications/${inQuiz}`);
    expect(quiz.stages.map((s: { status: string }) => s.status)).toEqual(['passed', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(quiz.templateId).toBe(summary.templateId);
    expect(quiz.referrals).toEqual([expect.objectContaining({ id: summary.referralId, status: 'submitted', referrer: expect.objectContaining({ fullName: 'Samuel Okafor' }), recruiter: expect.objectContaining({ fullName: 'Priya Raman' }) })]);
    expect(quiz.referrals[0].statusDates).toEqual({ discussed: addDays(today, -24), offered: addDays(today, -20), submitted: addDays(today, -12) });
    const failed = await get(u, `/applications/${failedAtCoding}`);
    expect(failed.reroutedTo).toEqual([expect.objectContaining({ id: reroutedWithOffer, team: expect.objectContaining({ name: 'Applied' }), status: 'offer' })]);
    expect(failed.history.map((m: { move: string }) => m.move)).toEqual(['apply', 'pass', 'advance', 'pass', 'advance', 'pass', 'advance', 'fail', 'reroute', 'reroute', 'pass', 'advance', 'pass', 'offer']);

    // The lab, its teams and its loop.
    const org = await get(u, `/organizations/${summary.organizationId}`);
    expect(org).toMatchObject({ name: 'Example Frontier Lab', tags: ['example', 'research-lab'] });
    expect(org.researchNotes).toContain('recruiter chat → quiz');
    expect(org.teams.map((x: { name: string }) => x.name)).toEqual(['Applied', 'Core']);
    const templates = await get(u, `/stage-templates?organizationId=${summary.organizationId}`);
    expect(templates.total).toBe(1);
    expect(templates.items.map((x: { stages: unknown[] }) => x.stages.length)).toEqual([7]);

    // The people, the referrer's thank-you, and what was asked of him.
    expect((await get(u, '/people?tag=example')).total).toBe(8);
    const due = await get(u, `/follow-ups/due?by=${addDays(today, 1)}`);
    const samuel = due.items.find((i: { person: { fullName: string } }) => i.person.fullName === 'Samuel Okafor');
    expect(samuel).toMatchObject({ nextFollowUpAt: addDays(today, 1), reason: 'Thank Samuel Okafor for referring you to Example Frontier Lab' });
    const samuelPage = await get(u, `/people/${samuel.person.id}`);
    expect(samuelPage.asks.count).toBe(2);
    expect(samuelPage.referrals.map((r: { id: string }) => r.id)).toEqual([summary.referralId]);

    // The upcoming interview: in three days at 15:00 where the user lives, with two interviewers; its prep is due the day before.
    const [upcoming] = await t.db.query(
      `SELECT i.id, i.starts_at, i.time_zone, array_agg(p.full_name ORDER BY p.full_name) AS interviewers FROM interviews i
         JOIN interview_interviewers ii ON ii.interview_id = i.id JOIN people p ON p.id = ii.person_id
        WHERE i.user_id = $1 AND i.starts_at > now() GROUP BY i.id`,
      [u.id],
    );
    expect(upcoming.time_zone).toBe(zone);
    expect(dateIn(zone, upcoming.starts_at)).toBe(addDays(today, 3));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(upcoming.starts_at)).toBe('15:00');
    expect(upcoming.interviewers).toEqual(['Lena Hoffmann', 'Tomás Ortega']);
    const prep = await t.db.query(
      `SELECT t.due_on::text AS due, t.done_at FROM tasks t JOIN application_stages s ON s.id = t.stage_id WHERE t.user_id = $1 AND s.id = $2`,
      [u.id, quiz.currentStage.id],
    );
    expect(prep.length).toBeGreaterThan(0);
    for (const task of prep) expect(task).toEqual({ due: addDays(today, 2), done_at: null });
    // Open means neither done nor settled with a closed application.
    const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM tasks WHERE user_id = $1 AND done_at IS NULL AND closed_at IS NULL AND stage_id IN (SELECT id FROM application_stages WHERE left_at IS NOT NULL)`, [u.id]);
    expect(open).toBe(0);
    // The failed coding stage's prep was settled with the rejected application, not done.
    const settled = await t.db.query(
      `SELECT t.closed_reason, s.name FROM tasks t JOIN application_stages s ON s.id = t.stage_id WHERE t.user_id = $1 AND t.done_at IS NULL AND t.closed_at IS NOT NULL`,
      [u.id],
    );
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.every((r: { closed_reason: string; name: string }) => r.closed_reason === 'rejected' && r.name === 'Coding interview')).toBe(true);
  });

  it('refuses a second load, and any account that already has applications, with 409 saying why; writes nothing', async () => {
    const u = await registerUser(t);
    await load(u).expect(201);
    const again = await load(u).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'example.account-not-empty', applications: 3 });
    expect(again.body.message).toContain('empty account');
    expect((await get(u, '/people')).total).toBe(8);

    const busy = await registerUser(t);
    const org = (await t.http().post('/organizations').set(busy.auth).send({ name: 'My Own Lab' }).expect(201)).body;
    await t.http().post('/applications').set(busy.auth).send({ organizationId: org.id, role: 'Research Engineer' }).expect(201);
    expect((await load(busy).expect(409)).body.message).toMatch(/no applications yet.*has 1 application\b/);
    expect((await get(busy, '/people')).total).toBe(0);
    expect((await get(busy, '/organizations')).total).toBe(1);
  });

  it('loads beside contacts that are not pipeline data, and needs a signed-in user', async () => {
    const u = await registerUser(t);
    await t.http().post('/people').set(u.auth).send({ fullName: 'Already Known' }).expect(201);
    await load(u).expect(201);
    expect((await get(u, '/people')).total).toBe(9);
    await t.http().post('/examples/research-lab').expect(401);
  });
});
