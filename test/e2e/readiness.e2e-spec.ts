import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { workAuthor as author, workRecord as record } from '../support/work-records';

/**
 * Readiness per interview: one figure with its parts (papers read, prep tasks, the stage's plan,
 * practice, mocks, stories), each with what it counts and a next step; parts that do not apply are
 * left out with why and the weights re-normalised. Doing the work raises the figure; Today reads
 * every upcoming interview's readiness at once.
 */
describe('readiness per interview', () => {
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  const DAY = 86_400_000;
  const thisYear = new Date().getUTCFullYear();
  const workIds: string[] = [];
  let ada: string;
  let org: string;
  let application: any;
  let teamLead: string;
  let coding: string;

  const get = (u: TestUser, url: string) => t.http().get(url).set(u.auth);
  const post = (u: TestUser, url: string, body: object = {}) => t.http().post(url).set(u.auth).send(body);
  const readiness = async (id: string): Promise<any> => (await get(user, `/interviews/${id}/readiness`).expect(200)).body;
  const part = (r: any, key: string) => r.parts.find((p: { key: string }) => p.key === key);
  const briefing = async (): Promise<any> => {
    const { id } = (await post(user, `/interviews/${teamLead}/briefings`).expect(202)).body;
    return waitFor(async () => {
      const b = (await get(user, `/briefings/${id}`).expect(200)).body;
      return b.status === 'ready' || b.status === 'failed' ? b : undefined;
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    user = await registerUser(t);
    stranger = await registerUser(t);
    const ingest = new WorksIngestService(new WorksRepository(t.db));
    for (const [i, title] of ['Readiness of World Models', 'Agents That Plan', 'A Benchmark of Rooms', 'Learning to Explore'].entries()) {
      workIds.push((await ingest.ingest([record({ source: 'openalex', sourceId: `RD-W${i}`, title, year: thisYear - i, doi: `10.5555/rd${i}`, citationCount: 100 - i * 10, authors: [author(1, 'Ada Lovelace', 'RD-A1')] })])).workIds[0]);
    }
    ada = (await post(user, '/people', { fullName: 'Ada Lovelace' }).expect(201)).body.id;
    await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, 'openalex', 'RD-A1', 'linked')`, [user.id, ada]);
    org = (await post(user, '/organizations', { name: 'Readiness Lab' }).expect(201)).body.id;
    application = (await post(user, '/applications', { organizationId: org, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    // Through the recruiter chat, both quizzes and the coding round to the team-lead interview: its prep tasks are created.
    for (let i = 0; i < 4; i++) await post(user, `/applications/${application.id}/moves`, { move: 'advance' }).expect(200);
    const stageOf = (type: string) => application.stages.find((s: { type: string }) => s.type === type).id as string;
    const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    coding = (await post(user, '/interviews', { stageId: stageOf('coding'), startsAt: at(5), timeZone: 'UTC', durationMinutes: 60, format: 'video' }).expect(201)).body.id;
    teamLead = (await post(user, '/interviews', { stageId: stageOf('team_lead'), startsAt: at(12), timeZone: 'UTC', durationMinutes: 45, format: 'video', interviewerIds: [ada] }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('starts low with every part shown, what it counts and a next step; parts that do not apply are left out and the weights re-normalised', async () => {
    const r = await readiness(teamLead);
    expect(r).toEqual(
      expect.objectContaining({
        interviewId: teamLead,
        stage: { id: expect.any(String), name: 'Team lead interview', type: 'team_lead' },
        application: { id: application.id, role: 'Research Engineer', organization: { id: org, name: 'Readiness Lab' } },
        figure: 0,
        renormalised: true,
      }),
    );
    expect(r.parts.map((p: { key: string }) => p.key)).toEqual(['reading', 'prep', 'practice', 'mocks', 'stories']);
    expect(r.leftOut).toEqual([{ key: 'plan', label: 'Study plan on track', weight: 20, reason: 'no study plan for this stage' }]);
    expect(r.explanation).toContain('left out: study plan on track (no study plan for this stage)');
    // The shares are the weights scaled over the parts that apply: 25 / 80 of the figure for reading.
    expect(part(r, 'reading')).toEqual({ key: 'reading', label: "Interviewers' papers read", value: 0, weight: 25, share: 31.3, done: 0, total: 4, counts: '0 of 4 papers read (goal 80%: 4)', nextStep: 'Read “Readiness of World Models”' });
    expect(r.parts.reduce((s: number, p: { share: number }) => s + p.share, 0)).toBeCloseTo(100, 0);
    expect(part(r, 'prep')).toEqual(expect.objectContaining({ done: 0, total: 3, counts: '0 of 3 prep tasks done', nextStep: "Read the team lead's most cited and first-author papers" }));
    expect(part(r, 'practice')).toEqual(expect.objectContaining({ value: 0, total: 0, nextStep: 'Add questions you expect in a team lead interview and drill them' }));
    expect(part(r, 'mocks')).toEqual(expect.objectContaining({ value: 0, done: 0, total: 2, counts: '0 of 2 mock team lead interviews done' }));
    expect(part(r, 'stories')).toEqual(expect.objectContaining({ value: 0, done: 0, total: 5, nextStep: 'Write a story showing conflict, failure, leadership, ambiguity, impact' }));

    // The briefing shows the same figure and parts, and keeps the totals for the next version.
    const first = await briefing();
    expect(first.status).toBe('ready');
    expect(first.content.readiness).toEqual(expect.objectContaining({ figure: 0, progress: { papersRead: 0, studyMinutes: 0, studySessions: 0, questionsDrilled: 0, mocks: 0, stories: 0 } }));
    const md = (await get(user, `/briefings/${first.id}/markdown`).expect(200)).text;
    expect(md).toContain('## Readiness: 0 of 100');
    expect(md).toContain("- **Interviewers' papers read: 0%** (31.3% of the figure) — 0 of 4 papers read (goal 80%: 4). Next: Read “Readiness of World Models”.");
    expect(md).toContain('left out: study plan on track (no study plan for this stage)');

    // A coding round asks for no stories: left out there, with the reason.
    const c = await readiness(coding);
    expect(c.leftOut.map((l: { key: string; reason: string }) => [l.key, l.reason])).toEqual(expect.arrayContaining([['stories', 'coding stages do not ask for behavioural stories']]));
  });

  it('rises as the user reads, does prep tasks, plans, drills, holds a mock and writes stories', async () => {
    const before = (await readiness(teamLead)).figure;
    for (const id of workIds.slice(0, 3)) await t.http().put(`/works/${id}/reading`).set(user.auth).send({ status: 'read' }).expect(200);
    const tasks = (await get(user, `/tasks?applicationId=${application.id}&stageId=${application.stages[4].id}`).expect(200)).body.items;
    await t.http().patch(`/tasks/${tasks.find((x: { title: string }) => x.title.startsWith('Prepare every project')).id}`).set(user.auth).send({ done: true }).expect(200);
    const question = (await post(user, '/questions', { text: 'Tell me about a disagreement with a lead', stageType: 'team_lead' }).expect(201)).body;
    await post(user, '/questions', { text: 'Why this lab?', organizationId: org }).expect(201);
    await post(user, `/questions/${question.id}/drills`, { rating: 'good' }).expect(201);
    const friend = (await post(user, '/people', { fullName: 'Priya Mock' }).expect(201)).body.id;
    await post(user, '/mock-interviews', { personId: friend, stageType: 'team_lead', organizationId: org, heldAt: new Date(Date.now() - DAY).toISOString() }).expect(201);
    await post(user, '/stories', { title: 'The migration we argued about', competencies: ['conflict', 'leadership'], stageTypes: ['team_lead'] }).expect(201);
    await post(user, '/stories', { title: 'A coding-only story', competencies: ['failure'], stageTypes: ['coding'] }).expect(201);
    const studyPlan = (await post(user, '/study-plans/from-starter', { applicationId: application.id, hoursPerWeek: 40 }).expect(201)).body;

    const r = await readiness(teamLead);
    expect(r.figure).toBeGreaterThan(before);
    expect(r.leftOut).toEqual([]);
    expect(r.renormalised).toBe(false);
    expect(r.explanation).toBe('Weighted over all 6 parts.');
    // 3 read of the 4 wanted (80% of 4).
    expect(part(r, 'reading')).toEqual(expect.objectContaining({ value: 75, done: 3, total: 4, share: 25, nextStep: 'Read “Learning to Explore”' }));
    expect(part(r, 'prep')).toEqual(expect.objectContaining({ done: 1, total: 3, value: 33 }));
    // The organization's question and the stage type's: one drilled and not due, one new and due.
    expect(part(r, 'practice')).toEqual(expect.objectContaining({ done: 1, total: 2, value: 50, counts: '1 of 2 questions practised and not due; 1 due now', nextStep: 'Drill the 1 question due' }));
    expect(part(r, 'mocks')).toEqual(expect.objectContaining({ done: 1, value: 50 }));
    // The coding-only story does not count for a team-lead round.
    expect(part(r, 'stories')).toEqual(expect.objectContaining({ done: 2, total: 5, value: 40, nextStep: 'Write a story showing failure, ambiguity, impact' }));
    const plan = { ...part(r, 'plan'), planResourceId: studyPlan.items.find((i: { stageId: string }) => i.stageId === application.stages[4].id).resource.id as string };
    expect(plan).toEqual(expect.objectContaining({ key: 'plan', weight: 20, share: 20 }));
    expect(plan.counts).toMatch(/^On track: the [\d.]+ h left fit before the interview$/);
    expect(plan.value).toBe(100);
    expect(plan.nextStep).toMatch(/^Study /);
    // The next briefing says how far the user came since the last one.
    const second = await briefing();
    expect(second.changes).toEqual(expect.arrayContaining([`Readiness: 0 → ${r.figure} of 100.`, 'Progress: 3 papers read, 1 question drilled, 1 mock interview, 2 stories added.']));
    const html = (await get(user, `/briefings/${second.id}/html`).expect(200)).text;
    expect(html).toContain(`<h2 id="readiness-${r.figure}-of-100">Readiness: ${r.figure} of 100</h2>`);
    await t.http().post(`/study-resources/${plan.planResourceId}/sessions`).set(user.auth).send({ amount: 10, minutes: 90 }).expect(201);
    const third = await briefing();
    expect(third.changes).toEqual(expect.arrayContaining(['Progress: 1.5 h of study logged (1 session).']));

    const weighted = Math.round(r.parts.reduce((s: number, p: { value: number; share: number }) => s + p.value * p.share, 0) / 100);
    expect(Math.abs(r.figure - weighted)).toBeLessThanOrEqual(1);
  });

  it("gives Today every upcoming interview's readiness, soonest first, only the user's", async () => {
    const today = (await get(user, '/readiness/upcoming').expect(200)).body;
    expect(today.days).toBe(14);
    expect(today.items.map((i: { interviewId: string }) => i.interviewId)).toEqual([coding, teamLead]);
    expect(today.items[1]).toEqual(await readiness(teamLead));
    expect((await get(user, '/readiness/upcoming?days=7').expect(200)).body.items.map((i: { interviewId: string }) => i.interviewId)).toEqual([coding]);
    expect((await get(stranger, '/readiness/upcoming').expect(200)).body.items).toEqual([]);
    await get(stranger, `/interviews/${teamLead}/readiness`).expect(404);
  });

  it('refuses bad input with the field named', async () => {
    const bad = await get(user, '/readiness/upcoming?days=0').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['days']);
    await get(user, '/interviews/not-a-uuid/readiness').expect(400);
  });
});
